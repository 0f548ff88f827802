// Every derived figure, computed once from the registry and a reference date. The
// site and the exports render this document; nothing downstream recomputes a figure.
import type { Commun } from '../../../schemas/commun.ts';
import type { Declaration } from '../../../schemas/declaration.ts';
import { byText } from '../registry/order.ts';
import type { Mission } from '../../../schemas/mission.ts';
import { OPEN_LICENCE } from '../../../schemas/shared.ts';
import { yearOf } from '../registry/dates.ts';
import type { Registry } from '../registry/registry.ts';
import {
  cents,
  deadlinesOf,
  declaredValue,
  dueDeclaration,
  missionBudget,
  missionReferenceDate,
  portageCheck,
  ruleId,
  rulesOn,
  type DeclaredValue,
  type MemberBudget,
  type MissionBudget,
  type MissingStatus,
  type PortageCheck,
} from './rules.ts';
import { daysBetween } from '../registry/dates.ts';
import { confirmationsOn, type PaymentConfirmation } from './confirmations.ts';
import {
  declaredBy,
  missionsOf,
  situationOn,
  type MembershipStatus,
  type ReciprocityStatus,
  type Situation,
} from './standing.ts';

export interface MemberFigures extends MemberBudget {
  a_declare: boolean;
  /** Date of the declaration, when there is one. */
  date_declaration: string | null;
  declare: DeclaredValue | null;
  /** For a finished mission without declaration: due, late or défaillant, with both deadlines. */
  echeance: { date: string; dernier_delai: string; statut: MissingStatus; regle: string } | null;
  /** A declaration made after its deadline keeps the trace of it. */
  tardive: { echeance: string; jours_de_retard: number; regle: string } | null;
  /** On a finished mission: expected − given when positive (a promise past its date does not count as given), else 0. */
  manque_eur: number | null;
  /** Where each line of the declaration's contributions_argent stands: promised, paid and confirmed by the commons, or not. */
  argent: PaymentConfirmation[];
  /** Money the commons confirmed receiving for this declaration (each receipt once). */
  confirme_eur: number;
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
    nature_eur: number;
    part_reseau_attendue_eur: number;
    au_reseau_eur: number;
    regle: string | null;
  };
  declarants: string[];
  non_declarants: string[];
  livrables_ouverts: number;
}

/**
 * What was given in one calendar year: money by the date it was paid or promised for
 * (a promise past its date stays « promis »: it was never paid), hours by the date given.
 */
export interface YearGiven {
  annee: number;
  verse_eur: number;
  promis_eur: number;
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
  livrables_ouverts: number;
  communs_contribues: string[];
  situation: Situation;
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
  argent_par_annee: Array<{ annee: number; verse_eur: number; confirme_eur: number; promis_eur: number }>;
  argent_verse_eur: number;
  /** What the commons confirmed receiving, beside what was declared paid. */
  argent_confirme_eur: number;
  /** Lines declared « verse » to this commons: confirmed, not confirmed, and not confirmed past the delay. */
  versements: { confirmes: number; non_confirmes: number; attendus: number };
  argent_promis_eur: number;
  /** Money and in-kind hours received, year by year (years with hours only included): the chart over time. */
  par_annee: YearGiven[];
  /** Number of in-kind contributions (each one is in the declarations). */
  nature_contributions: number;
  nature_heures: number;
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
    situations: { adhesion: Record<MembershipStatus, number>; reciprocite: Record<ReciprocityStatus, number>; hors_cercle: number };
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
    };
  };
}

const byId = <T extends { id: string }>(a: T, b: T) => byText(a.id, b.id);

