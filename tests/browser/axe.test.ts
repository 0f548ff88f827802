// axe-core 4.11 on every page type of the sample site, at 1280 and 390 px, with WCAG 2.0,
// 2.1 and 2.2 (A and AA) and axe's best practices: no violation at all, of any impact.
// Every <details> is opened first, so that what it holds is checked too; the search page
// is also checked with results on it.
import { expect, test } from 'vitest';
import { ALL_TAGS, axeViolations, describeInChromium, PAGE_TYPES, sampleSiteInChromium } from './chromium.ts';

const site = sampleSiteInChromium();

describeInChromium('accessibilité de chaque type de page (axe-core, WCAG 2.2 AA et bonnes pratiques)', () => {
  test.each([1280, 390])('à %i px, aucune violation', async (width) => {
    const page = await (await site.browser().newContext({ viewport: { width, height: 800 } })).newPage();
    const found: string[] = [];
    for (const path of [...PAGE_TYPES, '/recherche/?q=movilab']) {
      await page.goto(`${site.url()}${path}`);
      if (path.includes('?q=')) await expect.poll(() => page.locator('#recherche-resultats > li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      for (const v of await axeViolations(page, ALL_TAGS)) found.push(`${path} : ${v.id} (${v.impact}) ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    }
    await page.context().close();
    expect(found).toEqual([]);
    // Thirty pages, axe on each: 80 s measured on a shared 2-core machine.
  }, 300_000);
});
