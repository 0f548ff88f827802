// The lists' filters and sorts, and who plays the game, on the sample content at
// 2026-11-29 (13 providers). Their situations and figures, from their pages
// (tests/site/situations.test.ts explains three of them):
//
//   reciprocity: à jour 9, déclaration à faire 1 (nicolas-verhaeghe), en retard 1
//   (agathe-morel), défaillant 1 (cabinet-trame-et-usages), rien à déclarer 1
//   (lea-fontaine): 9 + 1 + 1 + 1 + 1 = 13, each provider in one filter;
//   hors du cercle 3: cabinet-trame-et-usages (défaillant), karim-haddou and
//   la-sucrerie-partagee (membership lapsed on 1 January 2026 and 2025, + 90 days).
//
//   shortfall (manque), shares to the euro (arrondi_eur: 1), only once the deadline has passed:
//   cabinet-trame-et-usages 112 €, agathe-morel 49 €, karim-haddou 49 € (by name), the 10
//   others 0 € (nicolas-verhaeghe's Moulin is not due before 15 December 2026); equal
//   shortfalls go by name, not by id: among the zeros Claire Vandamme before Coopérative
//   Les Tisserands and L'Atelier du Bocage.
//   declaration rate: cabinet-trame-et-usages 0/1 = 0, agathe-morel 2/3 = 0.6667, then
//   10 providers at 1, lea-fontaine last (nothing due yet).
//
// The late, worst first (VERDICTS): Cabinet Trame et Usages (défaillant), then out of the
// circle for their membership alone, by name: Karim Haddou, La Sucrerie Partagée (the 2024
// example rules count the grace from a lapse, with or without a mission), then Agathe Morel
// (en retard). 4 in all.
import { beforeAll, describe, expect, test } from 'vitest';
import { computeFigures, type Figures } from '../../src/domain/rules/figures.ts';
import {
  filteredProviders,
  MISSION_SORTS,
  missionsByStatus,
  missionsWithStatus,
  PROVIDER_FILTERS,
  PROVIDER_SORTS,
  sortedMissions,
  sortedProviders,
  standingsOverview,
  type MissionRow,
} from '../../src/domain/rules/lists.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { SAMPLE, SAMPLE_DATE } from '../helpers.ts';

let figures: Figures;
let rows: MissionRow[];

beforeAll(() => {
  const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
  figures = computeFigures(registry, SAMPLE_DATE);
  const byId = new Map(figures.missions.map((m) => [m.id, m]));
  rows = [...registry.missions.values()].map((e) => ({ mission: e.data, figures: byId.get(e.data.id)! }));
});

const filter = (slug: string) => PROVIDER_FILTERS.find((f) => f.slug === slug)!;
const ids = (list: Array<{ id: string }>) => list.map((p) => p.id);

describe('les filtres de la liste des prestataires', () => {
  test('chaque situation de réciprocité garde ses prestataires, par nom', () => {
    expect(ids(filteredProviders(figures.prestataires, filter('en-retard')))).toEqual(['agathe-morel']);
    expect(ids(filteredProviders(figures.prestataires, filter('defaillant')))).toEqual(['cabinet-trame-et-usages']);
    expect(ids(filteredProviders(figures.prestataires, filter('a-declarer')))).toEqual(['nicolas-verhaeghe']);
    expect(ids(filteredProviders(figures.prestataires, filter('rien-a-declarer')))).toEqual(['lea-fontaine']);
    expect(filteredProviders(figures.prestataires, filter('a-jour'))).toHaveLength(7);
    // everything declared, membership not renewed for more than 90 days (regles/2024-04-01.yaml:
    // « Une adhésion non renouvelée laisse ce délai avant la sortie du cercle »): out of the circle
    // for the membership alone, a verdict of its own, apart from the défaillant
    expect(ids(filteredProviders(figures.prestataires, filter('hors-du-cercle-adhesion')))).toEqual(['karim-haddou', 'la-sucrerie-partagee']);
    expect(filteredProviders(figures.prestataires, filter('adhesion-echue-sans-mission'))).toEqual([]);
  });

  test('les verdicts partagent la liste sans reste : 7 + 2 + 1 + 1 + 1 + 1 = 13', () => {
    const all = PROVIDER_FILTERS.flatMap((f) => ids(filteredProviders(figures.prestataires, f)));
    expect(all.sort()).toEqual(ids(figures.prestataires).sort());
  });
});

