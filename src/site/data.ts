// The registry and its figures, loaded once per build and shared by every page.
// Pages read only through here (and so through src/domain).
import type { Commun } from '../../schemas/commun.ts';
import type { Declaration } from '../../schemas/declaration.ts';
import type { Mission } from '../../schemas/mission.ts';
import type { Prestataire } from '../../schemas/prestataire.ts';
import type { InKindConfirmation, PaymentConfirmation } from '../domain/rules/confirmations.ts';
import { today } from '../domain/registry/dates.ts';
import { computeFigures, indexById, type CommunFigures, type Figures, type MissionFigures, type PrestataireFigures } from '../domain/rules/figures.ts';
import { loadRegistry } from '../domain/rules/load.ts';
import { byExampleRules } from '../domain/rules/example.ts';
import { deadlines, type Deadlines } from '../domain/rules/deadlines.ts';
import { deadLinksOf, type DeadLink, type LinkReport } from '../domain/contribution/links.ts';
import type { Entry, Registry } from '../domain/registry/registry.ts';

export interface SiteData {
  date: string;
  contentDir: string;
  registry: Registry;
  figures: Figures;
  missionFigures: Map<string, MissionFigures>;
  prestataireFigures: Map<string, PrestataireFigures>;
  communFigures: Map<string, CommunFigures>;
  declarationsBy: (prestataire: string) => Entry<Declaration>[];
  declarationsFor: (mission: string) => Entry<Declaration>[];
  /** In-kind contributions to a commons, newest first. */
  inKindTo: (commun: string) => InKind[];
  /** Where each money line of a declaration stands (parallel to its contributions_argent). */
  paymentStates: (prestataire: string, mission: string) => PaymentConfirmation[];
  /** Where each in-kind line of a declaration stands (parallel to its contributions_nature). */
  inKindStates: (prestataire: string, mission: string) => InKindConfirmation[];
  /** Money declared to a commons, newest first, each line with its confirmation state. */
  moneyTo: (commun: string) => MoneyLine[];
  /** Proof and deliverable links that did not answer (npm run liens), by URL. */
  deadLinks: Map<string, DeadLink & { date: string }>;
  /** True when one of these rules (ids or effective dates) is an example, not a decision (src/domain/rules/example.ts). */
  byExampleRules: (refs: Iterable<string | null | undefined>) => boolean;
  /** Each provider's and commons' deadlines on the date (calendar, feed, JSON document). */
  deadlines: Deadlines;
}

export interface InKind {
  prestataire: string;
  mission: string;
  heures: number;
  description: string;
  lien: string | null;
  date: string;
  etat: InKindConfirmation | undefined;
}

export interface MoneyLine {
  prestataire: string;
  mission: string;
  commun: string;
  montant_eur: number;
  statut: 'promis' | 'verse';
  date: string;
  etat: PaymentConfirmation | undefined;
}

/** Entity pages to build, by route; null builds them all (see scripts/site.ts). */
export type PageSelection = Record<'prestataires' | 'missions' | 'communs' | 'badges' | 'formulaires', Set<string>> | null;

let cached: SiteData | null = null;
let selection: PageSelection = null;

// scripts/site.ts has already loaded the registry and computed the figures: it hands
// them over through a global, since Astro bundles this module apart from the script.
const HANDOVER = Symbol.for('communs-reciprocite.site');
type Handover = { data: SiteData; only: PageSelection };

export function provideSiteData(data: SiteData, only: PageSelection = null): void {
  (globalThis as Record<symbol, Handover>)[HANDOVER] = { data, only };
}

/** The entity routes to build: all of them, or only those an incremental build selected. */
export function staticPathsFor(kind: keyof NonNullable<PageSelection>, ids: Iterable<string>): Array<{ params: { id: string } }> {
  siteData();
  const only = selection?.[kind];
  return [...ids].filter((id) => !only || only.has(id)).map((id) => ({ params: { id } }));
}

export function siteData(): SiteData {
  if (cached) return cached;
  const handed = (globalThis as Record<symbol, Handover | undefined>)[HANDOVER];
  if (handed) {
    selection = handed.only;
    return (cached = handed.data);
  }
  const contentDir = process.env.CR_CONTENT_DIR ?? 'content';
  const date = process.env.CR_DATE ?? today();
  return (cached = createSiteData(contentDir, date, loadRegistry(contentDir, { date }).registry));
}

export function createSiteData(contentDir: string, date: string, registry: Registry, links: LinkReport | null = null): SiteData {
  const figures = computeFigures(registry, date);
  // Declarations dated after the reference date are not public yet, as in the figures.
  const visible = registry.declarations.filter((d) => d.data.date <= date);
  const group = (key: (d: Entry<Declaration>) => string) => {
    const map = new Map<string, Entry<Declaration>[]>();
    for (const d of visible) {
      const list = map.get(key(d));
      if (list) list.push(d);
      else map.set(key(d), [d]);
    }
    return (id: string) => map.get(id) ?? [];
  };
  const members = new Map(figures.missions.flatMap((m) => m.membres.map((x) => [`${x.prestataire}/${m.id}`, x] as const)));
  const paymentStates = (prestataire: string, mission: string) => members.get(`${prestataire}/${mission}`)?.argent ?? [];
  const inKindStates = (prestataire: string, mission: string) => members.get(`${prestataire}/${mission}`)?.nature ?? [];
  const inKind = new Map<string, InKind[]>();
  for (const { data: d } of visible) {
    const etats = inKindStates(d.prestataire, d.mission);
    d.contributions_nature.forEach((c, j) => {
      const list = inKind.get(c.commun) ?? [];
      list.push({ prestataire: d.prestataire, mission: d.mission, heures: c.heures, description: c.description, lien: c.lien ?? null, date: c.date, etat: etats[j] });
      inKind.set(c.commun, list);
    });
  }
  const money = new Map<string, MoneyLine[]>();
  for (const { data: d } of visible) {
    const etats = paymentStates(d.prestataire, d.mission);
    d.contributions_argent.forEach((c, j) => {
      const list = money.get(c.commun) ?? [];
      list.push({ prestataire: d.prestataire, mission: d.mission, commun: c.commun, montant_eur: c.montant_eur, statut: c.statut, date: c.date, etat: etats[j] });
      money.set(c.commun, list);
    });
  }
  for (const list of money.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.prestataire < b.prestataire ? -1 : 1));
  for (const list of inKind.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.prestataire < b.prestataire ? -1 : 1));
  return {
    date,
    contentDir,
    registry,
    figures,
    missionFigures: indexById(figures.missions),
    prestataireFigures: indexById(figures.prestataires),
    communFigures: indexById(figures.communs),
    declarationsBy: group((d) => d.data.prestataire),
    declarationsFor: group((d) => d.data.mission),
    inKindTo: (commun) => inKind.get(commun) ?? [],
    paymentStates,
    inKindStates,
    moneyTo: (commun) => money.get(commun) ?? [],
    deadLinks: deadLinksOf(links),
    byExampleRules: (refs) => byExampleRules(registry.regles.map((r) => r.data), refs),
    deadlines: deadlines(registry, figures),
  };
}

export const nameOf = {
  prestataire: (id: string): string => siteData().registry.prestataires.get(id)?.data.nom ?? id,
  mission: (id: string): string => siteData().registry.missions.get(id)?.data.titre ?? id,
  commun: (id: string): string => siteData().registry.communs.get(id)?.data.nom ?? id,
};

export type { Commun, Mission, Prestataire, Declaration };
