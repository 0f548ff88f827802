// The addresses of the lists' filtered and sorted pages (src/domain/rules/lists.ts says what
// each keeps and in which order), and every list page the site builds: the sitemap
// lists them, an incremental build removes those a shorter list no longer has.
import { filteredProviders, missionsWithStatus, MISSION_SORTS, MISSION_STATUSES, PROVIDER_FILTERS, PROVIDER_SORTS, type MissionRow, type ProviderFilter } from '../domain/rules/lists.ts';
import type { Page } from 'astro';
import { siteData, type SiteData } from './data.ts';

export const providerFilterPath = (f: ProviderFilter): string => `/prestataires/situation/${f.slug}/`;
export const providerSortPath = (s: { slug: string }): string => `/prestataires/tri/${s.slug}/`;
export const missionStatusPath = (slug: string): string => `/missions/statut/${slug}/`;
export const missionSortPath = (s: { slug: string }): string => `/missions/tri/${s.slug}/`;

/** What a list's component is given by its routes. */
export interface ListProps<T> {
  page: Page<T>;
  /** The list's first page: "/prestataires/", "/prestataires/tri/manque/". */
  base: string;
  /** What this page keeps or how it is ordered, in words (« en retard »); null for the whole list. */
  what: string | null;
}

/** Every mission with its figures: the rows of the missions' lists. */
export function missionRows(data: SiteData = siteData()): MissionRow[] {
  return [...data.registry.missions.values()].map((e) => ({ mission: e.data, figures: data.missionFigures.get(e.data.id)! }));
}

/** Each list the site builds: its first page and how many rows it has (100 a page). */
export function listBases(data: SiteData): Array<{ base: string; rows: number }> {
  const providers = data.figures.prestataires;
  const missions = missionRows(data);
  return [
    { base: '/prestataires/', rows: providers.length },
    ...PROVIDER_FILTERS.map((f) => ({ base: providerFilterPath(f), rows: filteredProviders(providers, f).length })),
    ...PROVIDER_SORTS.map((s) => ({ base: providerSortPath(s), rows: providers.length })),
    { base: '/missions/', rows: missions.length },
    ...MISSION_STATUSES.map((s) => ({ base: missionStatusPath(s.slug), rows: missionsWithStatus(missions, s.statut).length })),
    ...MISSION_SORTS.map((s) => ({ base: missionSortPath(s), rows: missions.length })),
  ];
}
