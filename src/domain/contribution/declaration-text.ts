// A declaration as a contributor writes it, shared by npm run declare and the
// /declarer/ form in the browser (bundled by Astro: nothing here may need Node): the
// object in schema order, its YAML text, and each answer checked by the schema's own
// rule with its French message. No second set of checks: the schemas and codes.ts.
import type * as z from 'zod/mini';
import { declarationSchema } from '../../../schemas/declaration.ts';
import { CODES } from '#codes';
import type { Code } from '../registry/codes.ts';
import { frenchDate, readTypedDate, typedDate } from '../registry/dates.ts';
import { issuesFromZod } from '../registry/schema-issues.ts';
import { yamlText, type YamlText } from '../registry/yaml-text.ts';
export { saysNothing } from '../registry/declarations.ts';

/** What a contributor answered: the declaration as written, before defaults. */
export type DeclarationAnswers = z.input<typeof declarationSchema>;

/** Path of a declaration relative to the content folder. */
export function declarationFile(prestataire: string, mission: string): string {
  return `declarations/${prestataire}/${mission}.yaml`;
}

/**
 * The declaration with its keys in schema order, texts trimmed, empty optional
 * fields left out and the three lists always present, so the file reads like the
 * template a contributor would have filled by hand.
 */
export function buildDeclaration(answers: DeclarationAnswers): DeclarationAnswers {
  const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
  const withoutUndefined = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return withoutUndefined({
    prestataire: answers.prestataire,
    mission: answers.mission,
    date: answers.date,
    modifiee_le: answers.modifiee_le,
    completee_le: answers.completee_le,
    communs_utilises: (answers.communs_utilises ?? []).map((c) => ({ commun: c.commun, usage: c.usage.trim() })),
    contributions_argent: (answers.contributions_argent ?? []).map((c) =>
      withoutUndefined({ commun: c.commun, montant_eur: c.montant_eur, statut: c.statut, date: c.date, preuve: text(c.preuve) }),
    ),
    contributions_nature: (answers.contributions_nature ?? []).map((c) =>
      withoutUndefined({ commun: c.commun, description: c.description.trim(), heures: c.heures, lien: text(c.lien), date: c.date }),
    ),
    aucun_commun_utilise: text(answers.aucun_commun_utilise),
    pourquoi_rien_donne: text(answers.pourquoi_rien_donne),
    commentaire: text(answers.commentaire),
  });
}

const HEADER =
  '# yaml-language-server: $schema=../../../schemas/json/declaration.json\n' +
  '# Déclaration de réciprocité préparée par le formulaire du site, l’issue ou npm run declare ; modifiable à la main.\n';

/**
 * The file's text (the editor's schema line, a comment saying where it comes from, then
 * the fields) and where each key sits in it. Dates always between double quotes: unquoted,
 * a YAML 1.1 reader may turn 2025-02-30 into 2 March. The writer (registry/yaml-text.ts)
 * quotes every text a reader could take for something else: js-yaml reads back exactly
 * the declaration (tests/domain/yaml-text.test.ts).
 */
export function declarationText(declaration: DeclarationAnswers): YamlText {
  return yamlText(declaration, { header: HEADER, doubleQuotedKeys: ['date', 'modifiee_le', 'completee_le'] });
}

/** The file's text (declarationText). */
export function declarationYaml(declaration: DeclarationAnswers): string {
  return declarationText(declaration).text;
}

/**
 * An answer as typed, made ready for its schema: trimmed, and a date as a person types it
 * (20/11/2026, 2026-11-20, between quotes…: readTypedDate) written as the registry writes
 * it (2026-11-20). A date that names no day is left as typed: answerProblem says why.
 */
export function cleanAnswer(field: AnswerField, text: string): string {
  const trimmed = text.trim();
  if (field === 'date') return typedDate(trimmed) ?? trimmed;
  return trimmed;
}

/**
 * A number as people type it: "12,50", "12.5", "1 200", "150 €". Undefined when it
 * is not a number at all; the schema then says whether the number is acceptable.
 */
export function parseFrenchNumber(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '').replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

