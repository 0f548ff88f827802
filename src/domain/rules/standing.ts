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
import type { Entry, Registry } from '../registry/registry.ts';
import type { Declaration } from '../../../schemas/declaration.ts';
import { byExampleRules, EXAMPLE_RULES_CAVEAT, EXAMPLE_RULES_NOTE } from './example.ts';
import { deadlinesOf, finalDeclarationDate, missionReferenceDate, ruleId, rulesOn, type DueDeclaration } from './rules.ts';

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

/**
 * Membership the rules require and the provider lacks on the date, by the rules in force
 * the day it began (adhesion.grace_compte says which): a membership not renewed (the
 * 2024 rules: out of the circle after grace_jours, with or without a mission), or working
 * on a mission without membership (a lapsed member and a never-member alike; out after
 * grace_jours when the rules count it so, never under the 2024 rules, which only require it).
 */
export interface MembershipBreach {
  /** First day without the membership the rules require (the lapse, or the mission's start). */
  depuis: string;
  jours: number;
  /** Days before leaving the circle; null when the rules attach no exit to this breach. */
  grace_jours: number | null;
  hors_cercle: boolean;
  /** The mission worked on without membership; null for a membership not renewed. */
  mission: string | null;
  raison: string;
  regle: string;
}

/** The situation of a provider on a date: two facets, the consequence, and the date. */
export interface Situation {
  date: string;
  adhesion: MembershipFacet;
  reciprocite: ReciprocityFacet;
  cercle: CircleFacet;
  /** On a mission without membership on the date (null otherwise; null after a departure). */
  adhesion_requise: MembershipBreach | null;
  /** The day the provider left the network, when it is on or before the date: the membership is no longer asked. */
  parti_le: string | null;
  /** Effective dates of the rule files marked retroactive that judged this situation. */
  retroactives: string[];
  /** True when a rule file that judged this situation is an example, not a decision. */
  exemple: boolean;
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
/** Each registry's declarations by provider and mission, indexed once (a WeakMap: no stale index). */
const declarationIndexes = new WeakMap<Registry, Map<string, Declaration>>();
function declarationOf(registry: Registry, prestataire: string, mission: string): Declaration | undefined {
  let index = declarationIndexes.get(registry);
  if (!index) {
    index = new Map(registry.declarations.map((d) => [`${d.data.prestataire}/${d.data.mission}`, d.data]));
    declarationIndexes.set(registry, index);
  }
  return index.get(`${prestataire}/${mission}`);
}

export function declaredBy(registry: Registry, date: string, declarations: Iterable<Entry<Declaration>> = registry.declarations): Map<string, string> {
  const out = new Map<string, string>();
  for (const { data: d } of declarations) {
    const mission = registry.missions.get(d.mission)?.data;
    const final = mission ? finalDeclarationDate(d, mission, date) : d.date <= date ? d.date : null;
    if (final) out.set(`${d.prestataire}/${d.mission}`, final);
  }
  return out;
}

/** The rules a mission is judged by: those in force when it started (or when it was called). */
export function rulesOfMission(registry: Registry, mission: Mission): Regles | undefined {
  const reference = missionReferenceDate(mission);
  return reference ? rulesOn(registry.regles.map((r) => r.data), reference) : undefined;
}

/**
 * The membership facet: adherent, lapsed since a date, or never a member. Its sentences
 * speak of the membership, not of the provider: « adhérent » would give La Sucrerie
 * Partagée or Claire Vandamme the wrong gender.
 */
export function membershipOn(prestataire: Prestataire, regles: Regles | undefined, date: string): MembershipFacet {
  const periods = [...prestataire.adhesions].sort((a, b) => a.du.localeCompare(b.du) || a.au.localeCompare(b.au));
  const current = periods.filter((a) => a.du <= date && date <= a.au).sort((a, b) => b.au.localeCompare(a.au))[0];
  const past = periods.filter((a) => a.au < date).sort((a, b) => a.au.localeCompare(b.au)).at(-1);
  const next = periods.find((a) => a.du > date);
  const regle = regles ? ruleId(regles, 'adhesion') : null;
  const resumes = next ? ` Une adhésion est enregistrée à partir du ${frenchDate(next.du)}.` : '';
  if (current) {
    return { statut: 'adherent', jusqu_au: current.au, tarif: current.tarif, echue_depuis: null, reprend_le: null, raison: `Adhésion en cours jusqu’au ${frenchDate(current.au)}.`, regle };
  }
  if (past) {
    const since = addDays(past.au, 1);
    const grace = !regles?.adhesion.obligatoire_pour_equipe
      ? ''
      : regles.adhesion.grace_compte === 'adhesion_echue'
        ? outAfterGrace(addDays(since, regles.adhesion.grace_jours), regles.adhesion.grace_jours, date)
        : ` L’adhésion est exigée des membres d’une équipe : sur une mission sans adhésion plus de ${regles.adhesion.grace_jours} jours, on sort du cercle.`;
    return { statut: 'adhesion_echue', jusqu_au: null, tarif: null, echue_depuis: since, reprend_le: next?.du ?? null, raison: `Adhésion échue depuis le ${frenchDate(since)}.${grace}${resumes}`, regle };
  }
  return { statut: 'jamais_adherent', jusqu_au: null, tarif: null, echue_depuis: null, reprend_le: next?.du ?? null, raison: `Pas encore d’adhésion.${resumes}`, regle };
}

/** When a lapsed membership puts out of the circle, in the tense the reference date asks for. */
function outAfterGrace(out: string, days: number, date: string): string {
  return out <= date
    ? ` Non renouvelée : hors du cercle depuis le ${frenchDate(out)} (${days} jours de grâce passés).`
    : ` Sans renouvellement, hors du cercle à partir du ${frenchDate(out)} (${days} jours de grâce).`;
}

/** Where the declarations stand: one status per finished mission, the worst first. */
function reciprocityOn(prestataire: Prestataire, registry: Registry, date: string, declared: Map<string, string>): { facet: ReciprocityFacet; defaillances: string[]; circleRules: string[] } {
  const manquantes: DueDeclaration[] = [];
  const tardives: LateDeclaration[] = [];
  const dues: string[] = [];
  const raisons: Array<[ReciprocityStatus, string]> = [];
  const reciprocityRules = new Set<string>();
  let finished = 0;
  const defaillances: string[] = [];
  const circleRules: string[] = [];
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
    let interim = declarationOf(registry, prestataire.id, mission.id);
    if (interim && interim.date > date) interim = undefined;
    const provisional = interim ? ` Sa déclaration du ${frenchDate(interim.date)}, faite avant la fin, est provisoire : complétez-la après la fin pour qu’elle compte.` : '';
    const text =
      statut === 'a_declarer'
        ? `Déclaration à faire pour « ${mission.titre} » au plus tard le ${frenchDate(deadlines.echeance)} (fin le ${frenchDate(deadlines.fin)} + ${rules.delais.declaration_jours} jours).`
        : statut === 'en_retard'
          ? `Déclaration en retard pour « ${mission.titre} » : attendue au plus tard le ${frenchDate(deadlines.echeance)} ; défaillant après le ${frenchDate(deadlines.dernier_delai)}.`
          : `Défaillant pour « ${mission.titre} » : aucune déclaration plus de ${rules.delais.hors_cercle_jours} jours après sa fin (le ${frenchDate(deadlines.fin)}).`;
    raisons.push([statut, `${text}${provisional}`]);
    if (statut === 'defaillant') {
      circleRules.push(ruleId(rules, 'cercle'));
      defaillances.push(`Défaillant pour « ${mission.titre} » depuis le ${frenchDate(addDays(deadlines.dernier_delai, 1))}.`);
    }
  }
  for (const t of tardives) {
    const title = registry.missions.get(t.mission)?.data.titre ?? t.mission;
    raisons.push(['a_jour', `Déclaration pour « ${title} » faite le ${frenchDate(t.date)}, ${t.jours_de_retard} jour${t.jours_de_retard > 1 ? 's' : ''} après l’échéance (${frenchDate(t.echeance)}).`]);
  }
  const order: ReciprocityStatus[] = ['defaillant', 'en_retard', 'a_declarer', 'a_jour', 'rien_du'];
  const worst = raisons.reduce<ReciprocityStatus>((w, [st]) => (order.indexOf(st) < order.indexOf(w) ? st : w), finished > 0 ? 'a_jour' : 'rien_du');
  const sorted = raisons.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([, text]) => text);
  if (worst === 'rien_du') sorted.push('Aucune mission terminée : rien n’est encore dû.');
  else if (manquantes.length === 0) sorted.unshift(finished === 1 ? 'La déclaration de la mission terminée est faite.' : `Les déclarations des ${finished} missions terminées sont faites.`);
  return { facet: { statut: worst, raisons: sorted, manquantes, tardives, dues, regles: [...reciprocityRules].sort() }, defaillances, circleRules };
}

