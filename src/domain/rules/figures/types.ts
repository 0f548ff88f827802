// The shape of the figures document: what the site, the exports and the review read.
// Computed by computeFigures (../figures.ts), part by part (missions.ts, providers.ts,
// commons.ts, network.ts).
import type { Mission } from '../../../../schemas/mission.ts';
import type { DeclaredValue, MemberBudget, MissionBudget, MissingStatus, PortageCheck } from '../rules.ts';
import type { InKindConfirmation, PaymentConfirmation } from '../confirmations.ts';
import type { MembershipStatus, ReciprocityStatus, Situation, Verdict, VerdictKey } from '../standing.ts';

export interface MemberFigures extends MemberBudget {
  a_declare: boolean;
  /** Date of the declaration, when there is one: the day it was first made (lateness counts from it). */
  date_declaration: string | null;
  /** Day of its last change (modifiee_le), when it was amended. */
  date_modification: string | null;
  declare: DeclaredValue | null;
  /** For a finished mission without declaration: due, late or défaillant, with both deadlines. */
  echeance: { date: string; dernier_delai: string; statut: MissingStatus; regle: string } | null;
  /** A declaration made after its deadline keeps the trace of it. */
  tardive: { echeance: string; jours_de_retard: number; regle: string } | null;
  /** On a finished mission: expected − given when positive (a promise past its date does not count as given), else 0. */
  manque_eur: number | null;
  /** Where each line of the declaration's contributions_argent stands: promised, paid and confirmed by the commons, or not. */
  argent: PaymentConfirmation[];
  /** Open-licensed deliverables of the mission that are this member's own (deliverableAuthors). */
  livrables_ouverts: number;
  /** Money the commons confirmed receiving for this declaration (each receipt once). */
  confirme_eur: number;
  /** Where each line of the declaration's contributions_nature stands: confirmed by the commons, or not. */
  nature: InKindConfirmation[];
  /** In-kind hours the commons confirmed receiving for this declaration (each receipt once, at most as declared). */
  nature_confirmee_heures: number;
}

export interface MissionFigures {
  id: string;
  titre: string;
  statut: Mission['statut'];
  annee: number | null;
  regles: string | null;
  budget: MissionBudget | null;
  portage: PortageCheck | null;
  membres: MemberFigures[];
  reciprocite: {
    attendue_eur: number;
    declaree_eur: number;
    versee_eur: number;
    /** Of which the commons confirmed receiving. */
    confirmee_eur: number;
    promise_eur: number;
    promesses_echues_eur: number;
    nature_heures: number;
    /** Of which the commons confirmed receiving. */
    nature_confirmee_heures: number;
    nature_eur: number;
    part_reseau_attendue_eur: number;
    au_reseau_eur: number;
    regle: string | null;
  };
  declarants: string[];
  non_declarants: string[];
  /** The mission's open-licensed deliverables, whoever made them. */
  livrables_ouverts: number;
}

/**
 * What was given in one calendar year: money by the date it was paid or promised for,
 * hours by the date given. A promise past its date on the reference date is counted apart,
 * as « promesse échue », the same way as on the providers and the network's totals.
 */
export interface YearGiven {
  annee: number;
  verse_eur: number;
  /** Promised for a date still to come on the reference date. */
  promis_eur: number;
  /** Promised for a date already past, still unpaid on the reference date. */
  promesses_echues_eur: number;
  nature_heures: number;
}

/** What was given on a set of missions. */
export interface GivenFigures {
  reciprocite_declaree_eur: number;
  argent_verse_eur: number;
  /** Money the commons confirmed receiving (confirmations/<commun>.yaml). */
  argent_confirme_eur: number;
  argent_promis_eur: number;
  promesses_echues_eur: number;
  nature_heures: number;
  /** In-kind hours the commons confirmed receiving (the « nature » list of confirmations/<commun>.yaml). */
  nature_confirmee_heures: number;
  nature_eur: number;
}

