// The options of npm run declare: their syntax, the answers they give, and the usage
// errors (exit 2) for what they name wrongly.
import { absoluteUrl } from '../../src/site/url.ts';
import type { VERSEMENT_STATUTS } from '../../schemas/declaration.ts';
import { unknownId } from '../../src/domain/contribution/declaration-draft.ts';
import { answerProblem, cleanAnswer, moneyLine, natureLine, parseFrenchNumber, type AnswerField, type DeclarationAnswers } from '../../src/domain/contribution/declaration-text.ts';
import type { LoadResult } from '../../src/domain/rules/load.ts';
import { parseCli, UsageError } from '../cli.ts';

export const USAGE = `Usage : npm run declare -- [--content DOSSIER] [--date AAAA-MM-JJ]
                          [--prestataire ID --mission ID [--commun-utilise ...]... [--argent ...]... [--nature ...]... [--commentaire TEXTE] [--completer | --remplacer]]
Dans un terminal, sans --commun-utilise, --argent, --nature ni --commentaire : les questions sont posées une à une
(--prestataire et --mission, s'ils sont donnés, répondent aux deux premières).`;

export const HELP = `${USAGE}

Écrit content/declarations/<prestataire>/<mission>.yaml, le vérifie comme npm run validate,
puis indique comment le proposer.

Options :
  --content DOSSIER        dossier du registre (par défaut : content)
  --date AAAA-MM-JJ        date de référence et date de la déclaration (par défaut : aujourd'hui)
  --prestataire ID         vous : identifiant dans content/prestataires/
  --mission ID             identifiant de la mission (content/missions/)
  --commun-utilise "COMMUN:USAGE"
                           un commun utilisé et comment (répétable ; l'usage peut contenir « : »)
  --argent "COMMUN:MONTANT:STATUT[:DATE[:PREUVE]]"
                           un don en argent (répétable) ; MONTANT en euros (12,50 ou 12.50),
                           STATUT verse ou promis, DATE (JJ/MM/AAAA ou AAAA-MM-JJ) par défaut
                           la date de référence
                           (laissez-la vide pour donner une preuve : "commun:50:verse::https://...")
  --nature "COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]"
                           une contribution en nature (répétable) ; HEURES comme 3 ou 1,5 ;
                           la description peut contenir « : » ; LIEN (http:// ou https://...) et
                           DATE (JJ/MM/AAAA ou AAAA-MM-JJ) sont reconnus en fin de valeur
  --aucun-commun-utilise TEXTE
                           si vous n'avez utilisé aucun commun : dites-le en une phrase
  --pourquoi-rien-donne TEXTE
                           si vous n'avez rien donné : dites pourquoi en une phrase
  --commentaire TEXTE      un mot libre
  --completer              ajoute ces lignes à la déclaration existante (elle est gardée)
  --remplacer              remplace la déclaration si elle existe déjà

Une déclaration dit toujours quelque chose : au moins un commun utilisé, une contribution,
ou une phrase qui dit pourquoi rien (--aucun-commun-utilise, --pourquoi-rien-donne).
  -h, --help               cette aide

Exemple :
  npm run declare -- --prestataire alice-conseil --mission diagnostic-2025 \\
    --commun-utilise "movilab:Fiches méthode pour les ateliers" \\
    --argent "compagnie-des-tiers-lieux:150:verse:2025-07-01:https://exemple.org/recu" \\
    --nature "movilab:3:Fiche « gouvernance » mise à jour:https://exemple.org/fiche"`;

