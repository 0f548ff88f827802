import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe } from 'vitest';

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

/** Runs axe-core in the page (injected as a script: @axe-core/playwright needs Node 22). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}
