// Each person's deadlines where they already look, with no account and no secret (issue 23,
// point 5): an iCalendar file (RFC 5545) that a calendar subscribes to, and
// an RSS 2.0 feed, for each provider and each commons, beside its page:
//   /prestataires/<id>/echeances.ics  /prestataires/<id>/echeances.xml
//   /communs/<id>/echeances.ics       /communs/<id>/echeances.xml
// Both are written by scripts/site.ts with the page, from src/domain/rules/deadlines.ts.
import { ofName } from '../domain/contribution/review.ts';
import { addDays, frenchDate } from '../domain/registry/dates.ts';
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

/** TEXT value of RFC 5545 (3.3.11): backslash, semicolon, comma and line breaks escaped. */
const icsText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
const icsDate = (day: string) => day.replaceAll('-', '');

/** A content line folded at 75 octets (RFC 5545, 3.1), never inside a character. */
function fold(line: string): string {
  if (line.length <= 75 && Buffer.byteLength(line) <= 75) return line;
  let out = '';
  let octets = 0;
  for (const char of line) {
    const cp = char.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    // The first line holds 75 octets; each next one starts with a space, so holds 74 more.
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += char;
    octets += size;
  }
  return out;
}

/**
 * The calendar: one all-day event per deadline, stamped with the reference date (reproducible).
 * Written here rather than by ical-generator (10.2.0 tried first): it folds each line with a
 * new TextEncoder per character, 8.7 s for the 10,000 calendars of the bench at N = 10,000
 * (BENCHMARKS.md); ical.js reads these back in the tests.
 */
export function deadlineCalendar(kind: DeadlineOwner, id: string, name: string, items: readonly Deadline[], date: string): string {
  const host = new URL(absoluteUrl('/')).host;
  const title = `${ownerTitle(kind, name)} · ${SITE_NAME}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Communs et Reciprocite//echeances//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${icsText(title)}`,
    `X-WR-CALNAME:${icsText(title)}`,
    `X-WR-CALDESC:${icsText(`Les échéances calculées par le registre au ${frenchDate(date)} : elles suivent les données et les règles à chaque publication.`)}`,
    `URL;VALUE=URI:${absoluteUrl(`/${kind}/${id}/`)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:P1D',
    'X-PUBLISHED-TTL:P1D',
  ];
  const stamp = `${icsDate(date)}T000000Z`;
  for (const d of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(`${d.uid}@${host}`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(d.date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(d.date, 1))}`,
      `SUMMARY:${icsText(d.titre)}`,
      `DESCRIPTION:${icsText(`${d.description}${ruleText(d)}`)}`,
      `URL;VALUE=URI:${absoluteUrl(d.chemin)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
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
