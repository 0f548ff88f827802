import { defineConfig } from 'vitest/config';
import { SAMPLE_ENV } from './tests/helpers.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The default output, then one line when the browser tests were skipped (no Chromium here).
    reporters: ['default', './tests/browser-reporter.ts'],
    // CLI, build and browser tests start real processes: give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // The sample's site keeps its fictional repository and address (tests/helpers.ts).
    env: SAMPLE_ENV,
  },
});
