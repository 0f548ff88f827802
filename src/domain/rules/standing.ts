// Where a provider stands on a date, as two separate facets and their consequence:
//   - membership (PLIHON, 5 Feb 2024: « les parties prenantes doivent adhérer ») ;
//   - reciprocity: the declarations due after each finished mission (Simon Sarazin,
//     14 Feb 2024: « on fait du suivi sérieux ») ;
//   - « hors du cercle », the consequence the rules attach to them (« si on sort du
//     cercle ceux qui ne jouent pas le jeu »), always with its reason.
// The site, the badge, the CSV, the JSON, validate's warnings and the reminders all
// read this one function, situationOn.
import type { Mission } from '../../../schemas/mission.ts';
import type { Prestataire } from '../../../schemas/prestataire.ts';
import type { Regles } from '../../../schemas/regles.ts';
import { addDays, daysBetween, frenchDate } from '../registry/dates.ts';
import type { Registry } from '../registry/registry.ts';
import { deadlinesOf, missionReferenceDate, ruleId, rulesOn, type DueDeclaration } from './rules.ts';

export type MembershipStatus = 'adherent' | 'adhesion_echue' | 'jamais_adherent';
export type ReciprocityStatus = 'rien_du' | 'a_jour' | 'a_declarer' | 'en_retard' | 'defaillant';

export const MEMBERSHIP_LABELS: Record<MembershipStatus, string> = {
  adherent: 'adhérent',
  adhesion_echue: 'adhésion échue',
  jamais_adherent: 'jamais adhérent',
};

export const RECIPROCITY_LABELS: Record<ReciprocityStatus, string> = {
  rien_du: 'rien à déclarer pour l’instant',
  a_jour: 'à jour',
  a_declarer: 'déclaration à faire',
  en_retard: 'en retard',
  defaillant: 'défaillant',
};

export const OUT_OF_CIRCLE_LABEL = 'hors du cercle';

export interface MembershipFacet {
  statut: MembershipStatus;
  /** Adherent: last day of the membership that covers the date. */
  jusqu_au: string | null;
  tarif: Prestataire['adhesions'][number]['tarif'] | null;
  /** Adhésion échue: the first day without membership. */
  echue_depuis: string | null;
  /** A membership recorded for later: the day it starts. */
  reprend_le: string | null;
  /** The facet in one French sentence. */
  raison: string;
  /** The membership rule in force on the date, when there is one. */
  regle: string | null;
}

export interface LateDeclaration {
  mission: string;
  echeance: string;
  date: string;
  jours_de_retard: number;
  regle: string;
}

export interface ReciprocityFacet {
  statut: ReciprocityStatus;
  /** Each reason in words, worst first. */
  raisons: string[];
  /** Declarations due and not made on the date. */
  manquantes: DueDeclaration[];
  /** Declarations made after their deadline: the trace of lateness is kept. */
  tardives: LateDeclaration[];
  /** Finished missions whose deadline has passed: the declarations that are due. */
  dues: string[];
  regles: string[];
}

export interface CircleFacet {
  hors_cercle: boolean;
  /** Why, one sentence per cause; empty when in the circle. */
  raisons: string[];
  regles: string[];
}

/** The situation of a provider on a date: two facets, the consequence, and the date. */
export interface Situation {
  date: string;
  adhesion: MembershipFacet;
  reciprocite: ReciprocityFacet;
  cercle: CircleFacet;
}

const teamIndex = new WeakMap<Registry, Map<string, Mission[]>>();

/** The missions each provider is in the team of, by id, indexed once per registry. */
export function missionsOf(registry: Registry, prestataire: string): Mission[] {
  let index = teamIndex.get(registry);
  if (!index) {
    index = new Map();
    for (const { data: mission } of registry.missions.values()) {
      for (const member of mission.equipe) {
        const list = index.get(member.prestataire);
        if (list) list.push(mission);
        else index.set(member.prestataire, [mission]);
      }
    }
    // By id, so that no figure or reason depends on the order files were read in.
    for (const list of index.values()) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    teamIndex.set(registry, index);
  }
  return index.get(prestataire) ?? [];
}

