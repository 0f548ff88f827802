// Rules are never rewritten: a rules file once in force is a decision of the past, and
// the verdicts it gave must stay readable as they were. A change to the rules is a new
// file (content/regles/<date d'effet>.yaml); editing, renaming or deleting a file whose
// effective date has passed on the reference date is refused (validate --base REF, CI).
// Its text is compared, comments included: they quote the decisions and say what the
// numbers mean, and rewording them rewrites the rule as people read it. Nor can a new file be
// back-dated: it is adopted, at the earliest, the day it enters the registry (lateRules).
import { parse } from 'yaml';
import { frenchDate } from '../registry/dates.ts';
import { YamlLocator } from '../registry/positions.ts';
import { makeProblem, problemsIn, type Problem } from '../registry/problems.ts';

/** One rules file as the change leaves it: its text at the base and now (null when absent). */
export interface RulesFileChange {
  /** Path relative to the content folder, at the base. */
  file: string;
  before: string | null;
  after: string | null;
}

const dataOf = (text: string | null): unknown => {
  try {
    return text === null ? null : parse(text);
  } catch {
    return Symbol('illisible');
  }
};

/** The effective date of a rules file: its en_vigueur_depuis, or the date its name gives. */
function effectiveDate(file: string, data: unknown): string | null {
  const written = data && typeof data === 'object' ? (data as Record<string, unknown>).en_vigueur_depuis : undefined;
  if (typeof written === 'string') return written;
  return /(\d{4}-\d{2}-\d{2})\.ya?ml$/.exec(file)?.[1] ?? null;
}

/** The rules files in force on the date at the base that the change edits, renames or removes. */
export function rewrittenRules(changes: readonly RulesFileChange[], date: string): Problem[] {
  const problems: Problem[] = [];
  for (const change of changes) {
    if (change.before === null) continue;
    const before = dataOf(change.before);
    const since = effectiveDate(change.file, before);
    if (!since || since > date) continue;
    const same = (text: string) => text.replace(/\r\n/g, '\n');
    if (change.after !== null && same(change.after) === same(change.before)) continue;
    problems.push(makeProblem(change.file, { line: 1, column: 1 }, 'regles_reecrites', { depuis: since, action: change.after === null ? 'supprime' : 'modifie' }));
  }
  return problems;
}

/** A rules file the change adds (or renames to), with its path relative to the content folder. */
export interface AddedRulesFile {
  file: string;
  text: string;
}

/**
 * The rules files a change adds that take effect before they enter the registry. A file
 * enters it when the change is merged, never before the day CI checks it (the reference
 * date): its adoption is judged by that day, whatever `adoptees_le` says. One that applies
 * before it could be read in the registry is retroactive: it says so and why
 * (`retroactivite`), and is then named on every verdict it changes (standing.ts
 * rulesBehind); without a reason it is refused here, with a hint. Files already in the
 * base were judged when they entered (and can no longer be edited: rewrittenRules).
 */
export function lateRules(added: readonly AddedRulesFile[], date: string): Problem[] {
  const problems: Problem[] = [];
  for (const { file, text } of added) {
    const data = dataOf(text);
    if (!data || typeof data !== 'object') continue;
    const { en_vigueur_depuis: since, adoptees_le: adopted, retroactivite: reason } = data as Record<string, unknown>;
    // An invalid file is refused by the loader already, with its own errors.
    if (typeof since !== 'string' || since >= date || (typeof reason === 'string' && reason.trim() !== '')) continue;
    problemsIn({ file, positions: new YamlLocator(text) }, problems).at(['en_vigueur_depuis'], 'regles_entree_retroactive', {
      depuis: frenchDate(since),
      entree: frenchDate(date),
      adoptees: typeof adopted === 'string' ? frenchDate(adopted) : '(absent)',
    });
  }
  return problems;
}
