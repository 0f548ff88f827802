// npm run validate [-- --content DIR] [--format text|json|github|markdown] [--date YYYY-MM-DD] [--render] [--base REF]
// Exit 0 valid, 1 invalid, 2 usage error. Warnings never change the exit code. With a
// --date before today, what exists only relative to that date (a declaration dated after
// it…) is not there yet on that date: a warning, as the figures read it (seenFrom).
// --render renders every Markdown body with the site's pipeline (CI does), not only
// those the linear scan cannot judge; markdown is the text report for a job summary.
// With --base REF, a rules file in force on the date at REF that the change edits, renames
// or removes is an error (regles_reecrites: add a new file instead), a rules file it adds
// that takes effect before the date (the earliest day it can enter the registry) without
// saying why in retroactivite is one too (regles_entree_retroactive), and so is a fact of a
// mission finished at REF (terminee, or past its end on the date while still en_cours or
// attribuee: abandoning it counts) (budget, team, days, dates, status) changed without a new entry
// in its corrections: (mission_terminee_modifiee, correction_incomplete, corrections_reecrites);
// with --format github, only the files changed since REF are annotated.
import { existsSync, readFileSync } from 'node:fs';
import { posix, relative } from 'node:path';
import { formatGithub, formatJson, formatMarkdown, formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { seenFrom, sortProblems } from '../src/domain/registry/problems.ts';
import { today } from '../src/domain/registry/dates.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { lateRules, rewrittenRules } from '../src/domain/rules/rewrites.ts';
import { rewrittenMissions } from '../src/domain/registry/history.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import type { ChangedFile } from '../src/domain/contribution/owners.ts';
import { changedFiles, openRepo, readAt, repoPath, resolveBase, type Repo } from './git.ts';

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
  const base = values.base === undefined ? null : await baseOf(values.base, contentDir);
  // The files the change adds, from the content folder: a look-alike name is theirs.
  const inContent = (path: string) => (!base?.content ? [path] : path.startsWith(`${base.content}/`) ? [path.slice(base.content.length + 1)] : []);
  const added = new Set((base?.files ?? []).filter((f) => f.status === 'A' || f.status === 'R' || f.status === 'C').flatMap((f) => inContent(f.path)));
  const result = loadRegistry(contentDir, { date, render: values.render, added });
  // A provider renamed in this change (anciens_ids) changes no mission's facts.
  const renamed = new Map([...result.registry.prestataires.values()].flatMap((p) => (p.data.anciens_ids ?? []).filter((old) => !result.registry.prestataires.has(old)).map((old) => [old, p.data.id] as const)));
  const found = seenFrom(base ? sortProblems([...result.problems, ...(await historyProblems(base, date, renamed))]) : result.problems, date, today());
  const problems = withPathPrefix(found, relative(process.cwd(), contentDir));
  const report = { files: result.files, entities: result.entities, problems };
  if (base && format === 'github') {
    // Problem paths are relative to the current folder; changed paths to the repository's top.
    const prefix = repoPath(base.repo, '.');
    console.log(formatGithub(report, (file) => base.changed.has(prefix ? `${prefix}/${file}` : file)));
  } else {
    console.log(FORMATS[format](report));
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
});

/** The repository, the base's merge point and the files changed since, for --base REF. */
async function baseOf(ref: string, contentDir: string) {
  const repo = await openRepo();
  const mergeBase = (await resolveBase(repo, ref)).mergeBase;
  const files = await changedFiles(repo, mergeBase);
  return { repo, mergeBase, content: repoPath(repo, contentDir), files, changed: new Set(files.map((f) => f.path)) };
}

/** What the change rewrites of the past: rules in force, rules back-dated, facts of finished missions. */
async function historyProblems(base: Awaited<ReturnType<typeof baseOf>>, date: string, renamed: ReadonlyMap<string, string>) {
  const changes = (folder: string) => folderChanges(base.repo, base.mergeBase, base.content, base.files, folder);
  return [...rewrittenRules(await changes('regles'), date), ...lateRules(addedFiles(base, 'regles'), date), ...rewrittenMissions(await changes('missions'), date, renamed)];
}

/** The files of a folder the change adds (a renamed or copied file at its new path), as they are now. */
function addedFiles(base: Awaited<ReturnType<typeof baseOf>>, folder: string) {
  const dir = posix.join(base.content, folder) + '/';
  return base.files
    .filter((f) => (f.status === 'A' || f.status === 'R' || f.status === 'C') && f.path.startsWith(dir))
    .map((f) => ({ file: f.path.slice(base.content ? base.content.length + 1 : 0), absolute: posix.join(base.repo.root, f.path) }))
    .filter((f) => existsSync(f.absolute))
    .map((f) => ({ file: f.file, text: readFileSync(f.absolute, 'utf8') }));
}

/** Each file of a folder of the base that the change touches, before and after (paths relative to the content folder). */
async function folderChanges(repo: Repo, mergeBase: string, content: string, files: readonly ChangedFile[], folder: string) {
  const dir = posix.join(content, folder) + '/';
  // A rename is judged at its old path: the file of the base no longer exists as it was.
  const touched = files.map((f) => f.from ?? f.path).filter((path) => path.startsWith(dir));
  return Promise.all(
    [...new Set(touched)].map(async (path) => {
      const absolute = posix.join(repo.root, path);
      return { file: path.slice(content ? content.length + 1 : 0), before: await readAt(repo, mergeBase, path), after: existsSync(absolute) ? readFileSync(absolute, 'utf8') : null };
    }),
  );
}
