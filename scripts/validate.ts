// npm run validate [-- --content DIR] [--format text|json|github|markdown] [--date YYYY-MM-DD] [--render]
// Exit 0 valid, 1 invalid, 2 usage error. Warnings never change the exit code.
// --render renders every Markdown body with the site's pipeline (CI does), not only
// those the linear scan cannot judge; markdown is the text report for a job summary.
import { relative } from 'node:path';
import { formatGithub, formatJson, formatMarkdown, formatText, withPathPrefix } from '../src/domain/format.ts';
import { loadRegistry } from '../src/domain/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = `Usage : npm run validate -- [--content DOSSIER] [--format text|json|github|markdown] [--date AAAA-MM-JJ] [--render]`;
const FORMATS = { text: formatText, json: formatJson, github: formatGithub, markdown: formatMarkdown };

await runCli(() => {
  const { values } = parseCli(
    process.argv.slice(2),
    { content: { type: 'string' }, format: { type: 'string' }, date: { type: 'string' }, render: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = (values.format ?? 'text') as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new UsageError(`Format inconnu : « ${values.format} ». Formats possibles : text, json, github, markdown.\n\n${USAGE}`);
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const result = loadRegistry(contentDir, { date, render: values.render });
  const problems = withPathPrefix(result.problems, relative(process.cwd(), contentDir));
  console.log(FORMATS[format]({ files: result.files, entities: result.entities, problems }));
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
});
