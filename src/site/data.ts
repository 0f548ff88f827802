// The registry and its figures, loaded once per build and shared by every page.
// Pages read only through here (and so through src/domain).
import type { Commun } from '../../schemas/commun.ts';
import type { Declaration } from '../../schemas/declaration.ts';
import type { Mission } from '../../schemas/mission.ts';
import type { Prestataire } from '../../schemas/prestataire.ts';
import { today } from '../domain/dates.ts';
import { computeFigures, indexById, type CommunFigures, type Figures, type MissionFigures, type PrestataireFigures } from '../domain/figures.ts';
import { loadRegistry } from '../domain/load.ts';
import type { Entry, Registry } from '../domain/registry.ts';

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
}

let cached: SiteData | null = null;

// scripts/build.ts has already loaded and validated the registry: it hands it over
// through a global, since Astro bundles this module separately from the script.
const HANDOVER = Symbol.for('communs-reciprocite.registry');
type Handover = { contentDir: string; date: string; registry: Registry };

export function provideSiteData(contentDir: string, date: string, registry: Registry): void {
  (globalThis as Record<symbol, Handover>)[HANDOVER] = { contentDir, date, registry };
}

export function siteData(): SiteData {
  if (cached) return cached;
  const handed = (globalThis as Record<symbol, Handover | undefined>)[HANDOVER];
  const contentDir = handed?.contentDir ?? process.env.CR_CONTENT_DIR ?? 'content';
  const date = handed?.date ?? process.env.CR_DATE ?? today();
  const registry = handed && handed.contentDir === contentDir && handed.date === date ? handed.registry : loadRegistry(contentDir, { date }).registry;
  const figures = computeFigures(registry, date);
  // Declarations dated after the reference date are not public yet, as in the figures.
  const visible = registry.declarations.filter((d) => d.data.date <= date);
  const group = (key: (d: Entry<Declaration>) => string) => {
    const map = new Map<string, Entry<Declaration>[]>();
    for (const d of visible) map.set(key(d), [...(map.get(key(d)) ?? []), d]);
    return (id: string) => map.get(id) ?? [];
  };
  cached = {
    date,
    contentDir,
    registry,
    figures,
    missionFigures: indexById(figures.missions),
    prestataireFigures: indexById(figures.prestataires),
    communFigures: indexById(figures.communs),
    declarationsBy: group((d) => d.data.prestataire),
    declarationsFor: group((d) => d.data.mission),
  };
  return cached;
}

export const nameOf = {
  prestataire: (id: string): string => siteData().registry.prestataires.get(id)?.data.nom ?? id,
  mission: (id: string): string => siteData().registry.missions.get(id)?.data.titre ?? id,
  commun: (id: string): string => siteData().registry.communs.get(id)?.data.nom ?? id,
};

export type { Commun, Mission, Prestataire, Declaration };
