// A declaration sent through the forge's issue form (.github/ISSUE_TEMPLATE/declaration.yml),
// read as untrusted data: the body is split into the sections the forge renders
// ("### <label>", then the answer, "_No response_" when empty), each answer is read
// line by line, then checked by the registry's own checks (answerProblem for each
// value, draftProblems for the whole registry) and every problem is said in French
// with the form's field label, the line and a hint. The values only ever reach the
// file through buildDeclaration and the YAML writer: nothing is concatenated.
import { declarationSchema } from '../../../schemas/declaration.ts';
import { CODES } from '../registry/codes.ts';
import { readTypedDate } from '../registry/dates.ts';
import { answerProblem, buildDeclaration, codeParts, declarationFile, declarationYaml, draftProblems, parseFrenchNumber, saysNothing, type AnswerField, type DeclarationAnswers } from './declaration-file.ts';
import type { LoadResult } from '../registry/read.ts';
import { sameHandle } from './owners.ts';
import { showValue, type FieldChange } from './changes.ts';
import { frenchDate } from '../registry/dates.ts';
import { declarationChanges, existingDeclaration, keptHistory, missionEnd } from './declaration-draft.ts';

/**
 * The form's fields: the id in the template, and the label the person sees (the forge
 * writes it back as the section title). tests/domain/issue-form.test.ts checks that
 * the template says exactly this.
 */
export const FORM_FIELDS = {
  prestataire: 'Votre identifiant de prestataire',
  mission: 'Identifiant de la mission',
  communs: 'Communs utilisés',
  aucun_commun: 'Aucun commun utilisé ? Dites-le en une phrase',
  argent: 'Contributions en argent',
  nature: 'Contributions en nature',
  rien_donne: 'Rien donné ? Dites pourquoi',
  commentaire: 'Un commentaire',
  accord: 'Publication',
} as const;
export type FormField = keyof typeof FORM_FIELDS;

/** How each multi-line answer is written, as the form's description shows it. */
export const LINE_FORMATS = {
  communs: 'identifiant-du-commun ; comment vous l’avez utilisé',
  argent: 'identifiant-du-commun ; montant en euros ; versé ou promis ; date JJ/MM/AAAA ; lien de preuve (facultatif)',
  nature: 'identifiant-du-commun ; nombre d’heures ; ce que vous avez fait ; date JJ/MM/AAAA ; lien (facultatif)',
} as const;

/** Limits on what a stranger can send (the forge allows 65 536 characters per body). */
export const FORM_LIMITS = { body: 20_000, linesPerField: 30, lineLength: 1_000 };

const NO_RESPONSE = '_No response_';

/** One thing to fix, said with the label the person saw. */
export interface FormProblem {
  /** The form's field; undefined for the body as a whole. */
  champ?: FormField;
  /** Line of the answer (1 = first line of the field), for multi-line fields. */
  ligne?: number;
  message: string;
  hint: string;
}

export type FormResult = { ok: true; answers: DeclarationAnswers } | { ok: false; answers?: DeclarationAnswers; problems: FormProblem[] };

/** "Contributions en argent, ligne 2" — how a problem names its place in the form. */
export function placeOf(problem: FormProblem): string {
  if (!problem.champ) return 'Le texte de l’issue';
  return `« ${FORM_FIELDS[problem.champ]} »${problem.ligne ? `, ligne ${problem.ligne}` : ''}`;
}

// Control characters other than tab and newline, and the bidirectional overrides
// that make a text read differently from what it says.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The answers by field, as the forge renders them; unknown sections are ignored. */
export function formSections(body: string): Map<FormField, string> {
  const byLabel = new Map<string, FormField>(Object.entries(FORM_FIELDS).map(([field, label]) => [label, field as FormField]));
  const sections = new Map<FormField, string>();
  let current: FormField | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current && !sections.has(current)) {
      const text = lines.join('\n').trim();
      sections.set(current, text === NO_RESPONSE ? '' : text);
    }
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const title = /^###\s+(.*?)\s*$/.exec(line);
    if (title) {
      flush();
      current = byLabel.get(title[1]);
      lines = [];
    } else lines.push(line);
  }
  flush();
  return sections;
}

/** "versé", "Verse", "VERSÉ" → verse; "promis" → promis. */
function statutOf(text: string): 'verse' | 'promis' | undefined {
  const plain = text.trim().toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return plain === 'verse' ? 'verse' : plain === 'promis' ? 'promis' : undefined;
}

/** The lines of a multi-line answer, with their number; list markers ("- ", "* ") dropped. */
function answerLines(text: string): { ligne: number; text: string }[] {
  return text
    .split('\n')
    .map((line, i) => ({ ligne: i + 1, text: line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim() }))
    .filter((l) => l.text !== '');
}