export function computeFigures(registry: Registry, date: string): Figures {
  const reglesData = registry.regles.map((r) => r.data);
  const inForce = rulesOn(reglesData, date);
  const declared = declaredBy(registry, date);
  // Only what was declared on or before the reference date counts: moving the date
  // back shows the registry as it stood then.
  const declarations = registry.declarations.map((d) => d.data).filter((d) => d.date <= date);
  const declarationOf = new Map(declarations.map((d) => [`${d.prestataire}/${d.mission}`, d]));
  const { etats, recus } = confirmationsOn(registry, date);
  const receivedFor = new Map<string, number>();
  for (const r of recus) receivedFor.set(`${r.prestataire}/${r.mission}`, (receivedFor.get(`${r.prestataire}/${r.mission}`) ?? 0) + r.montant_eur);

  const missions: MissionFigures[] = [...registry.missions.values()].map(({ data: mission }) => {
    const reference = missionReferenceDate(mission);
    const regles = reference ? rulesOn(reglesData, reference) : inForce;
    const budget = regles ? missionBudget(mission, regles) : null;
    const deadlines = regles ? deadlinesOf(mission, regles, date) : null;
    const membres: MemberFigures[] = mission.equipe.map((m, i) => {
      const declaration = declarationOf.get(`${m.prestataire}/${mission.id}`);
      const due = !declaration && regles ? dueDeclaration(mission, regles, date) : null;
      const declare = declaration && regles ? declaredValue(declaration, regles, date) : null;
      const expected = budget?.membres[i].reciprocite_attendue_eur ?? 0;
      const late = declaration && deadlines && declaration.date > deadlines.echeance;
      return {
        prestataire: m.prestataire,
        role: m.role,
        jours: m.jours,
        montant_eur: budget?.membres[i].montant_eur ?? 0,
        part_solidarite_eur: budget?.membres[i].part_solidarite_eur ?? 0,
        reciprocite_attendue_eur: expected,
        part_reseau_attendue_eur: budget?.membres[i].part_reseau_attendue_eur ?? 0,
        a_declare: Boolean(declaration),
        date_declaration: declaration?.date ?? null,
        declare,
        echeance: due ? { date: due.echeance, dernier_delai: due.dernier_delai, statut: due.statut, regle: due.regle } : null,
        tardive: late ? { echeance: deadlines.echeance, jours_de_retard: daysBetween(deadlines.echeance, declaration.date), regle: ruleId(regles!, 'delais') } : null,
        manque_eur: deadlines ? cents(Math.max(0, expected - (declare?.total_eur ?? 0))) : null,
        argent: etats.get(`${m.prestataire}/${mission.id}`) ?? [],
        confirme_eur: declaration ? cents(receivedFor.get(`${m.prestataire}/${mission.id}`) ?? 0) : 0,
      };
    });
    const sum = (pick: (d: DeclaredValue) => number) => cents(membres.reduce((s, m) => s + (m.declare ? pick(m.declare) : 0), 0));
    return {
      id: mission.id,
      titre: mission.titre,
      statut: mission.statut,
      annee: reference ? yearOf(reference) : null,
      regles: regles?.en_vigueur_depuis ?? null,
      budget,
      portage: regles ? portageCheck(mission, regles) : null,
      membres,
      reciprocite: {
        attendue_eur: budget?.reciprocite_attendue_eur ?? 0,
        declaree_eur: sum((d) => d.total_eur),
        versee_eur: sum((d) => d.verse_eur),
        confirmee_eur: cents(membres.reduce((s, m) => s + m.confirme_eur, 0)),
        promise_eur: sum((d) => d.promis_eur),
        promesses_echues_eur: sum((d) => d.promesse_echue_eur),
        nature_heures: sum((d) => d.nature_heures),
        nature_eur: sum((d) => d.nature_eur),
        part_reseau_attendue_eur: budget?.part_reseau_attendue_eur ?? 0,
        au_reseau_eur: sum((d) => d.au_reseau_eur),
        regle: regles ? ruleId(regles, 'reciprocite') : null,
      },
      declarants: membres.filter((m) => m.a_declare).map((m) => m.prestataire),
      non_declarants: membres.filter((m) => !m.a_declare).map((m) => m.prestataire),
      livrables_ouverts: mission.livrables.filter((l) => OPEN_LICENCE.test(l.licence)).length,
    };
  });
  missions.sort(byId);
  const missionFigures = new Map(missions.map((m) => [m.id, m]));
  const declarationsBy = new Map<string, typeof declarations>();
  for (const d of declarations) {
    const list = declarationsBy.get(d.prestataire);
    if (list) list.push(d);
    else declarationsBy.set(d.prestataire, [d]);
  }

  const given = (members: MemberFigures[]): GivenFigures => {
    const values = members.map((m) => m.declare).filter((d): d is DeclaredValue => d !== null);
    const sum = (pick: (d: DeclaredValue) => number) => cents(values.reduce((s, d) => s + pick(d), 0));
    return {
      reciprocite_declaree_eur: sum((d) => d.total_eur),
      argent_verse_eur: sum((d) => d.verse_eur),
      argent_confirme_eur: cents(members.reduce((s, m) => s + m.confirme_eur, 0)),
      argent_promis_eur: sum((d) => d.promis_eur),
      promesses_echues_eur: sum((d) => d.promesse_echue_eur),
      nature_heures: sum((d) => d.nature_heures),
      nature_eur: sum((d) => d.nature_eur),
    };
  };
  const prestataires: PrestataireFigures[] = [...registry.prestataires.values()].map(({ data: p }) => {
    const own = missionsOf(registry, p.id).map((m) => missionFigures.get(m.id)!);
    const mine = (m: MissionFigures) => m.membres.find((x) => x.prestataire === p.id)!;
    // The same scope on both sides: what is expected and what was given, on the missions finished on the date.
    const isFinished = (m: MissionFigures) => mine(m).manque_eur !== null;
    const finished = own.filter(isFinished);
    const ongoing = own.filter((m) => !isFinished(m));
    const values = (list: MissionFigures[]) => list.map(mine);
    const sum = (list: MissionFigures[], pick: (m: MemberFigures) => number) => cents(list.reduce((s, m) => s + pick(mine(m)), 0));
    const mineGiven = declarationsBy.get(p.id) ?? [];
    const communs = new Set([...mineGiven.flatMap((d) => d.contributions_argent.map((c) => c.commun)), ...mineGiven.flatMap((d) => d.contributions_nature.map((c) => c.commun))]);
    const situation = situationOn(p, registry, date, declared);
    const dueIds = new Set(situation.reciprocite.dues);
    const doneForDue = [...dueIds].filter((id) => declared.has(`${p.id}/${id}`)).length;
    return {
      id: p.id,
      nom: p.nom,
      missions: own.map((m) => m.id),
      missions_terminees: finished.length,
      declarations_dues: dueIds.size,
      declarations_faites: doneForDue,
      taux_declaration: dueIds.size > 0 ? Math.round((doneForDue / dueIds.size) * 10_000) / 10_000 : null,
      reciprocite_attendue_eur: sum(finished, (x) => x.reciprocite_attendue_eur),
      ...given(values(finished)),
      manque_eur: sum(finished, (x) => x.manque_eur ?? 0),
      part_reseau_attendue_eur: sum(finished, (x) => x.part_reseau_attendue_eur),
      au_reseau_eur: sum(finished, (x) => x.declare?.au_reseau_eur ?? 0),
      en_cours: { missions: ongoing.length, ...given(values(ongoing)) },
      livrables_ouverts: own.reduce((s, m) => s + m.livrables_ouverts, 0),
      communs_contribues: [...communs].sort(),
      situation,
      par_annee: givenByYear(mineGiven),
      regles: [...new Set(own.flatMap((m) => (m.regles ? [`${m.regles}#reciprocite`] : [])))].sort(),
    };
  });
  prestataires.sort(byId);

  // One pass over the declarations, bucketed by commons.
  interface Bucket {
    years: YearTally;
    nature: number;
    heures: number;
    contributors: Set<string>;
    usedBy: Set<string>;
    versements: CommunFigures['versements'];
  }
  const buckets = new Map<string, Bucket>();
  const bucket = (id: string) => {
    let b = buckets.get(id);
    if (!b) buckets.set(id, (b = { years: new Map(), nature: 0, heures: 0, contributors: new Set(), usedBy: new Set(), versements: { confirmes: 0, non_confirmes: 0, attendus: 0 } }));
    return b;
  };
  for (const d of declarations) {
    for (const u of d.communs_utilises) bucket(u.commun).usedBy.add(d.mission);
    const states = etats.get(`${d.prestataire}/${d.mission}`) ?? [];
    d.contributions_argent.forEach((money, j) => {
      const b = bucket(money.commun);
      b.contributors.add(d.prestataire);
      addMoney(b.years, money);
      const state = states[j];
      if (state?.etat === 'confirme') b.versements.confirmes++;
      else if (state?.etat === 'non_confirme') {
        b.versements.non_confirmes++;
        if (state.attendue) b.versements.attendus++;
      }
    });
    for (const gift of d.contributions_nature) {
      const b = bucket(gift.commun);
      b.contributors.add(d.prestataire);
      b.nature++;
      b.heures += gift.heures;
      addHours(b.years, gift);
    }
  }
  // Receipts count in the year the commons received the money.
  for (const r of recus) {
    const year = yearIn(bucket(r.commun).years, r.date);
    year.confirme += r.montant_eur;
    year.argent = true;
  }
  const communs: CommunFigures[] = [...registry.communs.values()].map(({ data: c }: { data: Commun }) => {
    const { years, nature, heures, contributors, usedBy, versements } = bucket(c.id);
    const perYear = yearsOf(years);
    const money = perYear
      .filter((y) => years.get(y.annee)!.argent)
      .map(({ annee, verse_eur, promis_eur }) => ({ annee, verse_eur, confirme_eur: cents(years.get(annee)!.confirme), promis_eur }));
    return {
      id: c.id,
      nom: c.nom,
      accepte_argent: c.contribution_argent.accepte,
      argent_par_annee: money,
      argent_verse_eur: cents(money.reduce((s, y) => s + y.verse_eur, 0)),
      argent_confirme_eur: cents(money.reduce((s, y) => s + y.confirme_eur, 0)),
      versements,
      argent_promis_eur: cents(money.reduce((s, y) => s + y.promis_eur, 0)),
      par_annee: perYear,
      nature_contributions: nature,
      nature_heures: cents(heures),
      missions: [...usedBy].sort(),
      contributeurs: [...contributors].sort(),
    };
  });
  communs.sort(byId);

  const flows = new Map<string, Flow>();
  const years = new Map<number, YearFigures>();
  const yearEntry = (annee: number) => {
    if (!years.has(annee)) years.set(annee, { annee, missions_commencees: 0, budget_missions_eur: 0, declarations: 0, argent_verse_eur: 0, argent_confirme_eur: 0, argent_promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0 });
    return years.get(annee)!;
  };
  for (const { data: mission } of registry.missions.values()) {
    if (mission.debut && mission.debut <= date && mission.statut !== 'appel') {
      const y = yearEntry(yearOf(mission.debut));
      y.missions_commencees++;
      y.budget_missions_eur = cents(y.budget_missions_eur + mission.budget_eur);
    }
  }
  for (const d of declarations) {
    yearEntry(yearOf(d.date)).declarations++;
    const flow = (commun: string) => {
      const key = `${d.prestataire}→${commun}`;
      if (!flows.has(key)) flows.set(key, { prestataire: d.prestataire, commun, verse_eur: 0, promis_eur: 0, nature_heures: 0 });
      return flows.get(key)!;
    };
    for (const money of d.contributions_argent) {
      const y = yearEntry(yearOf(money.date));
      const f = flow(money.commun);
      if (money.statut === 'verse') {
        y.argent_verse_eur = cents(y.argent_verse_eur + money.montant_eur);
        f.verse_eur = cents(f.verse_eur + money.montant_eur);
      } else if (money.date < date) {
        y.promesses_echues_eur = cents(y.promesses_echues_eur + money.montant_eur);
      } else {
        y.argent_promis_eur = cents(y.argent_promis_eur + money.montant_eur);
        f.promis_eur = cents(f.promis_eur + money.montant_eur);
      }
    }
    for (const gift of d.contributions_nature) {
      const y = yearEntry(yearOf(gift.date));
      y.nature_heures = cents(y.nature_heures + gift.heures);
      const f = flow(gift.commun);
      f.nature_heures = cents(f.nature_heures + gift.heures);
    }
  }
  for (const r of recus) {
    const y = yearEntry(yearOf(r.date));
    y.argent_confirme_eur = cents(y.argent_confirme_eur + r.montant_eur);
  }
  const situations: Figures['reseau']['situations'] = {
    adhesion: { adherent: 0, adhesion_echue: 0, jamais_adherent: 0 },
    reciprocite: { rien_du: 0, a_jour: 0, a_declarer: 0, en_retard: 0, defaillant: 0 },
    hors_cercle: 0,
  };
  for (const { situation } of prestataires) {
    situations.adhesion[situation.adhesion.statut]++;
    situations.reciprocite[situation.reciprocite.statut]++;
    if (situation.cercle.hors_cercle) situations.hors_cercle++;
  }
  const perYear = [...years.values()].sort((a, b) => a.annee - b.annee);

  return {
    date_reference: date,
    regles: registry.regles.map(({ data: r }) => ({
      id: r.en_vigueur_depuis,
      en_vigueur_depuis: r.en_vigueur_depuis,
      resume: r.resume,
      en_vigueur: r.en_vigueur_depuis === inForce?.en_vigueur_depuis,
    })),
    missions,
    prestataires,
    communs,
    reseau: {
      par_annee: perYear,
      appels_ouverts: [...registry.missions.values()]
        .map((m) => m.data)
        .filter((m) => m.statut === 'appel' && (!m.date_limite_reponse || m.date_limite_reponse >= date))
        .sort((a, b) => (a.date_limite_reponse ?? '9999').localeCompare(b.date_limite_reponse ?? '9999'))
        .map((m) => m.id),
      flux: [...flows.values()].sort((a, b) => byText(a.prestataire, b.prestataire) || byText(a.commun, b.commun)),
      situations,
      totaux: {
        prestataires: prestataires.length,
        missions: missions.length,
        communs: communs.length,
        declarations: declarations.length,
        argent_verse_eur: cents(perYear.reduce((s, y) => s + y.argent_verse_eur, 0)),
        argent_confirme_eur: cents(perYear.reduce((s, y) => s + y.argent_confirme_eur, 0)),
        argent_promis_eur: cents(perYear.reduce((s, y) => s + y.argent_promis_eur, 0)),
        promesses_echues_eur: cents(perYear.reduce((s, y) => s + y.promesses_echues_eur, 0)),
        nature_heures: cents(perYear.reduce((s, y) => s + y.nature_heures, 0)),
      },
    },
  };
}

