// npm run validate [-- --content DIR] [--format text|json|github|markdown] [--date YYYY-MM-DD] [--render] [--base REF]
// Exit 0 valid, 1 invalid, 2 usage error. Warnings never change the exit code.
// --render renders every Markdown body with the site's pipeline (CI does), not only
// those the linear scan cannot judge; markdown is the text report for a job summary.
// With --format github and --base REF, only the files changed since REF are annotated.
import { relative } from 'node:path';
import { formatGithub, formatJson, formatMarkdown, formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { changedFiles, openRepo, repoPath, resolveBase } from './git.ts';

const USAGE = `Usage : npm run validate -- [--content DOSSIER] [--format text|json|github|markdown] [--date AAAA-MM-JJ] [--render] [--base RÉFÉRENCE]`;
const FORMATS = { text: formatText, json: formatJson, github: formatGithub, markdown: formatMarkdown };

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { content: { type: 'string' }, format: { type: 'string' }, date: { type: 'string' }, render: { type: 'boolean' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
  if (values.base !== undefined && format !== 'github') throw new UsageError(`--base ne sert qu'avec --format github (annoter les seuls fichiers modifiés).\n\n${USAGE}`);
  const repo = values.base !== undefined ? await openRepo() : null;
  const changes = repo ? await changedFiles(repo, (await resolveBase(repo, values.base!)).mergeBase) : [];
  // The files the change adds, from the content folder: a look-alike name is theirs.
  const contentPrefix = repo ? repoPath(repo, contentDir) : '';
  const inContent = (path: string) => (!contentPrefix ? [path] : path.startsWith(`${contentPrefix}/`) ? [path.slice(contentPrefix.length + 1)] : []);
  const added = new Set(changes.filter((f) => f.status === 'A' || f.status === 'R' || f.status === 'C').flatMap((f) => inContent(f.path)));
  const result = loadRegistry(contentDir, { date, render: values.render, added });
  const problems = withPathPrefix(result.problems, relative(process.cwd(), contentDir));
  const report = { files: result.files, entities: result.entities, problems };
  if (repo) {
    const changed = new Set(changes.map((f) => f.path));
    // Problem paths are relative to the current folder; changed paths to the repository's top.
    const prefix = repoPath(repo, '.');
    console.log(formatGithub(report, (file) => changed.has(prefix ? `${prefix}/${file}` : file)));
  } else {
    console.log(FORMATS[format](report));
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
});