/** Declarations made on or before a date, by "<prestataire>/<mission>", with their date. */
export function declaredBy(registry: Registry, date: string): Map<string, string> {
  return new Map(registry.declarations.filter((d) => d.data.date <= date).map((d) => [`${d.data.prestataire}/${d.data.mission}`, d.data.date]));
}

/** The rules a mission is judged by: those in force when it started (or when it was called). */
export function rulesOfMission(registry: Registry, mission: Mission): Regles | undefined {
  const reference = missionReferenceDate(mission);
  return reference ? rulesOn(registry.regles.map((r) => r.data), reference) : undefined;
}

/** The membership facet: adherent, lapsed since a date, or never a member. */
export function membershipOn(prestataire: Prestataire, regles: Regles | undefined, date: string): MembershipFacet {
  const periods = [...prestataire.adhesions].sort((a, b) => a.du.localeCompare(b.du) || a.au.localeCompare(b.au));
  const current = periods.filter((a) => a.du <= date && date <= a.au).sort((a, b) => b.au.localeCompare(a.au))[0];
  const past = periods.filter((a) => a.au < date).sort((a, b) => a.au.localeCompare(b.au)).at(-1);
  const next = periods.find((a) => a.du > date);
  const regle = regles ? ruleId(regles, 'adhesion') : null;
  const resumes = next ? ` Une adhésion est enregistrée à partir du ${frenchDate(next.du)}.` : '';
  if (current) {
    return { statut: 'adherent', jusqu_au: current.au, tarif: current.tarif, echue_depuis: null, reprend_le: null, raison: `Adhérent jusqu’au ${frenchDate(current.au)}.`, regle };
  }
  if (past) {
    const since = addDays(past.au, 1);
    const grace = regles?.adhesion.obligatoire_pour_equipe
      ? ` Hors du cercle à partir du ${frenchDate(addDays(since, regles.adhesion.grace_jours))} sans renouvellement.`
      : '';
    return { statut: 'adhesion_echue', jusqu_au: null, tarif: null, echue_depuis: since, reprend_le: next?.du ?? null, raison: `Adhésion échue depuis le ${frenchDate(since)}.${grace}${resumes}`, regle };
  }
  return { statut: 'jamais_adherent', jusqu_au: null, tarif: null, echue_depuis: null, reprend_le: next?.du ?? null, raison: `Pas encore adhérent.${resumes}`, regle };
}

/**
 * The situation of a provider on a date. Membership and reciprocity are judged apart;
 * « hors du cercle » follows from the rules: défaillant on a mission (no declaration
 * past the final delay of the mission's rules), or a membership lapsed for longer
 * than the grace period of the rules in force on the date.
 */
