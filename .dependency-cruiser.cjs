// Les frontières du code, vérifiées par dependency-cruiser dans `npm test`
// (tests/domain/boundaries.test.ts) et à la main par `npm run frontieres`.
// Chaque `comment` est le message qu'on lit quand une règle est enfreinte.
// Les pièces de src/domain n'importent que vers le bas :
// contribution/ → rules/ → registry/ → schemas/ (voir src/domain/README.md).

/**
 * Un paquet npm, installé (node_modules/<nom>/…, où que soit node_modules) ou introuvable
 * (le nom tel qu'écrit dans l'import) : la règle vaut aussi avant `npm ci`.
 * @param {string} name expression régulière du nom du paquet
 */
function npmPackage(name) {
  return `(^|/)node_modules/${name}/|^${name}(/|$)`;
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'registre-vers-le-haut',
      severity: 'error',
      comment:
        "src/domain/registry/ lit le registre : il n'importe ni rules/ ni contribution/, qui sont au-dessus. " +
        'Ce qui demande les règles en vigueur se fait dans rules/ (voir src/domain/registry/README.md).',
      from: { path: '^src/domain/registry/' },
      to: { path: '^src/domain/(rules|contribution)/' },
    },
    {
      name: 'regles-vers-le-haut',
      severity: 'error',
      comment:
        "src/domain/rules/ juge le registre : il n'importe pas contribution/, qui est au-dessus. " +
        'Déplacez ce dont les deux ont besoin dans rules/ ou registry/ (voir src/domain/rules/README.md).',
      from: { path: '^src/domain/rules/' },
      to: { path: '^src/domain/contribution/' },
    },
    {
      name: 'domaine-vers-le-haut',
      severity: 'error',
      comment:
        "src/domain/ n'importe que src/domain/, schemas/ et des bibliothèques : ni le site (src/site, src/pages, " +
        'src/components…), ni la forge (src/forge), ni les commandes (scripts/), ni les tests, ni les réglages ' +
        'à la racine (site.config.mjs). Ce sont eux qui importent le domaine.',
      from: { path: '^src/domain/' },
      // [^/]+\.ext : un fichier à la racine du dépôt (un module du noyau, node:fs, n'a pas d'extension).
      to: { path: '^(src/(?!domain/)|scripts/|tests/|[^/]+\\.(m?js|cjs|m?ts|json)$)' },
    },
    {
      name: 'domaine-sans-astro',
      severity: 'error',
      comment:
        "src/domain/ n'importe pas Astro : le domaine est du TypeScript pur, que le validateur, les commandes " +
        'et le site partagent. Une page demande au domaine ses données, puis les met en forme.',
      from: { path: '^src/domain/' },
      to: { path: [npmPackage('astro'), npmPackage('@astrojs/[^/]+'), '^astro:'] },
    },
    {
      name: 'domaine-sans-reseau',
      severity: 'error',
      comment:
        "src/domain/ ne parle pas au réseau (node:http, node:https, undici…) : ce qui parle à la forge vit " +
        'dans src/forge/, au-dessus du domaine.',
      from: { path: '^src/domain/' },
      to: { path: ['^(node:)?(http|https|http2|net|tls|dgram)$', npmPackage('undici'), npmPackage('node-fetch')] },
    },
    {
      name: 'domaine-sans-octokit',
      severity: 'error',
      comment:
        "src/domain/ n'importe pas Octokit (@octokit/…) : ce qui parle à GitHub vit dans src/forge/, " +
        'une couche mince au-dessus du domaine.',
      from: { path: '^src/domain/' },
      to: { path: npmPackage('@octokit/[^/]+') },
    },
    {
      name: 'schemas-sans-src',
      severity: 'error',
      comment:
        "schemas/ ne dit que la forme de chaque fichier : il n'importe rien de src/ ni de scripts/. " +
        'Le sens (règles, contrôles entre fichiers) vit dans src/domain/.',
      from: { path: '^schemas/' },
      to: { path: '^(src|scripts)/' },
    },
    {
      name: 'src-sans-scripts',
      severity: 'error',
      comment:
        "src/ n'importe pas scripts/ : les commandes sont minces et se posent au-dessus de src/. " +
        'Déplacez ce qui est partagé dans src/domain/, src/site/ ou src/forge/.',
      from: { path: '^src/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'pas-de-cercle',
      severity: 'error',
      comment:
        "Deux modules ne doivent pas dépendre l'un de l'autre, même par détour : un cercle empêche de " +
        'comprendre une pièce sans les autres. Sortez la partie commune dans un module plus bas.',
      from: { path: '^(src|schemas|scripts)/' },
      to: { circular: true },
    },
  ],
  // Les imports écrits avec leur extension .ts (allowImportingTsExtensions) désignent le
  // fichier lui-même : pas besoin de tsconfig.json pour les résoudre. Les fichiers .astro
  // ne sont pas lus (dependency-cruiser ne les analyse pas) : les règles portent sur le .ts.
  options: {
    doNotFollow: { path: 'node_modules' },
    // Les imports de types comptent aussi : une pièce qui emprunte un type à celle du
    // dessus en dépend autant que d'une fonction.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
