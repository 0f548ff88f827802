// The pages of /sitemap.xml, listed from the registry itself (so that a partial,
// incremental build still publishes the complete list), each with the day its
// content last changed in Git: an entity page changes with its file and, for
// providers and missions, with the declarations it shows; the other pages show
// the whole registry, so they change with its latest file.
import { attestationYears } from '../domain/rules/attestation.ts';
import { attestationPaths } from './attestations.ts';
import type { SiteData } from './data.ts';
import { LIST_PAGE_SIZE } from './format.ts';
import type { History } from './history.ts';
import { listBases } from './lists.ts';

export interface SitemapEntry {
  path: string;
  /** AAAA-MM-JJ, or null outside Git. */
  lastmod: string | null;
}

/** Pages that do not depend on the registry: their lastmod is that of the registry as a whole. */
export const FIXED_PAGES = ['/appels/', '/regles/', '/recherche/', '/donnees/', '/declarer/', '/calculer/', '/contribuer/', '/contribuer/erreurs/', '/mentions-legales/', '/donnees-personnelles/', '/accessibilite/', '/en/'];

export function sitemapEntries(data: SiteData, history: History): SitemapEntry[] {
  const { registry } = data;
  const updated = (files: Iterable<string>): string | null => {
    let latest: string | null = null;
    for (const file of files) {
      const day = history.files.get(file)?.updated;
      if (day && (!latest || day > latest)) latest = day;
    }
    return latest;
  };
  const whole = updated(history.files.keys());
  const pages = (base: string, count: number) =>
    Array.from({ length: Math.max(1, Math.ceil(count / LIST_PAGE_SIZE)) }, (_, i) => ({ path: i === 0 ? base : `${base}${i + 1}/`, lastmod: whole }));
  return [
    { path: '/', lastmod: whole },
    // The lists, their filtered and sorted pages: they show the whole registry.
    ...listBases(data).flatMap((l) => pages(l.base, l.rows)),
    ...[...registry.prestataires.values()].flatMap((e) => {
      const lastmod = updated([e.file, ...data.declarationsBy(e.data.id).map((d) => d.file)]);
      // Its yearly attestations (src/site/attestations.ts) change with the same files.
      return [{ path: `/prestataires/${e.data.id}/`, lastmod }, ...attestationYears(registry, e.data.id, data.date).map((y) => ({ path: attestationPaths(e.data.id, y).page, lastmod }))];
    }),
    ...[...registry.missions.values()].map((e) => ({
      path: `/missions/${e.data.id}/`,
      lastmod: updated([e.file, ...data.declarationsFor(e.data.id).map((d) => d.file)]),
    })),
    { path: '/communs/', lastmod: whole },
    ...[...registry.communs.values()].map((e) => ({ path: `/communs/${e.data.id}/`, lastmod: updated([e.file]) })),
    ...FIXED_PAGES.map((path) => ({ path, lastmod: whole })),
  ];
}
