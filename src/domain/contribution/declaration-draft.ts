// A declaration on its way to a file (npm run declare): who and which mission are
// checked against the registry, an existing declaration is amended rather than lost,
// the finished draft is judged by the validator's own checks before anything is
// written, and the written file by the whole registry's validation after. Nothing
// here asks, prints or touches a file: scripts/declare.ts does.
import type { Declaration } from '../../../schemas/declaration.ts';
import type { LoadResult } from '../registry/read.ts';
import { makeProblem, type Problem } from '../registry/problems.ts';
import { suggest } from '../registry/schema-issues.ts';
import { declarableMissions, draftProblems, type DeclarableMission } from './declaration-file.ts';
import { buildDeclaration, declarationFile, declarationYaml, saysNothing, type DeclarationAnswers } from './declaration-text.ts';
import { fieldChanges, type FieldChange } from './changes.ts';
import { completionDate } from '../rules/rules.ts';

/** An id given for a provider or a mission that the registry does not hold. */
export type UnknownId =
  /** Its file exists but is invalid: it must be fixed first. */
  | { kind: 'fichier_invalide'; message: string }
  /** Nothing by that name: the validator's message, with the closest id as a suggestion. */
  | { kind: 'inconnu'; message: string; hint: string };

/** Why `id` names no valid provider (or mission) of the registry; undefined when it does. */
export function unknownId(loaded: LoadResult, folder: 'prestataires' | 'missions', id: string): UnknownId | undefined {
  const { registry, invalid } = loaded;
  const known = registry[folder];
  if (known.has(id)) return undefined;
  if (invalid[folder].has(id)) return { kind: 'fichier_invalide', message: `Le fichier de « ${id} » est invalide : corrigez-le d'abord (npm run validate).` };
  const code = folder === 'prestataires' ? 'prestataire_inconnu' : 'mission_inconnue';
  const { message, hint } = makeProblem(`${id}`, { line: 1, column: 1 }, code, { id, suggestion: suggest(id, [...known.keys()]) });
  return { kind: 'inconnu', message, hint };
}

/**
 * Why this provider cannot declare for this mission on the date (not on its team,
 * mission not started…): the validator's first error with its hint; undefined when
 * the mission is among those they can declare for.
 */
export function missionRefusal(
  loaded: LoadResult,
  prestataire: string,
  mission: string,
  date: string,
  candidates: DeclarableMission[] = declarableMissions(loaded, prestataire, date),
): string | undefined {
  if (candidates.some((c) => c.mission.id === mission)) return undefined;
  const refused = draftProblems(loaded, { prestataire, mission, date }, date).find((problem) => problem.severity === 'error');
  return refused ? `${refused.message}\n${refused.hint}` : `Impossible de déclarer pour « ${mission} ».`;
}

/** The valid declaration already in the registry for this provider and mission. */
export function existingDeclaration({ registry }: LoadResult, prestataire: string, mission: string): Declaration | undefined {
  return registry.declarations.find((d) => d.file === declarationFile(prestataire, mission))?.data;
}

/**
 * The answers as an amendment of the declaration already in the registry (DESIGN,
 * Fairness: « an amended declaration keeps the date it was first made »): dated the
 * day it was first declared, so lateness still counts from that day, and modified on
 * `today` (modifiee_le). A declaration made before the mission's end `fin` keeps the day
 * it was first completed after the end (completee_le, rules.ts completionDate): a second
 * amendment never moves it. Unchanged without an existing declaration; the same when
 * applied twice.
 */
export function keptHistory(
  existing: Pick<Declaration, 'date' | 'modifiee_le' | 'completee_le'> | undefined,
  answers: DeclarationAnswers,
  today: string,
  fin: string | undefined,
): DeclarationAnswers {
  if (!existing) return answers;
  const modifiee_le = today === existing.date ? existing.modifiee_le : today;
  return { ...answers, date: existing.date, modifiee_le, completee_le: completionDate(existing, fin, modifiee_le) };
}

/** The end of a mission of the registry, if it has one (keptHistory needs it). */
export function missionEnd({ registry }: LoadResult, mission: string): string | undefined {
  return registry.missions.get(mission)?.data.fin;
}

/**
 * Each value an amendment changes in the existing declaration (lines dropped or added
 * included), the dates of the change (modifiee_le, completee_le) aside: what the person and the
 * maintainer see instead of a silent replacement.
 */
export function declarationChanges(existing: DeclarationAnswers, amended: DeclarationAnswers): FieldChange[] {
  const full = (d: DeclarationAnswers) => ({ communs_utilises: [], contributions_argent: [], contributions_nature: [], ...d, modifiee_le: undefined, completee_le: undefined });
  // An emptied or filled list shows as its lines gone or added, not as « [] ».
  const emptyList = (v: unknown) => Array.isArray(v) && v.length === 0;
  return fieldChanges(full(existing), full(amended)).filter((c) => !(emptyList(c.avant) && c.apres === undefined) && !(emptyList(c.apres) && c.avant === undefined));
}

