// The public journal of a provider's situation: each day it changed, and why. Nothing
// is stored: the journal evaluates the one verdict (situationOn, verdictOf) on every day
// the dated data can change it (a declaration, a mission's end and its deadlines, a
// membership's first day and the day after its last, a grace period running out, a rules
// file coming into force), up to the reference date. So it can never disagree with the
// pill: its last state is the verdict on the reference date (tests/domain/journal.test.ts).
// Simon Sarazin, 14 Feb 2024: « on fait du suivi sérieux […] visible ».
import type { Mission } from '../../../schemas/mission.ts';
import type { Prestataire } from '../../../schemas/prestataire.ts';
import { addDays, daysBetween, frenchDate } from '../registry/dates.ts';
import { midSentence } from '../registry/french.ts';
import type { Registry } from '../registry/registry.ts';
import { deadlinesOf, finalDeclarationDate, isMemberOn, ruleId } from './rules.ts';
import { missionsOf, rulesOfMission, situationOn, verdictOf, type MembershipStatus, type Situation, type Verdict } from './standing.ts';

/** What the journal follows: the pill, and the facets it is made of. */
export interface JournalState {
  verdict: Verdict;
  adhesion: MembershipStatus;
  hors_cercle: boolean;
}

/** One thing that changed on a day, in a French sentence, with the rule behind it. */
export interface JournalReason {
  texte: string;
  /** `2024-04-01#delais`: a section of /regles/. */
  regle: string | null;
}

export interface JournalEntry {
  date: string;
  avant: JournalState;
  apres: JournalState;
  /** What changed that day, the main change first. */
  raisons: JournalReason[];
  /** The rule that drives the change: the first reason's. */
  regle: string | null;
}

export interface Journal {
  prestataire: string;
  /** The reference date: nothing after it is told. */
  date: string;
  /** Newest first. */
  entrees: JournalEntry[];
  /** The state on the reference date: the pill's, by construction. */
  actuel: JournalState;
}

/** Where one mission stands for the provider on a day (its declaration and its deadlines). */
type MissionState = 'en_cours' | 'faite_en_cours' | 'a_declarer' | 'en_retard' | 'defaillant' | 'faite' | 'faite_en_retard';

interface Day {
  date: string;
  situation: Situation;
  state: JournalState;
  missions: Map<string, MissionState>;
  /** What an entry is written for: a change in any of it. */
  signature: string;
}

/** The provider's declarations (mission, the day each counts), indexed once per registry: never all declarations per provider. */
const declarationIndex = new WeakMap<Registry, Map<string, Array<[string, string]>>>();

function declarationsOf(registry: Registry, prestataire: string): Array<[string, string]> {
  let index = declarationIndex.get(registry);
  if (!index) {
    index = new Map();
    for (const { data: d } of registry.declarations) {
      // The day it counts as the declaration due at the end (standing.ts declaredBy): a
      // provisional one (made before the end) counts once completed after it, or never.
      const mission = registry.missions.get(d.mission)?.data;
      const final = mission ? finalDeclarationDate(d, mission, '9999-12-31') : d.date;
      if (!final) continue;
      const list = index.get(d.prestataire);
      if (list) list.push([d.mission, final]);
      else index.set(d.prestataire, [[d.mission, final]]);
    }
    declarationIndex.set(registry, index);
  }
  return index.get(prestataire) ?? [];
}

/** The provider's declarations made on or before a date, keyed as situationOn reads them (declaredBy). */
function declaredOn(prestataire: string, own: ReadonlyArray<[string, string]>, date: string): Map<string, string> {
  return new Map(own.filter(([, d]) => d <= date).map(([mission, d]) => [`${prestataire}/${mission}`, d]));
}

/**
 * Every day the situation can change, up to the reference date, oldest first: the
 * inputs of situationOn that carry a date, and the days the rules count from them. Days
 * that cannot change it are left out (a deadline already met, a mission's start or end
 * while a member): tests/domain/journal.test.ts compares the journal with situationOn on
 * every day of the sample.
 */
