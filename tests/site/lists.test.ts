// The home page and the lists of the built sample site (content/ on 2026-11-29,
// tests/global-setup.ts): the home opens with who plays the game, each count links to
// the filtered list that has exactly that many rows, the late are named; the filtered
// and sorted pages exist without JavaScript, in the right order, with expected and
// declared side by side. The figures are worked out in tests/domain/lists.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { BASE_PATH } from '../../site.config.mjs';

const site = () => inject('siteDir');
const html = (path: string) => readFileSync(join(site(), path, 'index.html'), 'utf8');
const text = (fragment: string) => fragment.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
/** A site address (/communs-reciprocite/prestataires/) → its path in the build (prestataires/). */
const pathOf = (href: string) => href.slice(BASE_PATH.length);
/** The rows of a page's list table: the link of each row's heading cell, in order. */
const rowLinks = (page: string) => [...html(page).matchAll(/<th scope="row"><a href="([^"]+)"/g)].map((m) => pathOf(m[1]));

describe('la page d’accueil commence par « Qui joue le jeu »', () => {
  test('le premier titre après le chapeau est celui de la situation des prestataires, avec sa date', () => {
    const home = html('');
    const afterLead = home.slice(home.indexOf('class="lead"'));
    const firstH2 = afterLead.match(/<h2[^>]*>([\s\S]*?)<\/h2>/)![1];
    expect(text(firstH2)).toBe('Qui joue le jeu, au 29 novembre 2026');
    // Then the money and the time given, before the rest.
    const h2s = [...afterLead.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) => text(m[1]));
    expect(h2s[1]).toBe('Ce qui est rendu aux communs, au 29 novembre 2026');
    const standings = afterLead.slice(0, afterLead.indexOf(h2s[1]));
    // Each judged figure says its rule.
    for (const rule of ['delais', 'adhesion', 'cercle']) expect(standings).toContain(`${BASE_PATH}regles/#2024-04-01-${rule}`);
  });

  test('chaque nombre mène à la liste filtrée, qui a exactement ce nombre de lignes', () => {
    const list = html('').match(/<ul class="standings">([\s\S]*?)<\/ul>/)![1];
    const counts = [...list.matchAll(/<a href="([^"]+)"><span class="standing-count">(\d+)<\/span> ([^<]+)<\/a>/g)].map((m) => ({ path: pathOf(m[1]), count: Number(m[2]), label: m[3] }));
    // One verdict per provider: the counts add up to the 13 providers of the sample.
    // The labels are set in French typography (a narrow no-break space before « : »).
    expect(counts.map((c) => `${c.count} ${c.label}`)).toEqual([
      '7 déclarations à jour',
      '0 adhésion échue, sans mission en cours',
      '1 déclaration à faire',
      '0 adhésion à prendre ou à renouveler',
      '1 déclaration en retard',
      '2 hors du cercle\u202f: adhésion manquante',
      '1 hors du cercle\u202f: déclaration manquante',
      '1 rien à déclarer pour l’instant',
    ]);
    expect(counts.reduce((sum, c) => sum + c.count, 0)).toBe(13);
    for (const c of counts) {
      expect(c.path).toMatch(/^prestataires\/situation\/[a-z-]+\/$/);
      expect(rowLinks(c.path), c.path).toHaveLength(c.count);
    }
    expect(rowLinks('prestataires/situation/defaillant/')).toEqual(['prestataires/cabinet-trame-et-usages/']);
    // Under the rules of 2024-04-01, a membership not renewed for 90 days puts out of the circle.
    expect(rowLinks('prestataires/situation/hors-du-cercle-adhesion/')).toEqual(['prestataires/karim-haddou/', 'prestataires/la-sucrerie-partagee/']);
  });

  test('les retardataires sont nommés, avec un lien vers leur fiche et leur raison', () => {
    const late = text(html('').match(/<ul class="late">([\s\S]*?)<\/ul>/)![1]);
    expect(late).toContain('Cabinet Trame et Usages — Défaillant pour « Occupation transitoire de la friche de la tuilerie »');
    expect(late).toContain('Agathe Morel — Déclaration en retard pour « Démarche BCUS pour le local commun de la résidence Les Tilleuls »');
    // Karim Haddou and La Sucrerie Partagée declared everything: they are named for their
    // membership not renewed (the rules of 2024-04-01), never as late or défaillant.
    expect(late).toContain('Karim Haddou — Hors du cercle : adhésion non renouvelée depuis le 1er janvier 2026');
    expect(late).toContain('La Sucrerie Partagée — Hors du cercle : adhésion non renouvelée depuis le 1er janvier 2025');
    expect(late).not.toMatch(/Karim Haddou — (Défaillant|Déclaration en retard)/);
    // The status is said once, not « défaillant : Défaillant pour … ».
    expect(late).not.toMatch(/défaillant : Défaillant|en retard : Déclaration en retard/);
    for (const id of ['cabinet-trame-et-usages', 'agathe-morel']) expect(html('')).toContain(`href="${BASE_PATH}prestataires/${id}/"`);
  });
});

