// The association's rules applied to missions and providers: pure functions over
// plain data. Every number comes from a rules file (content/regles/), never from
// here; every result says which rule produced it, as "<date d'effet>#<clé>".
import type { Declaration } from '../../../schemas/declaration.ts';
import type { Mission, Role } from '../../../schemas/mission.ts';
import type { Prestataire } from '../../../schemas/prestataire.ts';
import type { Regles } from '../../../schemas/regles.ts';
import { addDays } from '../registry/dates.ts';

export const ROLE_ORDER: readonly Role[] = ['plancher', 'animation', 'coordination'];

/** Rounds to the cent: every amount shown is in euros and cents. */
export function cents(amount: number): number {
  // Round half up on the decimal value written, not on its binary approximation
  // (1.005 × 100 is 100.49999999999999): nudge by a relative epsilon first.
  return Math.round(amount * 100 * (1 + 2 * Number.EPSILON)) / 100;
}

/**
 * Rounds to a step (1 = the euro, 0.01 = the cent), half up. Each share is rounded
 * on its own, so two members with the same role and days get the same amount
 * whatever the order of the team in the file.
 */
export function roundTo(amount: number, step: number): number {
  const units = Math.round((amount / step) * (1 + 2 * Number.EPSILON));
  return cents(units * step);
}

/**
 * Splits a total into parts pro rata of weights, each a whole number of steps (1 = the
 * euro, 0.01 = the cent: the rules' arrondi_eur), so that the parts add up exactly to the
 * total (largest remainder: each part gets its floor in steps, then the steps left go one
 * by one to the largest remainders). Ties are broken by the key given for each part (the
 * provider), never by the order of the file, so that two members with the same role and
 * days differ by one step at most, whichever is listed first. The total is a whole number
 * of steps (rounded by roundTo); a step below the cent counts as the cent.
 */
export function splitInSteps(total: number, weights: readonly number[], keys: readonly string[], step: number): number[] {
  const unit = Math.max(step, 0.01);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const totalUnits = Math.round((total / unit) * (1 + 2 * Number.EPSILON));
  const exact = weights.map((w) => (totalUnits * w) / sum);
  const floors = exact.map((x) => Math.floor(x * (1 + 2 * Number.EPSILON)));
  let left = totalUnits - floors.reduce((s, f) => s + f, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - floors[i] }))
    .sort((a, b) => b.rest - a.rest || (keys[a.i] < keys[b.i] ? -1 : keys[a.i] > keys[b.i] ? 1 : a.i - b.i));
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors.map((units) => cents(units * unit));
}

/** splitInSteps to the cent. */
export function splitInCents(total: number, weights: readonly number[], keys: readonly string[]): number[] {
  return splitInSteps(total, weights, keys, 0.01);
}

/** Rounds down to the cent: shares of a pool never add up to more than the pool. */
function floorCents(amount: number): number {
  return Math.floor(amount * 100 * (1 + 2 * Number.EPSILON)) / 100;
}

