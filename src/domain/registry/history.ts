// The facts of a finished mission are history (DESIGN, Fairness): its budget, team, days,
// dates and status made the expected reciprocity and the deadlines that judged people.
// They change only with a correction note (the mission's `corrections:`, one entry added
// at the end, never erased) and a maintainer's approval (check-owners). A mission is
// finished when it is « terminee », and also when its end has passed while it is still
// « en_cours » or « attribuee »: the deadline already runs from its end (rules.ts
// deadlinesOf), so abandoning it then needs a note like any other fact; only closing it as
// « terminee » does not. Here: which facts a change touches, and what validate --base REF
// refuses (a change with no new note, a note that does not name a changed fact, a past
// note rewritten, the file removed).
import type { Correction, FaitMission, Mission } from '../../../schemas/mission.ts';
import { FAITS_MISSION, missionSchema } from '../../../schemas/mission.ts';
import { parseMarkdownFile } from './parse.ts';
import { frenchDate } from './dates.ts';
import { YamlLocator } from './positions.ts';
import { FileProblems, makeProblem, type Problem } from './problems.ts';

/** One mission file as the change leaves it: its text at the base and now (null when absent). */
export interface MissionFileChange {
  /** Path relative to the content folder, at the base. */
  file: string;
  before: string | null;
  after: string | null;
}

/** JSON with object keys sorted: two equal values always give the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** A fact as a reader wants it in a message: a number or a date as is, a team as « alice-conseil plancher 10 j, … ». */
function shownFact(mission: Mission, fait: FaitMission): string {
  if (fait === 'equipe') return mission.equipe.map((m) => `${m.prestataire} ${m.role} ${m.jours} j`).join(', ') || '(vide)';
  const value = mission[fait];
  return value === undefined ? '(absent)' : String(value);
}

/** The facts of a finished mission that differ between two versions of it. */
export function changedFacts(before: Mission, after: Mission): FaitMission[] {
  return FAITS_MISSION.filter((fait) => canonical(before[fait]) !== canonical(after[fait]));
}

/** The mission's facts as one text, to compare two versions (check-owners keeps it for each finished mission). */
export function factsOf(mission: Mission): string {
  return canonical(FAITS_MISSION.map((fait) => mission[fait]));
}

/**
 * The base's mission with its team's ids as they are now: a provider renamed in the same
 * change (npm run renommer keeps the old id in anciens_ids) changes no fact.
 */
function withRenames<T extends { mission: Mission }>(base: T | null, renamed: ReadonlyMap<string, string>): T | null {
  if (!base || renamed.size === 0) return base;
  const id = (p: string) => renamed.get(p) ?? p;
  return { ...base, mission: { ...base.mission, equipe: base.mission.equipe.map((m) => ({ ...m, prestataire: id(m.prestataire) })) } };
}

/** A mission file's data, when it is a valid mission; null otherwise (the loader reports why). */
function missionOf(text: string | null): { mission: Mission; yamlText: string } | null {
  if (text === null) return null;
  const parsed = parseMarkdownFile(text);
  if (!parsed.ok) return null;
  const result = missionSchema.safeParse(parsed.data);
  return result.success ? { mission: result.data, yamlText: parsed.yamlText } : null;
}

/**
 * What validate --base REF refuses in the mission files a change touches: for each
 * mission finished at the base, a fact changed with no correction added, a correction
 * that does not name a fact it changes, a past correction rewritten, the file removed.
 * A correction added is not enough to merge: check-owners asks a maintainer.
 */
export function rewrittenMissions(changes: readonly MissionFileChange[], date: string, renamed: ReadonlyMap<string, string> = new Map()): Problem[] {
  const problems: Problem[] = [];
  for (const change of changes) {
    const base = withRenames(missionOf(change.before), renamed);
    const etat = base && finishedAs(base.mission, date);
    if (!base || !etat) continue;
    if (change.after === null) {
      problems.push(makeProblem(change.file, { line: 1, column: 1 }, 'mission_terminee_modifiee', { mission: base.mission.id, supprime: 'oui', etat }));
      continue;
    }
    const now = missionOf(change.after);
    // An invalid file is refused by the loader already, with its own errors.
    if (now) problems.push(...missionHistoryProblems(change.file, base.mission, now.mission, now.yamlText, etat));
  }
  return problems;
}

/**
 * How a mission of the base was finished on the date, in words (« était terminée »), or
 * null while it is not: « terminee », or past its end (the day after `fin`) while still
 * « en_cours » or « attribuee », as the deadlines judge it (rules.ts deadlinesOf).
 */
export function finishedAs(mission: Mission, date: string): string | null {
  if (mission.statut === 'terminee') return 'était terminée';
  if ((mission.statut === 'en_cours' || mission.statut === 'attribuee') && mission.fin && mission.fin < date) {
    return `était finie selon ses dates (fin le ${frenchDate(mission.fin)}, statut « ${mission.statut} »)`;
  }
  return null;
}

/** One finished mission, before and after: its past corrections kept, each changed fact covered by a new one. */
function missionHistoryProblems(file: string, before: Mission, after: Mission, yamlText: string, etat: string): Problem[] {
  const problems: Problem[] = [];
  const here = new FileProblems({ file, positions: new YamlLocator(yamlText) }, problems);
  const kept = before.corrections.length <= after.corrections.length;
  before.corrections.forEach((old, i) => {
    const now = after.corrections[i];
    if (now && canonical(now) === canonical(old)) return;
    const action = now ? 'réécrite' : 'effacée';
    here.at(now ? ['corrections', i] : after.corrections.length > 0 ? ['corrections'] : ['id'], 'corrections_reecrites', { mission: after.id, numero: i + 1, date: old.date, action });
  });
  const added: Correction[] = kept ? after.corrections.slice(before.corrections.length) : [];
  const covered = coveredFacts(added);
  // Closing a mission its dates had already ended says what its dates said: no note needed.
  const closed = before.statut !== 'terminee' && after.statut === 'terminee';
  for (const fait of changedFacts(before, after).filter((f) => !(f === 'statut' && closed))) {
    const params = { mission: after.id, champ: fait, avant: shownFact(before, fait), apres: shownFact(after, fait), etat };
    if (added.length === 0) here.at([fait], 'mission_terminee_modifiee', params);
    else if (!covered.has(fait)) here.at(['corrections', after.corrections.length - 1], 'correction_incomplete', { ...params, date: added.at(-1)!.date });
  }
  return problems;
}

/** The facts the new corrections name: all of them when one names none. */
function coveredFacts(added: readonly Correction[]): Set<FaitMission> {
  if (added.some((c) => c.champs === undefined)) return new Set(FAITS_MISSION);
  return new Set(added.flatMap((c) => c.champs ?? []));
}
