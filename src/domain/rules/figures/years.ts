// Money and hours added up by calendar year, for a provider's and a commons' charts over time.
import type { Declaration } from '../../../../schemas/declaration.ts';
import { yearOf } from '../../registry/dates.ts';
import { cents, moneyStateOn } from '../rules.ts';
import type { YearGiven } from './types.ts';

/**
 * Per year: money declared paid and promised, money the commons confirmed receiving,
 * in-kind hours declared and confirmed by the commons; `argent` tells a year with money apart from a year with hours only.
 */
export type YearTally = Map<number, { verse: number; confirme: number; promis: number; echu: number; heures: number; heures_confirmees: number; argent: boolean }>;

export const yearIn = (years: YearTally, date: string) => {
  const annee = yearOf(date);
  let y = years.get(annee);
  if (!y) years.set(annee, (y = { verse: 0, confirme: 0, promis: 0, echu: 0, heures: 0, heures_confirmees: 0, argent: false }));
  return y;
};

/** Paid, to come or « échue » on the reference date, as in declaredValue and the network's years (moneyStateOn). */
export function addMoney(years: YearTally, money: Declaration['contributions_argent'][number], date: string): void {
  const y = yearIn(years, money.date);
  y.argent = true;
  const state = moneyStateOn(money, date);
  if (state === 'verse') y.verse += money.montant_eur;
  else if (state === 'echu') y.echu += money.montant_eur;
  else y.promis += money.montant_eur;
}

export function addHours(years: YearTally, gift: Declaration['contributions_nature'][number]): void {
  yearIn(years, gift.date).heures += gift.heures;
}

export function yearsOf(years: YearTally): YearGiven[] {
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([annee, y]) => ({ annee, verse_eur: cents(y.verse), promis_eur: cents(y.promis), promesses_echues_eur: cents(y.echu), nature_heures: cents(y.heures) }));
}

/** What a set of declarations gave, year by year, oldest first. */
export function givenByYear(declarations: readonly Declaration[], date: string): YearGiven[] {
  const years: YearTally = new Map();
  for (const d of declarations) {
    for (const money of d.contributions_argent) addMoney(years, money, date);
    for (const gift of d.contributions_nature) addHours(years, gift);
  }
  return yearsOf(years);
}
