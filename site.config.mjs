// Where the site and its repository live: the one place to read or change it.
//
// By default everything is derived from the forge: on GitHub Actions, GITHUB_REPOSITORY
// names the repository and the deploy workflow passes the Pages URL (PAGES_URL, from
// actions/configure-pages, which knows a custom domain set in the Pages settings). Outside
// the forge, the repository below is assumed and its project-pages URL is used, so that a
// local build has the same base path as the published site.

/**
 * Who publishes the registry: the legal notice, the privacy notice, the footer, the
 * /declarer/ form's e-mail; and, when they are not to be derived from the forge, the
 * site's public address (adresse_site, e.g. a custom domain 'https://communs.tiers-lieux.fr/')
 * and the repository (depot, owner/name). The sample's values are placeholders:
 * `npm run pret` names each one left, and the publication workflow does not deploy while
 * one remains. `npm run demarrer` writes this block: keep it JSON between the two markers.
 */
// ASSOCIATION-DEBUT
const ASSOCIATION = {
  "nom": "La Compagnie des Tiers-Lieux",
  "forme": "association loi 1901",
  "adresse": "adresse du siège à indiquer avant la mise en ligne",
  "directeur_publication": "la présidence de l’association",
  "contact": "contact@communs-reciprocite.example.org",
  "courriel_declarations": "",
  "hebergeur": {
    "nom": "hébergeur à indiquer avant la mise en ligne",
    "adresse": "adresse de l’hébergeur"
  },
  "adresse_site": "",
  "depot": ""
};
// ASSOCIATION-FIN

/** The repository assumed outside the forge (local clones, tests). */
const DEFAULT_REPOSITORY = 'compagnie-tiers-lieux/communs-reciprocite';

export const DEFAULT_BRANCH = 'main';

/**
 * The project-pages address GitHub gives a repository: https://owner.github.io/name/,
 * or the domain root for the repository named owner.github.io.
 * @param {string} repository owner/name
 */
export function pagesUrl(repository) {
  const [owner, name] = repository.toLowerCase().split('/');
  return name === `${owner}.github.io` ? `https://${owner}.github.io/` : `https://${owner}.github.io/${name}/`;
}

/** @param {string} url */
const withSlash = (url) => (url.endsWith('/') ? url : `${url}/`);
const env = typeof process === 'undefined' ? {} : process.env;

/** owner/name of the forge repository: on the forge, the one the workflow runs in; elsewhere, depot above. */
export const REPOSITORY = env.GITHUB_REPOSITORY || ASSOCIATION.depot || DEFAULT_REPOSITORY;
/** Web address of the repository ("Déclarer ma réciprocité" opens its new-file page). */
export const REPOSITORY_URL = `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${REPOSITORY}`;
/** The forge's REST API (GitHub Enterprise sets GITHUB_API_URL on its runners). */
export const FORGE_API_URL = env.GITHUB_API_URL || 'https://api.github.com';
/**
 * The public address of the site, always ending with "/". SITE_URL in the environment
 * wins (a one-off build, the tests), then adresse_site above, then the Pages URL the
 * forge reports, then the project-pages URL of the repository.
 */
export const SITE_URL = withSlash(env.SITE_URL || ASSOCIATION.adresse_site || env.PAGES_URL || pagesUrl(REPOSITORY));
/** The path the site is served under: "/" at a domain root, "/name/" on project pages. */
export const BASE_PATH = new URL(SITE_URL).pathname;
/** The maintainers' address: the /declarer/ form offers to send the file there; empty until the association sets it (the form then says so). */
export const MAINTAINERS_EMAIL = ASSOCIATION.courriel_declarations;
/** Who publishes the site, for the legal notice, the privacy notice and the footer. */
export const PUBLISHER = {
  nom: ASSOCIATION.nom,
  forme: ASSOCIATION.forme,
  adresse: ASSOCIATION.adresse,
  directeur_publication: ASSOCIATION.directeur_publication,
  contact: ASSOCIATION.contact,
};
/** Where the static site is hosted (mentions légales). */
export const HOST = { nom: ASSOCIATION.hebergeur.nom, adresse: ASSOCIATION.hebergeur.adresse };
