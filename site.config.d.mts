export declare const SITE_URL: string;
export declare const REPOSITORY_URL: string;
export declare const DEFAULT_BRANCH: string;