/** The parts of a rules file a figure can cite; each is a section of /regles/. */
export const RULE_KEYS = ['reciprocite', 'nature', 'reseau', 'delais', 'adhesion', 'cercle', 'portage', 'tarifs_jour_eur', 'marge_solidarite', 'plausibilite'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export function ruleId(regles: Pick<Regles, 'en_vigueur_depuis'>, key: RuleKey): string {
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

export interface BracketPart {
  de_eur: number;
  a_eur: number | null;
  taux_pct: number;
  /** Part of the budget inside the bracket. */
  assiette_eur: number;
  montant_eur: number;
}

/** The budget cut into the brackets of the rules: the arithmetic behind expectedReciprocity. */
export function bracketParts(budget: number, regles: Regles): BracketPart[] {
  const brackets = [...regles.reciprocite.tranches].sort((a, b) => a.a_partir_de_eur - b.a_partir_de_eur);
  return brackets
    .map((bracket, i) => {
      const upper = brackets[i + 1]?.a_partir_de_eur ?? null;
      const inside = Math.max(0, Math.min(budget, upper ?? Infinity) - bracket.a_partir_de_eur);
      return { de_eur: bracket.a_partir_de_eur, a_eur: upper, taux_pct: bracket.taux_pct, assiette_eur: inside, montant_eur: (inside * bracket.taux_pct) / 100 };
    })
    .filter((part) => part.assiette_eur > 0);
}

/**
 * Expected money reciprocity for a budget: progressive brackets, each rate applied to
 * the part of the budget inside its bracket. Simon Sarazin, 14 Feb 2024: « pour une
 * grosse prestation, on s'attend à une réciprocité importante ».
 */
export function expectedReciprocity(budget: number, regles: Regles): number {
  return cents(bracketParts(budget, regles).reduce((total, part) => total + part.montant_eur, 0));
}

/** The fragment of /regles/ where a rule id ("2024-04-01#delais") is explained. */
export function ruleAnchor(id: string): string {
  return id.replace('#', '-');
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
  /** Share of the solidarity pool (its beneficiaries only). */
  part_solidarite_eur: number;
  /** Expected reciprocity of this member: the mission's (rounded by the rules), split pro rata of what each member bills, in steps of the rules' rounding (arrondi_eur), the parts adding up to it exactly. */
  reciprocite_attendue_eur: number;
  /** The part of it expected to go to the network for bringing the mission. */
  part_reseau_attendue_eur: number;
}

export interface SolidarityPool {
  par_jour_eur: number;
  base: Regles['marge_solidarite']['base'];
  beneficiaires: Role[];
  /** Days the pool is budgeted on. */
  jours: number;
  pot_eur: number;
  repartition: Regles['marge_solidarite']['repartition'];
  plafond_par_jour_eur: number | null;
  /** Shared among the beneficiaries. */
  distribue_eur: number;
  /** Left over, and where it goes. */
  reste_eur: number;
  reste: Regles['marge_solidarite']['reste'];
  dans_base_reciprocite: boolean;
}

export interface MissionBudget {
  roles: RoleBudget[];
  total_jours: number;
  total_roles_eur: number;
  solidarite: SolidarityPool;
  budget_eur: number;
  /** Budget − (role fees + pool): what the rules do not explain (0 when it matches). */
  ecart_budget_eur: number;
  /** The budget reciprocity is expected on: the pool is left out unless the rules say otherwise. */
  base_reciprocite_eur: number;
  /** Exact expectation of the brackets, to the cent, before rounding. */
  reciprocite_exacte_eur: number;
  reciprocite_attendue_eur: number;
  part_reseau_attendue_eur: number;
  /** Rounding step of expected amounts (1 = the euro). */
  arrondi_eur: number;
  membres: MemberBudget[];
  regles: { tarifs: string; solidarite: string; reciprocite: string; reseau: string };
}

/**
 * The travel solidarity pool of a mission. Alain, 29 Mar 2024: « une marge
 * systématique (+ou- 100 euros par jour de contrib') », « un petit matelas pour
 * celle.eux qui viennent de plus loin », « aux bénéfices des contributeur.ice.s qui
 * émargent à la contrib' plancher ». No beneficiary in the team, no pool.
 */
function solidarityPool(mission: Pick<Mission, 'equipe'>, regles: Regles): { pool: SolidarityPool; shares: number[] } {
  const rule = regles.marge_solidarite;
  const benefits = (role: Role) => rule.beneficiaires.includes(role);
  const beneficiaries = mission.equipe.filter((m) => benefits(m.role));
  const benefitDays = beneficiaries.reduce((sum, m) => sum + m.jours, 0);
  const teamDays = mission.equipe.reduce((sum, m) => sum + m.jours, 0);
  const days = beneficiaries.length === 0 ? 0 : rule.base === 'jours_equipe' ? teamDays : benefitDays;
  const pot = cents(days * rule.par_jour_eur);
  const cap = rule.plafond_par_jour_eur ?? null;
  const weights = mission.equipe.map((m) => {
    if (!benefits(m.role)) return 0;
    switch (rule.repartition) {
      case 'egale':
        return 1;
      case 'distance':
        return m.jours * (m.distance_km ?? 0);
      case 'frais_declares':
        return Math.min(m.frais_deplacement_eur ?? 0, cap === null ? Infinity : cap * m.jours);
      default:
        return m.jours;
    }
  });
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  // Declared costs are paid as they are while the pool covers them, pro rata beyond.
  const paysCostsInFull = rule.repartition === 'frais_declares' && totalWeight <= pot;
  const shares = weights.map((w) => (totalWeight <= 0 ? 0 : paysCostsInFull ? cents(w) : floorCents((pot * w) / totalWeight)));
  const distributed = cents(shares.reduce((s, x) => s + x, 0));
  return {
    pool: {
      par_jour_eur: rule.par_jour_eur,
      base: rule.base,
      beneficiaires: [...rule.beneficiaires],
      jours: days,
      pot_eur: pot,
      repartition: rule.repartition,
      plafond_par_jour_eur: cap,
      distribue_eur: distributed,
      reste_eur: cents(pot - distributed),
      reste: rule.reste,
      dans_base_reciprocite: rule.dans_base_reciprocite,
    },
    shares,
  };
}

/**
 * A mission's budget by role (days × day rate of the role), the travel solidarity
 * pool, and each member's share of the expected reciprocity.
 */
export function missionBudget(mission: Pick<Mission, 'equipe' | 'budget_eur'>, regles: Regles): MissionBudget {
  const rate = (role: Role) => regles.tarifs_jour_eur[role];
  const roles = ROLE_ORDER.map((role) => {
    const jours = mission.equipe.filter((m) => m.role === role).reduce((sum, m) => sum + m.jours, 0);
    return { role, jours, tarif_jour_eur: rate(role), montant_eur: cents(jours * rate(role)) };
  }).filter((r) => r.jours > 0);
  const totalJours = mission.equipe.reduce((sum, m) => sum + m.jours, 0);
  const totalRoles = cents(roles.reduce((sum, r) => sum + r.montant_eur, 0));
  const { pool, shares } = solidarityPool(mission, regles);
  const base = pool.dans_base_reciprocite ? mission.budget_eur : Math.max(0, cents(mission.budget_eur - pool.pot_eur));
  const exact = expectedReciprocity(base, regles);
  const step = regles.reciprocite.arrondi_eur;
  const networkPct = regles.reciprocite.part_reseau_pct;
  const billed = mission.equipe.map((m) => cents(m.jours * rate(m.role)));
  const expected = roundTo(exact, step);
  const network = roundTo((exact * networkPct) / 100, step);
  const keys = mission.equipe.map((m) => `${m.prestataire}/${m.role}/${m.jours}`);
  // arrondi_eur rounds every expected amount, the members' parts too (« arrondis à l'euro »
  // in regles/2024-04-01.yaml), and the parts still add up to the mission's exactly.
  const memberShares = splitInSteps(expected, billed, keys, step);
  const networkShares = splitInSteps(network, billed, keys, step);
  const membres = mission.equipe.map((m, i) => ({
    prestataire: m.prestataire,
    role: m.role,
    jours: m.jours,
    montant_eur: billed[i],
    part_solidarite_eur: shares[i],
    reciprocite_attendue_eur: memberShares[i],
    part_reseau_attendue_eur: networkShares[i],
  }));
  return {
    roles,
    total_jours: totalJours,
    total_roles_eur: totalRoles,
    solidarite: pool,
    budget_eur: mission.budget_eur,
    ecart_budget_eur: cents(mission.budget_eur - totalRoles - pool.pot_eur),
    base_reciprocite_eur: base,
    reciprocite_exacte_eur: exact,
    reciprocite_attendue_eur: expected,
    part_reseau_attendue_eur: network,
    arrondi_eur: step,
    membres,
    regles: {
      tarifs: ruleId(regles, 'tarifs_jour_eur'),
      solidarite: ruleId(regles, 'marge_solidarite'),
      reciprocite: ruleId(regles, 'reciprocite'),
      reseau: ruleId(regles, 'reseau'),
    },
  };
}

export interface DeclaredValue {
  verse_eur: number;
  /** Promised for a date still to come. */
  promis_eur: number;
  /** Promised for a date already past and still not paid: « promesse échue », not counted as given. */
  promesse_echue_eur: number;
  nature_heures: number;
  /** In-kind hours valued at the hourly value of the rules. */
  nature_eur: number;
  /** What counts as given: paid + promised (not overdue) + in kind. */
  total_eur: number;
  /** Money and in-kind value given to the network's commons. */
  au_reseau_eur: number;
  regle: string;
}

/** Where a money line stands on a date: paid, to come, or a promise past its date (« échue »). */
export type MoneyState = 'verse' | 'promis' | 'echu';

/**
 * Where one money line stands on a date; the one classification every figure uses (a
 * mission, a provider, a commons, a year, a flow, the network), so that each euro is
 * counted once and sums over commons equal the totals. A payment marked « verse » but
 * dated after the date is not paid yet on that date (validate refuses it today as
 * versement_futur; at a past date, it is simply to come): it counts as promised.
 */
export function moneyStateOn(money: Pick<Declaration['contributions_argent'][number], 'statut' | 'date'>, date: string): MoneyState {
  if (money.statut === 'verse') return money.date <= date ? 'verse' : 'promis';
  return money.date < date ? 'echu' : 'promis';
}

/**
 * What one declaration gives back on a date, in euros, with in-kind hours valued by
 * the rules. A promise whose date has passed counts apart, as « promesse échue ».
 */
export function declaredValue(declaration: Declaration, regles: Regles, date: string): DeclaredValue {
  const money = declaration.contributions_argent;
  const sum = (keep: (c: Declaration['contributions_argent'][number]) => boolean) => cents(money.filter(keep).reduce((s, c) => s + c.montant_eur, 0));
  const inState = (state: MoneyState) => sum((c) => moneyStateOn(c, date) === state);
  const hourValue = regles.reciprocite.valeur_heure_nature_eur;
  const heures = declaration.contributions_nature.reduce((s, c) => s + c.heures, 0);
  const nature = cents(heures * hourValue);
  const verse = inState('verse');
  const promis = inState('promis');
  const toNetwork =
    sum((c) => c.commun === regles.reseau && moneyStateOn(c, date) !== 'echu') +
    declaration.contributions_nature.filter((c) => c.commun === regles.reseau).reduce((s, c) => s + c.heures * hourValue, 0);
  return {
    verse_eur: verse,
    promis_eur: promis,
    promesse_echue_eur: inState('echu'),
    nature_heures: heures,
    nature_eur: nature,
    total_eur: cents(verse + promis + nature),
    au_reseau_eur: cents(toNetwork),
    regle: ruleId(regles, 'nature'),
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

/** Where a missing declaration stands: due, late, then past the final delay. */
export type MissingStatus = 'a_declarer' | 'en_retard' | 'defaillant';

export interface DueDeclaration {
  mission: string;
  fin: string;
  /** Last day to declare on time (« au plus tard le »). */
  echeance: string;
  /** Last day before the provider is « défaillant » for this mission. */
  dernier_delai: string;
  statut: MissingStatus;
  regle: string;
}

/**
 * The deadlines of a finished mission by the rules in force when it started; null if it is
 * not finished on the date. The clock runs from `fin`, whatever the status says: a mission
 * still « en_cours » or « attribuee » after its end is judged as ended (validate warns the
 * maintainers: mission_fin_depassee); only an abandonment before the end (with its date
 * and reason) stops it. A compagnonnage (budget 0) expects nothing, so nothing falls due.
 */
export function deadlinesOf(mission: Mission, regles: Regles, date: string): { fin: string; echeance: string; dernier_delai: string } | null {
  if (!mission.fin || mission.budget_eur === 0) return null;
  const ended = mission.statut === 'terminee' ? mission.fin <= date : (mission.statut === 'en_cours' || mission.statut === 'attribuee') && mission.fin < date;
  if (!ended) return null;
  return {
    fin: mission.fin,
    echeance: addDays(mission.fin, regles.delais.declaration_jours),
    dernier_delai: addDays(mission.fin, regles.delais.hors_cercle_jours),
  };
}

/**
 * The day a declaration counts as the one due at the end of its mission, or null while it
 * is only provisional. One made before the mission's end (an interim declaration) counts
 * once it is completed on or after the end: « une déclaration faite avant la fin est
 * provisoire jusqu'à ce qu'elle soit confirmée après la fin » (DESIGN.md, Fairness). The
 * day that counts is the FIRST completion after the end (`completee_le`, which the tools
 * write once and never move): a later edit changes `modifiee_le`, never that day, so it
 * cannot make an on-time declaration late. A file without `completee_le` (written before
 * it existed, or by hand) counts from its `modifiee_le`, when that is after the end.
 * Without an end date, a declaration counts as made.
 */
export function finalDeclarationDate(declaration: Pick<Declaration, 'date' | 'modifiee_le' | 'completee_le'>, mission: Pick<Mission, 'fin'>, date: string): string | null {
  if (declaration.date > date) return null;
  if (!mission.fin || declaration.date >= mission.fin) return declaration.date;
  const completed = declaration.completee_le ?? declaration.modifiee_le;
  return completed && completed >= mission.fin && completed <= date ? completed : null;
}

/**
 * The `completee_le` an amendment of an existing declaration carries, amended on `modified`:
 * the one already written (it never moves); else, for a declaration made before the end
 * `fin`, the day it was first completed after the end: its last modification when that was
 * already after the end (an older file), or this amendment when it is.
 */
export function completionDate(existing: Pick<Declaration, 'date' | 'modifiee_le' | 'completee_le'>, fin: string | undefined, modified: string | undefined): string | undefined {
  if (existing.completee_le) return existing.completee_le;
  if (!fin || existing.date >= fin) return undefined;
  if (existing.modifiee_le && existing.modifiee_le >= fin) return existing.modifiee_le;
  return modified && modified >= fin ? modified : undefined;
}

/**
 * Where a missing declaration stands on a date: due until the deadline of the rules
 * in force when the mission started, then late, then « défaillant » past the final
 * delay. Returns null when the mission is not finished on that date.
 */
export function dueDeclaration(mission: Mission, regles: Regles, date: string): DueDeclaration | null {
  const deadlines = deadlinesOf(mission, regles, date);
  if (!deadlines) return null;
  const statut = date <= deadlines.echeance ? 'a_declarer' : date <= deadlines.dernier_delai ? 'en_retard' : 'defaillant';
  return { mission: mission.id, ...deadlines, statut, regle: ruleId(regles, 'delais') };
}
