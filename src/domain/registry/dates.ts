// Calendar arithmetic on YYYY-MM-DD strings, in UTC, so that no time zone moves a day;
// « today » is a day of the registry's calendar (Europe/Paris), wherever the code runs.

// The situation of a provider is evaluated on every day it can change (its journal):
// the same few dates come back thousands of times, so their arithmetic is remembered.
const MEMO_LIMIT = 100_000;
const addDaysMemo = new Map<string, string>();

export function addDays(date: string, days: number): string {
  const key = `${date}${days}`;
  let result = addDaysMemo.get(key);
  if (result === undefined) {
    const d = new Date(`${date}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    result = d.toISOString().slice(0, 10);
    if (addDaysMemo.size >= MEMO_LIMIT) addDaysMemo.clear();
    addDaysMemo.set(key, result);
  }
  return result;
}

const daysBetweenMemo = new Map<string, number>();

export function daysBetween(from: string, to: string): number {
  const key = `${from}${to}`;
  let result = daysBetweenMemo.get(key);
  if (result === undefined) {
    result = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
    if (daysBetweenMemo.size >= MEMO_LIMIT) daysBetweenMemo.clear();
    daysBetweenMemo.set(key, result);
  }
  return result;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * How a person types a date, in a form, an issue or a terminal: the French day first,
 * JJ/MM/AAAA (also J/M/AAAA, and with « - » or « . » between the parts, the same both
 * times), or the registry's own AAAA-MM-JJ (also AAAA-M-J); spaces around and the quotes
 * a YAML hint may have suggested are ignored. Two-digit years are ambiguous: refused.
 */
const DAY_FIRST = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const YEAR_FIRST = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const QUOTED = /^(["'«\u201c])\s*(.*?)\s*(["'»\u201d])$/;

/**
 * What a typed date says: the day as the registry writes it (AAAA-MM-JJ), or why it is not
 * one, as a code of the catalogue: `date_format` when it is not written as a date,
 * `date_inexistante` when it is but the calendar has no such day (31/02/2026).
 */
export type TypedDate = { date: string } | { error: 'date_format' | 'date_inexistante' };

export function readTypedDate(typed: string): TypedDate {
  const text = typed.trim().replace(QUOTED, '$2');
  const dayFirst = DAY_FIRST.exec(text);
  const yearFirst = dayFirst ? null : YEAR_FIRST.exec(text);
  if (!dayFirst && !yearFirst) return { error: 'date_format' };
  const [year, month, day] = dayFirst ? [dayFirst[4], dayFirst[3], dayFirst[1]] : [yearFirst![1], yearFirst![2], yearFirst![3]];
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(date) ? { date } : { error: 'date_inexistante' };
}

/** "2026-11-20" -> "20/11/2026": a day as people type it, to prefill what they may change. */
export function numericFrenchDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** The day a typed date names (AAAA-MM-JJ), or undefined when it names none. */
export function typedDate(typed: string): string | undefined {
  const read = readTypedDate(typed);
  return 'date' in read ? read.date : undefined;
}

/**
 * The registry's calendar: the association's, in Hauts-de-France. A declaration written
 * at 00:30 in Lille is dated that day, by the /declarer/ form in the browser as by the
 * CLIs and CI (whose clock is UTC): the same day everywhere, so nothing is « in the
 * future » for an hour or two after midnight.
 */
export const REGISTRY_TIME_ZONE = 'Europe/Paris';

const DAY_IN_REGISTRY = new Intl.DateTimeFormat('en-CA', { timeZone: REGISTRY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day of an instant in the registry's calendar (YYYY-MM-DD). */
export function registryDay(instant: Date): string {
  const parts = Object.fromEntries(DAY_IN_REGISTRY.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today in the registry's calendar, for the tools that default the reference date to the run date. */
export function today(): string {
  return registryDay(new Date());
}

/** "2025-03-14" -> "14 mars 2025", for sentences. */
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const frenchDateMemo = new Map<string, string>();

export function frenchDate(date: string): string {
  let result = frenchDateMemo.get(date);
  if (result === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    result = `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
    if (frenchDateMemo.size >= MEMO_LIMIT) frenchDateMemo.clear();
    frenchDateMemo.set(date, result);
  }
  return result;
}

const WHOLE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * 1234.5 -> "1 234,50", 80 -> "80": an amount for sentences, with no decimals or two,
 * as the site writes euros (non-breaking spaces as French typography wants).
 */
export function frenchAmount(amount: number): string {
  const cents = Math.round(amount * 100);
  return (cents % 100 === 0 ? WHOLE : CENTS).format(cents / 100).replace(/[\u202f\u00a0]/g, '\u00a0');
}
