import { defineConfig } from 'vitest/config';

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
  },
});
