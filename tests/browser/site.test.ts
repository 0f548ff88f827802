// The built sample site, driven in Debian's Chromium as a person would use it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { href } from '../../src/site/url.ts';
import { serve } from '../serve.ts';
import { axeViolations, describeInChromium as describe, launchChromium } from './chromium.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let page: Page;

beforeAll(async () => {
  server = await serve(inject('siteDir'));
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const open = async (path: string) => {
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
};

describe('la page d’accueil', () => {
  test('présente le registre, ses totaux et les appels ouverts', async () => {
    await open('/');
    expect(await page.title()).toMatch(/^Communs & Réciprocité\s: qui rend quoi aux communs des tiers-lieux/);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Communs & Réciprocité');
    const stats = await page.locator('dl.stats').innerText();
    // content/: 13 provider files, 20 mission files, 32 declaration files.
    expect(stats).toMatch(/Prestataires\s+13/);
    expect(stats).toMatch(/Missions\s+20/);
    expect(stats).toMatch(/Déclarations\s+32/);
    await expect.poll(() => page.getByRole('heading', { name: 'Appels ouverts' }).count()).toBe(1);
  });

  test('mène à une fiche de prestataire en deux clics', async () => {
    await open('/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Prestataires' }).click();
    await page.getByRole('link', { name: 'La Sucrerie Partagée' }).click();
    expect(new URL(page.url()).pathname).toBe(href('/prestataires/la-sucrerie-partagee/'));
  });
});

describe('une fiche de prestataire', () => {
  test('montre les chiffres que l’on calcule à la main depuis les fichiers', async () => {
    // content/missions/modele-economique-habitat-nord-solidaire-2024.md: budget 13 150 €,
    // started 2024-06-03, so judged by content/regles/2024-04-01.yaml:
    //   billed: karim-haddou coordination 10 × 550 = 5 500, agathe-morel animation
    //   12 × 450 = 5 400, la-sucrerie-partagee plancher 5 × 350 = 1 750; total 12 650
    //   solidarity pool: 5 floor days × 100 € = 500 €, left out of the base: 13 150 − 500 = 12 650
    //   expected reciprocity = 5 000 × 1 % + (12 650 − 5 000) × 2 % = 50 + 153 = 203 €
    //   La Sucrerie's share = 203 × 1 750 / 12 650 = 28.08 € (members' shares to the cent, adding
    //   up to the mission's 203 €)
    // content/declarations/la-sucrerie-partagee/…yaml: no money, 3 h + 1 h in kind = 4 h,
    //   valued 4 × 40 € = 160 €. One finished mission, declared: rate 100 %.
    // Its membership ended on 2024-12-31, not renewed: under the rules of 2024-04-01 (90 days
    // of grace from the lapse), out of the circle since 1 April 2025 for its membership, not for
    // its declarations; the page says both facets, the badge the one verdict. Expected: the
    // members' shares rounded to the euro (arrondi_eur: 1).
    await open('/prestataires/la-sucrerie-partagee/');
    const stats = (await page.locator('dl.stats').innerText()).replace(/\s+/g, ' ');
    expect(stats).toContain('Missions terminées 1 sur 1');
    expect(stats).toContain('Déclarations faites / dues 1 / 1');
    expect(stats).toContain('Taux de déclaration 100 %');
    expect(stats).toContain('Versé 0 €');
    expect(stats).toContain('Attendu 28 €');
    expect(stats).toContain('Donné 160 €');
    expect(stats).toContain('En nature 4 h (160 €)');
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(main).toContain('Situation au 29 novembre 2026');
    expect(main).toContain('Déclarations : à jour');
    expect(main).toContain('Adhésion : adhésion échue');
    expect(main).toContain('Adhésion échue depuis le 1er janvier 2025.');
    expect(main).toContain('Hors du cercle : adhésion non renouvelée depuis le 1er janvier 2025 (la dernière couvrait jusqu’au 31 décembre 2024), plus de 90 jours : hors du cercle depuis le 1er avril 2025');
    // Comment c'est calculé: the arithmetic on the real numbers, with a link to its rule
    expect(main).toContain('Comment c\'est calculé');
    expect(main).toContain('attendu 28 € = 203 € attendus de la mission × 1 750 € d’honoraires / 12 650 € pour l’équipe');
    expect(main).toContain('donné 160 € = versé 0 € + promis 0 € + 4 h en nature à 40 € l’heure (160 €)');
    const rule = page.getByRole('link', { name: 'règle 2024-04-01#reciprocite' });
    expect(new URL((await rule.getAttribute('href'))!, server.url).hash).toBe('#2024-04-01-reciprocite');
    await rule.click();
    expect(new URL(page.url()).pathname).toBe(href('/regles/'));
    await expect.poll(() => page.locator('[id="2024-04-01-reciprocite"]').count()).toBe(1);
  });

  test('donne le badge et le code à copier', async () => {
    await open('/prestataires/la-sucrerie-partagee/');
    const snippet = await page.locator('pre code').innerText();
    expect(snippet).toContain('/badges/la-sucrerie-partagee.svg');
    const badge = await page.request.get(`${server.url}/badges/la-sucrerie-partagee.svg`);
    expect(badge.status()).toBe(200);
    const svg = await badge.text();
    expect(svg).toContain('Situation au 29 novembre 2026');
    expect(svg).toContain('hors du cercle : adhésion manquante (règles d’exemple)');
  });
});

describe('une couleur, un sens : la pastille du verdict et le badge', () => {
  /** "#6b5d4f" → "rgb(107, 93, 79)", as getComputedStyle gives a colour. */
  const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  /** The colour of a badge's message side: the fill that is not the grey of its label. */
  const badgeColour = async (id: string) => {
    const svg = await (await page.request.get(`${server.url}/badges/${id}.svg`)).text();
    return [...svg.matchAll(/fill="(#[0-9a-f]{6})"/gi)].map((m) => m[1].toLowerCase()).find((c) => c !== '#555555')!;
  };

  test('chaque pastille de la liste a la couleur du badge du prestataire, et la même en haut de sa fiche', async () => {
    await open('/prestataires/');
    const rows = await page.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: new URL((tr.querySelector('th a') as HTMLAnchorElement).href).pathname.split('/').filter(Boolean).at(-1)!,
        colour: getComputedStyle(tr.querySelector('td[data-label="Situation"] .badge')!).color,
        words: tr.querySelector('td[data-label="Situation"] .badge')!.textContent!.trim(),
        tone: [...tr.querySelector('td[data-label="Situation"] .badge')!.classList].find((c) => c !== 'badge')!,
      })),
    );
    expect(rows.length).toBeGreaterThan(0);
    const byTone = new Map<string, string>();
    for (const row of rows) {
      const badge = await badgeColour(row.id);
      expect(row.colour, row.id).toBe(rgb(badge));
      // One meaning (the verdict's tone), one colour; two meanings never share one.
      expect(byTone.get(row.tone) ?? row.colour, row.tone).toBe(row.colour);
      byTone.set(row.tone, row.colour);
    }
    const colours = [...byTone.values()];
    expect(new Set(colours).size).toBe(colours.length);
    // A lapsed membership with no mission (nobody in the sample today) is never shown in the
    // green of « à jour »: the site's own stylesheet, read by the browser.
    const toneColour = (tone: string) =>
      page.evaluate((cls) => {
        const el = document.createElement('span');
        el.className = `badge ${cls}`;
        document.body.append(el);
        const colour = getComputedStyle(el).color;
        el.remove();
        return colour;
      }, tone);
    expect(await toneColour('adhesion_echue')).not.toBe(await toneColour('a_jour'));
    expect(await toneColour('adhesion_echue')).not.toBe(await toneColour('hors_cercle'));
    for (const id of ['karim-haddou', 'agathe-morel', 'claire-vandamme']) {
      await open(`/prestataires/${id}/`);
      const top = page.locator('p.verdict .badge');
      expect(await top.evaluate((el) => getComputedStyle(el).color)).toBe(rows.find((r) => r.id === id)!.colour);
      expect((await top.innerText()).trim()).toBe(rows.find((r) => r.id === id)!.words);
    }
  });
});

