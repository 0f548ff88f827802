// The journal of a provider's situation on the site: the section of its page and its
// Atom feed (/prestataires/<id>/journal.xml), both read from journalOf
// (src/domain/rules/journal.ts), computed for one provider when its page or feed is
// rendered.
import type { Prestataire } from '../../schemas/prestataire.ts';
import { ofName } from '../domain/contribution/review.ts';
import type { Registry } from '../domain/registry/registry.ts';
import { journalOf, type Journal, type JournalState } from '../domain/rules/journal.ts';
import { ruleAnchor } from '../domain/rules/rules.ts';
import { EXAMPLE_RULES_NOTE } from '../domain/rules/example.ts';
import { MEMBERSHIP_LABELS, type MembershipStatus, type SituationTone } from '../domain/rules/standing.ts';
import { SITE_NAME } from './chrome.ts';
import { date as fmtDate } from './format.ts';
import { ruleHref } from './rule-link.ts';
import { absoluteUrl } from './url.ts';

/** A pill of the journal: its colour (the verdict's tone, or the membership's as Standing.astro colours it) and its words. */
export interface JournalPill {
  classe: SituationTone | MembershipStatus;
  texte: string;
}

export interface JournalLine {
  /** The anchor of the entry on the page (#journal-2026-03-01). */
  ancre: string;
  date: string;
  dateTexte: string;
  /** What changed, before → after: the verdict, else the membership, else nothing visible (a declaration among others). */
  avant: JournalPill;
  apres: JournalPill;
  /** The same situation before and after: only the reasons changed (a declaration made while another is late). */
  inchangee: boolean;
  raisons: Array<{ texte: string; regle: string | null; lien: string }>;
  /** The reasons in one paragraph, for the page. */
  texte: string;
  /** The rule that drives the change, and its section of /regles/. */
  regle: string | null;
  lien: string;
}

export interface JournalView {
  lignes: JournalLine[];
  /** The feed's address on the site, for <link rel="alternate"> and the page's link. */
  flux: string;
  /** Said once above the entries, when the rules that judge are an example or retroactive. */
  avertissements: string[];
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function pillOf(state: JournalState, membership: boolean): JournalPill {
  if (membership) return { classe: state.adhesion, texte: `Adhésion : ${MEMBERSHIP_LABELS[state.adhesion]}` };
  const retro = state.verdict.retroactives.length > 0 ? ' (règle rétroactive)' : '';
  return { classe: state.verdict.ton, texte: `${capitalised(state.verdict.libelle)}${retro}` };
}

export const journalFeedPath = (prestataire: string) => `/prestataires/${prestataire}/journal.xml`;

/** The journal as the page shows it: newest first, each change with its pills, reasons and rule links. */
export function journalView(journal: Journal): JournalView {
  const lignes = journal.entrees.map((e): JournalLine => {
    const verdictChanged = e.avant.verdict.cle !== e.apres.verdict.cle || e.avant.verdict.retroactives.length !== e.apres.verdict.retroactives.length;
    const membership = !verdictChanged && e.avant.adhesion !== e.apres.adhesion;
    return {
      ancre: `journal-${e.date}`,
      date: e.date,
      dateTexte: fmtDate(e.date),
      avant: pillOf(e.avant, membership),
      apres: pillOf(e.apres, membership),
      inchangee: !verdictChanged && !membership,
      raisons: e.raisons.map((r) => ({ texte: r.texte, regle: r.regle, lien: ruleHref(r.regle) })),
      texte: e.raisons.map((r) => r.texte).join(' '),
      regle: e.regle,
      lien: ruleHref(e.regle),
    };
  });
  const v = journal.actuel.verdict;
  const avertissements = [
    v.exemple ? EXAMPLE_RULES_NOTE : '',
    v.retroactives.length > 0 ? `Jugé selon des règles rétroactives (en vigueur depuis le ${v.retroactives.map(fmtDate).join(', le ')}, adoptées après) : le journal raconte le passé selon ces règles.` : '',
  ].filter(Boolean);
  return { lignes, flux: journalFeedPath(journal.prestataire), avertissements };
}

/** The journal of one provider on the reference date, with its view. */
export function providerJournal(prestataire: Prestataire, registry: Registry, date: string): JournalView {
  return journalView(journalOf(prestataire, registry, date));
}

const atomDate = (d: string) => `${d}T00:00:00Z`;
// Text and attribute values of the feed: the five XML escapes, and no character XML 1.0 forbids.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const xml = (text: string) => text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * The journal as an Atom 1.0 feed (RFC 4287): one entry per change, newest first, its
 * id the page's anchor for that day; plain text, never markup. Written as text, like the
 * sitemap: a site of 10,000 providers writes 10,000 feeds, and an XML builder tripled the
 * cost of each (measured with npm run bench).
 */
export function journalFeed(prestataire: Prestataire, registry: Registry, date: string): string {
  const journal = journalOf(prestataire, registry, date);
  const view = journalView(journal);
  const page = absoluteUrl(`/prestataires/${prestataire.id}/`);
  const self = absoluteUrl(view.flux);
  const subtitle = [`Quand et pourquoi la situation ${ofName(prestataire.nom)} a changé, calculé à partir des données datées du registre, jusqu’au ${fmtDate(date)}.`, ...view.avertissements].join(' ');
  const entries = view.lignes.map((l) => {
    const title = `${l.dateTexte} : ${l.inchangee ? `${l.apres.texte} (inchangé)` : `${l.avant.texte} → ${l.apres.texte}`}`;
    // The rule that drives the change; each reason names its own in the text.
    const rule = l.regle ? `<link rel="related" href="${xml(absoluteUrl(`/regles/#${ruleAnchor(l.regle)}`))}"/>` : '';
    const content = l.raisons.map((r) => (r.regle ? `${r.texte} (règle ${r.regle})` : r.texte)).join('\n');
    return `<entry><id>${xml(`${page}#${l.ancre}`)}</id><title>${xml(title)}</title><updated>${atomDate(l.date)}</updated><link rel="alternate" href="${xml(`${page}#${l.ancre}`)}"/>${rule}<content type="text">${xml(content)}</content></entry>`;
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `<id>${xml(self)}</id>`,
    `<title>${xml(`Journal de la situation ${ofName(prestataire.nom)} · ${SITE_NAME}`)}</title>`,
    `<subtitle>${xml(subtitle)}</subtitle>`,
    `<updated>${atomDate(journal.entrees[0]?.date ?? date)}</updated>`,
    `<author><name>${xml(SITE_NAME)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(page)}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
