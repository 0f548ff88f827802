// Names and titles come from contributors, up to 200 characters with no space at all
// (schemas/shared.ts): on a phone-sized screen they wrap instead of widening the page.
// The built sample site's own pages, their text replaced in the browser by such a name.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { serve } from '../serve.ts';
import { describeInChromium as describe, launchChromium } from './chromium.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
let page: Page;

beforeAll(async () => {
  server = await serve(inject('siteDir'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 360, height: 740 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const LONG = 'Coopérative'.repeat(18).slice(0, 200);

describe('un nom de 200 lettres sans espace', () => {
  test.each(['/prestataires/la-sucrerie-partagee/', '/prestataires/', '/missions/consortium-ruralite-bocage-avesnois-2025/'])('ne déborde pas de l’écran sur %s', async (path) => {
    const response = await page.goto(`${server.url}${path}`);
    expect(response?.status()).toBe(200);
    const widths = await page.evaluate((name) => {
      // Every heading, table cell and list item that names someone takes the long name.
      for (const el of document.querySelectorAll('main h1, main h2, main td, main th, main li a, main dd')) el.textContent = name;
      return { page: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth, replaced: document.querySelectorAll('main h1').length };
    }, LONG);
    expect(widths.replaced).toBeGreaterThan(0);
    expect(widths.page, `${path} : la page fait ${widths.page} px pour un écran de ${widths.screen} px`).toBeLessThanOrEqual(widths.screen);
  });
});