// The schema of each line: inside the list's default (def.innerType), its element (def.element).
const lineShape = <T extends { def: { innerType: { def: { element: { shape: object } } } } }>(list: T) => list.def.innerType.def.element.shape as T['def']['innerType']['def']['element']['shape'];
const argentShape = lineShape(declarationSchema.shape.contributions_argent);
const natureShape = lineShape(declarationSchema.shape.contributions_nature);

/** The schema of each field a contributor types, to check an answer before the next question. */
export const ANSWER_FIELDS = {
  usage: lineShape(declarationSchema.shape.communs_utilises).usage,
  montant_eur: argentShape.montant_eur,
  date: argentShape.date,
  preuve: argentShape.preuve.def.innerType,
  description: natureShape.description,
  heures: natureShape.heures,
  lien: natureShape.lien.def.innerType,
  aucun_commun_utilise: declarationSchema.shape.aucun_commun_utilise.def.innerType,
  pourquoi_rien_donne: declarationSchema.shape.pourquoi_rien_donne.def.innerType,
  commentaire: declarationSchema.shape.commentaire.def.innerType,
} satisfies Record<string, z.ZodMiniType>;
export type AnswerField = keyof typeof ANSWER_FIELDS;

/**
 * The French message and hint for an answer the schema refuses, or undefined when
 * it is accepted. Numbers are read with parseFrenchNumber first.
 */
export function answerProblem(field: AnswerField, typed: string): string | undefined {
  const schema = ANSWER_FIELDS[field] as z.ZodMiniType;
  const answer = cleanAnswer(field, typed);
  let value: unknown = answer;
  if (field === 'montant_eur' || field === 'heures') {
    value = parseFrenchNumber(answer);
    if (value === undefined) return `« ${field} » doit être un nombre (reçu « ${answer} »). Écrivez par exemple 150 ou 12,50.`;
  }
  if (field === 'date') {
    // A typed date, not a YAML one: the codes say so (saisie), with a hint about typing it.
    const read = readTypedDate(typed);
    if ('error' in read) return codeSentence(read.error, { champ: field, recu: typed.trim(), saisie: 'oui' });
  }
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const [issue] = issuesFromZod(schema, 'declaration', value, result.error.issues);
  return codeSentence(issue.code, { ...issue.params, champ: field });
}

/** A code's French message and hint, for an answer (no file, no line). */
export function codeParts(code: Code, params: Record<string, unknown>): { message: string; hint: string } {
  const entry = CODES[code];
  const hint = typeof entry.hint === 'function' ? entry.hint(params as never) : entry.hint;
  return { message: entry.message(params as never), hint };
}

/** A code's French message followed by its hint, as one sentence to show beside an answer. */
export function codeSentence(code: Code, params: Record<string, unknown>): string {
  const { message, hint } = codeParts(code, params);
  return `${message} ${hint}`;
}

/**
 * The validator's words (versement_futur) when a payment said to be made is dated
 * after the reference date; undefined for an empty, earlier or unreadable date (answerProblem says why).
 */
export function futurePaymentProblem(typed: string, reference: string): string | undefined {
  const day = typedDate(typed);
  if (!day || day <= reference) return undefined;
  return codeSentence('versement_futur', { date: frenchDate(day), reference: frenchDate(reference) });
}

type MoneyLine = NonNullable<DeclarationAnswers['contributions_argent']>[number];
type NatureLine = NonNullable<DeclarationAnswers['contributions_nature']>[number];

/**
 * A money line with its defaults, as every way of declaring fills it: dated the
 * declaration's day when no date is typed, and no proof when none is given.
 */
export function moneyLine(typed: Omit<MoneyLine, 'date'> & { date?: string }, date: string): MoneyLine {
  return { commun: typed.commun, montant_eur: typed.montant_eur, statut: typed.statut, date: typed.date || date, preuve: typed.preuve || undefined };
}

/** An in-kind line with its defaults: dated the declaration's day when no date is typed, no link when none is given. */
export function natureLine(typed: Omit<NatureLine, 'date'> & { date?: string }, date: string): NatureLine {
  return { commun: typed.commun, description: typed.description, heures: typed.heures, lien: typed.lien || undefined, date: typed.date || date };
}
