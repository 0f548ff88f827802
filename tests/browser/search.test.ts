// French queries run against the built index of the sample site, in Debian's Chromium,
// as a visitor types them on /recherche/: each with the entries it must find, and the
// ones that must find nothing. content/ on 2026-11-29 (tests/global-setup.ts).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { serve } from '../serve.ts';
import { describeInChromium, launchChromium } from './chromium.ts';

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

/** Searches as the address /recherche/?q=… does; returns what the page announces and every result's title (all pages of them). */
async function search(query: string): Promise<{ status: string; titles: string[] }> {
  await page.goto(`${server.url}/recherche/?${new URLSearchParams(query.includes('=') ? Object.fromEntries([query.split('=')]) : { q: query })}`);
  const status = page.locator('#recherche-annonce');
  await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/résultat|Aucun|trop courants|inconnu/);
  // The status comes first, then the results, 20 at a time: wait for them, then ask for the rest.
  const total = Number(/^(\d+) résultats?/.exec(await status.innerText())?.[1] ?? 0);
  const items = page.locator('#recherche-resultats > li');
  await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(Math.min(total, 20));
  const more = page.locator('#recherche-plus');
  while (await more.isVisible()) {
    const shown = await items.count();
    await more.click();
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(Math.min(total, shown + 20));
  }
  // The status is set in French typography (narrow no-break spaces); compared here with plain ones.
  return { status: (await status.innerText()).replace(/[\u202f\u00a0]/g, ' '), titles: (await page.locator('#recherche-resultats > li h2').allInnerTexts()).sort() };
}

