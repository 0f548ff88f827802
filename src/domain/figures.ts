// Every derived figure, computed once from the registry and a reference date. The
// site and the exports render this document; nothing downstream recomputes a figure.
import type { Commun } from '../../schemas/commun.ts';
import { byText } from './order.ts';
import type { Mission } from '../../schemas/mission.ts';
import { OPEN_LICENCE } from '../../schemas/shared.ts';
import { yearOf } from './dates.ts';
import type { Registry } from './registry.ts';
import {
  cents,
  declaredValue,
  dueDeclaration,
  isMemberOn,
  missionBudget,
  missionReferenceDate,
  portageCheck,
  ruleId,
  rulesOn,
  type DeclaredValue,
  type MemberBudget,
  type MissionBudget,
  type PortageCheck,
  type Standing,
} from './rules.ts';
import { declaredBy, missionsOf, standingOn, type StandingReport } from './standing.ts';

export interface MemberFigures extends MemberBudget {
  a_declare: boolean;
  declare: DeclaredValue | null;
  /** For a finished mission without declaration: due, late or out of the circle. */
  echeance: { date: string; statut: Exclude<Standing, 'a_jour'>; regle: string } | null;
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
  reciprocite: { attendue_eur: number; declaree_eur: number; versee_eur: number; promise_eur: number; nature_heures: number; nature_eur: number; regle: string | null };
  declarants: string[];
  non_declarants: string[];
  livrables_ouverts: number;
}

export interface PrestataireFigures {
  id: string;
  nom: string;
  missions: string[];
  missions_terminees: number;
  declarations_dues: number;
  declarations_faites: number;
  /** Declarations made for finished missions / finished missions; null without any. */
  taux_declaration: number | null;
  argent_verse_eur: number;
  argent_promis_eur: number;
  /** Expected reciprocity over the finished missions, by the rules of each. */
  reciprocite_attendue_eur: number;
  reciprocite_declaree_eur: number;
  nature_heures: number;
  nature_eur: number;
  livrables_ouverts: number;
  communs_contribues: string[];
  adhesion: { a_jour: boolean; jusqu_au: string | null; tarif: string | null };
  situation: StandingReport;
  /** The rules behind the expected reciprocity and the in-kind value of each mission counted. */
  regles: string[];
}

export interface CommunFigures {
  id: string;
  nom: string;
  accepte_argent: boolean;
  argent_par_annee: Array<{ annee: number; verse_eur: number; promis_eur: number }>;
  argent_verse_eur: number;
  argent_promis_eur: number;
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
  argent_promis_eur: number;
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
    situations: Record<Standing, number>;
    totaux: { prestataires: number; missions: number; communs: number; declarations: number; argent_verse_eur: number; argent_promis_eur: number; nature_heures: number };
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

