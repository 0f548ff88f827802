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
}

/** Every proof and deliverable link of the registry, in a stable order. */
export function proofLinks(registry: Registry): ProofLink[] {
  const links: ProofLink[] = [];
  for (const { data: d } of registry.declarations) {
    const fichier = `declarations/${d.prestataire}/${d.mission}.yaml`;
    for (const c of d.contributions_argent) if (c.preuve) links.push({ url: c.preuve, fichier, champ: 'preuve', prestataire: d.prestataire, mission: d.mission });
    for (const c of d.contributions_nature) if (c.lien) links.push({ url: c.lien, fichier, champ: 'lien', prestataire: d.prestataire, mission: d.mission });
  }
  for (const { data: m } of registry.missions.values()) {
    for (const l of m.livrables) links.push({ url: l.url, fichier: `missions/${m.id}.md`, champ: 'livrable', prestataire: null, mission: m.id });
  }
  return links.sort((a, b) => byText(a.fichier, b.fichier) || byText(a.url, b.url));
}

/** The report `npm run liens` writes: the links that did not answer on a date. */
export const linkReportSchema = z.strictObject({
  date: z.string(),
  verifies: z.number().int().nonnegative(),
  /** Links left unchecked when the run's time budget ran out (neither dead nor alive). */
  non_verifies: z.number().int().nonnegative().optional(),
  morts: z.array(z.strictObject({ url: z.string(), statut: z.number().int().nullable(), raison: z.string() })),
});
export type LinkReport = z.infer<typeof linkReportSchema>;
export type DeadLink = LinkReport['morts'][number];

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
  return { ok: false, message: 'Rapport de liens illisible : attendu le JSON écrit par « npm run liens » ({ date, verifies, morts }).' };
}
