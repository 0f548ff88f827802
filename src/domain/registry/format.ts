// One formatter per output of `npm run validate`: the problems are data, these
// functions only turn them into text.
import { visible } from './escape.ts';
import type { Problem } from './problems.ts';

export interface Report {
  files: number;
  entities: number;
  problems: Problem[];
}

/** Problems with their file path as the reader will open it (e.g. prefixed with content/). */
export function withPathPrefix(problems: Problem[], prefix: string): Problem[] {
  if (!prefix || prefix === '.') return problems;
  const base = prefix.replace(/\\/g, '/').replace(/\/$/, '');
  return problems.map((p) => ({ ...p, file: `${base}/${p.file}` }));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

export function formatText({ files, entities, problems }: Report): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const lines: string[] = [];
  for (const p of [...errors, ...warnings]) {
    const label = p.severity === 'warning' ? 'avertissement : ' : '';
    lines.push(`${visible(p.file)}:${p.line}:${p.column}  ${label}${visible(p.message)}`);
    lines.push(`    conseil : ${visible(p.hint)} [${p.code}]`);
  }
  if (lines.length > 0) lines.push('');
  const verdict = errors.length === 0 ? 'registre valide' : 'registre invalide';
  lines.push(
    `${plural(files, 'fichier lu', 'fichiers lus')}, ${plural(entities, 'entité valide', 'entités valides')} : ` +
      `${plural(errors.length, 'erreur', 'erreurs')}, ${plural(warnings.length, 'avertissement', 'avertissements')} — ${verdict}.`,
  );
  return lines.join('\n');
}

export function formatJson({ files, entities, problems }: Report): string {
  const item = ({ file, line, column, code, message, hint }: Problem) => ({ file, line, column, code, message, hint });
  return JSON.stringify(
    {
      files,
      entities,
      errors: problems.filter((p) => p.severity === 'error').map(item),
      warnings: problems.filter((p) => p.severity === 'warning').map(item),
    },
    null,
    2,
  );
}

// GitHub workflow commands: data is escaped for %, CR, LF; properties also for : and ,.
const escapeData = (s: string) => visible(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * Annotations for GitHub. With `annotate`, only the problems of the files it accepts
 * (those the pull request changes) become annotations: the others, often time-based
 * warnings about other people, are listed as plain lines, so the contributor's own
 * problems are not crowded out of GitHub's ten annotations per step.
 */
export function formatGithub({ files, entities, problems }: Report, annotate: (file: string) => boolean = () => true): string {
  const mine = problems.filter((p) => annotate(p.file));
  const others = problems.filter((p) => !annotate(p.file));
  const lines = mine.map((p) => {
    const kind = p.severity === 'error' ? 'error' : 'warning';
    const props = `file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(p.code)}`;
    return `::${kind} ${props}::${escapeData(`${p.message} ${p.hint}`)}`;
  });
  if (others.length > 0) {
    lines.push(`${plural(others.length, 'problème', 'problèmes')} dans des fichiers que la demande ne modifie pas (sans annotation) :`);
    for (const p of others) lines.push(`  ${escapeData(`${p.file}:${p.line}:${p.column}`)}  ${p.severity === 'warning' ? 'avertissement : ' : ''}${escapeData(p.message)} [${p.code}]`);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  lines.push(`${plural(files, 'fichier lu', 'fichiers lus')}, ${plural(entities, 'entité valide', 'entités valides')} : ${plural(errors, 'erreur', 'erreurs')}, ${plural(problems.length - errors, 'avertissement', 'avertissements')}.`);
  return lines.join('\n');
}

/**
 * A fenced block that its content cannot close: the fence is longer than any run of
 * backticks inside (CommonMark closes a fence only with at least as many).
 */
export function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** Lines of the text report kept in a job summary (the summary line is always kept). */
const SUMMARY_LINES = 200;

/** For the CI job summary ($GITHUB_STEP_SUMMARY): the text report in a fence it cannot close. */
export function formatMarkdown(report: Report): string {
  const lines = formatText(report).split('\n');
  const shown =
    lines.length > SUMMARY_LINES + 1
      ? [...lines.slice(0, SUMMARY_LINES), `… ${lines.length - SUMMARY_LINES - 1} lignes de plus : voir les annotations du fichier modifié.`, lines.at(-1)!]
      : lines;
  return `### Validation\n\n${fenced(shown.join('\n'))}`;
}
