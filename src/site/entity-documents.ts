// One JSON document per provider, mission and commons at a stable address (issue 23,
// point 5), for whoever wants one entity rather than the whole registre.json:
//   /donnees/prestataires/<id>.json  /donnees/missions/<id>.json  /donnees/communs/<id>.json
// and, for each kind, an index of them (/donnees/<kind>.json) that the data package
// lists. Each document holds the entity as written, its figures with their rules, its
// deadlines when it has some, and the addresses of its page and feeds.
import type { Entry } from '../domain/registry/registry.ts';
import { attestationYears } from '../domain/rules/attestation.ts';
import { attestationPaths } from './attestations.ts';
import type { SiteData } from './data.ts';
import { deadlinePaths } from './deadline-feeds.ts';
import { citation, DATA_LICENCE } from './exports.ts';
import { journalFeedPath } from './journal.ts';
import { absoluteUrl } from './url.ts';

export type EntityKind = 'prestataires' | 'missions' | 'communs';
export const ENTITY_KINDS: readonly EntityKind[] = ['prestataires', 'missions', 'communs'];

export const documentPath = (kind: EntityKind, id: string) => `/donnees/${kind}/${id}.json`;
// Beside the folder rather than in it: « index » is a valid id.
export const documentIndexPath = (kind: EntityKind) => `/donnees/${kind}.json`;

const asWritten = <T extends object>(entry: Entry<T>) => ({ ...entry.data, texte_markdown: entry.body });

function head(data: SiteData, kind: EntityKind, id: string) {
  return {
    licence: DATA_LICENCE,
    date_reference: data.date,
    citation: citation(data.date),
    adresse: absoluteUrl(documentPath(kind, id)),
    page: absoluteUrl(`/${kind}/${id}/`),
  };
}

/** The document of one entity, or null when there is no such entity. */
export function entityDocument(data: SiteData, kind: EntityKind, id: string): object | null {
  if (kind === 'prestataires') {
    const entry = data.registry.prestataires.get(id);
    if (!entry) return null;
    const paths = deadlinePaths('prestataires', id);
    return {
      ...head(data, kind, id),
      flux: { journal: absoluteUrl(journalFeedPath(id)), echeances_rss: absoluteUrl(paths.flux), echeances_ical: absoluteUrl(paths.calendrier) },
      prestataire: asWritten(entry),
      chiffres: data.prestataireFigures.get(id) ?? null,
      echeances: data.deadlines.prestataire(id),
      // The yearly attestations (src/site/attestations.ts), one per closed year with a mission.
      attestations: attestationYears(data.registry, id, data.date).map((annee) => ({ annee, document: absoluteUrl(attestationPaths(id, annee).json), page: absoluteUrl(attestationPaths(id, annee).page) })),
    };
  }
  if (kind === 'missions') {
    const entry = data.registry.missions.get(id);
    if (!entry) return null;
    return { ...head(data, kind, id), mission: asWritten(entry), chiffres: data.missionFigures.get(id) ?? null };
  }
  const entry = data.registry.communs.get(id);
  if (!entry) return null;
  const paths = deadlinePaths('communs', id);
  return {
    ...head(data, kind, id),
    flux: { echeances_rss: absoluteUrl(paths.flux), echeances_ical: absoluteUrl(paths.calendrier) },
    commun: asWritten(entry),
    chiffres: data.communFigures.get(id) ?? null,
    echeances: data.deadlines.commun(id),
  };
}

/** The index of one kind: each entity's id, name and document address, sorted by id. */
export function documentIndex(data: SiteData, kind: EntityKind): object {
  const names: Array<[string, string]> =
    kind === 'prestataires'
      ? [...data.registry.prestataires.values()].map((e) => [e.data.id, e.data.nom])
      : kind === 'missions'
        ? [...data.registry.missions.values()].map((e) => [e.data.id, e.data.titre])
        : [...data.registry.communs.values()].map((e) => [e.data.id, e.data.nom]);
  names.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    licence: DATA_LICENCE,
    date_reference: data.date,
    documents: names.map(([id, nom]) => ({ id, nom, adresse: absoluteUrl(documentPath(kind, id)), page: absoluteUrl(`/${kind}/${id}/`) })),
  };
}
