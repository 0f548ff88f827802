// The association's rules applied to missions and providers: pure functions over
// plain data. Every number comes from a rules file (content/regles/), never from
// here; every result says which rule produced it, as "<date d'effet>#<clé>".
import type { Declaration } from '../../schemas/declaration.ts';
import type { Mission, Role } from '../../schemas/mission.ts';
import type { Prestataire } from '../../schemas/prestataire.ts';
import type { Regles } from '../../schemas/regles.ts';
import { addDays } from './dates.ts';

export const ROLE_ORDER: readonly Role[] = ['plancher', 'animation', 'coordination'];

/** Rounds to the cent: every amount shown is in euros and cents. */
export function cents(amount: number): number {
  // Round half up on the decimal value written, not on its binary approximation
  // (1.005 × 100 is 100.49999999999999): nudge by a relative epsilon first.
  return Math.round(amount * 100 * (1 + 2 * Number.EPSILON)) / 100;
}

/**
 * Shares a total in cents among weights so that the shares add up exactly to the
 * total (largest remainder: the leftover cents go to the largest fractions).
 */
export function distribute(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const totalCents = Math.round(cents(total) * 100);
  const exact = weights.map((w) => (totalCents * w) / sum);
  const floors = exact.map(Math.floor);
  let left = totalCents - floors.reduce((s, f) => s + f, 0);
  const order = exact.map((e, i) => ({ i, frac: e - floors[i] })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors.map((c) => c / 100);
}

export function ruleId(regles: Regles, key: string): string {
  return `${regles.en_vigueur_depuis}#${key}`;
}

/** The rules in force on a date: the latest whose effective date is on or before it. */
export function rulesOn<T extends { en_vigueur_depuis: string }>(regles: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const r of regles) if (r.en_vigueur_depuis <= date && (!found || r.en_vigueur_depuis > found.en_vigueur_depuis)) found = r;
  return found;
}

/** The date a mission is judged by: its start, or the call's date while it is a call. */
export function missionReferenceDate(mission: Mission): string | undefined {
  return mission.debut ?? mission.date_appel;
}

/**
 * Expected money reciprocity for a budget: progressive brackets, each rate applied to
 * the part of the budget inside its bracket. Simon Sarazin, 14 Feb 2024: « pour une
 * grosse prestation, on s'attend à une réciprocité importante ».
 */
export function expectedReciprocity(budget: number, regles: Regles): number {
  return cents(reciprocityBrackets(budget, regles).reduce((total, b) => total + b.montant_eur, 0));
}

export interface BracketPart {
  /** Part of the budget inside the bracket, in euros. */
  assiette_eur: number;
  taux_pct: number;
  /** assiette × taux, before rounding the total to the cent. */
  montant_eur: number;
}

/** The brackets a budget reaches, each with its part of the budget: the arithmetic shown to people. */
export function reciprocityBrackets(budget: number, regles: Regles): BracketPart[] {
  const brackets = [...regles.reciprocite.tranches].sort((a, b) => a.a_partir_de_eur - b.a_partir_de_eur);
  return brackets
    .map((bracket, i) => {
      const upper = brackets[i + 1]?.a_partir_de_eur ?? Infinity;
      const inside = Math.max(0, Math.min(budget, upper) - bracket.a_partir_de_eur);
      return { assiette_eur: inside, taux_pct: bracket.taux_pct, montant_eur: (inside * bracket.taux_pct) / 100 };
    })
    .filter((part) => part.assiette_eur > 0);
}

export interface RoleBudget {
  role: Role;
  jours: number;
  tarif_jour_eur: number;
  montant_eur: number;
}

export interface MemberBudget {
  prestataire: string;
  role: Role;
  jours: number;
  montant_eur: number;
  /** Share of the solidarity pool (floor contributors only). */
  part_solidarite_eur: number;
  /** Expected reciprocity of this member: the mission's, pro rata of what the member bills. */
  reciprocite_attendue_eur: number;
}

export interface MissionBudget {
  roles: RoleBudget[];
  total_jours: number;
  total_roles_eur: number;
  solidarite: { par_jour_eur: number; jours: number; pot_eur: number; repartition: Regles['marge_solidarite']['repartition'] };
  reciprocite_attendue_eur: number;
  membres: MemberBudget[];
  regles: { tarifs: string; solidarite: string; reciprocite: string };
}

/**
 * A mission's budget by role (days × day rate of the role), the travel solidarity
 * pool (a margin per contribution day, Alain, 29 Mar 2024) shared among floor
 * contributors, and each member's share of the expected reciprocity.
 */