const parts = (line: string) => line.split(';').map((p) => p.trim());

/** The form being read: its answers by field, and the problems found so far. */
interface FormReading {
  readonly sections: Map<FormField, string>;
  readonly problems: FormProblem[];
}

/**
 * Reads the issue body into the answers of a declaration dated `date`. Problems of
 * form (a missing field, a line without its parts, an amount that is not a number, a
 * date that does not exist) and of each value (the schema's own rule, as npm run
 * declare checks an answer) are all collected; lines with a problem are left out of
 * the answers.
 */
export function readIssueForm(body: string, date: string): FormResult & { lines: LineOrigins } {
  const lines: LineOrigins = { communs_utilises: [], contributions_argent: [], contributions_nature: [] };
  if (body.length > FORM_LIMITS.body) {
    return {
      ok: false,
      lines,
      problems: [{ message: `Le texte est trop long (${body.length} caractères, au plus ${FORM_LIMITS.body}).`, hint: 'Une déclaration tient en quelques lignes : gardez l’essentiel, et mettez les détails derrière un lien.' }],
    };
  }
  const form: FormReading = { sections: formSections(body), problems: [] };
  const prestataire = slugAnswer(form, 'prestataire');
  const mission = slugAnswer(form, 'mission');
  const answers: DeclarationAnswers = {
    prestataire,
    mission,
    date,
    communs_utilises: communsUtilisesOf(form, lines.communs_utilises),
    contributions_argent: contributionsArgentOf(form, lines.contributions_argent),
    contributions_nature: contributionsNatureOf(form, lines.contributions_nature),
    aucun_commun_utilise: sentenceOf(form, 'aucun_commun', 'aucun_commun_utilise'),
    pourquoi_rien_donne: sentenceOf(form, 'rien_donne', 'pourquoi_rien_donne'),
    commentaire: sentenceOf(form, 'commentaire', 'commentaire'),
  };
  const { problems } = form;
  if (!/^- \[[xX]\]/m.test(form.sections.get('accord') ?? '')) {
    problems.push({ champ: 'accord', message: 'La case « J’accepte que cette déclaration soit publiée sous licence ODbL » n’est pas cochée.', hint: 'Cochez-la : le registre est public.' });
  }
  if (problems.length === 0 && saysNothing(answers)) {
    problems.push({
      champ: 'communs',
      message: CODES.declaration_vide.message(),
      hint: `Listez les communs utilisés et ce que vous avez donné ; sinon, répondez à « ${FORM_FIELDS.aucun_commun} » et à « ${FORM_FIELDS.rien_donne} ».`,
    });
  }
  return problems.length > 0 ? { ok: false, answers: prestataire && mission ? answers : undefined, problems, lines } : { ok: true, answers, lines };
}

/** « Communs utilisés »: one commons and how it was used per line; `origins` gets the line of each one kept. */
function communsUtilisesOf(form: FormReading, origins: number[]): NonNullable<DeclarationAnswers['communs_utilises']> {
  const communs_utilises: NonNullable<DeclarationAnswers['communs_utilises']> = [];
  for (const { ligne, text } of linesOf(form, 'communs')) {
    const [commun, ...usage] = parts(text);
    if (!commun || usage.join('; ') === '') {
      wrongShape(form, 'communs', ligne);
      continue;
    }
    const id = communOf(form, 'communs', ligne, commun);
    if (id && isValidAnswer(form, 'communs', ligne, 'usage', usage.join('; '))) {
      communs_utilises.push({ commun: id, usage: usage.join('; ') });
      origins.push(ligne);
    }
  }
  return communs_utilises;
}

/** « Contributions en argent »: commons, amount, status, date and proof per line. */
function contributionsArgentOf(form: FormReading, origins: number[]): NonNullable<DeclarationAnswers['contributions_argent']> {
  const contributions_argent: NonNullable<DeclarationAnswers['contributions_argent']> = [];
  for (const { ligne, text } of linesOf(form, 'argent')) {
    const [commun, montant, statut, quand, preuve, ...extra] = parts(text);
    if (!commun || !montant || !statut || !quand || extra.length > 0) {
      wrongShape(form, 'argent', ligne);
      continue;
    }
    const id = communOf(form, 'argent', ligne, commun);
    const amount = isValidAnswer(form, 'argent', ligne, 'montant_eur', montant) ? parseFrenchNumber(montant) : undefined;
    const status = statutOf(statut);
    if (!status) form.problems.push({ champ: 'argent', ligne, message: `« ${statut.slice(0, 40)} » : écrivez « versé » ou « promis ».`, hint: hintOf('argent') });
    const day = dayOf(form, 'argent', ligne, quand);
    const proof = linkOf(form, 'argent', ligne, 'preuve', preuve);
    if (id && amount !== undefined && status && day && proof !== null) {
      contributions_argent.push({ commun: id, montant_eur: amount, statut: status, date: day, ...(proof ? { preuve: proof } : {}) });
      origins.push(ligne);
    }
  }
  return contributions_argent;
}

