// The questions npm run declare asks, as data: what the provider reads, the choices
// offered (drawn from the registry), the example shown, the default, and the field
// whose schema judges a typed answer. The terminal (scripts/declare/) only asks them;
// each answer is checked here, by the schema's own rule (answerProblem) and the
// validator's versement_futur, before the next question.
import type { Declaration } from '../../../schemas/declaration.ts';
import { frenchAmount, frenchDate, numericFrenchDate } from '../registry/dates.ts';
import type { Registry } from '../registry/registry.ts';
import type { DeclarableMission } from './declaration-file.ts';
import { answerProblem, cleanAnswer, futurePaymentProblem, type AnswerField } from './declaration-text.ts';

/** A question answered by typing. */
export interface TextQuestion {
  message: string;
  /** The field of the declaration whose schema checks the answer. */
  field: AnswerField;
  /** An example shown in the empty answer. */
  placeholder?: string;
  /** The answer when the person presses Enter without typing. */
  defaultValue?: string;
  /** Enter alone leaves the field out. */
  optional?: boolean;
  /** The answer dates a payment said to be made: it cannot be after this reference date. */
  paidBy?: string;
}

/** A question answered by yes or no. */
export interface YesNoQuestion {
  message: string;
  yes: string;
  no: string;
  /** The answer already selected; the terminal's own (yes) when absent. */
  initialValue?: boolean;
}

export interface Choice<T extends string = string> {
  value: T;
  label: string;
  hint?: string;
}

/** A question answered by picking among choices. */
export interface ChoiceQuestion<T extends string = string> {
  message: string;
  options: Choice<T>[];
  initialValue?: T;
}

export const REQUIRED = 'Cette réponse est obligatoire.';

/**
 * What is wrong with a typed answer, in French, or undefined when it is accepted:
 * empty is the default or nothing (when allowed), otherwise the schema's rule for
 * the field, then the date of a payment said to be made (versement_futur).
 */
export function textAnswerProblem(question: TextQuestion, typed: string | undefined): string | undefined {
  const answer = (typed ?? '').trim();
  if (answer === '') return question.defaultValue !== undefined || question.optional ? undefined : REQUIRED;
  const problem = answerProblem(question.field, answer);
  if (problem || question.paidBy === undefined) return problem;
  return futurePaymentProblem(cleanAnswer(question.field, answer), question.paidBy);
}

// --- Choices from the registry --------------------------------------------------

const byName = <T extends { nom: string }>(a: T, b: T) => a.nom.localeCompare(b.nom, 'fr');
const named = (nom: string, id: string) => `${nom} (${id})`;

/** "Réseau de test (reseau-test)": how a commons is named in a question. */
export function communLabel(registry: Registry, id: string): string {
  return named(registry.communs.get(id)!.data.nom, id);
}

/** A hint that fits on the line of its choice. */
export function shortHint(text: string): string {
  return text.length > 70 ? `${text.slice(0, 69).trimEnd()}…` : text;
}

export function whoQuestion(registry: Registry): ChoiceQuestion {
  return {
    message: 'Qui êtes-vous ? Tapez une partie de votre nom, puis Entrée.',
    options: [...registry.prestataires.values()].map((e) => e.data).sort(byName).map((d) => ({ value: d.id, label: named(d.nom, d.id) })),
  };
}

/** The missions as declarableMissions orders them: not yet declared first. */
export function missionQuestion(candidates: DeclarableMission[]): ChoiceQuestion {
  return {
    message: 'Pour quelle mission ? (les missions pas encore déclarées d’abord)',
    options: candidates.map(({ mission: m, declared }) => ({
      value: m.id,
      label: `${m.titre} (${m.id})${declared ? ' — déjà déclarée' : ''}`,
      hint: m.statut === 'terminee' ? `terminée le ${frenchDate(m.fin!)}` : m.statut === 'abandonnee' ? 'abandonnée' : `en cours depuis le ${frenchDate(m.debut!)}`,
    })),
  };
}

/** When a provider has no mission to declare for on the date. */
export function noMissionMessage(prestataire: string, date: string): string {
  return (
    `Aucune mission commencée au ${frenchDate(date)} n'a « ${prestataire} » dans son équipe : rien à déclarer pour l'instant.\n` +
    `Si vous avez participé à une mission, demandez d'abord votre ajout à l'équipe dans son fichier (content/missions/<mission>.md).`
  );
}

export type ExistingChoice = 'completer' | 'remplacer' | 'garder';

/** A declaration already exists at `path`: amend it (when it is valid), replace it, or keep it. */
export function existingQuestion(path: string, amendable: boolean): ChoiceQuestion<ExistingChoice> {
  return {
    message: `Une déclaration existe déjà (${path}). Que voulez-vous faire ?`,
    options: [
      ...(amendable ? [{ value: 'completer' as const, label: 'La compléter', hint: 'garder ce qui y est, marquer une promesse comme versée, ajouter des lignes' }] : []),
      { value: 'remplacer', label: 'La remplacer entièrement par de nouvelles réponses' },
      { value: 'garder', label: 'La garder telle quelle' },
    ],
    initialValue: amendable ? 'completer' : 'garder',
  };
}

const communs = (registry: Registry) => [...registry.communs.values()].map((c) => c.data).sort(byName);

export function usedCommunsQuestion(registry: Registry): ChoiceQuestion {
  return {
    message: 'Quels communs avez-vous utilisés pendant cette mission ? (Espace pour cocher, Entrée pour valider)',
    options: communs(registry).map((c) => ({ value: c.id, label: named(c.nom, c.id), hint: shortHint(c.description) })),
  };
}

