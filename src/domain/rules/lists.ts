// The lists of the site, filtered and sorted without JavaScript: each filter and each
// sort is a page of its own (/prestataires/situation/en-retard/, /prestataires/tri/manque/,
// /missions/statut/terminee/, /missions/tri/budget/), paginated by 100. Filters and
// sorts do not combine, so that the number of pages stays bounded: at 10,000 providers,
// (1 + 4 sorts) × 100 pages + the filters, which split the list (about 100 pages more).
// Also what the home page says first: who plays the game on the reference date, the
// late named with their reason (Simon Sarazin, 14 Feb 2024: « on fait du suivi sérieux »).
import type { Mission } from '../../../schemas/mission.ts';
import type { Figures, MissionFigures, PrestataireFigures } from './figures.ts';
import { midSentence } from '../registry/french.ts';
import { byText } from '../registry/order.ts';
import { ruleId, type RuleKey } from './rules.ts';
import { MEMBERSHIP_LABELS, VERDICT_LABELS, VERDICT_TONES, type MembershipStatus, type SituationTone, type VerdictKey } from './standing.ts';

/** A filter of the providers' list: one verdict (standing.ts), so that the filters' counts add up to the providers. */
export interface ProviderFilter {
  /** In the address: /prestataires/situation/<slug>/. */
  slug: string;
  /** « déclaration en retard », « hors du cercle : déclaration manquante ». */
  libelle: string;
  /** The verdict it keeps, and its colour (the pills' and the badges'). */
  cle: VerdictKey;
  ton: SituationTone;
  matches: (p: PrestataireFigures) => boolean;
}

const SLUGS: Record<VerdictKey, string> = {
  a_jour: 'a-jour',
  adhesion_echue: 'adhesion-echue-sans-mission',
  a_declarer: 'a-declarer',
  adhesion_a_prendre: 'adhesion-a-prendre',
  en_retard: 'en-retard',
  hors_cercle_adhesion: 'hors-du-cercle-adhesion',
  defaillant: 'defaillant',
  rien_du: 'rien-a-declarer',
};

/** Worst last, as the home page reads them: up to date first; one filter per verdict, each provider in exactly one. */
export const PROVIDER_FILTERS: readonly ProviderFilter[] = (['a_jour', 'adhesion_echue', 'a_declarer', 'adhesion_a_prendre', 'en_retard', 'hors_cercle_adhesion', 'defaillant', 'rien_du'] as const).map(
  (cle) => ({ slug: SLUGS[cle], libelle: VERDICT_LABELS[cle], cle, ton: VERDICT_TONES[cle], matches: (p: PrestataireFigures) => p.verdict.cle === cle }),
);

/** A sort of a list: the default order (by name, by status) has no page of its own. */
export interface ListSort<T> {
  slug: string;
  /** « manque »: the link's text. */
  libelle: string;
  /** « le plus grand manque d’abord »: the order, in words, for the page's title. */
  ordre: string;
  compare: (a: T, b: T) => number;
}

const collator = new Intl.Collator('fr');
const byName = (a: PrestataireFigures, b: PrestataireFigures) => collator.compare(a.nom, b.nom) || byText(a.id, b.id);
const descending = (key: (p: PrestataireFigures) => number) => (a: PrestataireFigures, b: PrestataireFigures) => key(b) - key(a) || byName(a, b);

/** The providers' list, by name: the default page /prestataires/ and every filtered page. */
export const providersByName = (prestataires: readonly PrestataireFigures[]): PrestataireFigures[] => [...prestataires].sort(byName);

export const PROVIDER_SORTS: readonly ListSort<PrestataireFigures>[] = [
  { slug: 'attendu', libelle: 'attendu', ordre: 'le plus grand attendu d’abord', compare: descending((p) => p.reciprocite_attendue_eur) },
  { slug: 'declare', libelle: 'déclaré', ordre: 'le plus grand déclaré d’abord', compare: descending((p) => p.reciprocite_declaree_eur) },
  { slug: 'manque', libelle: 'manque', ordre: 'le plus grand manque d’abord', compare: descending((p) => p.manque_eur) },
  {
    slug: 'taux',
    libelle: 'taux de déclaration',
    ordre: 'le plus bas taux de déclaration d’abord',
    // The lowest rate first (those who declare least); nothing due yet comes last.
    compare: (a, b) => (a.taux_declaration ?? 2) - (b.taux_declaration ?? 2) || byName(a, b),
  },
];

/** The providers a filter keeps, by name. */
export function filteredProviders(prestataires: readonly PrestataireFigures[], filter: ProviderFilter): PrestataireFigures[] {
  return providersByName(prestataires.filter(filter.matches));
}

/** The providers in a sort's order. */
export function sortedProviders(prestataires: readonly PrestataireFigures[], sort: ListSort<PrestataireFigures>): PrestataireFigures[] {
  return [...prestataires].sort(sort.compare);
}

/** One row of the missions' lists: the mission file and its figures. */
export interface MissionRow {
  mission: Mission;
  figures: MissionFigures;
}