export function changeDatesOf(prestataire: Prestataire, registry: Registry, date: string): string[] {
  const rules = registry.regles.map((r) => r.data);
  const dates = new Set<string>(rules.map((r) => r.en_vigueur_depuis));
  const own = declarationsOf(registry, prestataire.id);
  for (const [, d] of own) dates.add(d);
  // A breach of the membership rule counts from a lapse, or from a mission's start without membership.
  const breachStarts: string[] = [];
  if (prestataire.depart) dates.add(prestataire.depart.le);
  for (const a of prestataire.adhesions) {
    dates.add(a.du);
    dates.add(addDays(a.au, 1));
    breachStarts.push(addDays(a.au, 1));
  }
  for (const mission of missionsOf(registry, prestataire.id)) {
    if (mission.debut && !isMemberOn(prestataire, mission.debut)) {
      dates.add(mission.debut);
      breachStarts.push(mission.debut);
    }
    if (!mission.fin) continue;
    // Its last day (finished: a declaration to make), then, without membership, the first day it no longer runs.
    // Its last day (a finished mission: a declaration to make) and the day after (a mission
    // still « en_cours » past its end is judged as ended from then: rules.ts deadlinesOf).
    dates.add(mission.fin);
    dates.add(addDays(mission.fin, 1));
    const regles = rulesOfMission(registry, mission);
    if (!regles) continue;
    const made = own.find(([m]) => m === mission.id)?.[1];
    const late = addDays(mission.fin, regles.delais.declaration_jours + 1);
    const failing = addDays(mission.fin, regles.delais.hors_cercle_jours + 1);
    if (!made || made >= late) dates.add(late);
    if (!made || made >= failing) dates.add(failing);
  }
  const graces = new Set(rules.map((r) => r.adhesion.grace_jours));
  for (const start of breachStarts) for (const grace of graces) dates.add(addDays(start, grace));
  return [...dates].filter((d) => d <= date).sort();
}

function missionStateOf(mission: Mission, s: Situation, declared: Map<string, string>, prestataire: string): MissionState {
  const missing = s.reciprocite.manquantes.find((m) => m.mission === mission.id);
  if (missing) return missing.statut;
  if (s.reciprocite.tardives.some((t) => t.mission === mission.id)) return 'faite_en_retard';
  const finished = mission.statut === 'terminee' && mission.fin !== undefined && mission.fin <= s.date;
  const made = declared.has(`${prestataire}/${mission.id}`);
  return made ? (finished ? 'faite' : 'faite_en_cours') : 'en_cours';
}

/** The situation on a day, as the journal follows it. */
function dayOf(prestataire: Prestataire, registry: Registry, own: ReadonlyArray<[string, string]>, date: string): Day {
  const declared = declaredOn(prestataire.id, own, date);
  const situation = situationOn(prestataire, registry, date, declared);
  const verdict = verdictOf(situation);
  const state: JournalState = { verdict, adhesion: situation.adhesion.statut, hors_cercle: situation.cercle.hors_cercle };
  const missions = new Map(missionsOf(registry, prestataire.id).map((m) => [m.id, missionStateOf(m, situation, declared, prestataire.id)]));
  const breach = situation.adhesion_requise ? (situation.adhesion_requise.hors_cercle ? 'hors' : 'requise') : '';
  // After a departure the membership is no longer judged: its lapse is not a change to tell.
  const membership = situation.parti_le ? `parti ${situation.parti_le}` : state.adhesion;
  const signature = `${verdict.cle} ${membership} ${state.hors_cercle} ${breach} ${[...missions.values()].join(',')} ${situation.retroactives.join(',')}`;
  return { date, situation, state, missions, signature };
}

/**
 * The journal of a provider's situation up to a date: one entry per day its verdict, its
 * membership, its place in the circle or the state of one of its declarations changed.
 */
export function journalOf(prestataire: Prestataire, registry: Registry, date: string): Journal {
  const own = declarationsOf(registry, prestataire.id);
  const dates = changeDatesOf(prestataire, registry, date);
  if (dates.at(-1) !== date) dates.push(date);
  // Before the first dated fact: no membership, nothing due.
  let previous = dayOf(prestataire, registry, own, addDays(dates[0], -1));
  const entries: JournalEntry[] = [];
  for (const d of dates) {
    const day = dayOf(prestataire, registry, own, d);
    if (day.signature !== previous.signature) {
      const raisons = reasonsOf(previous, day, registry, own);
      entries.push({ date: d, avant: previous.state, apres: day.state, raisons, regle: raisons[0]?.regle ?? null });
    }
    previous = day;
  }
  return { prestataire: prestataire.id, date, entrees: entries.reverse(), actuel: previous.state };
}

/** What changed between two days, main change first: declarations, then membership and the circle, then rules. */
function reasonsOf(before: Day, after: Day, registry: Registry, own: ReadonlyArray<[string, string]>): JournalReason[] {
  const reasons = [...missionReasons(before, after, registry, own), ...membershipReasons(before.situation, after.situation), ...circleReasons(before, after)];
  const retro = after.situation.retroactives.filter((r) => !before.situation.retroactives.includes(r));
  if (retro.length > 0) reasons.push({ texte: `Jugé selon des règles rétroactives (en vigueur depuis le ${retro.map(frenchDate).join(', le ')}, adoptées après).`, regle: `${retro[0]}#delais` });
  if (reasons.length > 0) return reasons;
  // Nothing dated of the provider's changed: the rules did (a file coming into force).
  const newRules = registry.regles.find((r) => r.data.en_vigueur_depuis === after.date)?.data;
  const verdict = after.state.verdict;
  const prefix = newRules ? `Règles du ${frenchDate(newRules.en_vigueur_depuis)} en vigueur : ` : '';
  return [{ texte: `${prefix}${newRules ? midSentence(verdict.texte) : verdict.texte}`, regle: verdict.regle }];
}

