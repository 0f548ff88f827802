// npm run build [-- --content DIR] [--date YYYY-MM-DD] [--out DIR] [--liens FICHIER]
// Validates, builds the static site into dist/, then indexes it with Pagefind. With
// --liens, the dead links of that report (npm run liens) are shown as warnings.
import { relative } from 'node:path';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { count } from '../src/domain/registry/french.ts';
import { today } from '../src/domain/registry/dates.ts';
import { seenFrom } from '../src/domain/registry/problems.ts';
import { contentDirOption, dateOption, linkReportOption, parseCli, runCli } from './cli.ts';
import { buildPages, loadForSite, startIndexing, type SearchIndexing } from './site.ts';

const USAGE = 'Usage : npm run build -- [--content DOSSIER] [--date AAAA-MM-JJ] [--out DOSSIER] [--liens FICHIER]';

await runCli(async () => {
  const { values } = parseCli(process.argv.slice(2), { content: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' }, liens: { type: 'string' } }, USAGE);
  const options = { contentDir: contentDirOption(values.content), date: dateOption(values.date), outDir: values.out ?? 'dist', liens: linkReportOption(values.liens) };
  const started = performance.now();

  const loaded = loadForSite(options);
  // At a past --date, the facts dated after it are not there yet: warnings, as validate says (seenFrom).
  const seen = seenFrom(loaded.problems, options.date, today());
  const errors = seen.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const problems = withPathPrefix(errors, relative(process.cwd(), options.contentDir));
    console.error(formatText({ files: loaded.files, entities: loaded.entities, problems }));
    console.error('\nLe site n’est pas construit tant que le registre contient des erreurs.');
    return 1;
  }
  console.log(`Registre valide : ${count(loaded.entities, 'entité')} (${count(loaded.problems.length, 'avertissement')}).`);
  let indexing: SearchIndexing | undefined;
  const report = await buildPages(options, loaded, (data) => (indexing = startIndexing(data))).catch(async (error: unknown) => {
    await indexing?.abandon();
    throw error;
  });
  const pages = await indexing!.write(options.outDir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rendered = report.mode === 'complète' ? '' : `, ${count(report.rendered, 'fiche refaite', 'fiches refaites')} sur ${report.total}`;
  console.log(`Site construit dans ${relative(process.cwd(), options.outDir) || '.'}/ (construction ${report.mode}${rendered} ; ${count(pages, 'fiche indexée', 'fiches indexées')} pour la recherche) en ${seconds} s.`);
  return 0;
});