/** Sums by calendar year; `argent` tells a year with money apart from a year with hours only. */
/** Per year: money declared paid and promised, money the commons confirmed receiving, in-kind hours. */
type YearTally = Map<number, { verse: number; confirme: number; promis: number; heures: number; argent: boolean }>;

const yearIn = (years: YearTally, date: string) => {
  const annee = yearOf(date);
  let y = years.get(annee);
  if (!y) years.set(annee, (y = { verse: 0, confirme: 0, promis: 0, heures: 0, argent: false }));
  return y;
};

function addMoney(years: YearTally, money: Declaration['contributions_argent'][number]): void {
  const y = yearIn(years, money.date);
  y.argent = true;
  if (money.statut === 'verse') y.verse += money.montant_eur;
  else y.promis += money.montant_eur;
}

function addHours(years: YearTally, gift: Declaration['contributions_nature'][number]): void {
  yearIn(years, gift.date).heures += gift.heures;
}

function yearsOf(years: YearTally): YearGiven[] {
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([annee, y]) => ({ annee, verse_eur: cents(y.verse), promis_eur: cents(y.promis), nature_heures: cents(y.heures) }));
}

/** What a set of declarations gave, year by year, oldest first. */
function givenByYear(declarations: readonly Declaration[]): YearGiven[] {
  const years: YearTally = new Map();
  for (const d of declarations) {
    for (const money of d.contributions_argent) addMoney(years, money);
    for (const gift of d.contributions_nature) addHours(years, gift);
  }
  return yearsOf(years);
}

