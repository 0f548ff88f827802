// A provider's yearly attestation (issue 23, point 1): the missions of a closed year,
// what was expected and given on them, and the situation on 31 December, computed by
// computeFigures at that date (declarations, receipts and promises dated later are not in
// it), so that the attestation of a year reads the same whenever it is produced. Pure:
// src/site/attestations.ts adds the addresses, the commit and the print layout.
//
// Which years: each year that ended before the reference date (31 December strictly
// before it) in which the provider had a mission (in its team, the mission ran during the
// year: from its start to its end or abandonment, or not ended yet), declared one, or in
// which the declaration of one fell due. A year without any gets no attestation: there
// would be nothing to attest.
//
// Counted once: a mission is listed in every year it concerns, but its figures enter the
// totals of one attestation only, that of the year its declaration falls due (end + the
// rules' delay): then what it expected and what was given are judged. A mission ended on
// 13 December 2024 with a deadline on 11 February 2025 is in the 2024 attestation as
// « jugée dans l'attestation 2025 », and counted in 2025; adding up the totals of several
// years never counts a mission twice. An abandoned mission, or a compagnonnage (budget 0),
// expects nothing: it is counted in the year it stopped, with nothing expected and what
// was declared on it all the same.
import type { Mission } from '../../../schemas/mission.ts';
import type { Regles } from '../../../schemas/regles.ts';
import type { Registry } from '../registry/registry.ts';
import { frenchDate, yearOf } from '../registry/dates.ts';
import { count, euros as eur, number } from '../registry/french.ts';
import { explainPrestataire, expectedAndGiven, type Explanation } from './explain.ts';
import { computeFigures, indexById, type Figures, type MemberFigures, type MissionFigures, type PrestataireFigures } from './figures.ts';
import { cents, deadlinesOf, rulesOn } from './rules.ts';
import { missionsOf, rulesOfMission, type MembershipStatus, type VerdictKey } from './standing.ts';

/** The last day of a year: the date every figure of its attestation is computed at. */
export const yearEnd = (year: number) => `${year}-12-31`;

/** The day a mission stopped running: its end, else its abandonment; undefined while it runs. */
const stoppedOn = (m: Mission) => m.fin ?? m.abandon?.date;

/** A date no reference date reaches: the deadline of a mission once it has ended, whatever the date. */
const ONCE_ENDED = '9999-12-31';

/** Whether nothing falls due on a mission by the date: abandoned, or a compagnonnage (budget 0) that ended (deadlinesOf). */
function nothingFallsDue(m: Mission, date: string): boolean {
  return Boolean((m.abandon && m.abandon.date <= date) || (m.budget_eur === 0 && m.fin !== undefined && m.fin <= date));
}

/**
 * The year whose attestation counts the mission: the year its declaration falls due (end
 * + the delay of its rules); for a mission that expects nothing, the year it stopped
 * (abandoned, or a compagnonnage's end), so that what was declared on it still counts
 * once. Null while it has no end.
 */
function dueYear(registry: Registry, m: Mission): number | null {
  if (nothingFallsDue(m, ONCE_ENDED)) return yearOf((m.abandon?.date ?? m.fin)!);
  const rules = rulesOfMission(registry, m);
  const deadlines = rules ? deadlinesOf(m, rules, ONCE_ENDED) : null;
  return deadlines ? yearOf(deadlines.echeance) : null;
}

/** Whether a mission is one of the provider's missions of the year (see the opening comment). */
function isOfYear(registry: Registry, m: Mission, year: number, declaredOn: string | undefined): boolean {
  if (declaredOn && yearOf(declaredOn) === year) return true;
  if (dueYear(registry, m) === year) return true;
  if (!m.debut || m.debut > yearEnd(year)) return false;
  const stopped = stoppedOn(m);
  return !stopped || stopped >= `${year}-01-01`;
}

const declarationIndexes = new WeakMap<Registry, Map<string, Map<string, string>>>();
/** When the provider declared each of their missions (the day the declaration was first made), indexed once per registry. */
function declarationDates(registry: Registry, prestataire: string): Map<string, string> {
  let index = declarationIndexes.get(registry);
  if (!index) {
    index = new Map();
    for (const { data: d } of registry.declarations) {
      const mine = index.get(d.prestataire);
      if (mine) mine.set(d.mission, d.date);
      else index.set(d.prestataire, new Map([[d.mission, d.date]]));
    }
    declarationIndexes.set(registry, index);
  }
  return index.get(prestataire) ?? new Map();
}

