// On a newcomer's machine without Chromium, `npm test` must pass: every browser test
// file declares its suites with describeInChromium (tests/browser/chromium.ts), which
// skips them there and runs them under CI. A file that takes `describe` or `test` from
// vitest at the top level would fail on that machine: this check names it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './helpers.ts';

const BROWSER_DIR = join(ROOT, 'tests', 'browser');
const files = readdirSync(BROWSER_DIR).filter((name) => name.endsWith('.test.ts'));

test('il y a des tests navigateur', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('tests/browser/%s ne déclare ses suites qu’avec describeInChromium', (name) => {
  const source = readFileSync(join(BROWSER_DIR, name), 'utf8');
  const vitestImport = /import\s*\{([^}]*)\}\s*from\s*'vitest'/.exec(source)?.[1] ?? '';
  const imported = vitestImport.split(',').map((s) => s.trim());
  expect(imported, 'describe vient de vitest : utilisez describeInChromium').not.toContain('describe');
  expect(source, 'il faut au moins une suite describeInChromium').toMatch(/describeInChromium/);
  // No test outside a suite: it would run (and fail) without Chromium.
  expect(source.split('\n').filter((line) => /^(test|it)(\.\w+)?\(/.test(line))).toEqual([]);
});
