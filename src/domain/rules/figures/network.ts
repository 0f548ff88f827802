// For the network: totals by year, open calls, money flows from providers to commons,
// how many providers stand where, and the totals.
import { byText } from '../../registry/order.ts';
import { yearOf } from '../../registry/dates.ts';
import type { Registry } from '../../registry/registry.ts';
import { cents, moneyStateOn } from '../rules.ts';
import { VERDICTS, type VerdictKey } from '../standing.ts';
import type { FiguresBasis } from './basis.ts';
import type { CommunFigures, Figures, Flow, MissionFigures, PrestataireFigures, YearFigures } from './types.ts';

type Network = Figures['reseau'];

/** The network's figures, from the parts already computed (counted, never recomputed). */
export function networkFigures(
  basis: FiguresBasis,
  parts: { missions: readonly MissionFigures[]; prestataires: readonly PrestataireFigures[]; communs: readonly CommunFigures[] },
): Network {
  const perYear = yearFigures(basis);
  return {
    par_annee: perYear,
    appels_ouverts: openCalls(basis.registry, basis.date),
    flux: flowsOf(basis),
    situations: situationCounts(parts.prestataires),
    totaux: {
      prestataires: parts.prestataires.length,
      missions: parts.missions.length,
      communs: parts.communs.length,
      declarations: basis.declarations.length,
      argent_verse_eur: cents(perYear.reduce((s, y) => s + y.argent_verse_eur, 0)),
      argent_confirme_eur: cents(perYear.reduce((s, y) => s + y.argent_confirme_eur, 0)),
      argent_promis_eur: cents(perYear.reduce((s, y) => s + y.argent_promis_eur, 0)),
      promesses_echues_eur: cents(perYear.reduce((s, y) => s + y.promesses_echues_eur, 0)),
      nature_heures: cents(perYear.reduce((s, y) => s + y.nature_heures, 0)),
      nature_confirmee_heures: cents(perYear.reduce((s, y) => s + y.nature_confirmee_heures, 0)),
    },
  };
}

/**
 * Year by year, oldest first: missions started (by their start), declarations (by their
 * date), money by the date it was paid or promised for, hours by the date given, and
 * receipts (money and hours) by the year the commons received them.
 */
function yearFigures({ registry, date, declarations, recus, recus_nature }: FiguresBasis): YearFigures[] {
  const years = new Map<number, YearFigures>();
  const yearEntry = (annee: number) => {
    if (!years.has(annee)) years.set(annee, { annee, missions_commencees: 0, budget_missions_eur: 0, declarations: 0, argent_verse_eur: 0, argent_confirme_eur: 0, argent_promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0, nature_confirmee_heures: 0 });
    return years.get(annee)!;
  };
  for (const { data: mission } of registry.missions.values()) {
    if (mission.debut && mission.debut <= date && mission.statut !== 'appel') {
      const y = yearEntry(yearOf(mission.debut));
      y.missions_commencees++;
      // An abandoned mission's budget was never spent: it counts as started, not in the budget.
      if (mission.statut !== 'abandonnee') y.budget_missions_eur = cents(y.budget_missions_eur + mission.budget_eur);
    }
  }
  for (const d of declarations) {
    yearEntry(yearOf(d.date)).declarations++;
    for (const money of d.contributions_argent) {
      const y = yearEntry(yearOf(money.date));
      const state = moneyStateOn(money, date);
      if (state === 'verse') y.argent_verse_eur = cents(y.argent_verse_eur + money.montant_eur);
      else if (state === 'echu') y.promesses_echues_eur = cents(y.promesses_echues_eur + money.montant_eur);
      else y.argent_promis_eur = cents(y.argent_promis_eur + money.montant_eur);
    }
    for (const gift of d.contributions_nature) {
      const y = yearEntry(yearOf(gift.date));
      y.nature_heures = cents(y.nature_heures + gift.heures);
    }
  }
  for (const r of recus) {
    const y = yearEntry(yearOf(r.date));
    y.argent_confirme_eur = cents(y.argent_confirme_eur + r.compte_eur);
  }
  for (const r of recus_nature) {
    const y = yearEntry(yearOf(r.date));
    y.nature_confirmee_heures = cents(y.nature_confirmee_heures + r.compte_heures);
  }
  return [...years.values()].sort((a, b) => a.annee - b.annee);
}

/**
 * From each provider to each commons: money paid, money promised and not yet due (a
 * promise past its date flows nowhere), in-kind hours; sorted by provider, then commons.
 */
function flowsOf({ date, declarations }: FiguresBasis): Flow[] {
  const flows = new Map<string, Flow>();
  for (const d of declarations) {
    const flow = (commun: string) => {
      const key = `${d.prestataire}→${commun}`;
      if (!flows.has(key)) flows.set(key, { prestataire: d.prestataire, commun, verse_eur: 0, promis_eur: 0, nature_heures: 0 });
      return flows.get(key)!;
    };
    for (const money of d.contributions_argent) {
      const f = flow(money.commun);
      const state = moneyStateOn(money, date);
      if (state === 'verse') f.verse_eur = cents(f.verse_eur + money.montant_eur);
      else if (state === 'promis') f.promis_eur = cents(f.promis_eur + money.montant_eur);
    }
    for (const gift of d.contributions_nature) {
      const f = flow(gift.commun);
      f.nature_heures = cents(f.nature_heures + gift.heures);
    }
  }
  return [...flows.values()].sort((a, b) => byText(a.prestataire, b.prestataire) || byText(a.commun, b.commun));
}

/** Calls for providers still open on the date, the nearest answer deadline first. */
function openCalls(registry: Registry, date: string): string[] {
  return [...registry.missions.values()]
    .map((m) => m.data)
    .filter((m) => m.statut === 'appel' && (!m.date_limite_reponse || m.date_limite_reponse >= date))
    .sort((a, b) => (a.date_limite_reponse ?? '9999').localeCompare(b.date_limite_reponse ?? '9999'))
    .map((m) => m.id);
}

/** How many providers in each verdict (they add up to the providers), in each membership and declarations status, and out of the circle. */
function situationCounts(prestataires: readonly PrestataireFigures[]): Network['situations'] {
  const situations: Network['situations'] = {
    adhesion: { adherent: 0, adhesion_echue: 0, jamais_adherent: 0 },
    reciprocite: { rien_du: 0, a_jour: 0, a_declarer: 0, en_retard: 0, defaillant: 0 },
    hors_cercle: 0,
    verdicts: Object.fromEntries(VERDICTS.map((k) => [k, 0])) as Record<VerdictKey, number>,
  };
  for (const { situation, verdict } of prestataires) {
    situations.verdicts[verdict.cle]++;
    situations.adhesion[situation.adhesion.statut]++;
    situations.reciprocite[situation.reciprocite.statut]++;
    if (situation.cercle.hors_cercle) situations.hors_cercle++;
  }
  return situations;
}
