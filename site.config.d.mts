export declare const SITE_URL: string;
export declare const REPOSITORY_URL: string;
export declare const DEFAULT_BRANCH: string;
export declare const PUBLISHER: { nom: string; forme: string; adresse: string; directeur_publication: string; contact: string };
export declare const HOST: { nom: string; adresse: string };
