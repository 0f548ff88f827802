// The /declarer/ form's last check, in the browser: the answers checked by every check
// CI runs on a declaration (schema, references, team, mission started, money accepted,
// plausible figures, dates), on a registry made of the data the build put in the page and
// in the provider's file. A declared mission is amended, not silently replaced: the
// first date is kept, and what changes is shown. Nothing here may need Node.
import type { Commun } from '../../schemas/commun.ts';
import type { Confirmation } from '../../schemas/confirmation.ts';
import type { Declaration } from '../../schemas/declaration.ts';
import type { Mission } from '../../schemas/mission.ts';
import type { Prestataire } from '../../schemas/prestataire.ts';
import type { Regles } from '../../schemas/regles.ts';
import { showValue, type FieldChange } from '../domain/contribution/changes.ts';
import { declarationChanges, keptHistory } from '../domain/contribution/declaration-draft.ts';
import { draftProblems, registryFrom } from '../domain/contribution/declaration-file.ts';
import { buildDeclaration, codeSentence, declarationFile, declarationYaml, saysNothing, type DeclarationAnswers } from '../domain/contribution/declaration-text.ts';

/** A mission of the provider's file: what the form lists, and what the checks read. */
export interface FormMission {
  id: string;
  titre: string;
  /** Already declared: the form loads the declaration to amend it. */
  declaree: boolean;
  part: { part_eur: number; calcul: string; regle: string } | null;
  /** The mission's data, for the checks (team, dates, budget, rules of its start). */
  donnees: Mission;
  /** The declaration already in the registry, when there is one: amended, it keeps its date. */
  declaration?: Declaration;
}

/** The provider's file, /declarer/missions/<id>.json. */
export interface FormProvider {
  prestataire: Prestataire;
  missions: FormMission[];
  /** The receipts of the commons for this provider's payments (confirmations), for the same warnings as CI. */
  recus: Confirmation[];
}

/** What the page itself carries for the checks: every commons and every rules file. */
export interface FormRegistry {
  communs: Commun[];
  regles: Regles[];
}

export interface FormVerdict {
  /** What stops the file, each as message and hint: the words of npm run validate. */
  errors: string[];
  /** Worth a look, does not stop the file. */
  warnings: string[];
  /** The file's path in the repository, and its text. */
  path: string;
  text: string;
  /** For a declared mission: the date kept, and each value that changes. */
  replaces?: { date: string; changes: FieldChange[] };
}

/**
 * The verdict on the answers, dated `today` (the registry's day, as CI counts it):
 * refused while the validator would refuse the file; a declared mission keeps the date
 * of its first declaration (keptHistory), and what changes is listed.
 */
export function formVerdict(page: FormRegistry, who: FormProvider, answers: DeclarationAnswers, today: string): FormVerdict {
  const chosen = who.missions.find((m) => m.id === answers.mission);
  const existing = chosen?.declaration;
  const declaration = buildDeclaration(keptHistory(existing, answers, today, chosen?.donnees.fin));
  const path = `content/${declarationFile(declaration.prestataire, declaration.mission)}`;
  const text = declarationYaml(declaration);
  if (saysNothing(declaration)) return { errors: [codeSentence('declaration_vide', {})], warnings: [], path, text };
  const registry = registryFrom({
    prestataires: [who.prestataire],
    missions: who.missions.map((m) => m.donnees),
    communs: page.communs,
    regles: page.regles,
    confirmations: who.recus,
  });
  const problems = draftProblems(registry, declaration, today);
  const sentence = (p: { message: string; hint: string }) => `${p.message} ${p.hint}`;
  return {
    errors: problems.filter((p) => p.severity === 'error').map(sentence),
    warnings: problems.filter((p) => p.severity === 'warning').map(sentence),
    path,
    text,
    ...(existing ? { replaces: { date: existing.date, changes: declarationChanges(existing, declaration) } } : {}),
  };
}


/** One change as the form shows it: « contributions_argent[0].statut : « promis » → « verse » ». */
export const changeLine = (c: FieldChange) => `${c.champ} : ${showValue(c.avant)} → ${showValue(c.apres)}`;
