// How numbers read in French, for every sentence the project writes (pages, « Comment
// c'est calculé », CLI messages): euros with no decimals or two, never one ("1 987,50 €",
// "80 €"), real plurals (never « (s) »), no-break spaces as French typography wants.
import type { Adhesion } from '../../../schemas/prestataire.ts';

/** The membership rates in words, for messages and pages. */
export const ADHESION_TARIF_LABELS: Record<Adhesion['tarif'], string> = {
  acteur_economique: 'acteur économique',
  structure: 'structure',
  individuel: 'individuel',
};

const EUROS_WHOLE = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const EUROS_CENTS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

const eurosCache = new Map<number, string>();
/**
 * Euros as a French reader expects them: no decimals for a whole amount, two
 * otherwise ("1 987,50 €", never "1 987,5 €"), with no-break spaces.
 * Memoised: a big site formats the same amounts often.
 */
export const euros = (n: number): string => {
  let text = eurosCache.get(n);
  if (text === undefined) {
    const cents = Math.round(n * 100);
    text = (cents % 100 === 0 ? EUROS_WHOLE : EUROS_CENTS).format(cents / 100).replace(/\u202f/g, '\u00a0');
    if (eurosCache.size < 100_000) eurosCache.set(n, text);
  }
  return text;
};

export const number = (n: number): string => NUMBER.format(n).replace(/\u202f/g, '\u00a0');

const PLURAL = new Intl.PluralRules('fr-FR');
/** "0 mission", "1 mission", "3 missions": French plural rules (0 and 1 are singular). */
export const count = (n: number, singular: string, plural = `${singular}s`): string =>
  `${number(n)}\u00a0${PLURAL.select(n) === 'one' ? singular : plural}`;

export const hours = (n: number): string => `${number(n)}\u00a0h`;

/** A sentence used after a colon, mid-sentence: « Hors du cercle : adhésion échue… ». */
export const midSentence = (text: string): string => text.charAt(0).toLocaleLowerCase('fr') + text.slice(1);