/** Missions the provider works on on the date: started, not ended (by their dates), not abandoned. */
export function workingMissionsOn(registry: Registry, prestataire: string, date: string): Mission[] {
  return missionsOf(registry, prestataire).filter(
    (m) => (m.statut === 'attribuee' || m.statut === 'en_cours' || m.statut === 'terminee') && m.debut !== undefined && m.debut <= date && (!m.fin || date <= m.fin),
  );
}

/**
 * The membership the rules require, and the provider lacks on the date: judged by the
 * rules in force on the day it began (never by rules adopted later), as they count it
 * (adhesion.grace_compte). First a membership not renewed (lapsedBreach), then working on
 * a mission without membership.
 */
export function membershipBreachOn(prestataire: Prestataire, registry: Registry, adhesion: MembershipFacet, date: string): MembershipBreach | null {
  if (adhesion.statut === 'adherent') return null;
  return lapsedBreach(registry, adhesion, date) ?? missionBreach(prestataire, registry, adhesion, date);
}

/**
 * grace_compte: adhesion_echue, the meaning of grace_jours in the 2024 rules (« Une adhésion
 * non renouvelée laisse ce délai avant la sortie du cercle »): from the first day without
 * it, grace_jours days, with or without a mission; then out of the circle until renewed.
 */