/** « Contributions en nature »: commons, hours, what was done, date and link per line. */
function contributionsNatureOf(form: FormReading, origins: number[]): NonNullable<DeclarationAnswers['contributions_nature']> {
  const contributions_nature: NonNullable<DeclarationAnswers['contributions_nature']> = [];
  for (const { ligne, text } of linesOf(form, 'nature')) {
    const [commun, heures, description, quand, lien, ...extra] = parts(text);
    if (!commun || !heures || !description || !quand || extra.length > 0) {
      wrongShape(form, 'nature', ligne);
      continue;
    }
    const id = communOf(form, 'nature', ligne, commun);
    const hoursText = heures.replace(/\s*h(eures?)?$/i, '');
    const hours = isValidAnswer(form, 'nature', ligne, 'heures', hoursText) ? parseFrenchNumber(hoursText) : undefined;
    const described = isValidAnswer(form, 'nature', ligne, 'description', description);
    const day = dayOf(form, 'nature', ligne, quand);
    const link = linkOf(form, 'nature', ligne, 'lien', lien);
    if (id && hours !== undefined && described && day && link !== null) {
      contributions_nature.push({ commun: id, heures: hours, description, date: day, ...(link ? { lien: link } : {}) });
      origins.push(ligne);
    }
  }
  return contributions_nature;
}

/** A field's answer as typed, or '' (with a problem) when it hides control characters. */
function answerOf(form: FormReading, field: FormField): string {
  const text = form.sections.get(field) ?? '';
  if (CONTROL.test(text)) {
    form.problems.push({ champ: field, message: 'La réponse contient des caractères invisibles ou de contrôle.', hint: 'Retapez la réponse au clavier plutôt que de la coller.' });
    return '';
  }
  return text;
}

/** Whether a value passes the registry's own check for its key (answerProblem); otherwise a problem. */
function isValidAnswer(form: FormReading, field: FormField, ligne: number | undefined, key: AnswerField, text: string): boolean {
  const problem = answerProblem(key, text);
  if (problem) form.problems.push({ champ: field, ligne, message: problem, hint: hintOf(field) });
  return !problem;
}

/** The lines of a multi-line answer, without those too long; none when there are too many. */
function linesOf(form: FormReading, field: 'communs' | 'argent' | 'nature'): { ligne: number; text: string }[] {
  const all = answerLines(answerOf(form, field));
  if (all.length > FORM_LIMITS.linesPerField) {
    form.problems.push({ champ: field, message: `${all.length} lignes : au plus ${FORM_LIMITS.linesPerField}.`, hint: 'Regroupez les contributions au même commun, ou envoyez une seconde déclaration.' });
    return [];
  }
  return all.filter((l) => {
    if (l.text.length <= FORM_LIMITS.lineLength) return true;
    form.problems.push({ champ: field, ligne: l.ligne, message: `Ligne trop longue (${l.text.length} caractères, au plus ${FORM_LIMITS.lineLength}).`, hint: 'Raccourcissez-la, et mettez les détails derrière un lien.' });
    return false;
  });
}

/** The provider's or the mission's id, or '' (with a problem) when missing or not an id. */
function slugAnswer(form: FormReading, field: 'prestataire' | 'mission'): string {
  const text = answerOf(form, field).trim();
  if (text === '') {
    form.problems.push({ champ: field, message: 'Réponse manquante.', hint: hintOf(field) });
    return '';
  }
  const slug = declarationSchema.shape[field].safeParse(text);
  if (!slug.success) {
    form.problems.push({ champ: field, message: `« ${text.slice(0, 80)} » n’est pas un identifiant (minuscules, chiffres et tirets).`, hint: hintOf(field) });
    return '';
  }
  return slug.data;
}

/** A commons' id on a line, or undefined (with a problem) when it is not an id. */
function communOf(form: FormReading, field: FormField, ligne: number, text: string): string | undefined {
  const slug = declarationSchema.shape.communs_utilises.def.innerType.def.element.shape.commun.safeParse(text);
  if (slug.success) return slug.data;
  form.problems.push({ champ: field, ligne, message: `« ${text.slice(0, 80)} » n’est pas un identifiant de commun (minuscules, chiffres et tirets).`, hint: hintOf(field) });
  return undefined;
}