/** The commons that accept money; undefined when none does (the money questions are then skipped). */
export function moneyCommunQuestion(registry: Registry): ChoiceQuestion | undefined {
  const accepting = communs(registry).filter((c) => c.contribution_argent.accepte);
  if (accepting.length === 0) return undefined;
  return {
    message: 'À quel commun ? (seuls ceux qui acceptent l’argent sont proposés)',
    options: accepting.map((c) => ({ value: c.id, label: named(c.nom, c.id), hint: c.contribution_argent.plateforme ?? c.contribution_argent.url })),
  };
}

export const NO_MONEY_COMMUN = 'Aucun commun du registre n’accepte de contributions en argent pour l’instant.';

export function natureCommunQuestion(registry: Registry): ChoiceQuestion {
  return {
    message: 'À quel commun ?',
    options: communs(registry).map((c) => ({ value: c.id, label: named(c.nom, c.id), hint: shortHint(c.contribution_nature.description) })),
  };
}

export const STATUT_QUESTION: ChoiceQuestion<'verse' | 'promis'> = {
  message: 'Est-ce déjà versé ?',
  options: [
    { value: 'verse', label: 'Oui, versé' },
    { value: 'promis', label: 'Non, promis (à verser plus tard)' },
  ],
};

// --- Typed answers --------------------------------------------------------------

const LINK_EXAMPLE = 'https://...';

export function usageQuestion(registry: Registry, commun: string): TextQuestion {
  return { message: `Comment avez-vous utilisé ${communLabel(registry, commun)} ?`, field: 'usage', placeholder: 'ex. : fiches méthode pour préparer les ateliers' };
}

/** Amending: a promise may have been paid since. */
export function promisePaidQuestion(registry: Registry, promise: Declaration['contributions_argent'][number]): YesNoQuestion {
  return {
    message: `Les ${frenchAmount(promise.montant_eur)} € promis à ${communLabel(registry, promise.commun)} ont-ils été versés ?`,
    yes: 'Oui',
    no: 'Pas encore',
    initialValue: false,
  };
}

export const promisePaidDateQuestion = (date: string): TextQuestion => ({ message: 'Date du versement (JJ/MM/AAAA) ?', field: 'date', defaultValue: numericFrenchDate(date), paidBy: date });
export const PROMISE_PROOF: TextQuestion = { message: 'Lien vers le reçu (facultatif, Entrée pour passer) ?', field: 'preuve', optional: true, placeholder: LINK_EXAMPLE };

const yesNo = (message: string): YesNoQuestion => ({ message, yes: 'Oui', no: 'Non', initialValue: false });
export const GAVE_MONEY = yesNo('Avez-vous donné ou promis de l’argent à un commun pour cette mission ?');
export const ANOTHER_MONEY = yesNo('Ajouter un autre don en argent ?');
export const GAVE_IN_KIND = yesNo('Avez-vous contribué en nature à un commun (fiche, code, animation...) ?');
export const ANOTHER_IN_KIND = yesNo('Ajouter une autre contribution en nature ?');
export const WRITE_FILE: YesNoQuestion = { message: 'Écrire ce fichier ?', yes: 'Oui', no: 'Non' };

export const AMOUNT: TextQuestion = { message: 'Combien, en euros ?', field: 'montant_eur', placeholder: 'ex. : 150 ou 12,50' };

/** A payment's date: the reference date by default; a payment said to be made cannot be after it. */
export function paymentDateQuestion(statut: 'verse' | 'promis', date: string): TextQuestion {
  return {
    message: statut === 'verse' ? 'Date du versement (JJ/MM/AAAA) ?' : 'Date prévue du versement (JJ/MM/AAAA) ?',
    field: 'date',
    defaultValue: numericFrenchDate(date),
    paidBy: statut === 'verse' ? date : undefined,
  };
}

export const PAYMENT_PROOF: TextQuestion = {
  message: 'Lien vers le reçu ou une page publique du don (facultatif, Entrée pour passer) ?',
  field: 'preuve',
  optional: true,
  placeholder: LINK_EXAMPLE,
};

export const DESCRIPTION: TextQuestion = { message: 'Qu’avez-vous apporté ?', field: 'description', placeholder: 'ex. : mise à jour de la fiche « gouvernance partagée »' };
export const HOURS: TextQuestion = { message: 'Combien d’heures ?', field: 'heures', placeholder: 'ex. : 3 ou 1,5' };
export const LINK: TextQuestion = { message: 'Lien vers la contribution (facultatif, Entrée pour passer) ?', field: 'lien', optional: true, placeholder: LINK_EXAMPLE };
export const inKindDateQuestion = (date: string): TextQuestion => ({ message: 'Date de la contribution (JJ/MM/AAAA) ?', field: 'date', defaultValue: numericFrenchDate(date) });

/** A declaration says something (declaration_vide): with nothing listed, one sentence says why. */
export const WHY_NOTHING: TextQuestion = {
  message: 'Vous ne déclarez ni commun utilisé ni contribution : dites en une phrase pourquoi (obligatoire).',
  field: 'pourquoi_rien_donne',
  placeholder: 'ex. : mission abandonnée avant les ateliers, rien à reverser',
};
export const COMMENT: TextQuestion = { message: 'Un mot libre (facultatif, Entrée pour passer) ?', field: 'commentaire', optional: true };
