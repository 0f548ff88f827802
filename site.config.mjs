// The one place to change where the site and its repository live.
export const SITE_URL = 'https://communs-reciprocite.example.org';
/** The forge repository: "Déclarer ma réciprocité" links open its new-file page. */
export const REPOSITORY_URL = 'https://github.com/compagnie-tiers-lieux/communs-reciprocite';
export const DEFAULT_BRANCH = 'main';
