// Every page type of the sample site on a phone (320 and 390 px), in Debian's Chromium,
// every <details> opened: no element's content is wider than its box (a table, a chart,
// a code snippet, a long word), every label of every chart is inside the screen, and the
// charts' text is 12 px at least. Then the same charts at 1280 px: the flows as a Sankey
// diagram, whole.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { describeInChromium, PAGE_TYPES, sampleSiteInChromium } from './chromium.ts';

const site = sampleSiteInChromium();

async function newPage(width: number): Promise<Page> {
  const context = await site.browser().newContext({ viewport: { width, height: 800 } });
  return context.newPage();
}

interface Measures {
  /** Elements whose content is wider than their box: « div.table-wrap 331/288 ». */
  wide: string[];
  /** Chart labels (text of an SVG or of a bar chart) sticking out of the screen. */
  outside: string[];
  /** Font sizes of the charts' text, in px. */
  sizes: number[];
  labels: number;
}

/** Opens every <details>, then measures the page (run in the browser). */
const measure = (page: Page, width: number): Promise<Measures> =>
  page.evaluate((w) => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    // Content clipped on purpose (visually hidden captions, the column headings of tables
    // shown as cards): 1 px boxes that only screen readers read.
    const clipped = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.clip !== 'auto' && style.position === 'absolute') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && !clipped(el))
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} ${(el as HTMLElement).scrollWidth}/${(el as HTMLElement).clientWidth} « ${(el.textContent ?? '').trim().slice(0, 40)} »`);
    // The text of the charts: SVG <text>, and the elements of the HTML bar charts that hold text.
    const texts = [...document.querySelectorAll('figure.chart svg text, figure.chart .chart-image *, .commons-bars *')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim()) && el.getBoundingClientRect().width > 0);
    const outside = texts.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < 0 || r.right > w;
    }).map((el) => (el.textContent ?? '').trim().slice(0, 40));
    return { wide, outside, sizes: texts.map((el) => parseFloat(getComputedStyle(el).fontSize)), labels: texts.length };
  }, width);

describeInChromium('chaque type de page sur un téléphone', () => {
  test.each([320, 390])('à %i px, rien n’est plus large que sa boîte, graphiques compris, et chaque étiquette de graphique est dans l’écran', async (width) => {
    const page = await newPage(width);
    const problems: string[] = [];
    let labels = 0;
    for (const path of PAGE_TYPES) {
      await page.goto(`${site.url()}${path}`);
      const m = await measure(page, width);
      labels += m.labels;
      problems.push(...m.wide.map((w) => `${path} : ${w}`), ...m.outside.map((o) => `${path} : étiquette hors de l’écran « ${o} »`));
      problems.push(...m.sizes.filter((s) => s < 12).map((s) => `${path} : texte de graphique à ${s} px`));
      if (await page.evaluate(() => document.documentElement.scrollWidth) > width) problems.push(`${path} : la page défile sur le côté`);
    }
    await page.context().close();
    expect(problems).toEqual([]);
    // The home page, the providers' pages and Movilab's have charts: 183 labels at the time of writing.
    expect(labels).toBeGreaterThan(150);
  });

  test.each([320, 390])('à %i px, le graphique de l’accueil montre chaque année, 2027 comprise, et les flux chaque commun', async (width) => {
    // content/ on 2026-11-29: money paid or promised in 2024, 2025, 2026 and 2027 (promises).
    const page = await newPage(width);
    await page.goto(`${site.url()}/`);
    const years = await page.locator('figure.money-chart .year-label').allInnerTexts();
    expect(years).toEqual(['2024', '2025', '2026', '2027']);
    for (const label of await page.locator('figure.money-chart .year-label, figure.money-chart .bar-value').all()) {
      const box = (await label.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    // The flows, one tap away: grouped by commons on a phone (the Sankey diagram is hidden).
    await page.getByText('Voir qui a donné à quel commun, flux par flux').click();
    expect(await page.locator('.flow-wide svg').first().isVisible()).toBe(false);
    const commons = await page.locator('.flow-narrow').first().locator('.flow-commons .flow-name').allInnerTexts();
    expect(commons).toContain('La Compagnie des Tiers-Lieux');
    expect(commons).toContain('Movilab, le wiki des tiers-lieux');
    await page.context().close();
  });

  test('à 320 px, le graphique de Claire Vandamme montre ses trois années de dons', async () => {
    // content/declarations/claire-vandamme/: money given in 2024, 2025 and 2026 (the audit saw only 2024).
    const page = await newPage(320);
    await page.goto(`${site.url()}/prestataires/claire-vandamme/`);
    const years = await page.locator('figure.given-chart .year-bars').first().locator('.year-label').allInnerTexts();
    expect(years).toEqual(['2024', '2025', '2026']);
    await page.context().close();
  });
});

describeInChromium('sur un écran large', () => {
  test.each([320, 1280])('à %i px, les cartes d’une mission ne coupent aucun mot', async (width) => {
    // The review of issue 21: « Agglomératio|n », « 1er septembr|e », « Terminé|e » (no French hyphenation dictionary here).
    const page = await newPage(width);
    const cut: string[] = [];
    for (const mission of ['diagnostic-foncier-portes-du-therain-2027', 'evaluation-impact-vermandois-2025', 'accompagnement-planches-vives-2025']) {
      await page.goto(`${site.url()}/missions/${mission}/`);
      cut.push(...(await page.evaluate(() => {
        const found: string[] = [];
        for (const dd of document.querySelectorAll('.stats dd')) {
          // A word, hyphens aside: « Saint-Quentinois » may break after its hyphen.
          const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of (node.textContent ?? '').matchAll(/[\p{L}\p{N}’']+/gu)) {
              const range = document.createRange();
              range.setStart(node, match.index!);
              range.setEnd(node, match.index! + match[0].length);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (lines.size > 1) found.push(match[0]);
            }
          }
        }
        return found;
      })).map((word) => `${mission} : ${word}`));
    }
    await page.context().close();
    expect(cut).toEqual([]);
  });

  test('à 1280 px, les flux sont un diagramme de Sankey entier, la version étroite cachée', async () => {
    const page = await newPage(1280);
    await page.goto(`${site.url()}/`);
    await page.getByText('Voir qui a donné à quel commun, flux par flux').click();
    const svg = page.locator('.flow-wide svg').first();
    expect(await svg.isVisible()).toBe(true);
    expect(await page.locator('.flow-narrow').first().isVisible()).toBe(false);
    const box = (await svg.boundingBox())!;
    expect(box.width).toBe(800);
    const m = await measure(page, 1280);
    expect(m.outside).toEqual([]);
    expect(m.wide).toEqual([]);
    expect(Math.min(...m.sizes)).toBeGreaterThanOrEqual(12);
    await page.context().close();
  });
});
