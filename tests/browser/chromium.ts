import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { serve } from '../serve.ts';

// Every browser test lives in tests/browser/ and declares its suites with
// describeInChromium: on a newcomer's machine without Chromium they are skipped, and
// tests/browser-reporter.ts prints one line saying how many and how to install it.
// Under CI (CI=true) they always run, so a missing browser fails the run.

/** Debian's Chromium, or another Chromium-based browser named by CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const inCI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

/** True when the browser tests are skipped: no Chromium here, and not in CI. */
export const browserTestsSkipped = !inCI && !existsSync(CHROMIUM_PATH);

/** `describe` for suites that drive Chromium: skipped only on a machine without it, outside CI. */
export const describeInChromium = describe.skipIf(browserTestsSkipped);

/** Debian's Chromium (or CHROMIUM_PATH), headless, with no background traffic (this machine has no network). */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium introuvable à ${CHROMIUM_PATH} : sous CI, les tests navigateur doivent tourner. Installez-le (sudo apt-get install chromium) ou indiquez un autre navigateur avec CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The same, and axe's best practices (unique landmark names, one main heading…). */
export const ALL_TAGS = [...WCAG_TAGS, 'best-practice'];

/** Runs axe-core in the page (injected as a script: @axe-core/playwright needs Node 22). */
export async function axeViolations(page: Page, tags: readonly string[] = WCAG_TAGS): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (values) => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, [...tags]);
}

/**
 * One page of each type of the sample site (content/ on 2026-11-29): every list and its
 * filtered and sorted pages, a provider in each situation and a yearly attestation, a
 * finished mission and an open call, a commons, the forms, the legal pages and a page that does not exist.
 */
export const PAGE_TYPES = [
  '/',
  '/prestataires/',
  '/prestataires/agathe-morel/',
  '/prestataires/claire-vandamme/',
  '/prestataires/karim-haddou/',
  '/prestataires/cabinet-trame-et-usages/',
  '/prestataires/lea-fontaine/',
  // A yearly attestation: written outside Astro, with its own stylesheet (src/site/attestations.ts).
  '/prestataires/karim-haddou/attestations/2025/',
  '/prestataires/situation/en-retard/',
  '/prestataires/tri/manque/',
  '/missions/',
  '/missions/statut/terminee/',
  '/missions/tri/budget/',
  '/missions/bcus-residence-les-tilleuls-2026/',
  '/missions/consortium-ruralite-bocage-avesnois-2025/',
  '/missions/diagnostic-foncier-portes-du-therain-2027/',
  '/communs/',
  '/communs/movilab/',
  '/appels/',
  '/regles/',
  '/recherche/',
  '/donnees/',
  '/contribuer/',
  '/contribuer/erreurs/',
  '/declarer/',
  '/calculer/',
  '/mentions-legales/',
  '/donnees-personnelles/',
  '/accessibilite/',
  '/en/',
  '/adresse-inconnue/',
];

/**
 * The built sample site served on 127.0.0.1 and one Chromium for a whole test file:
 * started before its first test, stopped after its last.
 */
export function sampleSiteInChromium(): { browser: () => Browser; url: () => string } {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  beforeAll(async () => {
    server = await serve(inject('siteDir'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { browser: () => browser!, url: () => server!.url };
}
