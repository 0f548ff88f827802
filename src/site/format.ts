// How figures read in French: euros, dates, hours and the labels of enumerations.
import { frenchDate } from '../domain/registry/dates.ts';
import { ratePercent } from '../domain/rules/explain.ts';
import { absoluteUrl } from './url.ts';

import { ADHESION_TARIF_LABELS } from '../domain/registry/french.ts';

export { count, euros, hours, number } from '../domain/registry/french.ts';

// Rounded down: 199 declarations out of 200 read 99 %, never 100 %.
/** A rate to the tenth, half up (2 / 3 → 66,7 %): the same as in the explanations. */
export const percent = (ratio: number | null): string => (ratio === null ? '—' : ratePercent(ratio));
const dateCache = new Map<string, string>();
export const date = (d: string | undefined | null): string => {
  if (!d) return '—';
  let text = dateCache.get(d);
  if (text === undefined) dateCache.set(d, (text = frenchDate(d)));
  return text;
};

export const LABELS = {
  statut: { appel: 'Appel ouvert', attribuee: 'Attribuée', en_cours: 'En cours', terminee: 'Terminée', abandonnee: 'Abandonnée' },
  role: { plancher: 'Plancher', animation: 'Animation', coordination: 'Coordination' },
  portage: { membre: 'Un membre', consortium: 'Un consortium de membres', reseau: 'Le réseau (chef de file)' },
  prestataire: { independant: 'Indépendant·e', cooperative: 'Coopérative', association: 'Association', entreprise: 'Entreprise', tiers_lieu: 'Tiers-lieu' },
  commun: { reseau: 'Réseau', wiki: 'Wiki', outil: 'Outil', logiciel: 'Logiciel', methode: 'Méthode', donnees: 'Données' },
  client: { tiers_lieu: 'Tiers-lieu', collectivite: 'Collectivité', bailleur_social: 'Bailleur social', association: 'Association', entreprise: 'Entreprise', etat: 'État' },
  versement: { promis: 'promis', verse: 'versé' },
  adhesion: ADHESION_TARIF_LABELS,
  fait: { budget_eur: 'budget', equipe: 'équipe et jours', debut: 'date de début', fin: 'date de fin', statut: 'statut' },
} as const;

export function label<K extends keyof typeof LABELS>(kind: K, value: string): string {
  return (LABELS[kind] as Record<string, string>)[value] ?? value;
}

/** Rows per page of the long lists (/prestataires/, /missions/). */
export const LIST_PAGE_SIZE = 100;

/**
 * Text for an RSS <description>: feed readers render it as HTML, so contributor text is
 * escaped once here, then once more as XML by @astrojs/rss.
 */
export function feedText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * What both RSS feeds add to their channel: language, the build's reference date as
 * lastBuildDate (RFC 822), and atom:link rel="self" with the feed's own address.
 */
export function feedChannel(path: string, date: string) {
  const self = absoluteUrl(path);
  return {
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData:
      '<language>fr-fr</language>' +
      `<lastBuildDate>${new Date(`${date}T00:00:00Z`).toUTCString()}</lastBuildDate>` +
      `<atom:link href="${feedText(self)}" rel="self" type="application/rss+xml"/>`,
  };
}
