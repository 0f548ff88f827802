// Every internal address of the built site resolves to a file of dist/, under a
// project-pages base path (https://org.github.io/repo/, the default: the sample site
// of tests/global-setup.ts) and at a domain root (built here with SITE_URL):
// links, assets, forms, the search index and its records, feeds, the sitemap, the
// exports and the badge code.
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { BASE_PATH, SITE_URL } from '../../site.config.mjs';
import { npmRun, SAMPLE_DATE, SAMPLE_DIR, siteTempDir, walk } from '../helpers.ts';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['parentNode'] | DefaultTreeAdapterMap['childNode'];

const LINK_ATTRIBUTES = new Set(['href', 'src', 'action', 'data-index', 'poster']);

interface Link {
  /** The file of dist/ the address was found in. */
  from: string;
  url: string;
}

function elements(node: Node, found: Element[] = []): Element[] {
  if ('tagName' in node) found.push(node);
  if ('childNodes' in node) for (const child of node.childNodes) elements(child as Node, found);
  if ('content' in node && node.content) elements(node.content as Node, found);
  return found;
}

/** Every address written in the site: HTML attributes, and full URLs in any text file. */
function linksOf(dist: string, siteUrl: string): Link[] {
  const origin = new URL(siteUrl).origin;
  const absolute = new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s"'<>\\\\),;]*`, 'g');
  const links: Link[] = [];
  for (const file of walk(dist)) {
    const from = relative(dist, file);
    if (/\.(html|xml|json|csv|txt)$/.test(file)) {
      const text = readFileSync(file, 'utf8');
      // Entities undone first: the badge code is shown as text (&lt;a href=&quot;…&quot;&gt;).
      const decoded = text.replace(/&(quot|#34|lt|gt|#39|apos);/g, ' ').replace(/&amp;/g, '&');
      for (const match of decoded.matchAll(absolute)) links.push({ from, url: match[0] });
      if (file.endsWith('.html')) {
        const page = new URL(from.replace(/(^|\/)index\.html$/, '$1'), siteUrl);
        for (const element of elements(parse(text) as unknown as Node)) {
          for (const attribute of element.attrs) {
            if (!LINK_ATTRIBUTES.has(attribute.name)) continue;
            const url = new URL(attribute.value, page);
            if (url.origin === origin) links.push({ from, url: url.href });
          }
        }
      }
    }
    // Pagefind's records (gzip, "pagefind_dcd" then JSON): the search results' links.
    if (file.endsWith('.pf_fragment')) {
      const record = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string };
      links.push({ from, url: new URL(record.url, siteUrl).href });
    }
  }
  return links;
}

/** The addresses that do not lead to a file of dist/, as "from → url". */
function brokenLinks(dist: string, siteUrl: string): { checked: number; broken: string[] } {
  const links = linksOf(dist, siteUrl);
  const broken = links.filter(({ url }) => {
    const { href } = new URL(url);
    const address = href.split(/[?#]/)[0];
    if (!address.startsWith(siteUrl) && `${address}/` !== siteUrl) return true;
    const path = decodeURIComponent(address.slice(siteUrl.length));
    const file = join(dist, path);
    return !(existsSync(file) && (statSync(file).isFile() || existsSync(join(file, 'index.html'))));
  });
  return { checked: links.length, broken: [...new Set(broken.map(({ from, url }) => `${from} → ${url}`))] };
}

describe('sous un chemin de base (pages de projet, https://org.github.io/depot/)', () => {
  const dist = inject('siteDir');

  test('la configuration par défaut publie sous le chemin du dépôt', () => {
    expect(SITE_URL).toBe('https://compagnie-tiers-lieux.github.io/communs-reciprocite/');
    expect(BASE_PATH).toBe('/communs-reciprocite/');
  });

  test('chaque adresse interne mène à un fichier de dist/', () => {
    const { checked, broken } = brokenLinks(dist, SITE_URL);
    expect(broken).toEqual([]);
    // 1,714 addresses on the sample site (each page's layout alone has 14): not a vacuous pass.
    expect(checked).toBeGreaterThan(1500);
  });

  test('les liens, l’index de recherche, les flux, le plan du site et le badge portent le chemin de base', () => {
    const sucrerie = readFileSync(join(dist, 'prestataires/la-sucrerie-partagee/index.html'), 'utf8');
    expect(sucrerie).toContain('href="/communs-reciprocite/prestataires/"');
    expect(sucrerie).toContain('src="/communs-reciprocite/badges/la-sucrerie-partagee.svg"');
    expect(sucrerie).toContain('https://compagnie-tiers-lieux.github.io/communs-reciprocite/badges/la-sucrerie-partagee.svg');
    const search = readFileSync(join(dist, 'recherche/index.html'), 'utf8');
    expect(search).toContain('data-index="/communs-reciprocite/pagefind/pagefind.js"');
    expect(readFileSync(join(dist, 'sitemap.xml'), 'utf8')).toContain('<loc>https://compagnie-tiers-lieux.github.io/communs-reciprocite/communs/movilab/</loc>');
    expect(readFileSync(join(dist, 'flux/appels.xml'), 'utf8')).toContain('<link>https://compagnie-tiers-lieux.github.io/communs-reciprocite/missions/');
    expect(readFileSync(join(dist, 'donnees/prestataires.csv'), 'utf8')).toContain('https://compagnie-tiers-lieux.github.io/communs-reciprocite/prestataires/la-sucrerie-partagee/');
  });

  test('un lien écrit sans le chemin de base est signalé', () => {
    // The check itself can fail: a page with a hand-written "/missions/" link.
    const copy = siteTempDir('liens-casses-');
    try {
      cpSync(join(dist, 'appels'), join(copy, 'appels'), { recursive: true });
      cpSync(join(dist, 'missions'), join(copy, 'missions'), { recursive: true });
      const file = join(copy, 'appels/index.html');
      writeFileSync(file, readFileSync(file, 'utf8').replace('</main>', '<a href="/missions/">oubli</a></main>'));
      const { broken } = brokenLinks(copy, SITE_URL);
      expect(broken).toContain('appels/index.html → https://compagnie-tiers-lieux.github.io/missions/');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('à la racine d’un domaine (SITE_URL=https://registre.example.org/)', () => {
  const site = 'https://registre.example.org/';
  let dist: string;

  beforeAll(() => {
    dist = siteTempDir('racine-');
    const result = npmRun('build', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE, '--out', dist], { env: { SITE_URL: site } });
    expect(result.status, result.stderr).toBe(0);
  }, 300_000);

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  test('chaque adresse interne mène à un fichier de dist/, sans chemin de base', () => {
    const { checked, broken } = brokenLinks(dist, site);
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1500);
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toContain('href="/prestataires/"');
    expect(home).not.toContain('communs-reciprocite/prestataires');
  });
});
