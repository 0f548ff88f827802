// The budget calculator (/calculer/, npm run calculer): a team still to be quoted (roles,
// days, distances) and, if given, a budget, through the same missionBudget and the same
// explanations as a mission's page, so that a quote and the mission it becomes agree to
// the cent. Alain, 29 March 2024: the solidarity margin is budgeted « systématiquement »;
// the calculator gives it while the quote is written, not after the mission.
// Types only from the schemas: this module runs in the page's script, where Zod has no place.
import type { Role } from '../../../schemas/mission.ts';
import type { Regles } from '../../../schemas/regles.ts';
import { frenchDate, isIsoDate } from '../registry/dates.ts';
import { count, euros as eur } from '../registry/french.ts';
import { explainBudget, SPLIT_WORDS, type Explanation } from './explain.ts';
import { missionBudget, ruleId, rulesOn, type MissionBudget } from './rules.ts';

export interface QuoteMember {
  /** How the quote names the member (« Membre 1 » when left empty). */
  nom: string;
  role: Role;
  jours: number;
  /** One-way distance from home to the place, for the « distance » split of the pool. */
  distance_km?: number;
  /** Travel costs, for the « frais_declares » split of the pool. */
  frais_deplacement_eur?: number;
}

export interface QuoteInput {
  /** The mission's start: the rules in force that day apply. */
  date: string;
  equipe: QuoteMember[];
  /** The budget of the quote; without it, the fees and the pool (the budget the rules propose). */
  budget_eur?: number | null;
}

export interface Quote {
  date: string;
  /** Effective date of the rules applied. */
  regles: string;
  /** Fees by role + solidarity pool: the budget to quote so that the pool is covered. */
  budget_propose_eur: number;
  budget: MissionBudget;
  explications: Explanation[];
  /** A French paragraph to paste into the quote. */
  paragraphe: string;
}

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; erreurs: string[] };

/** The team the calculator shows before anyone types (and without JavaScript). */
export const DEFAULT_TEAM: QuoteMember[] = [
  { nom: 'Coordination', role: 'coordination', jours: 3 },
  { nom: 'Animation', role: 'animation', jours: 6 },
  { nom: 'Contribution plancher', role: 'plancher', jours: 4, distance_km: 80 },
];

const ROLE_OF: Record<Role, string> = { plancher: 'de contribution plancher', animation: 'd’animation', coordination: 'de coordination' };
const ROLES = Object.keys(ROLE_OF) as Role[];
const ROLE_WORDS: Record<Role, string> = { coordination: 'coordination', animation: 'animation', plancher: 'plancher' };
const MAX_MEMBERS = 30;
const MAX_DAYS = 1000;

function checkInput(regles: readonly Regles[], input: QuoteInput): string[] {
  const errors: string[] = [];
  if (!isIsoDate(input.date)) errors.push(`Date de début « ${input.date} » : attendue au format AAAA-MM-JJ, par exemple 2026-03-02.`);
  else if (!rulesOn(regles, input.date)) {
    const first = [...regles].map((r) => r.en_vigueur_depuis).sort()[0];
    errors.push(first ? `Aucune règle n’est en vigueur le ${frenchDate(input.date)} : les premières datent du ${frenchDate(first)}.` : 'Le registre ne contient aucune règle.');
  }
  if (input.equipe.length === 0) errors.push('L’équipe est vide : ajoutez au moins un membre (rôle et jours).');
  if (input.equipe.length > MAX_MEMBERS) errors.push(`Au plus ${MAX_MEMBERS} membres dans une équipe.`);
  input.equipe.forEach((m, i) => {
    const who = m.nom.trim() || `Membre ${i + 1}`;
    if (!ROLES.includes(m.role)) errors.push(`${who} : rôle « ${m.role} » inconnu ; choisissez ${ROLES.join(', ')}.`);
    if (!Number.isFinite(m.jours) || m.jours <= 0 || m.jours > MAX_DAYS) errors.push(`${who} : le nombre de jours doit être un nombre positif (au plus ${MAX_DAYS}).`);
    else if (Math.round(m.jours * 2) !== m.jours * 2) errors.push(`${who} : les jours se comptent par demi-journées (par exemple 2,5).`);
    if (m.distance_km !== undefined && (!Number.isFinite(m.distance_km) || m.distance_km < 0)) errors.push(`${who} : la distance doit être un nombre de kilomètres, 0 ou plus.`);
    if (m.frais_deplacement_eur !== undefined && (!Number.isFinite(m.frais_deplacement_eur) || m.frais_deplacement_eur < 0)) errors.push(`${who} : les frais de déplacement doivent être un montant, 0 ou plus.`);
  });
  const budget = input.budget_eur;
  if (budget !== undefined && budget !== null && (!Number.isFinite(budget) || budget < 0)) errors.push('Le budget doit être un montant en euros, 0 ou plus.');
  return errors;
}