/** The statuses in the lifecycle's order (calls first), their addresses and their names in the plural. */
export const MISSION_STATUSES: ReadonlyArray<{ statut: Mission['statut']; slug: string; libelle: string }> = [
  { statut: 'appel', slug: 'appel', libelle: 'appels ouverts' },
  { statut: 'attribuee', slug: 'attribuee', libelle: 'attribuées' },
  { statut: 'en_cours', slug: 'en-cours', libelle: 'en cours' },
  { statut: 'terminee', slug: 'terminee', libelle: 'terminées' },
  { statut: 'abandonnee', slug: 'abandonnee', libelle: 'abandonnées' },
];

const when = (m: Mission) => m.debut ?? m.date_appel ?? '';
const newestFirst = (a: MissionRow, b: MissionRow) => byText(when(b.mission), when(a.mission)) || byText(a.mission.id, b.mission.id);
const statusIndex = (m: Mission) => MISSION_STATUSES.findIndex((s) => s.statut === m.statut);

/** The default order of /missions/: by status (calls first), then the most recent first. */
export const missionsByStatus = (rows: readonly MissionRow[]): MissionRow[] =>
  [...rows].sort((a, b) => statusIndex(a.mission) - statusIndex(b.mission) || newestFirst(a, b));

export const MISSION_SORTS: readonly ListSort<MissionRow>[] = [
  { slug: 'date', libelle: 'date', ordre: 'les plus récentes d’abord', compare: newestFirst },
  { slug: 'budget', libelle: 'budget', ordre: 'le plus gros budget d’abord', compare: (a, b) => b.mission.budget_eur - a.mission.budget_eur || newestFirst(a, b) },
];

export const missionsWithStatus = (rows: readonly MissionRow[], statut: Mission['statut']): MissionRow[] =>
  [...rows].filter((r) => r.mission.statut === statut).sort(newestFirst);

export const sortedMissions = (rows: readonly MissionRow[], sort: ListSort<MissionRow>): MissionRow[] => [...rows].sort(sort.compare);

/** A provider named on the home page: late, défaillant or out of the circle, and why. */
export interface LateProvider {
  id: string;
  nom: string;
  /** « défaillant », « en retard », « hors du cercle »: the worst facet first. */
  situation: string;
  /** The first reason, with its dates, as the provider's page gives it. */
  raison: string;
  /** The sentence shown after the name: the reason, which names a reciprocity status itself; « Hors du cercle : … » otherwise. */
  texte: string;
  /** The rule behind that reason. */
  regle: string | null;
}

export interface StandingsOverview {
  date: string;
  /** Each filter of the providers' list and how many providers it keeps. */
  comptes: Array<{ filtre: ProviderFilter; nombre: number }>;
  adhesion: Array<{ libelle: string; nombre: number }>;
  /** The late, worst first then by name, at most `limit` of them. */
  retard: LateProvider[];
  /** How many late there are in all (more than retard.length when cut). */
  retard_total: number;
  /** The rules in force on the date that judge a standing. */
  regles: Record<'reciprocite' | 'delais' | 'adhesion' | 'cercle', string | null>;
}

/**
 * Who plays the game on the reference date: the count for each filter of the list (so
 * that a count and its page always agree), the membership counts, and the late named
 * with their first reason, worst first: défaillant, then en retard, then out of the
 * circle for membership alone.
 */
export function standingsOverview(figures: Figures, limit: number): StandingsOverview {
  const { prestataires } = figures;
  const order: VerdictKey[] = ['defaillant', 'hors_cercle_adhesion', 'en_retard'];
  const rank = (p: PrestataireFigures) => (order.includes(p.verdict.cle) ? order.indexOf(p.verdict.cle) : order.length);
  const late = providersByName(prestataires)
    .filter((p) => rank(p) < order.length)
    .sort((a, b) => rank(a) - rank(b));
  return {
    date: figures.date_reference,
    comptes: PROVIDER_FILTERS.map((filtre) => ({ filtre, nombre: prestataires.filter(filtre.matches).length })),
    adhesion: (Object.keys(MEMBERSHIP_LABELS) as MembershipStatus[]).map((k) => ({ libelle: MEMBERSHIP_LABELS[k], nombre: figures.reseau.situations.adhesion[k] })),
    retard: late.slice(0, limit).map((p) => ({
      id: p.id,
      nom: p.nom,
      situation: p.verdict.libelle,
      raison: p.verdict.texte,
      // A declarations reason names its status already; a membership one is introduced by the verdict.
      texte: p.verdict.cle === 'hors_cercle_adhesion' ? `Hors du cercle : ${midSentence(p.verdict.texte)}` : p.verdict.texte,
      regle: p.verdict.regle,
    })),
    retard_total: late.length,
    regles: standingRules(figures),
  };
}

/** The sections of the rules in force on the reference date that judge a standing (null without rules). */
export function standingRules(figures: Figures): StandingsOverview['regles'] {
  const inForce = figures.regles.find((r) => r.en_vigueur);
  const rule = (key: RuleKey) => (inForce ? ruleId(inForce, key) : null);
  return { reciprocite: rule('reciprocite'), delais: rule('delais'), adhesion: rule('adhesion'), cercle: rule('cercle') };
}
