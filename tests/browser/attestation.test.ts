// The yearly attestation as a consultant prints it for a tender (issue 23, point 1):
// Karim Haddou's for 2025 on the sample (figures worked out in tests/site/attestations.test.ts),
// printed by Chromium on A4 (page.pdf, print media): two pages at most, every key figure on them.
import { expect, test } from 'vitest';
import { describeInChromium, sampleSiteInChromium } from './chromium.ts';

const site = sampleSiteInChromium();

/** Pages of a PDF as Chromium writes it: one « /Type /Page » object per page (« /Pages » is the tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

describeInChromium('l’attestation annuelle imprimée', () => {
  test('Karim Haddou, 2025 : deux pages A4 au plus, avec les chiffres clés, la situation au 31 décembre et la vérification', async () => {
    const page = await (await site.browser().newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${site.url()}/prestataires/karim-haddou/attestations/2025/`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    // What is printed: the screen's header is hidden, the rest shown.
    const text = (await page.locator('main').innerText()).replace(/\u00a0|\u202f/g, ' ');
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(text).toContain('Attestation de réciprocité 2025');
    expect(text).toContain('Situation au 31 décembre 2025');
    expect(text).toContain('Déclarations à jour');
    expect(text).toContain('Adhésion en cours jusqu’au 31 décembre 2025.');
    // Expected 137 €, given 320 € of which 120 € paid and confirmed, manque 49 €; the promise of 25 € not counted.
    expect(text).toContain('attendu 137 € ; donné 320 € = versé 120 € (dont confirmé par les communs 120 €)');
    expect(text).toContain('manque 49 €');
    expect(text).toContain('promesse échue 25 € (non comptée)');
    expect(text).toContain('versé 120 €, dont 120 € confirmés par les communs');
    expect(text).toContain('gh attestation verify attestation-karim-haddou-2025.json --repo compagnie-tiers-lieux/communs-reciprocite');
    expect(text).toContain('Ce que cela ne prouve pas');
    // The printed layout is A4 with its own margins, from the attestation's stylesheet.
    expect(await page.evaluate(() => [...document.styleSheets].some((s) => [...s.cssRules].some((r) => r.cssText.startsWith('@page') && /size: A4/i.test(r.cssText))))).toBe(true);
    await page.context().close();
  });

  test('la page se lit aussi à l’écran d’un téléphone, et le JSON se télécharge sous un nom qui dit qui et quelle année', async () => {
    const page = await (await site.browser().newContext({ viewport: { width: 320, height: 700 } })).newPage();
    await page.goto(`${site.url()}/prestataires/karim-haddou/attestations/2025/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const link = page.locator('a[download]');
    expect(await link.getAttribute('download')).toBe('attestation-karim-haddou-2025.json');
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
    expect((await response.json()).annee).toBe(2025);
    await page.context().close();
  });
});