/** Looks a mission's figures up by id (for pages). */
export function indexById<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

export interface MainFlows {
  flows: Flow[];
  /** The providers left out, added up: null when none is. */
  autres: { prestataires: number; verse_eur: number; promis_eur: number; nature_heures: number } | null;
}

/**
 * The flows of the providers who paid the most, the others added up, so that a chart
 * stays readable when the network has thousands of providers.
 */
export function mainFlows(flux: Flow[], limit: number): MainFlows {
  const totals = new Map<string, number>();
  for (const f of flux) totals.set(f.prestataire, (totals.get(f.prestataire) ?? 0) + f.verse_eur);
  const kept = new Set([...totals.entries()].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).slice(0, limit).map(([id]) => id));
  const others = flux.filter((f) => !kept.has(f.prestataire));
  const left = new Set(others.map((f) => f.prestataire)).size;
  return {
    flows: flux.filter((f) => kept.has(f.prestataire)),
    autres:
      left === 0
        ? null
        : {
            prestataires: left,
            verse_eur: cents(others.reduce((s, f) => s + f.verse_eur, 0)),
            promis_eur: cents(others.reduce((s, f) => s + f.promis_eur, 0)),
            nature_heures: cents(others.reduce((s, f) => s + f.nature_heures, 0)),
          },
  };
}