function lapsedBreach(registry: Registry, adhesion: MembershipFacet, date: string): MembershipBreach | null {
  const since = adhesion.echue_depuis;
  if (adhesion.statut !== 'adhesion_echue' || !since) return null;
  const rules = rulesOn(registry.regles.map((r) => r.data), since);
  if (!rules || !rules.adhesion.obligatoire_pour_equipe || rules.adhesion.grace_compte !== 'adhesion_echue') return null;
  const grace = rules.adhesion.grace_jours;
  const jours = daysBetween(since, date) + 1;
  const hors_cercle = jours > grace;
  const what = `Adhésion non renouvelée depuis le ${frenchDate(since)} (la dernière couvrait jusqu’au ${frenchDate(addDays(since, -1))})`;
  const raison = hors_cercle
    ? `${what}, plus de ${grace} jours : hors du cercle depuis le ${frenchDate(addDays(since, grace))}, jusqu’à son renouvellement.`
    : `${what} : à renouveler au plus tard le ${frenchDate(addDays(since, grace - 1))} pour rester dans le cercle.`;
  return { depuis: since, jours, grace_jours: grace, hors_cercle, mission: null, raison, regle: ruleId(rules, hors_cercle ? 'cercle' : 'adhesion') };
}

/**
 * Working on a mission on the date without a membership that covers it: the same facts
 * for a lapsed member and for someone who never joined; no obligation without a mission.
 * With grace_compte: mission_sans_adhesion, out of the circle after grace_jours days; under
 * rules that count the grace from a lapse (2024), the membership is required of the team
 * (a reminder) but being on a mission without it puts nobody out.
 */
function missionBreach(prestataire: Prestataire, registry: Registry, adhesion: MembershipFacet, date: string): MembershipBreach | null {
  const working = workingMissionsOn(registry, prestataire.id, date);
  if (working.length === 0) return null;
  const starts = working.map((m) => m.debut!).sort();
  const since = adhesion.echue_depuis && adhesion.echue_depuis > starts[0] ? adhesion.echue_depuis : starts[0];
  const rules = rulesOn(registry.regles.map((r) => r.data), since);
  if (!rules || !rules.adhesion.obligatoire_pour_equipe) return null;
  const jours = daysBetween(since, date) + 1;
  const mission = working.find((m) => m.debut! <= since) ?? working[0];
  if (rules.adhesion.grace_compte !== 'mission_sans_adhesion') {
    const what = adhesion.statut === 'jamais_adherent' ? 'sans avoir jamais adhéré' : 'sans adhésion';
    const raison = `Dans l’équipe de « ${mission.titre} » ${what} depuis le ${frenchDate(since)} : l’adhésion est exigée des membres d’une équipe (les règles en vigueur ce jour-là n’en font pas sortir du cercle).`;
    return { depuis: since, jours, grace_jours: null, hors_cercle: false, mission: mission.id, raison, regle: ruleId(rules, 'adhesion') };
  }
  const hors_cercle = jours > rules.adhesion.grace_jours;
  // One « depuis » per sentence: the day the breach began; the lapse, when there was one,
  // says the last day the membership covered. No pronoun: a provider is « il » or « elle ».
  const what =
    adhesion.statut === 'jamais_adherent'
      ? `sans avoir jamais adhéré, depuis le ${frenchDate(since)}`
      : `sans adhésion depuis le ${frenchDate(since)} (la dernière couvrait jusqu’au ${frenchDate(addDays(adhesion.echue_depuis!, -1))})`;
  const raison = hors_cercle
    ? `Dans l’équipe de « ${mission.titre} » ${what}, plus de ${rules.adhesion.grace_jours} jours : hors du cercle depuis le ${frenchDate(addDays(since, rules.adhesion.grace_jours))}, jusqu’à son adhésion.`
    : `Dans l’équipe de « ${mission.titre} » ${what} : adhésion à prendre au plus tard le ${frenchDate(addDays(since, rules.adhesion.grace_jours - 1))} pour rester dans le cercle.`;
  return { depuis: since, jours, grace_jours: rules.adhesion.grace_jours, hors_cercle, mission: mission.id, raison, regle: ruleId(rules, hors_cercle ? 'cercle' : 'adhesion') };
}

