// /calculer/ in Chromium (issue 23, point 3): without JavaScript it shows the default
// team's calculation; with it, the team of the sample's consortium mission typed in gives
// the figures and the arithmetic of that mission's page, and the page fits a phone.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeInChromium as describe, sampleSiteInChromium } from './chromium.ts';

const site = sampleSiteInChromium();

async function newPage(width: number, javaScriptEnabled = true): Promise<Page> {
  const context = await site.browser().newContext({ viewport: { width, height: 800 }, javaScriptEnabled });
  return context.newPage();
}

const MISSION = '/missions/consortium-ruralite-bocage-avesnois-2025/';
/** The items of the explanation section titled `title`, as shown. */
const section = (page: Page, title: string) => page.locator(`h3:has-text("${title}") + ul > li`).allInnerTexts();

describe('le calculateur de budget', () => {
  test('sans JavaScript, montre le calcul d’une équipe type et dit comment calculer la sienne', async () => {
    const page = await newPage(1280, false);
    await page.goto(`${site.url()}/calculer/`);
    expect(await page.locator('#calculer').isVisible()).toBe(false);
    const summary = await page.locator('#calcul-resume').innerText();
    expect(summary).toMatch(/Budget proposé \(honoraires et marge\)\s+6\s150\s€/);
    expect(summary).toMatch(/Marge de solidarité.*\s+400\s€/);
    expect(await page.locator('#paragraphe').inputValue()).toMatch(/^Ce budget de 6\s150\s€ comprend 13\sjours d’intervention/);
    expect(await page.locator('#sans-javascript').innerText()).toContain('npm run calculer');
    await page.context().close();
  });

  test('pour l’équipe de la mission en consortium, donne les chiffres et le calcul de sa page', async () => {
    const mission = await newPage(1280);
    await mission.goto(`${site.url()}${MISSION}`);
    const expected = await section(mission, 'Réciprocité attendue');
    const fees = await section(mission, 'Honoraires selon les tarifs');
    const pool = await section(mission, 'Marge de solidarité (déplacements)');
    // The team as the mission page lists it, in order: name, role, days, distance, costs.
    const team = [
      ["L'Atelier du Bocage", 'coordination', '8', '', ''],
      ['Nicolas Verhaeghe', 'animation', '10', '', ''],
      ['Sophie Lemaire', 'animation', '10', '', ''],
      ['Karim Haddou', 'plancher', '8', '70', '360'],
      ['Le Quai des Possibles', 'plancher', '8', '190', '730'],
    ];
    expect(expected.join('\n')).toContain(team[0][0]);

    const page = await newPage(1280);
    await page.goto(`${site.url()}/calculer/`);
    await page.locator('#debut').fill('2025-02-03');
    await page.locator('#budget').fill('20 600');
    while ((await page.locator('[data-action="retirer"]').count()) > 0) await page.locator('[data-action="retirer"]').first().click();
    for (const [nom, role, jours, km, frais] of team) {
      await page.locator('#ajouter').click();
      const member = page.locator('fieldset.membre').last();
      await member.getByLabel('Nom (facultatif)').fill(nom);
      await member.getByLabel('Rôle').selectOption(role);
      await member.getByLabel('Jours').fill(jours);
      await member.getByLabel('Distance aller, en km (facultatif)').fill(km);
      await member.getByLabel('Frais de déplacement prévus, en euros (facultatif)').fill(frais);
    }
    await expect.poll(() => page.locator('#calcul-membres tbody tr').count()).toBe(5);
    expect(await page.locator('#erreurs').innerText()).toBe('');
    expect(await section(page, 'Réciprocité attendue')).toEqual(expected);
    expect(await section(page, 'Honoraires selon les tarifs')).toEqual(fees);
    expect(await section(page, 'Marge de solidarité (déplacements)')).toEqual(pool);
    const summary = await page.locator('#calcul-resume').innerText();
    expect(summary).toMatch(/Réciprocité attendue de l’équipe\s+330\s€/);
    expect(summary).toMatch(/dont pour le réseau\s+83\s€/);
    expect(await page.locator('#paragraphe').inputValue()).toContain('à hauteur de 330\u00a0€, en argent ou en temps, dont 83\u00a0€ pour le réseau');

    // A mistake is named, in French, and the figures wait for it to be fixed.
    await page.locator('fieldset.membre').first().getByLabel('Jours').fill('huit');
    await expect.poll(() => page.locator('#erreurs').innerText()).toContain("L'Atelier du Bocage : le nombre de jours doit être un nombre positif");
    expect(await page.locator('#resultat').isVisible()).toBe(false);
    expect(await page.locator('#copier').isVisible()).toBe(false);
    await page.locator('fieldset.membre').first().getByLabel('Jours').fill('8');
    await expect.poll(() => page.locator('#calcul-etat').innerText()).toMatch(/^Calcul à jour\s: budget 20\s600\s€, réciprocité attendue 330\s€, dont 83\s€ pour le réseau\.$/);
    expect(await page.locator('#erreurs').innerText()).toBe('');
    await mission.context().close();
    await page.context().close();
  });

  test('tient sur un téléphone, sans défilement horizontal', async () => {
    const page = await newPage(360);
    await page.goto(`${site.url()}/calculer/`);
    await expect.poll(() => page.locator('#calculer').isVisible()).toBe(true);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
    await page.context().close();
  });
});