describe('les tris de la liste des prestataires', () => {
  const sort = (slug: string) => ids(sortedProviders(figures.prestataires, PROVIDER_SORTS.find((s) => s.slug === slug)!));

  test('par manque : le plus grand d’abord, à égalité par nom', () => {
    expect(sort('manque').slice(0, 5)).toEqual(['cabinet-trame-et-usages', 'agathe-morel', 'karim-haddou', 'claire-vandamme', 'cooperative-les-tisserands']);
  });

  test('par taux de déclaration : le plus bas d’abord, rien de dû en dernier', () => {
    const order = sort('taux');
    expect(order.slice(0, 2)).toEqual(['cabinet-trame-et-usages', 'agathe-morel']);
    expect(order.at(-1)).toBe('lea-fontaine');
  });

  test('par attendu et par déclaré : chaque montant est au plus celui du précédent', () => {
    for (const [slug, key] of [['attendu', 'reciprocite_attendue_eur'], ['declare', 'reciprocite_declaree_eur']] as const) {
      const values = sortedProviders(figures.prestataires, PROVIDER_SORTS.find((s) => s.slug === slug)!).map((p) => p[key]);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    }
  });
});

describe('les listes des missions', () => {
  test('par défaut, par statut (les appels d’abord), puis les plus récentes', () => {
    const statuses = missionsByStatus(rows).map((r) => r.mission.statut);
    expect([...new Set(statuses)]).toEqual(['appel', 'attribuee', 'en_cours', 'terminee', 'abandonnee']);
  });

  test('un statut garde ses missions : 9 terminées, 3 appels', () => {
    expect(missionsWithStatus(rows, 'terminee')).toHaveLength(9);
    expect(missionsWithStatus(rows, 'appel').map((r) => r.mission.id).sort()).toEqual([
      'animation-reseau-cafes-de-pays-2027',
      'diagnostic-foncier-portes-du-therain-2027',
      'evaluation-fabrique-du-littoral-2027',
    ]);
  });

  test('par budget, le plus gros d’abord', () => {
    const budgets = sortedMissions(rows, MISSION_SORTS.find((s) => s.slug === 'budget')!).map((r) => r.mission.budget_eur);
    expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
  });
});

describe('qui joue le jeu', () => {
  test('un nombre par filtre, le même que la liste filtrée', () => {
    const overview = standingsOverview(figures, 20);
    expect(overview.date).toBe(SAMPLE_DATE);
    expect(Object.fromEntries(overview.comptes.map((c) => [c.filtre.slug, c.nombre]))).toEqual({
      'a-jour': 7,
      'adhesion-echue-sans-mission': 0,
      'a-declarer': 1,
      'adhesion-a-prendre': 0,
      'en-retard': 1,
      'hors-du-cercle-adhesion': 2,
      defaillant: 1,
      'rien-a-declarer': 1,
    });
    // one verdict each: the counts add up to the 13 providers
    expect(overview.comptes.reduce((s, c) => s + c.nombre, 0)).toBe(figures.prestataires.length);
    expect(overview.adhesion).toEqual([
      { libelle: 'adhérent', nombre: 10 },
      { libelle: 'adhésion échue', nombre: 2 },
      { libelle: 'jamais adhérent', nombre: 1 },
    ]);
  });

  test('les retardataires nommés, le pire d’abord, avec leur raison et leur règle', () => {
    const overview = standingsOverview(figures, 20);
    expect(overview.retard_total).toBe(4);
    expect(overview.retard.map((l) => [l.id, l.situation, l.regle])).toEqual([
      ['cabinet-trame-et-usages', 'hors du cercle : déclaration manquante', '2024-04-01#delais'],
      ['karim-haddou', 'hors du cercle : adhésion manquante', '2024-04-01#cercle'],
      ['la-sucrerie-partagee', 'hors du cercle : adhésion manquante', '2024-04-01#cercle'],
      ['agathe-morel', 'déclaration en retard', '2024-04-01#delais'],
    ]);
    // The reason, with the caveat that the rules judging her are an example.
    expect(overview.retard[3].raison).toBe(
      'Déclaration en retard pour « Démarche BCUS pour le local commun de la résidence Les Tilleuls » : attendue au plus tard le 8 septembre 2026 ; défaillant après le 6 janvier 2027. Règles d’exemple : elles illustrent le fonctionnement du registre, elles ne sont pas une décision de l’association.',
    );
    expect(overview.retard[3].texte).toBe(overview.retard[3].raison);
    expect(overview.regles).toEqual({ reciprocite: '2024-04-01#reciprocite', delais: '2024-04-01#delais', adhesion: '2024-04-01#adhesion', cercle: '2024-04-01#cercle' });
  });

  test('au-delà de la limite, les autres sont comptés, pas nommés', () => {
    const overview = standingsOverview(figures, 3);
    const one = standingsOverview(figures, 1);
    expect(one.retard.map((l) => l.id)).toEqual(['cabinet-trame-et-usages']);
    expect(one.retard_total).toBe(4);
    expect(overview.retard.map((l) => l.id)).toEqual(['cabinet-trame-et-usages', 'karim-haddou', 'la-sucrerie-partagee']);
  });
});