/** The rule files behind a situation that are marked retroactive or example, by effective date. */
function rulesBehind(registry: Registry, ids: readonly string[]): { retroactives: string[]; exemple: boolean } {
  const dates = new Set(ids.map((id) => id.split('#')[0]));
  const regles = registry.regles.map((r) => r.data);
  const files = regles.filter((r) => dates.has(r.en_vigueur_depuis));
  return { retroactives: files.filter((r) => r.retroactivite).map((r) => r.en_vigueur_depuis).sort(), exemple: byExampleRules(regles, dates) };
}

/**
 * The situation of a provider on a date. Membership and declarations are judged apart;
 * « hors du cercle » follows from the rules: défaillant on a mission (no declaration
 * past the final delay of the mission's rules), or working on a mission without
 * membership for longer than the grace period of the rules in force when that began.
 */
export function situationOn(prestataire: Prestataire, registry: Registry, date: string, declared = declaredBy(registry, date)): Situation {
  // After a departure the membership is no longer asked: its facts stay, nothing is judged on them.
  const parti_le = prestataire.depart && prestataire.depart.le <= date ? prestataire.depart.le : null;
  const adhesion = departedMembership(membershipOn(prestataire, rulesOn(registry.regles.map((r) => r.data), adhesionReference(prestataire, date)), date), parti_le);
  const { facet, defaillances, circleRules } = reciprocityOn(prestataire, registry, date, declared);
  const breach = parti_le ? null : membershipBreachOn(prestataire, registry, adhesion, date);
  const circle = [...defaillances];
  const rules = new Set(circleRules);
  if (breach?.hors_cercle) {
    circle.push(breach.raison);
    rules.add(breach.regle);
  }
  const judging = [...facet.regles, ...rules, ...(breach ? [breach.regle] : []), ...(adhesion.regle ? [adhesion.regle] : [])];
  return {
    date,
    adhesion,
    reciprocite: facet,
    cercle: { hors_cercle: circle.length > 0, raisons: circle, regles: [...rules].sort() },
    adhesion_requise: breach,
    parti_le,
    ...rulesBehind(registry, judging),
  };
}

/** The membership facet of a provider who left: the same facts, said as no longer asked (no pronoun: « il » or « elle »). */
function departedMembership(adhesion: MembershipFacet, parti_le: string | null): MembershipFacet {
  if (!parti_le || adhesion.statut === 'adherent') return adhesion;
  const facts = adhesion.statut === 'adhesion_echue' ? `Adhésion échue depuis le ${frenchDate(adhesion.echue_depuis!)}` : 'Pas d’adhésion';
  return { ...adhesion, raison: `${facts} ; départ du réseau le ${frenchDate(parti_le)} : l’adhésion n’est plus demandée.` };
}

/** The date a membership is judged by: the day it lapsed (its rules), else the date. */
function adhesionReference(prestataire: Prestataire, date: string): string {
  const past = prestataire.adhesions.filter((a) => a.au < date && !prestataire.adhesions.some((b) => b.du <= date && date <= b.au));
  const last = past.map((a) => a.au).sort().at(-1);
  return last ? addDays(last, 1) : date;
}

/**
 * The one verdict on a provider, worst first: what the pill, the badge, the lists, the
 * counts and the exports all show. Each key says what it judges: the declarations
 * (made on time or not), the membership a team requires, or both when nothing is owed.
 */
export const VERDICTS = ['defaillant', 'hors_cercle_adhesion', 'en_retard', 'adhesion_a_prendre', 'a_declarer', 'a_jour', 'adhesion_echue', 'rien_du'] as const;
export type VerdictKey = (typeof VERDICTS)[number];

/**
 * How worrying a verdict is: one colour per meaning, the same in pills and badges. A
 * lapsed membership with no mission has its own: nothing is owed, yet it is not « à jour ».
 */