export function situationOn(prestataire: Prestataire, registry: Registry, date: string, declared = declaredBy(registry, date)): Situation {
  const now = rulesOn(registry.regles.map((r) => r.data), date);
  const adhesion = membershipOn(prestataire, now, date);

  const manquantes: DueDeclaration[] = [];
  const tardives: LateDeclaration[] = [];
  const dues: string[] = [];
  const raisons: Array<[ReciprocityStatus, string]> = [];
  const reciprocityRules = new Set<string>();
  let finished = 0;
  const defaillances: string[] = [];
  const circleRules = new Set<string>();
  for (const mission of missionsOf(registry, prestataire.id)) {
    const rules = rulesOfMission(registry, mission);
    const deadlines = rules ? deadlinesOf(mission, rules, date) : null;
    if (!rules || !deadlines) continue;
    finished++;
    const regle = ruleId(rules, 'delais');
    reciprocityRules.add(regle);
    if (date > deadlines.echeance) dues.push(mission.id);
    const declaredOn = declared.get(`${prestataire.id}/${mission.id}`);
    if (declaredOn) {
      if (declaredOn > deadlines.echeance) {
        const late = daysBetween(deadlines.echeance, declaredOn);
        tardives.push({ mission: mission.id, echeance: deadlines.echeance, date: declaredOn, jours_de_retard: late, regle });
      }
      continue;
    }
    const statut = date <= deadlines.echeance ? 'a_declarer' : date <= deadlines.dernier_delai ? 'en_retard' : 'defaillant';
    manquantes.push({ mission: mission.id, ...deadlines, statut, regle });
    const text =
      statut === 'a_declarer'
        ? `Déclaration à faire pour « ${mission.titre} » au plus tard le ${frenchDate(deadlines.echeance)} (fin le ${frenchDate(deadlines.fin)} + ${rules.delais.declaration_jours} jours).`
        : statut === 'en_retard'
          ? `Déclaration en retard pour « ${mission.titre} » : attendue au plus tard le ${frenchDate(deadlines.echeance)} ; défaillant après le ${frenchDate(deadlines.dernier_delai)}.`
          : `Défaillant pour « ${mission.titre} » : aucune déclaration plus de ${rules.delais.hors_cercle_jours} jours après sa fin (le ${frenchDate(deadlines.fin)}).`;
    raisons.push([statut, text]);
    if (statut === 'defaillant') {
      circleRules.add(ruleId(rules, 'cercle'));
      defaillances.push(`Défaillant pour « ${mission.titre} » depuis le ${frenchDate(addDays(deadlines.dernier_delai, 1))}.`);
    }
  }
  for (const t of tardives) {
    const title = registry.missions.get(t.mission)?.data.titre ?? t.mission;
    raisons.push(['a_jour', `Déclaration pour « ${title} » faite le ${frenchDate(t.date)}, ${t.jours_de_retard} jour${t.jours_de_retard > 1 ? 's' : ''} après l’échéance (${frenchDate(t.echeance)}).`]);
  }
  const order: ReciprocityStatus[] = ['defaillant', 'en_retard', 'a_declarer', 'a_jour', 'rien_du'];
  const worst = raisons.reduce<ReciprocityStatus>((w, [s]) => (order.indexOf(s) < order.indexOf(w) ? s : w), finished > 0 ? 'a_jour' : 'rien_du');
  const sorted = raisons.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([, text]) => text);
  if (worst === 'rien_du') sorted.push('Aucune mission terminée : rien n’est encore dû.');
  else if (manquantes.length === 0) sorted.unshift(`Toutes les déclarations des ${finished} mission${finished > 1 ? 's' : ''} terminée${finished > 1 ? 's' : ''} sont faites.`);

  const circle: string[] = [...defaillances];
  if (now && now.adhesion.obligatoire_pour_equipe && adhesion.statut === 'adhesion_echue' && adhesion.echue_depuis) {
    const lapsedDays = daysBetween(adhesion.echue_depuis, date) + 1;
    if (lapsedDays > now.adhesion.grace_jours) {
      circle.push(`Adhésion échue depuis le ${frenchDate(adhesion.echue_depuis)}, plus de ${now.adhesion.grace_jours} jours sans renouvellement.`);
      circleRules.add(ruleId(now, 'cercle'));
    }
  }
  return {
    date,
    adhesion,
    reciprocite: { statut: worst, raisons: sorted, manquantes, tardives, dues, regles: [...reciprocityRules].sort() },
    cercle: { hors_cercle: circle.length > 0, raisons: circle, regles: [...circleRules].sort() },
  };
}

/** The situation in one short phrase, for a badge or a list: « à jour · adhésion échue ». */
export function situationInWords(s: Situation): string {
  const parts = [RECIPROCITY_LABELS[s.reciprocite.statut], MEMBERSHIP_LABELS[s.adhesion.statut]];
  if (s.cercle.hors_cercle) parts.push(OUT_OF_CIRCLE_LABEL);
  return parts.join(' · ');
}

/** How worrying a situation is, worst facet first: the colour of its badge. */
export type SituationTone = 'a_jour' | 'rien_du' | 'attention' | 'en_retard' | 'hors_cercle';

export function situationTone(s: Situation): SituationTone {
  if (s.cercle.hors_cercle) return 'hors_cercle';
  if (s.reciprocite.statut === 'en_retard' || s.reciprocite.statut === 'defaillant') return 'en_retard';
  if (s.reciprocite.statut === 'a_declarer' || s.adhesion.statut !== 'adherent') return 'attention';
  return s.reciprocite.statut === 'rien_du' ? 'rien_du' : 'a_jour';
}