describe('une fiche de mission', () => {
  test('montre l’équipe 2 + 2 + 1 et la marge de solidarité du débat', async () => {
    // content/missions/consortium-ruralite-bocage-avesnois-2025.md: plancher 8 + 8 days,
    // animation 10 + 10, coordination 8. Alain: about 100 € per floor contribution day:
    // 16 days × 100 € = 1 600 € of pool, shared pro rata of days between the two floor
    // contributors: 800 € each. Budget 20 600 = 19 000 of fees + 1 600.
    await open('/missions/consortium-ruralite-bocage-avesnois-2025/');
    const tables = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(tables).toMatch(/Plancher 16 350 € 5 600 €/);
    expect(tables).toMatch(/Animation 20 450 € 9 000 €/);
    expect(tables).toMatch(/Coordination 8 550 € 4 400 €/);
    expect(tables).toContain('16 100 € 1 600 €');
    // Each floor contributor's share, beside the travel they declared (70 km and 360 €; the
    // Quai, from the coast, 190 km and 730 €): shared pro rata of days, the shares are equal.
    const shares = await page.locator('td[data-label="Part de solidarité"]').allInnerTexts();
    expect(shares.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s !== '—')).toEqual([
      '800 € frais de déplacement déclarés : 360 € · 70 km',
      '800 € frais de déplacement déclarés : 730 € · 190 km',
    ]);
    expect(tables).toContain('le registre note les frais de déplacement et les distances que l’équipe déclare, pas le versement des parts');
    // Expected: (20 600 − 1 600) = 19 000 → 1 % × 5 000 + 2 % × 14 000 = 50 + 280 = 330 €;
    // Karim's 25 € promise for 15 December 2025 is overdue: it does not count.
    expect(tables).toContain('1 % × 5 000 € + 2 % × 14 000 € = 330 €');
    expect(tables).toContain('promesse échue : 25 €');
  });

  test('propose « Déclarer ma réciprocité » à qui n’a pas encore déclaré : le lien mène au formulaire', async () => {
    await open('/missions/bcus-residence-les-tilleuls-2026/');
    const link = page.getByRole('link', { name: 'Déclarer ma réciprocité' }).first();
    const target = new URL((await link.getAttribute('href'))!, server.url);
    expect(target.pathname).toMatch(/\/declarer\/$/);
    expect(target.searchParams.get('mission')).toBe('bcus-residence-les-tilleuls-2026');
    expect(target.searchParams.get('prestataire')).toMatch(/^[a-z0-9-]+$/);
  });
});

