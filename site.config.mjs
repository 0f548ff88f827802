// The one place to change where the site and its repository live.
export const SITE_URL = 'https://communs-reciprocite.example.org';
/** The forge repository: "Déclarer ma réciprocité" links open its new-file page. */
export const REPOSITORY_URL = 'https://github.com/compagnie-tiers-lieux/communs-reciprocite';
export const DEFAULT_BRANCH = 'main';
/**
 * Who publishes the site, for the legal notice, the privacy notice and the footer.
 * Example values: the association fills them in before going live.
 */
export const PUBLISHER = {
  nom: 'La Compagnie des Tiers-Lieux',
  forme: 'association loi 1901',
  adresse: 'adresse du siège à indiquer avant la mise en ligne',
  directeur_publication: 'la présidence de l’association',
  contact: 'contact@communs-reciprocite.example.org',
};
/** Where the static site is hosted (mentions légales). */
export const HOST = {
  nom: 'hébergeur à indiquer avant la mise en ligne',
  adresse: 'adresse de l’hébergeur',
};
