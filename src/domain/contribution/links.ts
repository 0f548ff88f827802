// Proof and deliverable links: the receipts behind "versé", the pages behind in-kind
// contributions, the deliverables of missions. `npm run liens` checks that they still
// answer and writes a report; the site and the reminders show the dead ones as a
// warning (never an error: a link going dead is time, not a fault of the registry).
// Like Open Source Pledge's HEAD checks of report URLs (peers.md, O1).
import { z } from 'zod';
import { byText } from '../registry/order.ts';
import type { Registry } from '../registry/registry.ts';

export interface ProofLink {
  url: string;
  /** The file that holds it, from the content folder. */
  fichier: string;
  champ: 'preuve' | 'lien' | 'livrable';
  /** Whose link it is: the declaring provider; null for a mission's deliverable. */
  prestataire: string | null;
  mission: string;
  /** The commons the contribution went to; absent for a deliverable. */
  commun?: string;
}

/** Every proof and deliverable link of the registry, in a stable order. */
export function proofLinks(registry: Registry): ProofLink[] {
  const links: ProofLink[] = [];
  for (const { data: d } of registry.declarations) {
    const fichier = `declarations/${d.prestataire}/${d.mission}.yaml`;
    for (const c of d.contributions_argent) if (c.preuve) links.push({ url: c.preuve, fichier, champ: 'preuve', prestataire: d.prestataire, mission: d.mission, commun: c.commun });
    for (const c of d.contributions_nature) if (c.lien) links.push({ url: c.lien, fichier, champ: 'lien', prestataire: d.prestataire, mission: d.mission, commun: c.commun });
  }
  for (const { data: m } of registry.missions.values()) {
    for (const l of m.livrables) links.push({ url: l.url, fichier: `missions/${m.id}.md`, champ: 'livrable', prestataire: null, mission: m.id });
  }
  return links.sort((a, b) => byText(a.fichier, b.fichier) || byText(a.url, b.url));
}

const failureSchema = z.strictObject({
  url: z.string(),
  statut: z.number().int().nullable(),
  raison: z.string(),
  /** The first check of the run of failures, and how many daily checks in a row failed. */
  depuis: z.string().optional(),
  jours: z.number().int().positive().optional(),
});

/**
 * The report `npm run liens` writes, and reads back the next day (--precedent): the links
 * that failed, day after day. A link is called dead (`morts`: on the pages and in the
 * reminders) only after failing on `jours_avant_mort` daily checks in a row; until then
 * it is only followed (`en_echec`), shown nowhere. `reseau_coupe`: most links failed at
 * once, so the run judged the runner's network, not the links, and kept the day before's
 * verdicts.
 */
export const linkReportSchema = z.strictObject({
  date: z.string(),
  verifies: z.number().int().nonnegative(),
  /** Links left unchecked when the run's time budget ran out (neither dead nor alive). */
  non_verifies: z.number().int().nonnegative().optional(),
  jours_avant_mort: z.number().int().positive().optional(),
  reseau_coupe: z.boolean().optional(),
  morts: z.array(failureSchema),
  en_echec: z.array(failureSchema).optional(),
});
export type LinkReport = z.infer<typeof linkReportSchema>;
export type DeadLink = LinkReport['morts'][number];

/** Daily checks in a row a link must fail before it is called dead (MAINTENANCE.md, « Liens »). */
export const DAYS_BEFORE_DEAD = 3;

/** What one run of checks found, before it is weighed against the days before. */
export interface LinkRun {
  date: string;
  /** The links asked (answered or failed); those left out by the time budget are not. */
  asked: readonly string[];
  failed: readonly DeadLink[];
  skipped: number;
  /** The run judged that the network itself was down (most links unreachable at once). */
  networkDown: boolean;
}

/**
 * The report after a run: a failure extends the run of failures of the report before
 * (one more day when the report before is of an earlier day; the same count on a second
 * run of the same day), a link that answered leaves it, a link not asked keeps its count.
 * When the network was down, every verdict of the day before is kept.
 */
export function nextLinkReport(previous: LinkReport | null, run: LinkRun, daysBeforeDead = DAYS_BEFORE_DEAD): LinkReport {
  const before = new Map([...(previous?.morts ?? []), ...(previous?.en_echec ?? [])].map((f) => [f.url, f]));
  const earlierDay = previous !== null && previous.date < run.date;
  const following = new Map<string, DeadLink>();
  if (run.networkDown) {
    for (const [url, f] of before) following.set(url, f);
  } else {
    const asked = new Set(run.asked);
    for (const [url, f] of before) if (!asked.has(url)) following.set(url, f);
    for (const f of run.failed) {
      const old = before.get(f.url);
      const days = old ? (old.jours ?? daysBeforeDead) + (earlierDay ? 1 : 0) : 1;
      // A report written before the days were counted: its dead links stay dead.
      following.set(f.url, { url: f.url, statut: f.statut, raison: f.raison, depuis: old ? (old.depuis ?? previous!.date) : run.date, jours: days });
    }
  }
  const all = [...following.values()].sort((a, b) => byText(a.url, b.url));
  return {
    date: run.date,
    verifies: run.asked.length,
    ...(run.skipped > 0 ? { non_verifies: run.skipped } : {}),
    jours_avant_mort: daysBeforeDead,
    ...(run.networkDown ? { reseau_coupe: true } : {}),
    morts: all.filter((f) => (f.jours ?? daysBeforeDead) >= daysBeforeDead),
    en_echec: all.filter((f) => (f.jours ?? daysBeforeDead) < daysBeforeDead),
  };
}

/** The dead links of a report by URL, for the pages and the reminders. */
export function deadLinksOf(report: LinkReport | null): Map<string, DeadLink & { date: string }> {
  return new Map((report?.morts ?? []).map((m) => [m.url, { ...m, date: report!.date }]));
}

/** Reads a report's text; null with a French sentence when it is not one. */
export function parseLinkReport(text: string): { ok: true; report: LinkReport } | { ok: false; message: string } {
  try {
    const parsed = linkReportSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { ok: true, report: parsed.data };
  } catch {
    // fall through: not JSON
  }
  return { ok: false, message: 'Rapport de liens illisible : attendu le JSON écrit par « npm run liens » ({ date, verifies, morts, en_echec }).' };
}