export const OPTIONS = {
  content: { type: 'string' },
  date: { type: 'string' },
  prestataire: { type: 'string' },
  mission: { type: 'string' },
  'commun-utilise': { type: 'string', multiple: true },
  argent: { type: 'string', multiple: true },
  nature: { type: 'string', multiple: true },
  commentaire: { type: 'string' },
  'aucun-commun-utilise': { type: 'string' },
  'pourquoi-rien-donne': { type: 'string' },
  remplacer: { type: 'boolean' },
  completer: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<typeof parseCli<typeof OPTIONS>>['values'];

/** The options that answer the questions themselves: with any of them, none is asked. */
export function hasContentFlags(values: Values): boolean {
  return (
    [values['commun-utilise'], values.argent, values.nature].some((v) => v !== undefined) ||
    [values.commentaire, values['aucun-commun-utilise'], values['pourquoi-rien-donne']].some((v) => v !== undefined)
  );
}

/** What to do when nobody in the registry is you. */
export const NO_PROFILE = `Si vous n'avez pas encore de fiche de prestataire, créez-la d'abord (content/prestataires/<votre-identifiant>.md,
avec votre compte GitHub dans comptes_forge) : ${absoluteUrl('/contribuer/')}#profil. Elle doit être fusionnée, et vous ajouté(e)
à l'équipe de la mission, avant de déclarer.`;

// Unknown ids are usage errors, said with the validator's own words and a suggestion.
export function checkId(loaded: LoadResult, folder: 'prestataires' | 'missions', id: string): void {
  const unknown = unknownId(loaded, folder, id);
  if (!unknown) return;
  if (unknown.kind === 'fichier_invalide') throw new UsageError(unknown.message);
  throw new UsageError(`${unknown.message}\n${folder === 'prestataires' ? NO_PROFILE : unknown.hint}`);
}

/** "a:b:c:rest" split on its first n-1 colons: the last part keeps its own colons (links). */
function splitFirst(value: string, parts: number): string[] {
  const out: string[] = [];
  let rest = value;
  while (out.length < parts - 1) {
    const at = rest.indexOf(':');
    if (at < 0) break;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

function flagNumber(flag: string, field: AnswerField, text: string): number {
  const value = parseFrenchNumber(text);
  if (value === undefined) throw new UsageError(`--${flag} : ${answerProblem(field, text)}`);
  return value;
}

const syntax = (flag: string, value: string, expected: string) =>
  new UsageError(`--${flag} "${value}" : attendu "${expected}".\n\n${USAGE}\nDétails : npm run declare -- --help`);

function communUtilise(value: string) {
  const [commun, usage] = splitFirst(value, 2);
  if (!commun || usage === undefined || !usage.trim()) throw syntax('commun-utilise', value, 'COMMUN:USAGE');
  return { commun, usage };
}

/**
 * A date typed in an option (20/11/2026 or 2026-11-20, readTypedDate) as the registry writes
 * it; none when empty. Like an amount, a date that names no day is a usage error.
 */
function flagDate(flag: string, text: string | undefined): string | undefined {
  if (!text) return undefined;
  const problem = answerProblem('date', text);
  if (problem) throw new UsageError(`--${flag} : ${problem}`);
  return cleanAnswer('date', text);
}

function argent(value: string, date: string) {
  const [commun, montant, statut, when, preuve] = splitFirst(value, 5);
  if (!commun || !montant || !statut) throw syntax('argent', value, 'COMMUN:MONTANT:STATUT[:DATE[:PREUVE]]');
  // The schema names the possible values if the status is not one of them.
  return moneyLine(
    { commun, montant_eur: flagNumber('argent', 'montant_eur', montant), statut: statut as (typeof VERSEMENT_STATUTS)[number], date: flagDate('argent', when), preuve },
    date,
  );
}

function nature(value: string, date: string) {
  const [commun, heures, rest] = splitFirst(value, 3);
  if (!commun || !heures || rest === undefined) throw syntax('nature', value, 'COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]');
  // The description may hold colons: the date and the link are recognised at the end.
  let description = rest;
  let when: string | undefined;
  let lien: string | undefined;
  const dated = /^(.*):(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([/.-])\d{1,2}\3\d{4})$/s.exec(description);
  if (dated) [, description, when] = dated;
  const linked = /^(.*):([a-z][a-z0-9+.-]*:\/\/\S*)$/is.exec(description);
  if (linked) [, description, lien] = linked;
  if (!description.trim()) throw syntax('nature', value, 'COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]');
  return natureLine({ commun, description, heures: flagNumber('nature', 'heures', heures), lien, date: flagDate('nature', when) }, date);
}

/** The answers the options give, lines in the order typed; a malformed value is a usage error. */
export function answersFromFlags(values: Values, prestataire: string, mission: string, date: string): DeclarationAnswers {
  return {
    prestataire,
    mission,
    date,
    communs_utilises: (values['commun-utilise'] ?? []).map(communUtilise),
    contributions_argent: (values.argent ?? []).map((value) => argent(value, date)),
    contributions_nature: (values.nature ?? []).map((value) => nature(value, date)),
    aucun_commun_utilise: values['aucun-commun-utilise'],
    pourquoi_rien_donne: values['pourquoi-rien-donne'],
    commentaire: values.commentaire,
  };
}
