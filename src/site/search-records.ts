// What the search knows of each provider, mission and commons: built from the data
// and handed to Pagefind as records, instead of having Pagefind read back 20,000
// HTML pages (measured with npm run bench: the HTML route took as long as the build).
import type { SiteData } from './data.ts';
import { PROVIDER_FILTERS, type ProviderFilter } from '../domain/rules/lists.ts';
import { MEMBERSHIP_LABELS, RECIPROCITY_LABELS } from '../domain/rules/standing.ts';
import { label } from './format.ts';
import { href } from './url.ts';

export interface SearchRecord {
  url: string;
  content: string;
  language: 'fr';
  meta: { title: string; type: string };
  filters: Record<string, string[]>;
}

/**
 * Markdown to plain words for the index: links keep their text, marks go. Linear: each
 * pattern stops at the next opening character, so thousands of « [ » or « < » without
 * their closing one do not make it scan the rest of the text from each.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^[\]\n]*)\]\([^()\n]*\)/g, '$1')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/[#*_`>~|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A situation as the search filter offers it: « En retard », « Hors du cercle ». */
export const situationLabel = (filter: ProviderFilter): string => capital(filter.libelle);

export function searchRecords(data: SiteData): SearchRecord[] {
  const records: SearchRecord[] = [];
  const record = (url: string, title: string, type: string, parts: Array<string | undefined>, filters: Record<string, Array<string | undefined>>) =>
    records.push({
      url: href(url),
      content: parts.filter(Boolean).join('\n'),
      language: 'fr',
      meta: { title, type },
      filters: Object.fromEntries(
        Object.entries({ type: [type], ...filters }).map(([k, v]) => [k, v.filter((x): x is string => Boolean(x))]),
      ),
    });
  const name = (id: string) => data.registry.prestataires.get(id)?.data.nom ?? id;
  const commun = (id: string) => data.registry.communs.get(id)?.data.nom ?? id;
  const supported = (ids: string[]) => (ids.length > 0 ? `Communs soutenus : ${ids.map(commun).join(', ')}` : undefined);
  for (const { data: p, body } of data.registry.prestataires.values()) {
    // The two facets in words (« en retard », « adhésion échue »), so that searching one finds who is in it.
    const figures = data.prestataireFigures.get(p.id);
    const situation = figures?.situation;
    const reciprocity = situation ? capital(RECIPROCITY_LABELS[situation.reciprocite.statut]) : undefined;
    const membership = situation ? capital(MEMBERSHIP_LABELS[situation.adhesion.statut]) : undefined;
    const out = situation?.cercle.hors_cercle ? 'Hors du cercle' : undefined;
    record(
      `/prestataires/${p.id}/`,
      p.nom,
      'Prestataire',
      // The commons they gave to, in money or in kind: « Movilab » finds who supports it.
      [p.nom, label('prestataire', p.type), p.territoire, p.competences.join(', '), reciprocity && `Réciprocité : ${reciprocity}`, membership && `Adhésion : ${membership}`, out, ...(situation?.reciprocite.raisons ?? []), supported(figures?.communs_contribues ?? []), p.resume, plainText(body)],
      // Every situation of the providers' list they are in (à jour and hors du cercle, say): the filter offers them all.
      { territoire: [p.territoire], forme: [label('prestataire', p.type)], competence: p.competences, situation: figures ? PROVIDER_FILTERS.filter((f) => f.matches(figures)).map(situationLabel) : [] },
    );
  }
  for (const { data: m, body } of data.registry.missions.values()) {
    const year = (m.debut ?? m.date_appel)?.slice(0, 4);
    // Who worked on it and which commons they used: a provider's name or « Movilab » finds the mission.
    const team = m.equipe.map((x) => name(x.prestataire));
    const declarations = data.declarationsFor(m.id).map((d) => d.data);
    const used = [...new Set(declarations.flatMap((d) => d.communs_utilises.map((u) => commun(u.commun))))];
    const given = [...new Set(declarations.flatMap((d) => [...d.contributions_argent, ...d.contributions_nature].map((c) => c.commun)))];
    record(
      `/missions/${m.id}/`,
      m.titre,
      'Mission',
      [m.titre, m.client.nom, m.territoire, m.themes.join(', '), team.length > 0 ? `Équipe : ${team.join(', ')}` : undefined, used.length > 0 ? `Communs utilisés : ${used.join(', ')}` : undefined, supported(given), m.bilan?.ce_qui_a_marche, m.bilan?.a_ameliorer, plainText(body)],
      { territoire: [m.territoire], theme: m.themes, statut: [label('statut', m.statut)], annee: [year] },
    );
  }
  for (const { data: c, body } of data.registry.communs.values()) {
    // The type of a commons is its own filter, apart from the missions' themes and the providers' skills.
    record(`/communs/${c.id}/`, c.nom, 'Commun', [c.nom, label('commun', c.type), c.description, c.contribution_nature.description, plainText(body)], {
      type_commun: [label('commun', c.type)],
    });
  }
  return records;
}