  const missions: MissionFigures[] = [...registry.missions.values()].map(({ data: mission }) => {
    const reference = missionReferenceDate(mission);
    const regles = reference ? rulesOn(reglesData, reference) : inForce;
    const budget = regles ? missionBudget(mission, regles) : null;
    const membres: MemberFigures[] = mission.equipe.map((m, i) => {
      const declaration = declarationOf.get(`${m.prestataire}/${mission.id}`);
      const due = !declaration && regles ? dueDeclaration(mission, regles, date) : null;
      return {
        prestataire: m.prestataire,
        role: m.role,
        jours: m.jours,
        montant_eur: budget?.membres[i].montant_eur ?? 0,
        part_solidarite_eur: budget?.membres[i].part_solidarite_eur ?? 0,
        reciprocite_attendue_eur: budget?.membres[i].reciprocite_attendue_eur ?? 0,
        a_declare: Boolean(declaration),
        declare: declaration && regles ? declaredValue(declaration, regles) : null,
        echeance: due ? { date: due.echeance, statut: due.statut, regle: due.regle } : null,
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
        promise_eur: sum((d) => d.promis_eur),
        nature_heures: sum((d) => d.nature_heures),
        nature_eur: sum((d) => d.nature_eur),
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

  const prestataires: PrestataireFigures[] = [...registry.prestataires.values()].map(({ data: p }) => {
    const own = missionsOf(registry, p.id).map((m) => missionFigures.get(m.id)!);
    const finished = own.filter((m) => {
      const mission = registry.missions.get(m.id)!.data;
      return mission.statut === 'terminee' && mission.fin !== undefined && mission.fin <= date;
    });
    const mine = (m: MissionFigures) => m.membres.find((x) => x.prestataire === p.id)!;
    const given = declarationsBy.get(p.id) ?? [];
    const declaredValues = own.map((m) => mine(m).declare).filter((d): d is DeclaredValue => d !== null);
    const sum = (pick: (d: DeclaredValue) => number) => cents(declaredValues.reduce((s, d) => s + pick(d), 0));
    const communs = new Set([...given.flatMap((d) => d.contributions_argent.map((c) => c.commun)), ...given.flatMap((d) => d.contributions_nature.map((c) => c.commun))]);
    const current = p.adhesions.filter((a) => a.du <= date && date <= a.au).sort((a, b) => b.au.localeCompare(a.au))[0];
    const doneForFinished = finished.filter((m) => declared.has(`${p.id}/${m.id}`)).length;
    return {
      id: p.id,
      nom: p.nom,
      missions: own.map((m) => m.id),
      missions_terminees: finished.length,
      declarations_dues: finished.length,
      declarations_faites: doneForFinished,
      taux_declaration: finished.length > 0 ? cents(doneForFinished / finished.length) : null,
      argent_verse_eur: sum((d) => d.verse_eur),
      argent_promis_eur: sum((d) => d.promis_eur),
      reciprocite_attendue_eur: cents(finished.reduce((s, m) => s + mine(m).reciprocite_attendue_eur, 0)),
      reciprocite_declaree_eur: sum((d) => d.total_eur),
      nature_heures: sum((d) => d.nature_heures),
      nature_eur: sum((d) => d.nature_eur),
      livrables_ouverts: own.reduce((s, m) => s + m.livrables_ouverts, 0),
      communs_contribues: [...communs].sort(),
      adhesion: { a_jour: isMemberOn(p, date), jusqu_au: current?.au ?? null, tarif: current?.tarif ?? null },
      situation: standingOn(p, registry, date, declared),
      regles: [...new Set(own.flatMap((m) => (m.regles ? [`${m.regles}#reciprocite`] : [])))].sort(),
    };
  });
  prestataires.sort(byId);

  // One pass over the declarations, bucketed by commons.
  interface Bucket { years: Map<number, { verse: number; promis: number }>; nature: number; heures: number; contributors: Set<string>; usedBy: Set<string> }
  const buckets = new Map<string, Bucket>();
  const bucket = (id: string) => {
    let b = buckets.get(id);
    if (!b) buckets.set(id, (b = { years: new Map(), nature: 0, heures: 0, contributors: new Set(), usedBy: new Set() }));
    return b;
  };
  for (const d of declarations) {
    for (const u of d.communs_utilises) bucket(u.commun).usedBy.add(d.mission);
    for (const money of d.contributions_argent) {
      const b = bucket(money.commun);
      b.contributors.add(d.prestataire);
      const year = b.years.get(yearOf(money.date)) ?? { verse: 0, promis: 0 };
      if (money.statut === 'verse') year.verse += money.montant_eur;
      else year.promis += money.montant_eur;
      b.years.set(yearOf(money.date), year);
    }
    for (const gift of d.contributions_nature) {
      const b = bucket(gift.commun);
      b.contributors.add(d.prestataire);
      b.nature++;
      b.heures += gift.heures;
    }
  }
  const communs: CommunFigures[] = [...registry.communs.values()].map(({ data: c }: { data: Commun }) => {
    const { years, nature, heures, contributors, usedBy } = bucket(c.id);
    const perYear = [...years.entries()].sort(([a], [b]) => a - b).map(([annee, y]) => ({ annee, verse_eur: cents(y.verse), promis_eur: cents(y.promis) }));
    return {
      id: c.id,
      nom: c.nom,
      accepte_argent: c.contribution_argent.accepte,
      argent_par_annee: perYear,
      argent_verse_eur: cents(perYear.reduce((s, y) => s + y.verse_eur, 0)),
      argent_promis_eur: cents(perYear.reduce((s, y) => s + y.promis_eur, 0)),
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
    if (!years.has(annee)) years.set(annee, { annee, missions_commencees: 0, budget_missions_eur: 0, declarations: 0, argent_verse_eur: 0, argent_promis_eur: 0, nature_heures: 0 });
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
  const situations: Record<Standing, number> = { a_jour: 0, a_declarer: 0, en_retard: 0, hors_cercle: 0 };
  for (const p of prestataires) situations[p.situation.statut]++;
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
        argent_promis_eur: cents(perYear.reduce((s, y) => s + y.argent_promis_eur, 0)),
        nature_heures: cents(perYear.reduce((s, y) => s + y.nature_heures, 0)),
      },
    },
  };
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
