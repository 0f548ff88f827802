// What a provider is expected to give back for one mission, with its arithmetic on
// the real numbers, for the people who declare (npm run declare, the /declarer/ form):
// the mission's expected reciprocity by the brackets of its rules, then the member's
// share pro rata of what they bill (the same numbers as the figures and the site).
import { frenchAmount, frenchDate } from '../registry/dates.ts';
import { euros as eur } from '../registry/french.ts';
import type { Registry } from '../registry/registry.ts';
import { missionBudget, missionReferenceDate, bracketParts, ruleId, rulesOn } from './rules.ts';

export interface ExpectedShare {
  prestataire: string;
  mission: string;
  part_eur: number;
  mission_eur: number;
  /** The id of the rule that produced it (`2024-04-01#reciprocite`). */
  regle: string;
  /** The computation in one French sentence. */
  calcul: string;
}


/** Null when the mission is unknown, has no rules in force at its start, or the provider is not in its team. */
export function expectedShare(registry: Pick<Registry, 'missions' | 'regles'>, prestataire: string, missionId: string): ExpectedShare | null {
  const mission = registry.missions.get(missionId)?.data;
  const start = mission && missionReferenceDate(mission);
  const regles = start ? rulesOn(registry.regles.map((r) => r.data), start) : undefined;
  if (!mission || !regles) return null;
  const budget = missionBudget(mission, regles);
  const mine = budget.membres.filter((m) => m.prestataire === prestataire);
  if (mine.length === 0) return null;
  const part = mine.reduce((sum, m) => sum + m.reciprocite_attendue_eur, 0);
  const billed = mine.reduce((sum, m) => sum + m.montant_eur, 0);
  const base = budget.base_reciprocite_eur;
  const brackets = bracketParts(base, regles).map((b) => `${frenchAmount(b.taux_pct)} % × ${eur(b.assiette_eur)}`);
  const baseText = base === mission.budget_eur ? `Budget de la mission ${eur(base)}` : `Base de la mission ${eur(base)} (budget ${eur(mission.budget_eur)} moins la marge de solidarité)`;
  const calcul =
    `${baseText} : ${brackets.join(' + ') || '0'} = ${eur(budget.reciprocite_attendue_eur)} attendus pour la mission ; ` +
    `votre part, au prorata de ce que vous facturez : ${eur(budget.reciprocite_attendue_eur)} × ${eur(billed)} / ${eur(budget.total_roles_eur)} ≈ ${eur(part)} ` +
    `(règles en vigueur depuis le ${frenchDate(regles.en_vigueur_depuis)}).`;
  return { prestataire, mission: missionId, part_eur: part, mission_eur: budget.reciprocite_attendue_eur, regle: ruleId(regles, 'reciprocite'), calcul };
}
