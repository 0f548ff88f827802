// Each person's deadlines where they already look, with no account and no secret (issue 23,
// point 5): an iCalendar file (ical-generator, RFC 5545) that a calendar subscribes to, and
// an RSS 2.0 feed, for each provider and each commons, beside its page:
//   /prestataires/<id>/echeances.ics  /prestataires/<id>/echeances.xml
//   /communs/<id>/echeances.ics       /communs/<id>/echeances.xml
// Both are written by scripts/site.ts with the page, from src/domain/rules/deadlines.ts.
import ical from 'ical-generator';
import { ofName } from '../domain/contribution/review.ts';
import { frenchDate } from '../domain/registry/dates.ts';
import type { Deadline } from '../domain/rules/deadlines.ts';
import { ruleAnchor } from '../domain/rules/rules.ts';
import { SITE_NAME } from './chrome.ts';
import { xml } from './journal.ts';
import { absoluteUrl } from './url.ts';

export type DeadlineOwner = 'prestataires' | 'communs';

export const deadlinePaths = (kind: DeadlineOwner, id: string) => ({
  calendrier: `/${kind}/${id}/echeances.ics`,
  flux: `/${kind}/${id}/echeances.xml`,
});

/** « Échéances d’Atelier… », « Échéances du commun Movilab ». */
export const ownerTitle = (kind: DeadlineOwner, name: string) => (kind === 'prestataires' ? `Échéances ${ofName(name)}` : `Échéances du commun ${name}`);

const ruleText = (d: Deadline) => (d.regle ? ` Règle ${d.regle} : ${absoluteUrl(`/regles/#${ruleAnchor(d.regle)}`)}` : '');

/** The calendar: one all-day event per deadline, stamped with the reference date (reproducible). */
export function deadlineCalendar(kind: DeadlineOwner, id: string, name: string, items: readonly Deadline[], date: string): string {
  const host = new URL(absoluteUrl('/')).host;
  const calendar = ical({
    name: `${ownerTitle(kind, name)} · ${SITE_NAME}`,
    description: `Les échéances calculées par le registre au ${frenchDate(date)} : elles suivent les données et les règles à chaque publication.`,
    prodId: { company: 'Communs et Reciprocite', product: 'echeances', language: 'FR' },
    url: absoluteUrl(`/${kind}/${id}/`),
    ttl: 24 * 60 * 60,
  });
  const stamp = new Date(`${date}T00:00:00Z`);
  for (const d of items) {
    calendar.createEvent({
      id: `${d.uid}@${host}`,
      start: new Date(`${d.date}T00:00:00Z`),
      allDay: true,
      stamp,
      summary: d.titre,
      description: `${d.description}${ruleText(d)}`,
      url: absoluteUrl(d.chemin),
    });
  }
  return calendar.toString();
}

/** The same deadlines as news items, the nearest first, each dated by its deadline. */
export function deadlineFeed(kind: DeadlineOwner, id: string, name: string, items: readonly Deadline[], date: string): string {
  const page = absoluteUrl(`/${kind}/${id}/`);
  const self = absoluteUrl(deadlinePaths(kind, id).flux);
  const rfc822 = (day: string) => new Date(`${day}T00:00:00Z`).toUTCString();
  const entries = items.map(
    (d) =>
      `<item><title>${xml(`${frenchDate(d.date)} : ${d.titre}`)}</title><link>${xml(absoluteUrl(d.chemin))}</link><guid isPermaLink="false">${xml(d.uid)}</guid><pubDate>${rfc822(d.date)}</pubDate><description>${xml(`${d.description}${ruleText(d)}`)}</description></item>`,
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xml(`${ownerTitle(kind, name)} · ${SITE_NAME}`)}</title>`,
    `<link>${xml(page)}</link>`,
    `<description>${xml(`Les échéances calculées par le registre au ${frenchDate(date)}${items.length === 0 ? ' : aucune pour l’instant' : ''}.`)}</description>`,
    '<language>fr-fr</language>',
    `<lastBuildDate>${rfc822(date)}</lastBuildDate>`,
    `<atom:link href="${xml(self)}" rel="self" type="application/rss+xml"/>`,
    ...entries,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
