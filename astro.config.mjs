// @ts-check
import { defineConfig } from 'astro/config';
import { SITE_URL } from './site.config.mjs';

// The site reads the registry through src/domain (no content collections): one
// loader for the validator and the site, and no content-sync cost at scale.
export default defineConfig({
  site: SITE_URL,
  output: 'static',
  trailingSlash: 'always',
  // Pages wait on file writes: render a few at once (measured with npm run bench).
  build: { format: 'directory', concurrency: 4 },
  devToolbar: { enabled: false },
});