/**
 * The fees, the solidarity pool and its split, the expected reciprocity and its split, by
 * the rules in force on the start date; `reseau` names the network in the paragraph.
 */
export function quoteBudget(regles: readonly Regles[], input: QuoteInput, reseau: string): QuoteResult {
  const erreurs = checkInput(regles, input);
  if (erreurs.length > 0) return { ok: false, erreurs };
  const rules = rulesOn(regles, input.date)!;
  const noms = input.equipe.map((m, i) => m.nom.trim() || `Membre ${i + 1}`);
  // A member is known by its name, as a provider by its id: ties in the split of the expected
  // reciprocity go in alphabetical order of the names, as on a mission's page.
  const equipe = input.equipe.map((m, i) => ({
    prestataire: noms[i],
    role: m.role,
    jours: m.jours,
    ...(m.distance_km === undefined ? {} : { distance_km: m.distance_km }),
    ...(m.frais_deplacement_eur === undefined ? {} : { frais_deplacement_eur: m.frais_deplacement_eur }),
  }));
  const proposed = missionBudget({ equipe, budget_eur: 0 }, rules);
  const budgetProposed = Math.round((proposed.total_roles_eur + proposed.solidarite.pot_eur) * 100) / 100;
  const given = input.budget_eur ?? null;
  const budget = missionBudget({ equipe, budget_eur: given ?? budgetProposed }, rules);
  return {
    ok: true,
    quote: {
      date: input.date,
      regles: rules.en_vigueur_depuis,
      budget_propose_eur: budgetProposed,
      budget,
      explications: explainBudget(budget, rules, (nom) => nom, { budget: given === null ? 'proposé (honoraires et marge)' : 'au devis' }),
      paragraphe: quoteParagraph(budget, rules, reseau),
    },
  };
}

function quoteParagraph(b: MissionBudget, regles: Regles, reseau: string): string {
  const roles = b.roles.map((r) => `${count(r.jours, 'jour')} ${ROLE_OF[r.role]} à ${eur(r.tarif_jour_eur)}`);
  const list = roles.length > 1 ? `${roles.slice(0, -1).join(', ')} et ${roles.at(-1)}` : roles[0];
  const pool = b.solidarite;
  const beneficiaries = pool.beneficiaires.map((r) => ROLE_WORDS[r]).join(' et ');
  if (b.budget_eur === 0) {
    return `Cette mission est un compagnonnage non facturé (budget de 0 €) : selon les règles de réciprocité du réseau ${reseau}, en vigueur depuis le ${frenchDate(regles.en_vigueur_depuis)} (${ruleId(regles, 'reciprocite')}), aucune contribution aux communs n’est attendue. Facturée selon les tarifs du réseau, elle coûterait ${eur(b.total_roles_eur)} d’honoraires pour ${count(b.total_jours, 'jour')} d’intervention${pool.pot_eur > 0 ? `, plus ${eur(pool.pot_eur)} de marge de solidarité` : ''}.`;
  }
  const sentences = [
    `Ce budget de ${eur(b.budget_eur)} comprend ${count(b.total_jours, 'jour')} d’intervention (${list}), soit ${eur(b.total_roles_eur)} d’honoraires` +
      (pool.pot_eur > 0
        ? `, et une marge de solidarité de ${eur(pool.pot_eur)} (${eur(pool.par_jour_eur)} par jour ${pool.base === 'jours_equipe' ? 'de l’équipe' : `de contribution ${beneficiaries}`}) pour les frais de déplacement des contributions ${beneficiaries}, partagée ${SPLIT_WORDS[pool.repartition]} ; ${pool.reste === 'reseau' ? 'ce qui n’en est pas dépensé est versé au réseau' : 'ce qui n’en est pas dépensé n’est pas facturé'}.`
        : '.'),
  ];
  if (b.ecart_budget_eur !== 0 && b.budget_eur > 0) {
    sentences.push(`Il s’écarte de ${eur(Math.abs(b.ecart_budget_eur))} des honoraires et de la marge calculés selon les tarifs du réseau.`);
  }
  sentences.push(
    b.reciprocite_attendue_eur > 0
      ? `Selon les règles de réciprocité du réseau ${reseau}, en vigueur depuis le ${frenchDate(regles.en_vigueur_depuis)} (${ruleId(regles, 'reciprocite')}), l’équipe s’engage à contribuer aux communs qu’elle utilise à hauteur de ${eur(b.reciprocite_attendue_eur)}, en argent ou en temps, dont ${eur(b.part_reseau_attendue_eur)} pour le réseau, et à le déclarer au registre public dans les ${regles.delais.declaration_jours} jours qui suivent la fin de la mission.`
      : `Selon les règles de réciprocité du réseau ${reseau}, en vigueur depuis le ${frenchDate(regles.en_vigueur_depuis)} (${ruleId(regles, 'reciprocite')}), aucune contribution aux communs n’est attendue sur ce budget.`,
  );
  return sentences.join(' ');
}