/**
 * The existing declaration with the new lines added after its own (--completer,
 * « La compléter »): nothing already declared is lost, the sentences typed now replace
 * the old ones, the comments are joined. It keeps the date of the first declaration and
 * is modified on the date of the new answers (keptHistory). Money is never counted twice
 * (moneyAdded): a payment that keeps a promise pays it, a line already there is not added again.
 */
export function amendedDeclaration(existing: Declaration, added: DeclarationAnswers, fin: string | undefined): DeclarationAnswers {
  return keptHistory(
    existing,
    {
      ...existing,
      communs_utilises: [...existing.communs_utilises, ...(added.communs_utilises ?? [])],
      contributions_argent: moneyAdded(existing.contributions_argent, added.contributions_argent ?? []),
      contributions_nature: [...existing.contributions_nature, ...(added.contributions_nature ?? [])],
      aucun_commun_utilise: added.aucun_commun_utilise ?? existing.aucun_commun_utilise,
      pourquoi_rien_donne: added.pourquoi_rien_donne ?? existing.pourquoi_rien_donne,
      commentaire: [existing.commentaire, added.commentaire].filter(Boolean).join(' ') || undefined,
    },
    added.date,
    fin,
  );
}

type MoneyLine = Declaration['contributions_argent'][number];
type MoneyAnswer = NonNullable<DeclarationAnswers['contributions_argent']>[number];

const sameLine = (a: MoneyAnswer, b: MoneyAnswer) =>
  a.commun === b.commun && a.montant_eur === b.montant_eur && a.statut === b.statut && a.date === b.date && (a.preuve ?? '') === (b.preuve ?? '');

/**
 * The money lines of a declaration once new ones are added. A payment (« verse ») of the
 * amount a line still promises to the same commons is that promise kept: the promise
 * becomes the payment, in its place (paidPromise), instead of a second line that would
 * count the money twice (once paid, once promised). A line identical to one already there
 * (the same --completer run twice) is not added again. Anything else is added at the end.
 */
export function moneyAdded(existing: readonly MoneyLine[], added: readonly MoneyAnswer[]): MoneyAnswer[] {
  const lines: MoneyAnswer[] = [...existing];
  for (const line of added) {
    if (lines.some((kept) => sameLine(kept, line))) continue;
    const promise = line.statut === 'verse' ? lines.findIndex((kept) => kept.statut === 'promis' && kept.commun === line.commun && kept.montant_eur === line.montant_eur) : -1;
    if (promise >= 0) lines[promise] = paidPromise(lines[promise] as MoneyLine, { date: line.date, preuve: line.preuve }, line.date);
    else lines.push(line);
  }
  return lines;
}

/** A promise now paid: dated the reference date unless a date is given, its proof kept unless a new one is. */
export function paidPromise(promise: MoneyLine, paid: { date?: string; preuve?: string }, date: string): MoneyLine {
  return { ...promise, statut: 'verse', date: paid.date || date, preuve: paid.preuve || promise.preuve };
}

/** A draft ready to be written, or what stops it. */
export interface FinishedDraft {
  /** The declaration in schema order (buildDeclaration). */
  declaration: DeclarationAnswers;
  /** Its path relative to the content folder. */
  file: string;
  /** The file's text (declarationYaml). */
  text: string;
  /** The errors npm run validate would report: nothing is written while there are any. */
  errors: Problem[];
  /** It says nothing (declaration_vide): nothing is written either. */
  saysNothing: boolean;
}

/**
 * The last check before writing: the validator's checks on the registry with the draft in
 * place. A declaration that replaces or completes an existing one keeps its first date.
 */
export function finishedDraft(loaded: LoadResult, answers: DeclarationAnswers, date: string): FinishedDraft {
  const declaration = buildDeclaration(keptHistory(existingDeclaration(loaded, answers.prestataire, answers.mission), answers, date, missionEnd(loaded, answers.mission)));
  return {
    declaration,
    file: declarationFile(declaration.prestataire, declaration.mission),
    text: declarationYaml(declaration),
    errors: draftProblems(loaded, declaration, date).filter((problem) => problem.severity === 'error'),
    saysNothing: saysNothing(declaration),
  };
}

/** The whole registry's validation once the file is written, as CI will run it, for the new file. */
export interface WrittenVerdict {
  /** 0 when the file is valid (warnings allowed), 1 when it has errors. */
  exitCode: 0 | 1;
  /** The file's own errors and warnings. */
  problems: Problem[];
  verdict: string;
}

export function writtenVerdict(result: LoadResult, file: string): WrittenVerdict {
  const problems = result.problems.filter((problem) => problem.file === file);
  if (problems.some((problem) => problem.severity === 'error')) {
    return { exitCode: 1, problems, verdict: 'La déclaration est écrite mais ne passe pas la vérification : corrigez le fichier, puis lancez npm run validate.' };
  }
  const elsewhere = result.problems.filter((problem) => problem.file !== file && problem.severity === 'error').length;
  const verdict =
    `La déclaration est valide${problems.length > 0 ? ' (les avertissements ne bloquent pas)' : ''}.` +
    (elsewhere > 0 ? ` Le registre contient ${elsewhere > 1 ? `${elsewhere} autres erreurs` : 'une autre erreur'}, dans d'autres fichiers : npm run validate les détaille.` : '');
  return { exitCode: 0, problems, verdict };
}
