// npm run figures [-- --content DIR] [--date YYYY-MM-DD]
// Prints every derived figure as one JSON document (exit 1 if the registry is invalid).
import { blockingErrors } from '../src/domain/registry/problems.ts';
import { relative } from 'node:path';
import { computeFigures } from '../src/domain/rules/figures.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli } from './cli.ts';

const USAGE = 'Usage : npm run figures -- [--content DOSSIER] [--date AAAA-MM-JJ]';

await runCli(() => {
  const { values } = parseCli(process.argv.slice(2), { content: { type: 'string' }, date: { type: 'string' } }, USAGE);
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const result = loadRegistry(contentDir, { date });
  const errors = blockingErrors(result.problems);
  if (errors.length > 0) {
    console.error(formatText({ files: result.files, entities: result.entities, problems: withPathPrefix(errors, relative(process.cwd(), contentDir)) }));
    return 1;
  }
  console.log(JSON.stringify(computeFigures(result.registry, date), null, 2));
  return 0;
});