describeInChromium('une recherche qui ne trouve que ce qui est demandé', () => {
  test.each(['Arras', 'Laon', 'Dunkerque', 'Valenciennes', 'Lens', 'Roubaix', 'Jean Dupont', 'Wikipédia'])('« %s », nommé nulle part dans le registre, ne trouve rien et le dit', async (query) => {
    // The audit of the site: Arras 35 results (« à »), Laon 33 (« la »), Dunkerque 11 (« d'un »),
    // Valenciennes 2 (« Val-de-Serre »), Lens 1 (« l'encyclopédie »).
    const { status, titles } = await search(query);
    expect(titles).toEqual([]);
    expect(status).toMatch(/^Aucun résultat : aucune fiche ne contient « /);
    expect(await page.locator('#recherche-vide').isVisible()).toBe(true);
    // Said in French typography, like the page around it.
    expect(await page.locator('#recherche-annonce').innerText()).toMatch(/^Aucun résultat\u202f: aucune fiche ne contient «\u202f/);
  });

  test('un mot présent et un mot absent : rien, et le mot absent est nommé', async () => {
    const { status, titles } = await search('Movilab Roubaix');
    expect(titles).toEqual([]);
    expect(status).toBe('Aucun résultat : aucune fiche ne contient « Roubaix ».');
  });

  test('les mots courants seuls ne cherchent rien et le disent', async () => {
    const { status, titles } = await search('la de à');
    expect(titles).toEqual([]);
    expect(status).toMatch(/^Ces mots sont trop courants pour chercher : « la », « de », « à »/);
  });

  test('« Movilab » trouve le commun, qui l’a utilisé ou soutenu, et les missions où il l’a été', async () => {
    // content/communs/movilab.md; content/prestataires/sophie-lemaire.md names it; the seven
    // providers whose declarations use or support it (content/declarations/*/ naming movilab),
    // and the seven missions of those declarations.
    const { titles } = await search('Movilab');
    expect(titles).toEqual([
      'Agathe Morel',
      'Claire Vandamme',
      'Coopérative Les Tisserands',
      'Faire émerger trois tiers-lieux ruraux dans le Bocage avesnois',
      'Installer une gouvernance partagée à La Grange aux Communs',
      'Julien Dufresne',
      'Karim Haddou',
      'Le Quai des Possibles',
      "Modèle économique d'un local commun en pied d'immeuble",
      'Movilab, le wiki des tiers-lieux',
      'Nicolas Verhaeghe',
      'Occupation transitoire de la friche de la tuilerie',
      "Programmer les usages de l'ancienne halle de Val-de-Serre",
      'Sophie Lemaire',
      "Un observatoire ouvert de l'impact des tiers-lieux des Hauts-de-France",
      "Évaluer l'utilité sociale des tiers-lieux du Vermandois",
    ]);
    // A beginning of the name finds the same.
    expect((await search('movil')).titles).toEqual(titles);
  });

  test('« tiers-lieu », « tiers-lieux », « tiers lieux » et « Tiers Lieu » trouvent les mêmes fiches', async () => {
    const { titles } = await search('tiers-lieu');
    // The singular and the plural, in titles and in names of commons.
    expect(titles).toEqual(expect.arrayContaining([
      'Amorcer un tiers-lieu rural dans les Vallons de Thiérache',
      "Étude d'opportunité d'un tiers-lieu dans l'ancienne gare",
      'Faire émerger trois tiers-lieux ruraux dans le Bocage avesnois',
      'La Compagnie des Tiers-Lieux',
      "Le cahier d'activité des tiers-lieux",
      'Tiers-Lieux Agenda',
    ]));
    // content/prestataires/lea-fontaine.md says nothing of tiers-lieux and she declared nothing.
    expect(titles).not.toContain('Léa Fontaine');
    for (const other of ['tiers-lieux', 'tiers lieux', 'Tiers Lieu']) expect((await search(other)).titles, other).toEqual(titles);
  });

  test('les accents, les capitales et le pluriel ne changent rien', async () => {
    for (const [a, b] of [['évaluation', 'evaluations'], ['réciprocité', 'RECIPROCITE'], ['friche', 'friches'], ['Thiérache', 'thierache']]) {
      const first = await search(a);
      expect(first.titles.length, a).toBeGreaterThan(0);
      expect((await search(b)).titles, `${a} / ${b}`).toEqual(first.titles);
    }
  });

  test('« la friche » montre d’abord ces mots côte à côte, et propose d’un clic les fiches où ils sont séparés', async () => {
    const apart = await search('friche');
    const together = await search('la friche');
    expect(together.status).toMatch(/, ces mots côte à côte$/);
    expect(together.titles.length).toBeGreaterThan(0);
    expect(together.titles.length).toBeLessThan(apart.titles.length);
    const also = page.locator('#recherche-aussi');
    const missing = apart.titles.filter((t) => !together.titles.includes(t));
    expect((await also.innerText()).replace(/\u202f/g, ' ')).toBe(`Voir aussi ${missing.length > 1 ? `les ${missing.length} fiches` : 'la fiche'} où « friche » figure sans ces mots côte à côte`);
    await also.click();
    await expect.poll(() => page.locator('#recherche-resultats > li').count(), { timeout: 15_000 }).toBe(apart.titles.length);
    expect((await page.locator('#recherche-resultats > li h2').allInnerTexts()).sort()).toEqual(apart.titles);
    expect(await also.isVisible()).toBe(false);
  });

  test('« à jour » et « en retard » cherchent « jour » et « retard », et disent quel mot est laissé de côté', async () => {
    const late = await search('en retard');
    // content/ on 2026-11-29: Agathe Morel is the only provider « en retard ».
    expect(late.titles).toEqual(['Agathe Morel']);
    expect(late.status).toBe('1 résultat pour « en retard », ces mots côte à côte');
    // Without the phrase, the common word is left out and said so.
    const since = await search('retard du');
    expect(since.titles).toEqual(['Agathe Morel']);
    expect(since.status).toBe('1 résultat pour « retard du » (mots trop courants laissés de côté : « du »)');
    // « à jour » is first searched as it is written, words side by side: the providers whose
    // reciprocity is « à jour ». « à » no longer matches every word that starts with « a »:
    // neither the défaillant provider nor the one with a declaration to make is found.
    const upToDate = await search('à jour');
    expect(upToDate.titles).toContain('Claire Vandamme');
    expect(upToDate.titles).not.toContain('Cabinet Trame et Usages');
    expect(upToDate.titles).not.toContain('Nicolas Verhaeghe');
    expect(upToDate.status).toMatch(/^\d+ résultats pour « à jour », ces mots côte à côte$/);
  });

  test('le filtre de situation offre chaque verdict de la liste des prestataires, même ceux où personne ne se trouve', async () => {
    await page.goto(`${server.url}/recherche/`);
    const select = page.getByLabel('Situation du prestataire');
    await expect.poll(() => select.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    // src/domain/rules/lists.ts, in its order, each with how many providers are in it.
    expect(await select.locator('option').allInnerTexts()).toEqual([
      'Toutes les situations',
      'Déclarations à jour (7)',
      'Adhésion échue, sans mission en cours (0)',
      'Déclaration à faire (1)',
      'Adhésion à prendre ou à renouveler (0)',
      'Déclaration en retard (1)',
      'Hors du cercle : adhésion manquante (2)',
      'Hors du cercle : déclaration manquante (1)',
      'Rien à déclarer pour l’instant (1)',
    ]);
    // The list pages' slug is understood too (/prestataires/situation/en-retard/).
    expect((await search('situation=en-retard')).titles).toEqual(['Agathe Morel']);
    // An address typed by hand, in lower case: the two providers out of the circle for their membership.
    const out = await search('situation=hors du cercle : adhésion manquante');
    expect(out.titles).toEqual(['Karim Haddou', 'La Sucrerie Partagée']);
    const unknown = await search('situation=introuvable');
    expect(unknown.status).toBe('Filtre inconnu, laissé de côté : Situation du prestataire « introuvable ». Choisissez une valeur dans la liste.');
  });
});