export type SituationTone = 'a_jour' | 'rien_du' | 'adhesion_echue' | 'attention' | 'en_retard' | 'hors_cercle';

export const VERDICT_LABELS: Record<VerdictKey, string> = {
  defaillant: 'hors du cercle : déclaration manquante',
  hors_cercle_adhesion: 'hors du cercle : adhésion manquante',
  en_retard: 'déclaration en retard',
  adhesion_a_prendre: 'adhésion à prendre ou à renouveler',
  a_declarer: 'déclaration à faire',
  a_jour: 'déclarations à jour',
  adhesion_echue: 'adhésion échue, sans mission en cours',
  rien_du: 'rien à déclarer pour l’instant',
};

export const VERDICT_TONES: Record<VerdictKey, SituationTone> = {
  defaillant: 'hors_cercle',
  hors_cercle_adhesion: 'hors_cercle',
  en_retard: 'en_retard',
  adhesion_a_prendre: 'attention',
  a_declarer: 'attention',
  a_jour: 'a_jour',
  adhesion_echue: 'adhesion_echue',
  rien_du: 'rien_du',
};

/** What each colour means, said once (legend of the pills and badges). */
export const TONE_MEANINGS: Record<SituationTone, string> = {
  hors_cercle: 'hors du cercle',
  en_retard: 'une déclaration en retard',
  attention: 'quelque chose à faire, pas encore en retard',
  a_jour: 'tout ce qui est dû est fait',
  adhesion_echue: 'adhésion échue, sur aucune mission : rien n’est dû, l’adhésion est à renouveler avant la prochaine',
  rien_du: 'rien n’est encore dû',
};

export interface Verdict {
  cle: VerdictKey;
  libelle: string;
  ton: SituationTone;
  /** Why, in one or two French sentences, with the dates; names a retroactive or example rule. */
  texte: string;
  /** The rule behind it (`2024-04-01#delais`), when there is one. */
  regle: string | null;
  retroactives: string[];
  exemple: boolean;
}

function verdictKey(s: Situation): VerdictKey {
  const r = s.reciprocite.statut;
  if (r === 'defaillant') return 'defaillant';
  if (s.adhesion_requise?.hors_cercle) return 'hors_cercle_adhesion';
  if (r === 'en_retard') return 'en_retard';
  if (s.adhesion_requise) return 'adhesion_a_prendre';
  if (r === 'a_declarer') return 'a_declarer';
  if (s.adhesion.statut === 'adhesion_echue' && !s.parti_le) return 'adhesion_echue';
  return r === 'a_jour' ? 'a_jour' : 'rien_du';
}

/** The one verdict of a situation, with its reason and its rule. */
export function verdictOf(s: Situation): Verdict {
  const cle = verdictKey(s);
  const [reason, regle] =
    cle === 'hors_cercle_adhesion' || cle === 'adhesion_a_prendre'
      ? [s.adhesion_requise!.raison, s.adhesion_requise!.regle]
      : cle === 'adhesion_echue'
        ? [`${s.reciprocite.raisons[0]} ${s.adhesion.raison} Sur aucune mission en cours : toujours dans le cercle.`, s.adhesion.regle]
        : [s.reciprocite.raisons[0], s.reciprocite.manquantes[0]?.regle ?? s.reciprocite.regles[0] ?? null];
  const notes = [
    s.retroactives.length > 0 ? ` Jugé selon des règles rétroactives (en vigueur depuis le ${s.retroactives.map(frenchDate).join(', le ')}, adoptées après).` : '',
    s.exemple ? ` ${EXAMPLE_RULES_NOTE}` : '',
  ].join('');
  return { cle, libelle: VERDICT_LABELS[cle], ton: VERDICT_TONES[cle], texte: `${reason}${notes}`, regle, retroactives: s.retroactives, exemple: s.exemple };
}

/** A verdict in one short phrase, for a pill, a badge or a list, with its caveats: « déclarations à jour (règles d’exemple) ». */
export function verdictInWords(v: Verdict): string {
  const caveats = [v.retroactives.length > 0 ? 'règle rétroactive' : '', v.exemple ? EXAMPLE_RULES_CAVEAT : ''].filter(Boolean);
  return caveats.length > 0 ? `${v.libelle} (${caveats.join(', ')})` : v.libelle;
}

/** The verdict of a situation in one short phrase (verdictInWords). */
export function situationInWords(s: Situation): string {
  return verdictInWords(verdictOf(s));
}

export function situationTone(s: Situation): SituationTone {
  return verdictOf(s).ton;
}