function wrongShape(form: FormReading, field: 'communs' | 'argent' | 'nature', ligne: number): void {
  form.problems.push({ champ: field, ligne, message: 'La ligne n’a pas toutes ses parties, séparées par des points-virgules.', hint: hintOf(field) });
}

/**
 * A date on a line, as the form shows it (JJ/MM/AAAA) or as the registry writes it
 * (AAAA-MM-JJ), read by the same parser as the /declarer/ form and npm run declare;
 * undefined (with the catalogue's problem) when it names no day.
 */
function dayOf(form: FormReading, field: 'argent' | 'nature', ligne: number, text: string): string | undefined {
  const read = readTypedDate(text);
  if ('date' in read) return read.date;
  form.problems.push({ champ: field, ligne, ...codeParts(read.error, { champ: 'date', recu: text.slice(0, 40), saisie: 'oui' }) });
  return undefined;
}

/** An optional link: undefined when absent, null when refused by its schema. */
function linkOf(form: FormReading, field: 'argent' | 'nature', ligne: number, key: 'preuve' | 'lien', text: string | undefined): string | null | undefined {
  return text ? (isValidAnswer(form, field, ligne, key, text) ? text : null) : undefined;
}

/** An optional one-sentence answer, undefined when empty or refused. */
function sentenceOf(form: FormReading, field: FormField, key: AnswerField): string | undefined {
  const text = answerOf(form, field).trim();
  if (text === '') return undefined;
  return isValidAnswer(form, field, undefined, key, text) ? text : undefined;
}

/** For each list of the declaration, the form line each item came from. */
export interface LineOrigins {
  communs_utilises: number[];
  contributions_argent: number[];
  contributions_nature: number[];
}

function hintOf(field: FormField): string {
  switch (field) {
    case 'prestataire':
      return 'Votre identifiant est la fin de l’adresse de votre fiche sur le site, par exemple atelier-du-bocage pour /prestataires/atelier-du-bocage/.';
    case 'mission':
      return 'L’identifiant est la fin de l’adresse de la page de la mission sur le site, par exemple /missions/diagnostic-2025/.';
    case 'communs':
    case 'argent':
    case 'nature':
      return `Une ligne par ${field === 'communs' ? 'commun' : 'contribution'}, ainsi : ${LINE_FORMATS[field]}.`;
    default:
      return 'Corrigez la réponse dans l’issue (bouton « … » puis « Edit ») : la vérification repart d’elle-même.';
  }
}

const FIELD_OF_KEY: Record<string, FormField> = {
  prestataire: 'prestataire',
  mission: 'mission',
  date: 'mission',
  communs_utilises: 'communs',
  contributions_argent: 'argent',
  contributions_nature: 'nature',
  aucun_commun_utilise: 'aucun_commun',
  pourquoi_rien_donne: 'rien_donne',
  commentaire: 'commentaire',
};

/**
 * The checks of npm run validate on the registry with this declaration in place
 * (draftProblems: unknown mission or commons, provider not on the team, money refused…),
 * each placed back on the form's field and line. Warnings are kept apart: they do not
 * stop the proposal.
 */
export function registryProblems(loaded: LoadResult, answers: DeclarationAnswers, lines: LineOrigins, date: string): { errors: FormProblem[]; warnings: FormProblem[] } {
  const yamlText = declarationYaml(buildDeclaration(answers));
  const keyAt = yamlKeys(yamlText);
  const errors: FormProblem[] = [];
  const warnings: FormProblem[] = [];
  for (const problem of draftProblems(loaded, answers, date)) {
    const at = keyAt[problem.line - 1] ?? { key: 'prestataire' };
    const list = lines[at.key as keyof LineOrigins];
    const ligne = list && at.index !== undefined ? list[at.index] : undefined;
    (problem.severity === 'error' ? errors : warnings).push({ champ: FIELD_OF_KEY[at.key] ?? 'prestataire', ligne, message: problem.message, hint: problem.hint });
  }
  return { errors, warnings };
}

/** For each line of a declaration's YAML (as declarationYaml writes it): its top-level key and list item. */
function yamlKeys(yamlText: string): { key: string; index?: number }[] {
  let key = 'prestataire';
  let index = -1;
  return yamlText.split('\n').map((line) => {
    const top = /^([a-z_]+):/.exec(line);
    if (top) {
      key = top[1];
      index = -1;
      return { key };
    }
    if (/^\s*- /.test(line) && !line.startsWith('    ')) index++;
    return index >= 0 ? { key, index } : { key };
  });
}

