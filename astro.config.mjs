// @ts-check
import { defineConfig } from 'astro/config';
import { BASE_PATH, SITE_URL } from './site.config.mjs';

// The site reads the registry through src/domain (no content collections): one
// loader for the validator and the site, and no content-sync cost at scale.
export default defineConfig({
  // Served at a domain root or under a project-pages path (https://org.github.io/repo/):
  // see site.config.mjs, and src/site/url.ts for links.
  site: new URL(SITE_URL).origin,
  base: BASE_PATH,
  output: 'static',
  trailingSlash: 'always',
  // Pages wait on file writes: render a few at once (measured with npm run bench).
  // Styles inlined in each page: two requests per page (HTML and favicon), as measured.
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
});