export function missionBudget(mission: Mission, regles: Regles): MissionBudget {
  const rate = (role: Role) => regles.tarifs_jour_eur[role];
  const roles = ROLE_ORDER.map((role) => {
    const jours = mission.equipe.filter((m) => m.role === role).reduce((sum, m) => sum + m.jours, 0);
    return { role, jours, tarif_jour_eur: rate(role), montant_eur: cents(jours * rate(role)) };
  }).filter((r) => r.jours > 0);
  const totalJours = mission.equipe.reduce((sum, m) => sum + m.jours, 0);
  const totalRoles = cents(roles.reduce((sum, r) => sum + r.montant_eur, 0));
  const pot = cents(totalJours * regles.marge_solidarite.par_jour_eur);
  const floor = mission.equipe.filter((m) => m.role === 'plancher');
  const floorDays = floor.reduce((sum, m) => sum + m.jours, 0);
  const expected = expectedReciprocity(mission.budget_eur, regles);
  const billed = mission.equipe.map((m) => cents(m.jours * rate(m.role)));
  const floorWeights = mission.equipe.map((m) =>
    m.role !== 'plancher' || floor.length === 0 ? 0 : regles.marge_solidarite.repartition === 'egale' ? 1 : m.jours / floorDays,
  );
  const poolShares = distribute(pot, floorWeights);
  const expectedShares = distribute(expected, billed);
  const membres = mission.equipe.map((m, i) => ({
    prestataire: m.prestataire,
    role: m.role,
    jours: m.jours,
    montant_eur: billed[i],
    part_solidarite_eur: poolShares[i],
    reciprocite_attendue_eur: expectedShares[i],
  }));
  return {
    roles,
    total_jours: totalJours,
    total_roles_eur: totalRoles,
    solidarite: { par_jour_eur: regles.marge_solidarite.par_jour_eur, jours: totalJours, pot_eur: pot, repartition: regles.marge_solidarite.repartition },
    reciprocite_attendue_eur: expected,
    membres,
    regles: {
      tarifs: ruleId(regles, 'tarifs_jour_eur'),
      solidarite: ruleId(regles, 'marge_solidarite'),
      reciprocite: ruleId(regles, 'reciprocite.tranches'),
    },
  };
}

export interface DeclaredValue {
  verse_eur: number;
  promis_eur: number;
  nature_heures: number;
  /** In-kind hours valued at the hourly value of the rules. */
  nature_eur: number;
  total_eur: number;
  regle: string;
}

/** What one declaration gives back, in euros, with in-kind hours valued by the rules. */
export function declaredValue(declaration: Declaration, regles: Regles): DeclaredValue {
  const sum = (statut: 'promis' | 'verse') =>
    cents(declaration.contributions_argent.filter((c) => c.statut === statut).reduce((s, c) => s + c.montant_eur, 0));
  const heures = declaration.contributions_nature.reduce((s, c) => s + c.heures, 0);
  const nature = cents(heures * regles.reciprocite.valeur_heure_nature_eur);
  const verse = sum('verse');
  const promis = sum('promis');
  return {
    verse_eur: verse,
    promis_eur: promis,
    nature_heures: heures,
    nature_eur: nature,
    total_eur: cents(verse + promis + nature),
    regle: ruleId(regles, 'reciprocite.valeur_heure_nature_eur'),
  };
}

export function isMemberOn(prestataire: Prestataire, date: string): boolean {
  return prestataire.adhesions.some((a) => a.du <= date && date <= a.au);
}

export interface PortageCheck {
  type: Mission['portage']['type'];
  criteres_remplis: string[];
  criteres_inconnus: string[];
  minimum: number;
  /** True when the network may lead: enough known criteria are named. */
  conforme: boolean;
  regle: string;
}

/** Laurent C, 14 Feb 2024: the network leads a response only when criteria hold. */
export function portageCheck(mission: Mission, regles: Regles): PortageCheck {
  const known = new Set(regles.portage.criteres.map((c) => c.id));
  const named = [...new Set(mission.portage.criteres)];
  const met = named.filter((c) => known.has(c));
  return {
    type: mission.portage.type,
    criteres_remplis: met,
    criteres_inconnus: named.filter((c) => !known.has(c)),
    minimum: regles.portage.minimum_reseau,
    conforme: mission.portage.type !== 'reseau' || met.length >= regles.portage.minimum_reseau,
    regle: ruleId(regles, 'portage'),
  };
}

export type Standing = 'a_jour' | 'a_declarer' | 'en_retard' | 'hors_cercle';
const SEVERITY: Record<Standing, number> = { a_jour: 0, a_declarer: 1, en_retard: 2, hors_cercle: 3 };

export function worstStanding(standings: Standing[]): Standing {
  return standings.reduce<Standing>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'a_jour');
}

export interface DueDeclaration {
  mission: string;
  fin: string;
  echeance: string;
  hors_cercle: string;
  statut: Exclude<Standing, 'a_jour'>;
  regle: string;
}

/**
 * Where a missing declaration stands on a date: due until the deadline of the rules
 * in force when the mission started, then late, then out of the circle. Returns null
 * when the mission is not finished on that date.
 */
export function dueDeclaration(mission: Mission, regles: Regles, date: string): DueDeclaration | null {
  if (mission.statut !== 'terminee' || !mission.fin || mission.fin > date) return null;
  const echeance = addDays(mission.fin, regles.delais.declaration_jours);
  const horsCercle = addDays(mission.fin, regles.delais.hors_cercle_jours);
  const statut = date <= echeance ? 'a_declarer' : date <= horsCercle ? 'en_retard' : 'hors_cercle';
  return { mission: mission.id, fin: mission.fin, echeance, hors_cercle: horsCercle, statut, regle: ruleId(regles, 'delais') };
}
