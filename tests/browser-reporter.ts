// One visible line at the end of `npm test` when the browser tests were skipped on a
// machine without Chromium (see tests/browser/chromium.ts): how many, why, and how
// to install it. Silent when they ran.
import { relative, sep } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { browserTestsSkipped, CHROMIUM_PATH } from './browser/chromium.ts';

const BROWSER_DIR = `tests${sep}browser${sep}`;

export default class BrowserSkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (!browserTestsSkipped) return;
    const skipped = modules
      .filter((module) => relative(process.cwd(), module.moduleId).startsWith(BROWSER_DIR))
      .flatMap((module) => [...module.children.allTests('skipped')]).length;
    if (skipped === 0) return;
    const tests = skipped === 1 ? '1 test navigateur ignoré' : `${skipped} tests navigateur ignorés`;
    process.stdout.write(
      `\n⚠ ${tests} : Chromium introuvable à ${CHROMIUM_PATH}. Pour les lancer : sudo apt-get install chromium (ou CHROMIUM_PATH=/chemin/vers/chromium npm test). Avec CI=true, ils tournent toujours.\n\n`,
    );
  }
}