describe('les listes filtrées et triées, sans JavaScript', () => {
  test('les prestataires par manque : le plus grand d’abord (112,42, 49,24, 48,63 € ; rien ne manque avant l’échéance)', () => {
    expect(rowLinks('prestataires/tri/manque/').slice(0, 3)).toEqual([
      'prestataires/cabinet-trame-et-usages/',
      'prestataires/agathe-morel/',
      'prestataires/karim-haddou/',
    ]);
  });

  test('les missions par budget : le plus gros d’abord', () => {
    const budgets = [...html('missions/tri/budget/').matchAll(/<td data-label="Budget" class="num"[^>]*>([^<]+)<\/td>/g)].map((m) => Number(m[1].replace(/[^\d,]/g, '').replace(',', '.')));
    expect(budgets).toHaveLength(20);
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
  });

  test('les missions d’un statut : les 9 terminées', () => {
    const page = html('missions/statut/terminee/');
    expect(rowLinks('missions/statut/terminee/')).toHaveLength(9);
    expect([...page.matchAll(/<td data-label="Statut">([^<]+)<\/td>/g)].every((m) => m[1] === 'Terminée')).toBe(true);
  });

  test('au-dessus de chaque liste, les liens vers ses filtres et ses tris, celui affiché marqué', () => {
    for (const [page, current] of [['prestataires/', 'tous'], ['prestataires/situation/en-retard/', 'déclaration en retard'], ['prestataires/tri/taux/', 'taux de déclaration'], ['missions/tri/date/', 'date'], ['missions/statut/appel/', 'appels ouverts']]) {
      const nav = html(page).match(/<nav aria-label="Filtrer et trier les [a-z]+" class="list-nav">([\s\S]*?)<\/nav>/)![1];
      const marked = [...nav.matchAll(/<a href="([^"]+)" aria-current="page">([^<]+)<\/a>/g)];
      expect(marked.map((m) => m[2])).toContain(current);
      for (const m of marked) expect(pathOf(m[1])).toBe(page);
      for (const m of nav.matchAll(/href="([^"]+)"/g)) expect(existsSync(join(site(), pathOf(m[1]), 'index.html')), m[1]).toBe(true);
    }
  });

  test('chaque liste montre l’attendu à côté du déclaré', () => {
    const agathe = html('prestataires/').split('<tr').find((r) => r.includes('/prestataires/agathe-morel/'))!;
    // content/ on 2026-11-29: 251 € expected on her finished missions (members' shares rounded to
    // the euro, as arrondi_eur: 1 says), 390 € declared (230 € paid), 49 € missing.
    expect(text(agathe)).toContain('251 € 390 € dont 230 € versés 49 €');
    expect(agathe).toContain('data-label="Attendu"');
    const bcus = html('missions/').split('<tr').find((r) => r.includes('/missions/bcus-residence-les-tilleuls-2026/'))!;
    expect(bcus).toMatch(/data-label="Attendu" class="num"[^>]*>106\s€<\/td>\s*<td data-label="Déclaré" class="num"[^>]*>255\s€<\/td>/);
    expect(text(html('communs/'))).toMatch(/Déclaré par les prestataires au 29 novembre 2026 : [\d\s,]+\s€ versés/);
  });

  test('le plan du site liste les pages filtrées et triées', () => {
    const sitemap = readFileSync(join(site(), 'sitemap.xml'), 'utf8');
    for (const page of ['prestataires/situation/en-retard/', 'prestataires/tri/manque/', 'missions/statut/terminee/', 'missions/tri/budget/']) expect(sitemap).toContain(`${BASE_PATH}${page}</loc>`);
  });
});

describe('sur un téléphone, les tableaux deviennent des fiches', () => {
  test.each(['missions/', 'prestataires/agathe-morel/'])('%s : chaque valeur porte le nom de sa colonne', (page) => {
    const table = html(page).match(/<table class="cards-on-phone"[^>]*>[\s\S]*?<\/table>/)![0];
    const cells = [...table.matchAll(/<td( data-label="[^"]+")?/g)];
    expect(cells.length).toBeGreaterThan(3);
    expect(cells.filter((c) => !c[1])).toEqual([]);
  });
});