export interface PrestataireFigures extends GivenFigures {
  id: string;
  nom: string;
  missions: string[];
  /** Finished on the reference date: the scope of every money figure below. */
  missions_terminees: number;
  /** Finished missions whose deadline has passed. */
  declarations_dues: number;
  /** Declarations made for those missions. */
  declarations_faites: number;
  /** declarations_faites / declarations_dues (4 decimals); null when nothing is due yet. */
  taux_declaration: number | null;
  /** Expected reciprocity over the finished missions, by the rules of each. */
  reciprocite_attendue_eur: number;
  /** Sum of the shortfalls, mission by mission (finished missions). */
  manque_eur: number;
  part_reseau_attendue_eur: number;
  au_reseau_eur: number;
  /** What was declared on missions not finished yet, shown apart. */
  en_cours: GivenFigures & { missions: number };
  /** Open-licensed deliverables of which this provider is an author (never the whole team's). */
  livrables_ouverts: number;
  communs_contribues: string[];
  situation: Situation;
  /** The one verdict (standing.ts verdictOf): what every page, badge, list, count and export shows. */
  verdict: Verdict;
  /** Everything this provider declared, year by year (finished missions or not): the chart over time. */
  par_annee: YearGiven[];
  /** The rules behind the expected reciprocity and the in-kind value of each mission counted. */
  regles: string[];
}

export interface CommunFigures {
  id: string;
  nom: string;
  accepte_argent: boolean;
  /** verse_eur and promis_eur by the year of the payment; confirme_eur by the year the commons received it. */
  argent_par_annee: Array<{ annee: number; verse_eur: number; confirme_eur: number; promis_eur: number; promesses_echues_eur: number }>;
  argent_verse_eur: number;
  /** What the commons confirmed receiving, beside what was declared paid. */
  argent_confirme_eur: number;
  /**
   * Lines declared « verse » to this commons: confirmed, confirmed in part (a receipt for less
   * than the lines it covers: each of them), not confirmed, and not confirmed past the delay.
   */
  versements: { confirmes: number; confirmes_en_partie: number; non_confirmes: number; attendus: number };
  /** Promised for a date still to come; a promise past its date counts in promesses_echues_eur. */
  argent_promis_eur: number;
  promesses_echues_eur: number;
  /**
   * Money and in-kind hours received, year by year (years with hours only included): the chart
   * over time; nature_confirmee_heures by the year the commons received them (as the network's years).
   */
  par_annee: Array<YearGiven & { nature_confirmee_heures: number }>;
  /** Number of in-kind contributions (each one is in the declarations). */
  nature_contributions: number;
  nature_heures: number;
  /** What the commons confirmed receiving, beside what was declared given. */
  nature_confirmee_heures: number;
  /** In-kind lines declared to this commons: confirmed, confirmed in part (fewer hours received than the lines the receipt covers), not confirmed. */
  contributions_nature: { confirmees: number; confirmees_en_partie: number; non_confirmees: number };
  missions: string[];
  contributeurs: string[];
}

export interface Flow {
  prestataire: string;
  commun: string;
  verse_eur: number;
  promis_eur: number;
  nature_heures: number;
}

export interface YearFigures {
  annee: number;
  missions_commencees: number;
  budget_missions_eur: number;
  declarations: number;
  argent_verse_eur: number;
  /** Received that year, as the commons confirmed it. */
  argent_confirme_eur: number;
  argent_promis_eur: number;
  /** Promised for a date of that year already past, still unpaid on the reference date. */
  promesses_echues_eur: number;
  nature_heures: number;
  /** Hours received that year, as the commons confirmed them. */
  nature_confirmee_heures: number;
}

export interface Figures {
  date_reference: string;
  regles: Array<{ id: string; en_vigueur_depuis: string; resume: string; en_vigueur: boolean }>;
  missions: MissionFigures[];
  prestataires: PrestataireFigures[];
  communs: CommunFigures[];
  reseau: {
    par_annee: YearFigures[];
    appels_ouverts: string[];
    flux: Flow[];
    situations: { adhesion: Record<MembershipStatus, number>; reciprocite: Record<ReciprocityStatus, number>; hors_cercle: number; verdicts: Record<VerdictKey, number> };
    totaux: {
      prestataires: number;
      missions: number;
      communs: number;
      declarations: number;
      argent_verse_eur: number;
      argent_confirme_eur: number;
      argent_promis_eur: number;
      promesses_echues_eur: number;
      nature_heures: number;
      nature_confirmee_heures: number;
    };
  };
}
