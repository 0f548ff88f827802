// What every page of the built sample site carries around its content: the footer's
// legal, privacy, accessibility, source and contact links, the social preview card,
// robots.txt, the sitemap with its lastmod dates, the feeds' channel, the 404 page.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { PUBLISHER, REPOSITORY_URL, SITE_URL } from '../../site.config.mjs';
import { ruleHref } from '../../src/site/rule-link.ts';
import { absoluteUrl, href, routeOf } from '../../src/site/url.ts';
import { git, ROOT, SAMPLE_DIR, walk } from '../helpers.ts';

let site: string;
let pages: string[];
beforeAll(() => {
  site = inject('siteDir');
  pages = walk(site).filter((f) => f.endsWith('.html') && !f.includes('/pagefind/'));
});

const read = (path: string) => readFileSync(join(site, path), 'utf8');
/** The built file a site address is served from. */
const fileOf = (url: string) => {
  const path = routeOf(new URL(url, SITE_URL).pathname);
  return join(site, path.endsWith('/') ? `${path}index.html` : path);
};
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

describe('pied de page', () => {
  test('chaque page mène aux mentions légales, aux données personnelles, à l’accessibilité, au code, au contact et à l’anglais', () => {
    expect(pages.length).toBeGreaterThan(40);
    for (const file of pages) {
      const footer = readFileSync(file, 'utf8').split('<footer')[1] ?? '';
      const where = relative(site, file);
      expect(footer, where).toContain(`href="${href('/mentions-legales/')}"`);
      expect(footer, where).toContain(`href="${href('/donnees-personnelles/')}"`);
      expect(footer, where).toMatch(new RegExp(`href="${href('/accessibilite/')}">Accessibilité\\s: (non|partiellement|totalement) conforme<`));
      expect(footer, where).toContain(`href="${REPOSITORY_URL}"`);
      expect(footer, where).toContain(`href="mailto:${PUBLISHER.contact}"`);
      expect(footer, where).toContain(`href="${href('/en/')}"`);
    }
    for (const path of ['/mentions-legales/', '/donnees-personnelles/', '/accessibilite/', '/en/']) expect(existsSync(fileOf(path)), path).toBe(true);
  });

  test('la page des données personnelles dit comment demander une correction', () => {
    const html = read('donnees-personnelles/index.html');
    expect(html).toContain('id="corriger"');
    expect(html).toContain(`mailto:${PUBLISHER.contact}`);
    expect(html).toContain(`href="${href('/contribuer/')}"`);
  });

  test('la déclaration d’accessibilité suit le modèle du RGAA', () => {
    const html = read('accessibilite/index.html');
    const headings = [...html.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['État de conformité', 'Résultats des tests', 'Contenus non accessibles', 'Établissement de cette déclaration', "Retour d'information et contact", 'Voies de recours']);
    // Dates and high punctuation are set with no-break spaces (src/site/typography.ts).
    expect(html).toMatch(/article 47 de la loi n° 2005-102 du 11\sfévrier\s2005/);
    expect(html).toContain('Défenseur des droits');
  });
});

