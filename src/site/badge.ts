// The embeddable "Réciprocité" badge of a provider, in the shields.io style. Layout,
// text widths and XML escaping come from badge-maker, the shields.io library; this
// module only says what the badge reads and which colour each situation gets.
import { makeBadge } from 'badge-maker';
import { frenchDate } from '../domain/registry/dates.ts';
import { situationInWords, situationTone, type Situation, type SituationTone } from '../domain/rules/standing.ts';

/** Colours of the site palette, dark enough for white text (contrast 4.5:1 or more). */
export const SITUATION_COLOURS: Record<SituationTone, string> = {
  a_jour: '#0b6e4f',
  rien_du: '#3d5a80',
  // Warm grey: a lapsed membership with no mission owes nothing, and is not « à jour » either.
  adhesion_echue: '#6b5d4f',
  attention: '#8a5a00',
  en_retard: '#b04a00',
  hors_cercle: '#a1261b',
};

export interface BadgeText {
  label: string;
  message: string;
  /** A CSS hex colour for the message side. */
  color: string;
}

/**
 * A flat shields-style SVG: two rectangles, two texts, a <title> and role="img" with
 * an aria-label ("label: message"), every text XML-escaped.
 */
export function badgeSvg({ label, message, color }: BadgeText): string {
  return makeBadge({ label, message, color, labelColor: '#555', style: 'flat' });
}

/**
 * What the badge of a provider reads: both facets (reciprocity, then membership), the
 * consequence when out of the circle, and the reference date, so that a badge copied
 * on another site says when it was true.
 */
export function situationBadge(situation: Situation): BadgeText {
  return {
    label: `Situation au ${frenchDate(situation.date)}`,
    message: situationInWords(situation),
    color: SITUATION_COLOURS[situationTone(situation)],
  };
}
