// npm run validate [-- --content DIR] [--format text|json|github] [--date YYYY-MM-DD]
// Exit 0 valid, 1 invalid, 2 usage error. Warnings never change the exit code.
import { relative } from 'node:path';
import { formatGithub, formatJson, formatText, withPathPrefix } from '../src/domain/format.ts';
import { loadRegistry } from '../src/domain/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = `Usage : npm run validate -- [--content DOSSIER] [--format text|json|github] [--date AAAA-MM-JJ]`;
const FORMATS = { text: formatText, json: formatJson, github: formatGithub };

await runCli(() => {
  const { values } = parseCli(
    process.argv.slice(2),
    { content: { type: 'string' }, format: { type: 'string' }, date: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = (values.format ?? 'text') as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new UsageError(`Format inconnu : « ${values.format} ». Formats possibles : text, json, github.\n\n${USAGE}`);
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const result = loadRegistry(contentDir, { date });
  const problems = withPathPrefix(result.problems, relative(process.cwd(), contentDir));
  console.log(FORMATS[format]({ files: result.files, entities: result.entities, problems }));
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
});
