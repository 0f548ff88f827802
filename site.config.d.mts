export declare const DEFAULT_BRANCH: string;
export declare function pagesUrl(repository: string): string;
export declare const REPOSITORY: string;
export declare const REPOSITORY_URL: string;
export declare const FORGE_API_URL: string;
export declare const SITE_URL: string;
export declare const BASE_PATH: string;
export declare const PUBLISHER: { nom: string; forme: string; adresse: string; directeur_publication: string; contact: string };
export declare const HOST: { nom: string; adresse: string };