describe('aperçu et titre', () => {
  test('la page d’accueil a un titre qui dit ce qu’est le site', () => {
    const title = read('index.html').match(/<title>([^<]+)<\/title>/)![1];
    expect(title).toMatch(/^Communs &amp; Réciprocité\s: qui rend quoi aux communs des tiers-lieux/);
  });

  test('chaque page a une carte d’aperçu de 1200 × 630 qui existe', () => {
    for (const file of pages) {
      const image = readFileSync(file, 'utf8').match(/<meta property="og:image" content="([^"]+)"/)?.[1];
      expect(image, relative(site, file)).toBe(absoluteUrl('/images/carte.png'));
    }
    const png = readFileSync(fileOf('/images/carte.png'));
    // PNG header, then the IHDR chunk: width and height as 32-bit big-endian integers.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });
});

describe('robots.txt et plan du site', () => {
  test('robots.txt donne l’adresse du plan du site', () => {
    expect(read('robots.txt')).toMatch(new RegExp(`^Sitemap: ${absoluteUrl('/sitemap.xml')}$`, 'm'));
  });

  test('le plan liste chaque page construite, avec sa date de dernière modification', () => {
    const urls: Array<{ loc: string; lastmod?: string }> = xml.parse(read('sitemap.xml')).urlset.url;
    for (const u of urls) {
      expect(existsSync(fileOf(u.loc)), u.loc).toBe(true);
      expect(u.lastmod, u.loc).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const listed = new Set(urls.map((u) => fileOf(u.loc)));
    expect(pages.filter((f) => !listed.has(f)).map((f) => relative(site, f))).toEqual(['404.html']);
  });

  test('la date d’une fiche est celle du dernier commit de son fichier ou de ses déclarations', () => {
    const urls: Array<{ loc: string; lastmod: string }> = xml.parse(read('sitemap.xml')).urlset.url;
    const id = 'la-sucrerie-partagee';
    const expected = git(ROOT, 'log', '-1', '--format=%ad', '--date=short', '--', `${SAMPLE_DIR}/prestataires/${id}.md`, `${SAMPLE_DIR}/declarations/${id}`).trim();
    expect(urls.find((u) => u.loc === absoluteUrl(`/prestataires/${id}/`))!.lastmod).toBe(expected);
  });
});

describe('flux RSS', () => {
  test.each(['appels', 'declarations'])('%s.xml donne lastBuildDate et son adresse (atom:link rel=self)', (name) => {
    const channel = xml.parse(read(`flux/${name}.xml`)).rss.channel;
    // The sample site is built for 2026-11-29 (tests/global-setup.ts).
    expect(channel.lastBuildDate).toBe('Sun, 29 Nov 2026 00:00:00 GMT');
    expect(channel['atom:link']).toMatchObject({ '@href': absoluteUrl(`/flux/${name}.xml`), '@rel': 'self', '@type': 'application/rss+xml' });
  });
});

describe('page introuvable', () => {
  test('404.html est en français, non indexée, avec un formulaire de recherche', () => {
    const html = read('404.html');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Page introuvable</h1>');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toMatch(new RegExp(`<form[^>]+action="${href('/recherche/')}"[^>]+method="get"`));
  });
});

describe('appels ouverts', () => {
  // content/regles/2024-04-01.yaml: adhesion.tarif_appels = acteur_economique.
  const rule = '2024-04-01#adhesion';

  test('un appel dit qui peut répondre et comment, depuis son fichier', () => {
    // content/missions/diagnostic-foncier-portes-du-therain-2027.md: reponse.email and consignes.
    const html = read('missions/diagnostic-foncier-portes-du-therain-2027/index.html');
    expect(html).toContain("Répondre à l'appel");
    expect(html).toMatch(/tarif\s+«\sacteur économique\s» est à jour/);
    expect(html).toContain(`href="${ruleHref(rule)}"`);
    expect(html).toContain(`href="mailto:appels@communs-reciprocite.example.org?subject=${encodeURIComponent("Réponse à l'appel : Diagnostic foncier et immobilier pour les tiers-lieux des Portes du Thérain")}"`);
    expect(html).toContain('deux références de missions proches');
    expect(html).toMatch(/avant le 18\sdécembre\s2026/);
  });

  test('sans consigne dans le fichier, l’appel renvoie au contact de l’association', () => {
    const html = read('missions/animation-reseau-cafes-de-pays-2027/index.html');
    expect(html).toContain(`href="mailto:${PUBLISHER.contact}?subject=`);
  });

  test('la page des appels donne la réponse de chaque appel', () => {
    const html = read('appels/index.html');
    const cards = html.split('<li class="card">').length - 1;
    expect(cards).toBeGreaterThan(0);
    expect(html.split("Répondre à l'appel").length - 1).toBe(cards);
  });
});
