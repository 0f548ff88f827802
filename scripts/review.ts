// npm run review -- --base REF [--content DIR] [--date YYYY-MM-DD] [--format text|markdown] [--titre TEXTE]
// Says in French what the working tree changes since REF: every changed file (code
// first), entries with their old and new values, declarations to look at, figures
// (both sides at the same reference date), new validation problems. Markdown is for
// the CI job summary, headed by the pull request's title (--titre, escaped).
// Exit 0, 1 if the new tree has errors, 2 on usage error.
import { relative } from 'node:path';
import { computeFigures } from '../src/domain/rules/figures.ts';
import { withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { escapeMarkdown, formatReviewMarkdown, formatReviewText, reviewChanges, type ReviewSide } from '../src/domain/contribution/review.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { baseLabel, changedFiles, exportFolder, openRepo, repoPath, resolveBase } from './git.ts';

const USAGE = 'Usage : npm run review -- --base RÉFÉRENCE [--content DOSSIER] [--date AAAA-MM-JJ] [--format text|markdown] [--titre TEXTE]';
const FORMATS = { text: formatReviewText, markdown: formatReviewMarkdown };

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { base: { type: 'string' }, content: { type: 'string' }, date: { type: 'string' }, format: { type: 'string' }, titre: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.base) throw new UsageError(`Indiquez la version à comparer avec --base (ex. : --base origin/main).\n\n${USAGE}`);
  const format = (values.format ?? 'text') as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new UsageError(`Format inconnu : « ${values.format} ». Formats possibles : text, markdown.\n\n${USAGE}`);
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const repo = await openRepo();
  const base = await resolveBase(repo, values.base);

  const prefix = relative(process.cwd(), contentDir);
  const side = (dir: string): ReviewSide => {
    const result = loadRegistry(dir, { date });
    return { registry: result.registry, figures: computeFigures(result.registry, date), problems: withPathPrefix(result.problems, prefix), invalid: result.invalid };
  };
  const contentPrefix = repoPath(repo, contentDir);
  const old = await exportFolder(repo, base.mergeBase, contentPrefix);
  let before: ReviewSide;
  try {
    before = side(old.dir);
  } finally {
    old.cleanup();
  }
  const review = reviewChanges(before, side(contentDir), { files: await changedFiles(repo, base.mergeBase), contentPrefix });
  const title = values.titre === undefined ? '' : format === 'markdown' ? `# Proposition : ${escapeMarkdown(values.titre)}\n\n` : `Proposition : ${values.titre.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}\n\n`;
  console.log(title + FORMATS[format](review, baseLabel(base)));
  return review.errors > 0 ? 1 : 0;
});