/**
 * Whether the issue's author may declare for this provider: one of its comptes_forge
 * (as on main), or a maintainer declaring for someone. Otherwise a problem that says
 * who to ask; nothing is proposed in anyone's name silently.
 */
export function authorProblem(loaded: LoadResult, prestataire: string, author: string, mainteneurs: readonly string[]): FormProblem | undefined {
  if (mainteneurs.some((m) => sameHandle(m, author))) return undefined;
  const profile = loaded.registry.prestataires.get(prestataire);
  if (!profile) return undefined; // draftProblems says the provider is unknown.
  const comptes = profile.data.comptes_forge;
  if (comptes.some((c) => sameHandle(c, author))) return undefined;
  const who = mainteneurs.map((m) => `@${m}`).join(', ');
  return {
    champ: 'prestataire',
    // The provider is named, never its accounts: a stranger's issue must not make the bot ping them.
    message: `Le compte @${author} n’est pas un compte de ${prestataire}${comptes.length > 0 ? '' : ' (sa fiche n’a aucun compte de forge)'} : seul ce prestataire peut déclarer pour lui.`,
    hint: `Si c’est vous, ajoutez @${author} à comptes_forge dans votre fiche (une demande relue par un mainteneur), ou demandez à un mainteneur (${who || 'voir .github/mainteneurs.yaml'}) de proposer la déclaration pour vous.`,
  };
}

/**
 * A declaration already in the registry that the proposal replaces: the date it was first
 * made (kept), and each value that changes (lines dropped included), for the person and
 * the maintainer to see before anything is merged.
 */
export interface Replacement {
  date: string;
  changes: FieldChange[];
}

/** What an issue becomes: a file to propose (path in the repository), or problems to answer. */
export type IssueVerdict =
  | { kind: 'proposition'; path: string; text: string; prestataire: string; mission: string; warnings: FormProblem[]; remplace?: Replacement }
  | { kind: 'erreurs'; problems: FormProblem[] };

/**
 * The whole judgement on an issue body: the form read, the author's right to declare
 * for the provider, and the registry's checks with the declaration in place. The file
 * is the text npm run declare writes for the same answers (declarationYaml).
 */
export function issueVerdict(
  loaded: LoadResult,
  input: { body: string; author: string; mainteneurs: readonly string[]; date: string; contentPrefix?: string },
): IssueVerdict {
  const form = readIssueForm(input.body, input.date);
  const problems = form.ok ? [] : [...form.problems];
  if (!form.answers) return { kind: 'erreurs', problems };
  // Re-declaring replaces the file: it keeps the date of the first declaration (on time stays on time).
  const existing = existingDeclaration(loaded, form.answers.prestataire, form.answers.mission);
  const answers = keptHistory(existing, form.answers, input.date, missionEnd(loaded, form.answers.mission));
  const identity = authorProblem(loaded, answers.prestataire, input.author, input.mainteneurs);
  if (identity) problems.unshift(identity);
  const checked = registryProblems(loaded, answers, form.lines, input.date);
  problems.push(...checked.errors);
  if (problems.length > 0) return { kind: 'erreurs', problems };
  const declaration = buildDeclaration(answers);
  const prefix = input.contentPrefix ?? 'content';
  return {
    kind: 'proposition',
    path: `${prefix ? `${prefix}/` : ''}${declarationFile(declaration.prestataire, declaration.mission)}`,
    text: declarationYaml(declaration),
    prestataire: declaration.prestataire,
    mission: declaration.mission,
    warnings: checked.warnings,
    ...(existing ? { remplace: { date: existing.date, changes: declarationChanges(existing, declaration) } } : {}),
  };
}


/**
 * What a re-declaration does to the declaration already in the registry, in French: the
 * first date kept, then one line per value that changes (« champ : avant → après »), or
 * that nothing changes. The lines quote the person's text: the caller shows them as code.
 */
export function replacementText(remplace: Replacement): { intro: string; lines: string[] } {
  const n = remplace.changes.length;
  const intro =
    `Une déclaration existe déjà pour cette mission, faite le ${frenchDate(remplace.date)} : celle-ci la remplace et garde sa date ` +
    `(le délai se compte toujours à partir d’elle ; modifiee_le dit quand elle a changé). ` +
    (n === 0 ? 'Elle ne change rien d’autre.' : `${n > 1 ? `${n} valeurs changent` : 'Une valeur change'} (« (absent) » : la ligne disparaît ou s’ajoute) :`);
  return { intro, lines: remplace.changes.map((c) => `${c.champ} : ${showValue(c.avant)} → ${showValue(c.apres)}`) };
}
