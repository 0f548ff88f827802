// The site pipeline shared by npm run build and npm run bench: validate, build with
// Astro, index with Pagefind. The registry is loaded once and handed to the pages.
import { join, resolve } from 'node:path';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { loadRegistry, type LoadResult } from '../src/domain/load.ts';
import { provideSiteData } from '../src/site/data.ts';

export interface SiteOptions {
  contentDir: string;
  date: string;
  outDir: string;
}

/** Loads and validates the registry; the caller decides what to do with errors. */
export function loadForSite({ contentDir, date }: SiteOptions): LoadResult {
  return loadRegistry(contentDir, { date });
}

/** Builds the static site from an already loaded, valid registry. */
export async function buildPages(options: SiteOptions, loaded: LoadResult): Promise<void> {
  process.env.CR_CONTENT_DIR = resolve(options.contentDir);
  process.env.CR_DATE = options.date;
  provideSiteData(resolve(options.contentDir), options.date, loaded.registry);
  await build({ root: process.cwd(), outDir: resolve(options.outDir), logLevel: 'warn' });
}

/** Indexes the built pages with Pagefind (French stemming). Returns the number of pages. */
export async function indexPages(outDir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
  if (!index) throw new Error(`Pagefind : ${errors.join(', ')}`);
  const added = await index.addDirectory({ path: resolve(outDir) });
  await index.writeFiles({ outputPath: join(resolve(outDir), 'pagefind') });
  await pagefind.close();
  return added.page_count;
}
