// The /declarer/ form of the built sample site, in Chromium, as a consultant fills it:
// the file it prepares is written into a copy of the sample (SAMPLE) and `npm run validate` must
// accept it unchanged; a negative amount gets the validator's own message.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { registryDay } from '../../src/domain/registry/dates.ts';
import { frenchTypography } from '../../src/site/typography.ts';
import { npmRun, SAMPLE, tempDir } from '../helpers.ts';
import { serve } from '../serve.ts';
import { describeInChromium as describe, launchChromium } from './chromium.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let page: Page;
const dirs: string[] = [];

beforeAll(async () => {
  server = await serve(inject('siteDir'));
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The validator's JSON report on a copy of the sample (SAMPLE) with one file written into it. */
function validateWith(path: string, text: string) {
  const dir = tempDir('cr-declarer-');
  dirs.push(dir);
  cpSync(SAMPLE, dir, { recursive: true });
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
  const run = npmRun('validate', ['--content', dir, '--format', 'json']);
  return { status: run.status, report: JSON.parse(run.stdout) as { errors: Array<{ file: string; code: string; message: string }>; warnings: Array<{ file: string; code: string }> } };
}

describe('le formulaire /declarer/', () => {
  test('depuis la page de la mission : la part attendue, un montant négatif refusé avec le message du validateur, puis un fichier que validate accepte tel quel', async () => {
    await page.goto(`${server.url}/missions/bcus-residence-les-tilleuls-2026/`);
    await page.locator('#declaration-agathe-morel').getByRole('link', { name: 'Déclarer ma réciprocité' }).click();
    await page.waitForURL(/\/declarer\/\?/);
    expect(await page.getByLabel('Vous (votre fiche de prestataire)').inputValue()).toBe('agathe-morel');
    // The provider's missions come from /declarer/missions/agathe-morel.json, fetched once the name is known.
    await expect.poll(() => page.getByLabel('Mission').inputValue()).toBe('bcus-residence-les-tilleuls-2026');
    await expect.poll(() => page.locator('#part').innerText()).toMatch(/Réciprocité attendue de vous : [\d\s,]+ € \(argent et nature\)/);
    expect(await page.locator('#part').innerText()).toContain('au prorata de ce que vous facturez');

    await page.getByLabel('Movilab').check();
    await page.locator('#usage-movilab').fill('Fiches méthode pour préparer les ateliers du local commun.');
    await page.getByRole('button', { name: 'Ajouter un don en argent' }).click();
    const don = page.locator('#argent .ligne').first();
    await don.getByLabel('Montant en euros').fill('-150');
    // The message npm run validate gives for the same value in a file.
    const cli = validateWith('declarations/agathe-morel/bcus-residence-les-tilleuls-2026.yaml', [
      'prestataire: agathe-morel', 'mission: bcus-residence-les-tilleuls-2026', 'date: "2026-11-29"',
      'contributions_argent:', '  - commun: movilab', '    montant_eur: -150', '    statut: promis', '    date: "2026-12-15"', '',
    ].join('\n'));
    const negative = cli.report.errors.find((e) => e.code === 'montant_non_positif')!;
    expect(negative.message).toBe('« montant_eur » doit être positif (reçu -150).');
    // The same words, set in French typography like the page (narrow no-break spaces inside « »).
    const typeset = frenchTypography(negative.message);
    expect(typeset).toBe('«\u202fmontant_eur\u202f» doit être positif (reçu -150).');
    await expect.poll(() => don.locator('.erreur').first().innerText()).toContain(typeset);
    await page.getByRole('button', { name: 'Préparer ma déclaration' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain(typeset);
    expect(await page.locator('#resultat').isHidden()).toBe(true);

    await don.getByLabel('Montant en euros').fill('150');
    expect(await don.locator('.erreur').first().innerText()).toBe('');
    await don.getByLabel('Statut').selectOption('promis');
    await don.getByLabel('Date (JJ/MM/AAAA)').fill('"2027-01-15"');
    await page.getByRole('button', { name: 'Ajouter une contribution en nature' }).click();
    const nature = page.locator('#nature .ligne').first();
    await nature.getByLabel('Commun').selectOption('cahier-activite');
    await nature.getByLabel('Ce que vous avez apporté').fill('Une page « local commun » : ce qui a marché, ce qui est à améliorer');
    await nature.getByLabel('Heures').fill('2,5');
    // A French date, as the issue form and npm run declare read it (readTypedDate): an impossible one is said so.
    await nature.getByLabel('Date (JJ/MM/AAAA)').fill('31/02/2026');
    await expect.poll(() => nature.locator('.erreur').last().innerText()).toBe(frenchTypography("« date » : le 31/02/2026 n'existe pas dans le calendrier. Vérifiez le jour et le mois (février a 28 ou 29 jours)."));
    await nature.getByLabel('Date (JJ/MM/AAAA)').fill('20/11/2026');
    expect(await nature.locator('.erreur').last().innerText()).toBe('');
    await page.getByRole('button', { name: 'Préparer ma déclaration' }).click();
    await expect.poll(() => page.locator('#resultat').isVisible()).toBe(true);

    const path = await page.locator('#chemin').innerText();
    expect(path).toBe('content/declarations/agathe-morel/bcus-residence-les-tilleuls-2026.yaml');
    const text = await page.locator('#fichier').inputValue();
    expect(text).toContain('montant_eur: 150');
    expect(text).toContain('heures: 2.5');
    expect(text).toContain('date: "2027-01-15"');
    // 20/11/2026 typed, 2026-11-20 written: the registry's dates are AAAA-MM-JJ.
    expect(text).toContain('    date: "2026-11-20"\n');
    expect(text).not.toContain('20/11/2026');
    const { status, report } = validateWith(path.replace(/^content\//, ''), text);
    expect(report.errors).toEqual([]);
    expect(status).toBe(0);

    // The ways out: the forge's prefilled page, a download; the e-mail only once the
    // association has set its address (the sample has none: a note says so, no dead link).
    const forge = new URL((await page.getByRole('link', { name: 'Ouvrir le fichier prérempli sur GitHub' }).getAttribute('href'))!);
    expect(forge.searchParams.get('filename')).toBe(path);
    expect(forge.searchParams.get('value')).toBe(text);
    expect(await page.getByRole('link', { name: 'Envoyer par e-mail aux mainteneurs' }).count()).toBe(0);
    expect(await page.locator('#sans-courriel').innerText()).toContain('L’envoi par e-mail n’est pas encore ouvert');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le fichier' }).click();
    expect((await download).suggestedFilename()).toBe('bcus-residence-les-tilleuls-2026.yaml');
  });

  test('refuse une déclaration qui ne dit rien, et un « versé » daté de demain', async () => {
    await page.goto(`${server.url}/declarer/?prestataire=agathe-morel&mission=bcus-residence-les-tilleuls-2026`);
    await expect.poll(() => page.getByLabel('Mission').inputValue()).toBe('bcus-residence-les-tilleuls-2026');
    await page.getByRole('button', { name: 'Préparer ma déclaration' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('La déclaration ne dit rien');
    await page.getByRole('button', { name: 'Ajouter un don en argent' }).click();
    const don = page.locator('#argent .ligne').first();
    await don.getByLabel('Montant en euros').fill('40');
    // Tomorrow in the registry's calendar (Europe/Paris), the one CI counts in.
    const tomorrow = registryDay(new Date(Date.now() + 86_400_000));
    await don.getByLabel('Date (JJ/MM/AAAA)').fill(tomorrow);
    await expect.poll(() => don.locator('.erreur').nth(1).innerText()).toContain('après la date de référence');
  });

  test('une mission déjà déclarée : la déclaration est chargée, complétée, garde sa date, et ce qui change est montré', async () => {
    // Nicolas Verhaeghe declared the BCUS mission on 2026-08-28: one commons, 20 € paid.
    await page.goto(`${server.url}/declarer/?prestataire=nicolas-verhaeghe&mission=bcus-residence-les-tilleuls-2026`);
    await expect.poll(() => page.locator('#part').innerText()).toContain(frenchTypography('Vous avez déjà déclaré pour cette mission, le 28 août 2026'));
    expect(await page.locator('#utilise-compagnie-des-tiers-lieux').isChecked()).toBe(true);
    const paid = page.locator('#argent .ligne').first();
    expect(await paid.getByLabel('Montant en euros').inputValue()).toBe('20');
    expect(await paid.getByLabel('Date (JJ/MM/AAAA)').inputValue()).toBe('28/08/2026');
    await page.getByRole('button', { name: 'Ajouter une contribution en nature' }).click();
    const nature = page.locator('#nature .ligne').first();
    await nature.getByLabel('Ce que vous avez apporté').fill('Relecture de la fiche « consortium » du réseau');
    await nature.getByLabel('Heures').fill('2');
    await page.getByRole('button', { name: 'Préparer ma déclaration' }).click();
    await expect.poll(() => page.locator('#resultat').isVisible()).toBe(true);
    expect(await page.locator('#changements').innerText()).toContain(frenchTypography('Elle remplace votre déclaration du 28 août 2026, qui garde sa date.'));
    expect(await page.locator('#changements').innerText()).toContain(frenchTypography('contributions_nature[0].heures : (absent) → 2'));
    const text = await page.locator('#fichier').inputValue();
    const today = registryDay(new Date());
    expect(text).toContain(`date: "2026-08-28"\nmodifiee_le: "${today}"\n`);
    expect(text).toContain('montant_eur: 20');
    // The file exists on the forge: its edit page, and the note to paste the text.
    const forge = (await page.getByRole('link', { name: 'Ouvrir votre fichier sur GitHub pour le modifier' }).getAttribute('href'))!;
    expect(forge).toMatch(/\/edit\/main\/content\/declarations\/nicolas-verhaeghe\/bcus-residence-les-tilleuls-2026\.yaml$/);
    expect(await page.locator('#forge-remplacer').isVisible()).toBe(true);
    const { status, report } = validateWith('declarations/nicolas-verhaeghe/bcus-residence-les-tilleuls-2026.yaml', text);
    expect(report.errors).toEqual([]);
    expect(status).toBe(0);
  });

  test('la date est le jour du registre (Paris), où que soit la personne : celui que compte la vérification', async () => {
    // Kiritimati is 14 hours ahead of UTC: its « today » is often Paris's tomorrow.
    const far = await browser.newContext({ timezoneId: 'Pacific/Kiritimati' });
    const away = await far.newPage();
    await away.goto(`${server.url}/declarer/?prestataire=agathe-morel&mission=bcus-residence-les-tilleuls-2026`);
    await expect.poll(() => away.getByLabel('Mission').inputValue()).toBe('bcus-residence-les-tilleuls-2026');
    await away.locator('#pourquoi').fill('Mission de coordination, rien donné cette fois-ci.');
    await away.locator('#aucun-commun').fill('Aucun outil partagé pendant cette mission.');
    await away.getByRole('button', { name: 'Préparer ma déclaration' }).click();
    await expect.poll(() => away.locator('#resultat').isVisible()).toBe(true);
    expect(await away.locator('#fichier').inputValue()).toContain(`date: "${registryDay(new Date())}"`);
    await far.close();
  });

  test('sans JavaScript : aucun champ qui ne ferait rien, et les trois autres façons de déclarer', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const nojs = await context.newPage();
    // Coming from a mission page's « Déclarer ma réciprocité »: the address names someone, nothing can use it.
    await nojs.goto(`${server.url}/declarer/?prestataire=agathe-morel&mission=bcus-residence-les-tilleuls-2026`);
    const notice = nojs.locator('#sans-javascript');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toContain('Ce formulaire a besoin de JavaScript');
    // 1. The forge's issue form (a bot writes the file), 2. an e-mail to the maintainers, 3. the command line.
    const issue = (await notice.getByRole('link', { name: /formulaire d’issue/ }).getAttribute('href'))!;
    expect(issue).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/issues\/new\?template=declaration\.yml$/);
    // No address set in the sample: the e-mail way says it is not open yet, with no dead link.
    expect(await notice.getByRole('link', { name: 'un e-mail aux mainteneurs' }).count()).toBe(0);
    expect(await notice.locator('#sans-courriel-avis').innerText()).toContain('L’envoi par e-mail n’est pas encore ouvert');
    expect(await notice.locator('code').innerText()).toBe('npm run declare');
    expect(await notice.getByRole('link', { name: 'le guide' }).getAttribute('href')).toMatch(/\/contribuer\/#ordinateur$/);
    // No field, list or button that would do nothing.
    const controls = nojs.locator('main').locator('input, select, textarea, button');
    expect(await controls.count()).toBeGreaterThan(0);
    expect(await controls.filter({ visible: true }).count()).toBe(0);
    expect(await nojs.locator('#declarer').isHidden()).toBe(true);
    await context.close();
  });

  test('avec JavaScript, le formulaire s’affiche et l’avis sans JavaScript reste muet', async () => {
    await page.goto(`${server.url}/declarer/`);
    await expect.poll(() => page.locator('#declarer').isVisible()).toBe(true);
    expect(await page.locator('#sans-javascript').count()).toBe(0);
    expect(await page.getByLabel('Vous (votre fiche de prestataire)').isVisible()).toBe(true);
  });

  test('choisir son nom charge ses missions, déjà déclarées signalées, et la part attendue de chacune', async () => {
    await page.goto(`${server.url}/declarer/`);
    expect(await page.getByLabel('Mission').isDisabled()).toBe(true);
    await page.getByLabel('Vous (votre fiche de prestataire)').selectOption({ label: 'Karim Haddou' });
    await expect.poll(() => page.getByLabel('Mission').isDisabled()).toBe(false);
    const options = await page.getByLabel('Mission').locator('option').allInnerTexts();
    expect(options[0]).toBe('— choisissez —');
    expect(options.some((o) => o.endsWith('(déjà déclarée)'))).toBe(true);
    await page.getByLabel('Mission').selectOption({ index: 1 });
    await expect.poll(() => page.locator('#part').innerText()).toMatch(/Réciprocité attendue de vous|Pas de réciprocité attendue calculable/);
    // Another name: the list follows, never mixing the two.
    await page.getByLabel('Vous (votre fiche de prestataire)').selectOption('');
    await expect.poll(() => page.getByLabel('Mission').locator('option').allInnerTexts()).toEqual(['— choisissez d’abord votre nom —']);
    expect(await page.locator('#part').innerText()).toBe('');
  });
});
