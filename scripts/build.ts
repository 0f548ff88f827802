// npm run build [-- --content DIR] [--date YYYY-MM-DD]
// Validates, builds the static site into dist/, then indexes it with Pagefind.
import { join, relative, resolve } from 'node:path';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { formatText, withPathPrefix } from '../src/domain/format.ts';
import { loadRegistry } from '../src/domain/load.ts';
import { contentDirOption, dateOption, parseCli, runCli } from './cli.ts';

const USAGE = 'Usage : npm run build -- [--content DOSSIER] [--date AAAA-MM-JJ] [--out DOSSIER]';

await runCli(async () => {
  const { values } = parseCli(process.argv.slice(2), { content: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' } }, USAGE);
  const outDir = resolve(values.out ?? 'dist');
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const started = performance.now();

  const result = loadRegistry(contentDir, { date });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const problems = withPathPrefix(errors, relative(process.cwd(), contentDir));
    console.error(formatText({ files: result.files, entities: result.entities, problems }));
    console.error('\nLe site n’est pas construit tant que le registre contient des erreurs.');
    return 1;
  }
  console.log(`Registre valide : ${result.entities} entités (${result.problems.length} avertissements).`);

  // The pages read the registry through src/domain; these tell them where and when.
  process.env.CR_CONTENT_DIR = resolve(contentDir);
  process.env.CR_DATE = date;
  await build({ root: process.cwd(), outDir, logLevel: 'warn' });

  const { index, errors: indexErrors } = await pagefind.createIndex({ forceLanguage: 'fr' });
  if (!index) throw new Error(`Pagefind : ${indexErrors.join(', ')}`);
  const added = await index.addDirectory({ path: outDir });
  await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
  await pagefind.close();
  console.log(`Site construit dans ${relative(process.cwd(), outDir) || '.'}/ (${added.page_count} pages indexées) en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
});
