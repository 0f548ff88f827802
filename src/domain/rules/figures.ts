// Every derived figure, computed once from the registry and a reference date. The
// site and the exports render this document; nothing downstream recomputes a figure.
// Cut at its seams, in figures/: missions, providers, commons, network, over a basis
// computed once (figures/basis.ts).
import { byText } from '../registry/order.ts';
import type { Registry } from '../registry/registry.ts';
import { cents } from './rules.ts';
import { basisOf } from './figures/basis.ts';
import { commonsFigures } from './figures/commons.ts';
import { missionFigures } from './figures/missions.ts';
import { networkFigures } from './figures/network.ts';
import { providerFigures } from './figures/providers.ts';
import type { Figures, Flow } from './figures/types.ts';

export type {
  CommunFigures,
  Figures,
  Flow,
  GivenFigures,
  MemberFigures,
  MissionFigures,
  PrestataireFigures,
  YearFigures,
  YearGiven,
} from './figures/types.ts';

export function computeFigures(registry: Registry, date: string): Figures {
  const basis = basisOf(registry, date);
  const missions = missionFigures(basis);
  const prestataires = providerFigures(basis, missions);
  const communs = commonsFigures(basis);
  return {
    date_reference: date,
    regles: registry.regles.map(({ data: r }) => ({
      id: r.en_vigueur_depuis,
      en_vigueur_depuis: r.en_vigueur_depuis,
      resume: r.resume,
      en_vigueur: r.en_vigueur_depuis === basis.inForce?.en_vigueur_depuis,
    })),
    missions,
    prestataires,
    communs,
    reseau: networkFigures(basis, { missions, prestataires, communs }),
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