describe('la recherche', () => {
  const results = () => page.locator('#recherche-resultats > li');

  test('trouve un commun par un mot de sa description, au clavier', async () => {
    await open('/recherche/');
    // content/communs/cahier-activite.md: « Un outil méthodologique ouvert pour créer… »
    await page.getByRole('searchbox', { name: 'Mots-clés' }).focus();
    await page.keyboard.type('méthodologique');
    await page.keyboard.press('Enter');
    await expect.poll(() => results().count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const titles = await results().locator('a').allInnerTexts();
    expect(titles).toContain("Le cahier d'activité des tiers-lieux");
    expect(await page.locator('#recherche-annonce').innerText()).toMatch(/\d+ résultats? pour «\u202fméthodologique\u202f»/);
  });

  test('un filtre réduit les résultats', async () => {
    await open('/recherche/?q=gouvernance');
    await expect.poll(() => results().count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const announce = async () => Number(/(\d+) résultat/.exec(await page.locator('#recherche-annonce').innerText())?.[1] ?? NaN);
    await expect.poll(announce, { timeout: 10_000 }).toBeGreaterThan(0);
    const all = await announce();
    await page.getByLabel('Type de fiche').selectOption('Commun');
    await expect.poll(async () => (await page.locator('#recherche-annonce').innerText()).includes('avec ces filtres'), { timeout: 10_000 }).toBe(true);
    const communs = await announce();
    expect(communs).toBeGreaterThan(0);
    expect(communs).toBeLessThan(all);
    for (const link of await results().locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      expect(link?.startsWith(href('/communs/'))).toBe(true);
    }
  });
});

describe('accessibilité (axe-core)', () => {
  const templates = [
    '/',
    '/prestataires/',
    '/prestataires/la-sucrerie-partagee/',
    '/missions/',
    '/missions/consortium-ruralite-bocage-avesnois-2025/',
    '/communs/',
    '/communs/movilab/',
    '/appels/',
    '/regles/',
    '/donnees/',
    '/contribuer/',
    '/contribuer/erreurs/',
    '/recherche/',
  ];
  test.each(templates)('%s n’a aucune violation grave ou critique', async (path) => {
    await open(path);
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  });
});
