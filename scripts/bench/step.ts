// One measured step of the benchmark, run in its own process so that its peak
// memory is its own. Prints one JSON line: { step, ms, peakMb, detail }.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { parseMarkdownFile, parseYamlFile } from '../../src/domain/registry/parse.ts';
import { createSiteData } from '../../src/site/data.ts';
import { buildPages, indexSite, startIndexing, type SearchIndexing } from '../site.ts';

const [step, contentDir, outDir, date] = process.argv.slice(2);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

let started = performance.now();
let detail = '';
if (step === 'parse') {
  // Read and parse only: the floor every other step is compared to.
  let ok = 0;
  for (const file of walk(contentDir)) {
    const text = readFileSync(file, 'utf8');
    if ((file.endsWith('.md') ? parseMarkdownFile(text) : parseYamlFile(text)).ok) ok++;
  }
  detail = `${ok} fichiers lus`;
} else if (step === 'validate') {
  const result = loadRegistry(contentDir, { date });
  detail = `${result.entities} entités, ${result.problems.filter((p) => p.severity === 'error').length} erreurs`;
} else if (step === 'build' || step === 'rebuild') {
  if (step === 'rebuild') {
    // One contributor edits one profile: the site is built again from scratch.
    const file = join(contentDir, 'prestataires', readdirSync(join(contentDir, 'prestataires')).sort()[0]);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\nUne phrase ajoutée pour le banc d'essai.\n`);
  }
  // As npm run build does: the search index is made on the other core while Astro renders.
  const loaded = loadRegistry(contentDir, { date });
  let indexing: SearchIndexing | undefined;
  await buildPages({ contentDir, date, outDir }, loaded, (data) => (indexing = startIndexing(data)));
  const indexed = await indexing!.write(outDir);
  detail = `${readdirSync(outDir).length} entrées à la racine du site, ${indexed} fiches indexées`;
} else if (step === 'index') {
  // The indexing alone, for information: npm run build (the build step) overlaps it with the
  // rendering. The data is already loaded when indexing starts: the loading is not timed.
  const data = createSiteData(contentDir, date, loadRegistry(contentDir, { date }).registry);
  const loaded = performance.now();
  detail = `${await indexSite(outDir, data)} fiches indexées ; chargement préalable de ${((loaded - started) / 1000).toFixed(1)} s non compté`;
  started = loaded;
} else {
  throw new Error(`étape inconnue : ${step}`);
}
const ms = performance.now() - started;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ step, ms, peakMb, detail }));