/** The figures on 31 December of a year, looked up by id: computed once per year, read by every attestation of that year. */
export interface YearEndFigures {
  figures: Figures;
  missions: Map<string, MissionFigures>;
  prestataires: Map<string, PrestataireFigures>;
}

export function yearEndFigures(registry: Registry, year: number): YearEndFigures {
  const figures = computeFigures(registry, yearEnd(year));
  return { figures, missions: indexById(figures.missions), prestataires: indexById(figures.prestataires) };
}

/** The provider's missions of a year, by id. */
export function missionsOfYear(registry: Registry, prestataire: string, year: number): Mission[] {
  const declared = declarationDates(registry, prestataire);
  return missionsOf(registry, prestataire).filter((m) => isOfYear(registry, m, year, declared.get(m.id)));
}

/** The closed years (before the reference date) that have an attestation, oldest first. */
export function attestationYears(registry: Registry, prestataire: string, date: string): number[] {
  const last = yearOf(date) - 1;
  const years = new Set<number>();
  const declared = declarationDates(registry, prestataire);
  for (const m of missionsOf(registry, prestataire)) {
    const declaredOn = declared.get(m.id);
    if (declaredOn && yearOf(declaredOn) <= last) years.add(yearOf(declaredOn));
    const due = dueYear(registry, m);
    if (due !== null && due <= last) years.add(due);
    if (!m.debut) continue;
    const stopped = stoppedOn(m);
    for (let y = yearOf(m.debut); y <= Math.min(last, stopped ? yearOf(stopped) : last); y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** What a declaration gives, as the attestation shows it: money confirmed by the commons beside money only declared. */
export interface GivenOnDate {
  verse_eur: number;
  confirme_eur: number;
  non_confirme_eur: number;
  promis_eur: number;
  promesses_echues_eur: number;
  nature_heures: number;
  /** Of which the commons confirmed receiving. */
  nature_confirmee_heures: number;
  nature_eur: number;
  total_eur: number;
}

export type DeclarationStatus = 'faite' | 'faite_en_retard' | 'a_faire' | 'en_retard' | 'defaillant' | 'pas_encore_due' | 'non_due';

export interface YearMission {
  mission: Mission;
  /** Its status on 31 December (the registry's may have moved since). */
  statut: Mission['statut'];
  figures: MissionFigures;
  member: MemberFigures;
  terminee: boolean;
  /** The member's expected share, 0 when nothing falls due (abandoned, compagnonnage). */
  attendu_eur: number;
  /** The year its declaration falls due, whose attestation counts it; null when nothing falls due. */
  jugee_en: number | null;
  donne: GivenOnDate | null;
  declaration: { date: string | null; echeance: string | null; statut: DeclarationStatus; jours_de_retard: number | null; regle: string | null };
  calcul: string;
}

export interface YearlyStatement {
  annee: number;
  date_situation: string;
  prestataire: PrestataireFigures;
  missions: YearMission[];
  totaux: {
    /** The missions whose declaration fell due during the year: each is counted here, and in no other year. */
    jugees: { missions: number; reciprocite_attendue_eur: number; donne: GivenOnDate; manque_eur: number; calcul: string };
    /** Running on 31 December, or ended with a deadline in a later year: judged in a later attestation. */
    a_venir: { missions: number; donne: GivenOnDate };
  };
  annee_civile: { verse_eur: number; promis_eur: number; promesses_echues_eur: number; nature_heures: number };
  situation: {
    cle: VerdictKey;
    libelle: string;
    texte: string;
    regle: string | null;
    hors_cercle: boolean;
    adhesion: { statut: MembershipStatus; raison: string; regle: string | null };
    taux_declaration: number | null;
    explications: Explanation[];
  };
  /** The rule files behind the statement: each mission's, and those in force on 31 December. */
  regles: Array<{ en_vigueur_depuis: string; resume: string; en_vigueur_au_31_decembre: boolean; retroactive: boolean; exemple: boolean }>;
}

const NOTHING: GivenOnDate = { verse_eur: 0, confirme_eur: 0, non_confirme_eur: 0, promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0, nature_confirmee_heures: 0, nature_eur: 0, total_eur: 0 };

function givenBy(member: MemberFigures): GivenOnDate | null {
  const d = member.declare;
  if (!d) return null;
  return {
    verse_eur: d.verse_eur,
    confirme_eur: member.confirme_eur,
    non_confirme_eur: cents(Math.max(0, d.verse_eur - member.confirme_eur)),
    promis_eur: d.promis_eur,
    promesses_echues_eur: d.promesse_echue_eur,
    nature_heures: d.nature_heures,
    nature_confirmee_heures: member.nature_confirmee_heures,
    nature_eur: d.nature_eur,
    total_eur: d.total_eur,
  };
}

function sumGiven(list: ReadonlyArray<GivenOnDate | null>): GivenOnDate {
  const out = { ...NOTHING };
  for (const g of list) if (g) for (const key of Object.keys(out) as Array<keyof GivenOnDate>) out[key] += g[key];
  for (const key of Object.keys(out) as Array<keyof GivenOnDate>) out[key] = cents(out[key]);
  return out;
}

/** Where the member's declaration stood on the date, with its deadline and rule. */
function declarationOn(mission: Mission, member: MemberFigures, rules: Regles | undefined, date: string): YearMission['declaration'] {
  const deadlines = rules ? deadlinesOf(mission, rules, date) : null;
  const regle = rules && deadlines ? `${rules.en_vigueur_depuis}#delais` : null;
  const base = { date: member.date_declaration, echeance: deadlines?.echeance ?? null, jours_de_retard: null, regle };
  if (member.echeance) return { ...base, echeance: member.echeance.date, statut: member.echeance.statut === 'a_declarer' ? 'a_faire' : member.echeance.statut, regle: member.echeance.regle };
  if (member.tardive) return { ...base, statut: 'faite_en_retard', jours_de_retard: member.tardive.jours_de_retard, regle: member.tardive.regle };
  if (member.a_declare) return { ...base, statut: 'faite' };
  // Abandoned, or a compagnonnage (budget 0) that ended: nothing falls due (deadlinesOf).
  return { ...base, statut: nothingFallsDue(mission, date) ? 'non_due' : 'pas_encore_due' };
}

/** A mission's status on a date, from its dates: what the registry said then, not today. */
function statusOn(m: Mission, date: string): Mission['statut'] {
  if (m.abandon && m.abandon.date <= date) return 'abandonnee';
  if (m.statut === 'appel' || m.statut === 'attribuee') return m.statut;
  if (m.fin && m.fin <= date) return 'terminee';
  return m.debut && m.debut <= date ? 'en_cours' : 'attribuee';
}

/** Why an abandoned mission or a compagnonnage expects nothing, in one line. */
function nothingDueLine(m: Mission): string {
  return m.abandon ? `mission abandonnée le ${frenchDate(m.abandon.date)} : rien n’est attendu` : 'compagnonnage non facturé (budget 0 €) : rien n’est attendu';
}

/** One row of a statement: the member's share of a mission, and where it stood on the date (31 December). */
function yearMission(registry: Registry, mf: MissionFigures, mission: Mission, prestataire: string, date: string): YearMission {
  const member = mf.membres.find((x) => x.prestataire === prestataire)!;
  const declaration = declarationOn(mission, member, rulesOfMission(registry, mission), date);
  // Declared or not, an abandoned mission expects nothing (a declaration is still welcome).
  const nothingDue = nothingFallsDue(mission, date);
  return {
    mission,
    statut: statusOn(mission, date),
    figures: mf,
    member,
    terminee: member.manque_eur !== null,
    attendu_eur: nothingDue ? 0 : member.reciprocite_attendue_eur,
    jugee_en: dueYear(registry, mission),
    donne: givenBy(member),
    declaration,
    calcul: nothingDue ? `${nothingDueLine(mission)}${member.declare ? ` ; déclaré tout de même : ${eur(member.declare.total_eur)}` : ''}` : expectedAndGiven(mf, member),
  };
}

/** « 2 missions dont la déclaration était due en 2025 », or, with missions that expected nothing, which is which. */
function countedMissions(rows: YearMission[], year: number, date: string): string {
  const stopped = rows.filter((r) => nothingFallsDue(r.mission, date)).length;
  const due = rows.length - stopped;
  if (stopped === 0) return `${count(due, 'mission dont la déclaration était due', 'missions dont la déclaration était due')} en ${year}`;
  return `${count(rows.length, 'mission comptée', 'missions comptées')} en ${year} (${due} dont la déclaration était due, ${stopped} ${stopped > 1 ? 'arrêtées' : 'arrêtée'} sans rien attendre)`;
}

/**
 * The statement of one provider for one closed year, from the figures computed on
 * 31 December of that year (yearEndFigures); null when the year has no mission of theirs.
 */
export function yearlyStatement(registry: Registry, atYearEnd: YearEndFigures, prestataire: string, year: number): YearlyStatement | null {
  const date = yearEnd(year);
  const { figures, missions: missionById } = atYearEnd;
  if (figures.date_reference !== date) throw new Error(`yearlyStatement : chiffres calculés au ${figures.date_reference}, attendus au ${date}`);
  const p = atYearEnd.prestataires.get(prestataire);
  const missions = missionsOfYear(registry, prestataire, year);
  if (!p || missions.length === 0) return null;
  const rows = missions.map((mission) => yearMission(registry, missionById.get(mission.id)!, mission, prestataire, date));
  // Each mission is counted in the year its declaration falls due, and only then (opening comment).
  const finished = rows.filter((r) => r.jugee_en === year);
  const ongoing = rows.filter((r) => r.jugee_en !== null && r.jugee_en > year);
  const expected = cents(finished.reduce((s, r) => s + r.attendu_eur, 0));
  const givenFinished = sumGiven(finished.map((r) => r.donne));
  const missing = cents(finished.reduce((s, r) => s + (r.member.manque_eur ?? 0), 0));
  const calendar = p.par_annee.find((y) => y.annee === year);
  const s = p.situation;
  const ruleFiles = new Set<string>([
    ...rows.flatMap((r) => (r.figures.regles ? [r.figures.regles] : [])),
    ...[p.verdict.regle, s.adhesion.regle, ...s.reciprocite.regles, ...s.cercle.regles].flatMap((id) => (id ? [id.split('#')[0]] : [])),
  ]);
  const inForce = rulesOn(registry.regles.map((r) => r.data), date);
  if (inForce) ruleFiles.add(inForce.en_vigueur_depuis);
  return {
    annee: year,
    date_situation: date,
    prestataire: p,
    missions: rows,
    totaux: {
      jugees: {
        missions: finished.length,
        reciprocite_attendue_eur: expected,
        donne: givenFinished,
        manque_eur: missing,
        calcul:
          finished.length === 0
            ? `aucune déclaration n’était due en ${year} : rien n’est jugé dans cette attestation`
            : `sur ${countedMissions(finished, year, date)} : attendu ${eur(expected)} ; donné ${eur(givenFinished.total_eur)} = versé ${eur(givenFinished.verse_eur)} (dont confirmé par les communs ${eur(givenFinished.confirme_eur)}) + promis ${eur(givenFinished.promis_eur)} + ${number(givenFinished.nature_heures)} h en nature (${eur(givenFinished.nature_eur)}, dont ${number(givenFinished.nature_confirmee_heures)} h confirmées par les communs) ; manque ${eur(missing)}`,
      },
      a_venir: { missions: ongoing.length, donne: sumGiven(ongoing.map((r) => r.donne)) },
    },
    annee_civile: {
      verse_eur: calendar?.verse_eur ?? 0,
      promis_eur: calendar?.promis_eur ?? 0,
      promesses_echues_eur: calendar?.promesses_echues_eur ?? 0,
      nature_heures: calendar?.nature_heures ?? 0,
    },
    situation: {
      cle: p.verdict.cle,
      libelle: p.verdict.libelle,
      texte: p.verdict.texte,
      regle: p.verdict.regle,
      hors_cercle: s.cercle.hors_cercle,
      adhesion: { statut: s.adhesion.statut, raison: s.adhesion.raison, regle: s.adhesion.regle },
      taux_declaration: p.taux_declaration,
      // The year's missions are written out above, mission by mission: only the situation's own arithmetic here.
      explications: explainPrestataire(p, missionById, registry).filter((e) => e.titre !== 'Attendu et donné, sur les mêmes missions'),
    },
    regles: registry.regles
      .map((r) => r.data)
      .filter((r) => ruleFiles.has(r.en_vigueur_depuis))
      .sort((a, b) => (a.en_vigueur_depuis < b.en_vigueur_depuis ? -1 : 1))
      .map((r) => ({
        en_vigueur_depuis: r.en_vigueur_depuis,
        resume: r.resume,
        en_vigueur_au_31_decembre: r.en_vigueur_depuis === inForce?.en_vigueur_depuis,
        retroactive: Boolean(r.retroactivite),
        exemple: r.exemple === true,
      })),
  };
}
