// The embeddable "Réciprocité" badge of a provider, in the shields.io style. Layout,
// text widths and XML escaping come from badge-maker, the shields.io library; this
// module only says what the badge reads and which colour each standing gets.
import { makeBadge } from 'badge-maker';
import type { Standing } from '../domain/rules.ts';
import { STANDING_LABELS } from '../domain/standing.ts';

export const BADGE_LABEL = 'Réciprocité';

/** Colours of the site palette, dark enough for white text (contrast 4.5:1 or more). */
export const STANDING_COLOURS: Record<Standing, string> = {
  a_jour: '#0b6e4f',
  a_declarer: '#8a5a00',
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

/** What the badge of a provider in this standing reads, and its colour. */
export function standingBadge(statut: Standing): BadgeText {
  return { label: BADGE_LABEL, message: STANDING_LABELS[statut], color: STANDING_COLOURS[statut] };
}