function missionReasons(before: Day, after: Day, registry: Registry, own: ReadonlyArray<[string, string]>): JournalReason[] {
  const reasons: JournalReason[] = [];
  for (const [id, state] of after.missions) {
    const was = before.missions.get(id);
    const mission = registry.missions.get(id)?.data;
    const regles = mission ? rulesOfMission(registry, mission) : undefined;
    if (was === state || !mission || !regles) continue;
    const deadlines = deadlinesOf(mission, regles, after.date);
    const made = own.find(([m]) => m === id)?.[1];
    const delais = ruleId(regles, 'delais');
    const title = `« ${mission.titre} »`;
    const text = missionChangeText(title, was, state, deadlines, made, regles.delais.hors_cercle_jours);
    if (text) reasons.push({ texte: text, regle: state === 'defaillant' ? ruleId(regles, 'cercle') : delais });
  }
  return reasons;
}

function missionChangeText(
  title: string,
  was: MissionState | undefined,
  state: MissionState,
  deadlines: { fin: string; echeance: string; dernier_delai: string } | null,
  made: string | undefined,
  finalDelay: number,
): string | null {
  switch (state) {
    case 'faite_en_cours':
      return `Déclaration pour ${title} faite le ${frenchDate(made!)}, avant la fin de la mission.`;
    case 'a_declarer':
      return `${title} terminée le ${frenchDate(deadlines!.fin)} : déclaration à faire au plus tard le ${frenchDate(deadlines!.echeance)}.`;
    case 'en_retard':
      return `Échéance du ${frenchDate(deadlines!.echeance)} passée sans déclaration pour ${title} : en retard ; défaillant après le ${frenchDate(deadlines!.dernier_delai)}.`;
    case 'defaillant':
      return `Toujours aucune déclaration pour ${title} plus de ${finalDelay} jours après sa fin (le ${frenchDate(deadlines!.fin)}) : défaillant, hors du cercle.`;
    case 'faite':
      return was === 'faite_en_cours'
        ? `${title} terminée le ${frenchDate(deadlines!.fin)} : la déclaration faite le ${frenchDate(made!)} compte.`
        : `Déclaration pour ${title} faite le ${frenchDate(made!)}, dans les délais (au plus tard le ${frenchDate(deadlines!.echeance)}).`;
    case 'faite_en_retard': {
      const late = daysBetween(deadlines!.echeance, made!);
      return `Déclaration pour ${title} faite le ${frenchDate(made!)}, ${late} jour${late > 1 ? 's' : ''} après l’échéance (${frenchDate(deadlines!.echeance)})${was === 'defaillant' ? ' : plus défaillant pour cette mission' : ''}.`;
    }
    default:
      return null;
  }
}

function membershipReasons(before: Situation, after: Situation): JournalReason[] {
  const [was, now] = [before.adhesion, after.adhesion];
  if (after.parti_le && !before.parti_le) return [{ texte: `Départ du réseau le ${frenchDate(after.parti_le)} : l’adhésion n’est plus demandée.`, regle: null }];
  if (was.statut === now.statut) return [];
  if (now.statut === 'adherent') {
    const what = was.statut === 'jamais_adherent' ? 'Adhésion prise' : 'Adhésion renouvelée';
    return [{ texte: `${what} jusqu’au ${frenchDate(now.jusqu_au!)}.`, regle: now.regle }];
  }
  if (now.statut === 'adhesion_echue') {
    return [{ texte: `Adhésion échue : elle couvrait jusqu’au ${frenchDate(addDays(now.echue_depuis!, -1))}, sans renouvellement.`, regle: now.regle }];
  }
  return [];
}

/** The membership a team requires (a grace period, then out of the circle), and the way back in. */
function circleReasons(before: Day, after: Day): JournalReason[] {
  const reasons: JournalReason[] = [];
  const breachOf = (s: Situation) => (s.adhesion_requise ? (s.adhesion_requise.hors_cercle ? 'hors' : 'requise') : null);
  const [was, now] = [breachOf(before.situation), breachOf(after.situation)];
  const s = after.situation;
  if (now && now !== was) reasons.push({ texte: s.adhesion_requise!.raison, regle: s.adhesion_requise!.regle });
  // A departure says itself (membershipReasons): no « plus sur aucune mission », no « retour dans le cercle ».
  if (s.parti_le && !before.situation.parti_le) return reasons;
  if (was && !now && s.adhesion.statut !== 'adherent') {
    reasons.push({ texte: 'Plus sur aucune mission en cours : l’adhésion n’est plus exigée.', regle: s.adhesion.regle });
  }
  if (before.state.hors_cercle && !after.state.hors_cercle) {
    reasons.push({ texte: 'Retour dans le cercle.', regle: s.adhesion.regle ? s.adhesion.regle.replace('#adhesion', '#cercle') : null });
  }
  return reasons;
}
