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

export function siteData(): SiteData {
  if (cached) return cached;
  const contentDir = process.env.CR_CONTENT_DIR ?? 'content';
  const date = process.env.CR_DATE ?? today();
  const { registry } = loadRegistry(contentDir, { date });
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
