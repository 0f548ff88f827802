// Every derived figure of tests/fixtures/regles-changement, worked out by hand from
// its files. The tree is the base tree plus a change of rules and a mission that
// straddles it:
//
// regles/2024-01-01.yaml: tranches 0 → 1 %, 10 000 → 2 %; 40 €/h in kind; 30 days to
//   declare, 90 before leaving the circle; day rates 300/400/500; margin 100 €/day
//   shared pro rata of floor days.
// regles/2025-01-01.yaml: a flat 2 %; 50 €/h in kind; 60 and 120 days; day rates
//   350/450/550; margin 80 €/day shared equally.
//
// mission-a-cheval: 2024-12-15 → 2025-02-15, budget 12 000, claire-asso plancher 6 d,
//   alice-conseil plancher 4 d, bruno-coop animation 5 d; one proprietary deliverable.
//   Started in 2024: judged by the 2024 rules.
// mission-terminee: 2025-03-01 → 2025-06-30, budget 15 000, alice-conseil plancher 10 d,
//   bruno-coop coordination 5 d; one CC-BY-SA deliverable. Judged by the 2025 rules.
// mission-appel: a call of 2025-06-01, budget 8 000: judged by the 2025 rules.
//
// Declarations: claire-asso/mission-a-cheval (2025-03-10): 60 € paid to reseau-test on
//   2024-12-20, 3 h to wiki-test on 2025-03-05, used wiki-test.
// bruno-coop/mission-a-cheval (2025-04-20): 50 € promised to reseau-test for
//   2025-09-30, used reseau-test.
// alice-conseil/mission-terminee (2025-07-05): 100 € paid to reseau-test on 2025-07-05,
//   2 h to wiki-test on 2025-07-04, used wiki-test.
// alice-conseil never declares for mission-a-cheval; bruno-coop never for mission-terminee.
// Every membership runs 2024-01-01 → 2025-12-31.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeFigures, type Figures } from '../../src/domain/figures.ts';
import { loadRegistry } from '../../src/domain/load.ts';
import type { Registry } from '../../src/domain/registry.ts';
import { FIXTURE_DATE, FIXTURES } from '../helpers.ts';

const TREE = join(FIXTURES, 'regles-changement');
let registry: Registry;
let figures: Figures;

beforeAll(() => {
  const result = loadRegistry(TREE, { date: FIXTURE_DATE });
  // A valid tree: only warnings (a declaration to make, one out of the circle, one below expectation).
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  registry = result.registry;
  figures = computeFigures(registry, FIXTURE_DATE); // 2025-07-15
});

const mission = (id: string) => figures.missions.find((m) => m.id === id)!;
const prestataire = (id: string) => figures.prestataires.find((p) => p.id === id)!;
const commun = (id: string) => figures.communs.find((c) => c.id === id)!;

describe('the rules files', () => {
  it('lists both, the latest in force on the reference date', () => {
    expect(figures.date_reference).toBe('2025-07-15');
    expect(figures.regles).toEqual([
      { id: '2024-01-01', en_vigueur_depuis: '2024-01-01', resume: 'Règles de test.', en_vigueur: false },
      {
        id: '2025-01-01',
        en_vigueur_depuis: '2025-01-01',
        resume: 'Règles de test révisées (taux unique, délais plus longs, tarifs et marge revus).',
        en_vigueur: true,
      },
    ]);
  });
});

describe('per mission', () => {
  it('judges the mission that straddles the change by the 2024 rules', () => {
    const m = mission('mission-a-cheval');
    expect(m).toMatchObject({ statut: 'terminee', annee: 2024, regles: '2024-01-01', livrables_ouverts: 0 });
    expect(m.budget).toEqual({
      // plancher: (6 + 4) = 10 d × 300 = 3 000; animation: 5 d × 400 = 2 000
      roles: [
        { role: 'plancher', jours: 10, tarif_jour_eur: 300, montant_eur: 3000 },
        { role: 'animation', jours: 5, tarif_jour_eur: 400, montant_eur: 2000 },
      ],
      total_jours: 15, // 6 + 4 + 5
      total_roles_eur: 5000, // 3 000 + 2 000
      // pool: 15 d × 100 = 1 500 (the 2025 rules would say 15 × 80 = 1 200)
      solidarite: { par_jour_eur: 100, jours: 15, pot_eur: 1500, repartition: 'prorata_jours' },
      // 12 000 = 10 000 × 1 % + 2 000 × 2 % = 100 + 40 = 140 (the 2025 rules would say 240)
      reciprocite_attendue_eur: 140,
      membres: [
        // 6 × 300 = 1 800; pool 1 500 × 6/10 = 900; expected 140 × 1 800 / 5 000 = 50.4
        { prestataire: 'claire-asso', role: 'plancher', jours: 6, montant_eur: 1800, part_solidarite_eur: 900, reciprocite_attendue_eur: 50.4 },
        // 4 × 300 = 1 200; pool 1 500 × 4/10 = 600; expected 140 × 1 200 / 5 000 = 33.6
        { prestataire: 'alice-conseil', role: 'plancher', jours: 4, montant_eur: 1200, part_solidarite_eur: 600, reciprocite_attendue_eur: 33.6 },
        // 5 × 400 = 2 000; no pool share; expected 140 × 2 000 / 5 000 = 56
        { prestataire: 'bruno-coop', role: 'animation', jours: 5, montant_eur: 2000, part_solidarite_eur: 0, reciprocite_attendue_eur: 56 },
      ],
      regles: { tarifs: '2024-01-01#tarifs_jour_eur', solidarite: '2024-01-01#marge_solidarite', reciprocite: '2024-01-01#reciprocite.tranches' },
    });
    expect(m.portage).toMatchObject({ type: 'consortium', conforme: true, regle: '2024-01-01#portage' });
  });

  it('values what each member declared by the 2024 rules, and dates the missing one by them', () => {
    const m = mission('mission-a-cheval');
    const [claire, alice, bruno] = m.membres;
    // claire: 60 paid; 3 h × 40 = 120 (not 3 × 50 = 150 under the 2025 rules); total 180
    expect(claire).toMatchObject({ a_declare: true, echeance: null });
    expect(claire.declare).toEqual({ verse_eur: 60, promis_eur: 0, nature_heures: 3, nature_eur: 120, total_eur: 180, regle: '2024-01-01#reciprocite.valeur_heure_nature_eur' });
    // alice: no declaration; deadline 2025-02-15 + 30 = 2025-03-17, out after 2025-05-16
    // (+90: 13 days of February, 31, 30, 16); on 2025-07-15: out of the circle.
    expect(alice).toMatchObject({ a_declare: false, declare: null, echeance: { date: '2025-03-17', statut: 'hors_cercle' } });
    // bruno: 50 promised, nothing in kind; total 50
    expect(bruno.declare).toEqual({ verse_eur: 0, promis_eur: 50, nature_heures: 0, nature_eur: 0, total_eur: 50, regle: '2024-01-01#reciprocite.valeur_heure_nature_eur' });
    // declared: 180 + 50 = 230; paid 60; promised 50; 3 h valued 120
    expect(m.reciprocite).toEqual({ attendue_eur: 140, declaree_eur: 230, versee_eur: 60, promise_eur: 50, nature_heures: 3, nature_eur: 120, regle: '2024-01-01#reciprocite' });
    expect(m.declarants).toEqual(['claire-asso', 'bruno-coop']);
    expect(m.non_declarants).toEqual(['alice-conseil']);
  });

  it('judges the mission that started after the change by the 2025 rules', () => {
    const m = mission('mission-terminee');
    expect(m).toMatchObject({ annee: 2025, regles: '2025-01-01', livrables_ouverts: 1 });
    expect(m.budget).toEqual({
      // plancher: 10 d × 350 = 3 500; coordination: 5 d × 550 = 2 750
      roles: [
        { role: 'plancher', jours: 10, tarif_jour_eur: 350, montant_eur: 3500 },
        { role: 'coordination', jours: 5, tarif_jour_eur: 550, montant_eur: 2750 },
      ],
      total_jours: 15,
      total_roles_eur: 6250, // 3 500 + 2 750
      // pool: 15 d × 80 = 1 200, shared equally among the one floor contributor
      solidarite: { par_jour_eur: 80, jours: 15, pot_eur: 1200, repartition: 'egale' },
      // 15 000 × 2 % = 300 (the 2024 rules would say 10 000 × 1 % + 5 000 × 2 % = 200)
      reciprocite_attendue_eur: 300,
      membres: [
        // 300 × 3 500 / 6 250 = 168
        { prestataire: 'alice-conseil', role: 'plancher', jours: 10, montant_eur: 3500, part_solidarite_eur: 1200, reciprocite_attendue_eur: 168 },
        // 300 × 2 750 / 6 250 = 132
        { prestataire: 'bruno-coop', role: 'coordination', jours: 5, montant_eur: 2750, part_solidarite_eur: 0, reciprocite_attendue_eur: 132 },
      ],
      regles: { tarifs: '2025-01-01#tarifs_jour_eur', solidarite: '2025-01-01#marge_solidarite', reciprocite: '2025-01-01#reciprocite.tranches' },
    });
    const [alice, bruno] = m.membres;
    // alice: 100 paid + 2 h × 50 = 100 in kind = 200
    expect(alice.declare).toEqual({ verse_eur: 100, promis_eur: 0, nature_heures: 2, nature_eur: 100, total_eur: 200, regle: '2025-01-01#reciprocite.valeur_heure_nature_eur' });
    // bruno: deadline 2025-06-30 + 60 = 2025-08-29 (31 days of July, then 29): still due on 2025-07-15
    expect(bruno).toMatchObject({ a_declare: false, echeance: { date: '2025-08-29', statut: 'a_declarer' } });
    expect(m.reciprocite).toEqual({ attendue_eur: 300, declaree_eur: 200, versee_eur: 100, promise_eur: 0, nature_heures: 2, nature_eur: 100, regle: '2025-01-01#reciprocite' });
  });

  it('judges an open call by the rules on the date of the call', () => {
    const m = mission('mission-appel');
    // called on 2025-06-01: 8 000 × 2 % = 160
    expect(m).toMatchObject({ statut: 'appel', annee: 2025, regles: '2025-01-01', membres: [], declarants: [] });
    expect(m.reciprocite.attendue_eur).toBe(160);
  });

  it('sorts missions by id', () => {
    expect(figures.missions.map((m) => m.id)).toEqual(['mission-a-cheval', 'mission-appel', 'mission-terminee']);
  });
});

describe('per provider', () => {
  it('alice-conseil: one of two declarations, out of the circle by the 2024 delays', () => {
    expect(prestataire('alice-conseil')).toEqual({
      id: 'alice-conseil',
      nom: 'Alice Conseil',
      missions: ['mission-a-cheval', 'mission-terminee'],
      missions_terminees: 2,
      declarations_dues: 2,
      declarations_faites: 1,
      taux_declaration: 0.5, // 1 / 2
      argent_verse_eur: 100,
      argent_promis_eur: 0,
      reciprocite_attendue_eur: 201.6, // 33.6 (à cheval) + 168 (terminée)
      reciprocite_declaree_eur: 200, // 100 + 2 h × 50
      nature_heures: 2,
      nature_eur: 100,
      livrables_ouverts: 1, // 0 + 1
      communs_contribues: ['reseau-test', 'wiki-test'],
      adhesion: { a_jour: true, jusqu_au: '2025-12-31', tarif: 'acteur_economique' },
      situation: {
        statut: 'hors_cercle',
        // "90 jours": the delay of the rules in force when the mission started (2024), not 120
        raisons: ['Aucune déclaration pour « Mission à cheval » plus de 90 jours après sa fin (le 15 février 2025).'],
        manquantes: [{ mission: 'mission-a-cheval', fin: '2025-02-15', echeance: '2025-03-17', hors_cercle: '2025-05-16', statut: 'hors_cercle', regle: '2024-01-01#delais' }],
        adhesion_manquante: false,
        regles: ['2024-01-01#delais', '2025-01-01#adhesion'],
      },
      // mission-a-cheval started in 2024, mission-terminee in 2025: each by its own rules
      regles: ['2024-01-01#reciprocite', '2025-01-01#reciprocite'],
    });
  });

  it('bruno-coop: declared (a promise) for the first mission, still due for the second', () => {
    expect(prestataire('bruno-coop')).toMatchObject({
      missions: ['mission-a-cheval', 'mission-terminee'],
      missions_terminees: 2,
      declarations_faites: 1,
      taux_declaration: 0.5, // 1 / 2
      argent_verse_eur: 0,
      argent_promis_eur: 50,
      reciprocite_attendue_eur: 188, // 56 + 132
      reciprocite_declaree_eur: 50,
      nature_heures: 0,
      nature_eur: 0,
      livrables_ouverts: 1,
      communs_contribues: ['reseau-test'],
      situation: {
        statut: 'a_declarer',
        raisons: ['Déclaration attendue pour « Mission terminée » avant le 29 août 2025.'],
        regles: ['2025-01-01#adhesion', '2025-01-01#delais'],
      },
    });
  });

  it('claire-asso: everything declared', () => {
    expect(prestataire('claire-asso')).toMatchObject({
      missions: ['mission-a-cheval'],
      missions_terminees: 1,
      declarations_faites: 1,
      taux_declaration: 1, // 1 / 1
      argent_verse_eur: 60,
      argent_promis_eur: 0,
      reciprocite_attendue_eur: 50.4,
      reciprocite_declaree_eur: 180, // 60 + 3 h × 40
      nature_heures: 3,
      nature_eur: 120,
      livrables_ouverts: 0,
      communs_contribues: ['reseau-test', 'wiki-test'],
      situation: { statut: 'a_jour', raisons: ['Adhésion à jour et toutes les déclarations dues sont faites.'] },
    });
  });
});

describe('per commons', () => {
  it('reseau-test: money by the year it was paid or promised for', () => {
    expect(commun('reseau-test')).toEqual({
      id: 'reseau-test',
      nom: 'Réseau de test',
      accepte_argent: true,
      // 2024: claire's 60 paid on 2024-12-20; 2025: alice's 100 paid, bruno's 50 promised
      argent_par_annee: [
        { annee: 2024, verse_eur: 60, promis_eur: 0 },
        { annee: 2025, verse_eur: 100, promis_eur: 50 },
      ],
      argent_verse_eur: 160, // 60 + 100
      argent_promis_eur: 50,
      nature_contributions: 0,
      nature_heures: 0,
      missions: ['mission-a-cheval'], // used by bruno on that mission
      contributeurs: ['alice-conseil', 'bruno-coop', 'claire-asso'],
    });
  });

  it('wiki-test: in kind only', () => {
    expect(commun('wiki-test')).toEqual({
      id: 'wiki-test',
      nom: 'Wiki de test',
      accepte_argent: false,
      argent_par_annee: [],
      argent_verse_eur: 0,
      argent_promis_eur: 0,
      // claire-asso: 3 h on 2025-03-05 (mission-a-cheval); alice-conseil: 2 h on 2025-07-04
      nature_contributions: 2,
      nature_heures: 5, // 3 + 2
      missions: ['mission-a-cheval', 'mission-terminee'],
      contributeurs: ['alice-conseil', 'claire-asso'],
    });
  });
});

describe('for the network', () => {
  it('totals by year, flows and standings', () => {
    expect(figures.reseau).toEqual({
      par_annee: [
        // mission-a-cheval started in 2024 (12 000); claire's 60 was paid in 2024
        { annee: 2024, missions_commencees: 1, budget_missions_eur: 12000, declarations: 0, argent_verse_eur: 60, argent_promis_eur: 0, nature_heures: 0 },
        // mission-terminee started in 2025 (15 000); 3 declarations; 100 paid, 50 promised; 3 + 2 h
        { annee: 2025, missions_commencees: 1, budget_missions_eur: 15000, declarations: 3, argent_verse_eur: 100, argent_promis_eur: 50, nature_heures: 5 },
      ],
      appels_ouverts: ['mission-appel'], // closes 2025-07-31, after 2025-07-15
      flux: [
        { prestataire: 'alice-conseil', commun: 'reseau-test', verse_eur: 100, promis_eur: 0, nature_heures: 0 },
        { prestataire: 'alice-conseil', commun: 'wiki-test', verse_eur: 0, promis_eur: 0, nature_heures: 2 },
        { prestataire: 'bruno-coop', commun: 'reseau-test', verse_eur: 0, promis_eur: 50, nature_heures: 0 },
        { prestataire: 'claire-asso', commun: 'reseau-test', verse_eur: 60, promis_eur: 0, nature_heures: 0 },
        { prestataire: 'claire-asso', commun: 'wiki-test', verse_eur: 0, promis_eur: 0, nature_heures: 3 },
      ],
      situations: { a_jour: 1, a_declarer: 1, en_retard: 0, hors_cercle: 1 },
      // 60 + 100 = 160 paid; 50 promised; 5 h
      totaux: { prestataires: 3, missions: 3, communs: 2, declarations: 3, argent_verse_eur: 160, argent_promis_eur: 50, nature_heures: 5 },
    });
  });
});

describe('an earlier reference date shows the registry as it stood then', () => {
  it('on 2025-04-01, the straddling mission is already late by the 2024 delays (the 2025 ones would say due)', () => {
    const april = computeFigures(registry, '2025-04-01');
    // Only claire's declaration (2025-03-10) counts. mission-a-cheval: deadline 2025-03-17 passed,
    // out of the circle after 2025-05-16 → late. Under the 2025 rules the deadline would be
    // 2025-04-16 (+60) and both would still have a declaration to make.
    const standing = (id: string) => april.prestataires.find((p) => p.id === id)!.situation;
    expect(standing('alice-conseil')).toMatchObject({
      statut: 'en_retard',
      raisons: ['Déclaration en retard pour « Mission à cheval » (attendue avant le 17 mars 2025).'],
    });
    expect(standing('bruno-coop').statut).toBe('en_retard'); // declares only on 2025-04-20
    expect(standing('claire-asso').statut).toBe('a_jour');
    expect(april.reseau.situations).toEqual({ a_jour: 1, a_declarer: 0, en_retard: 2, hors_cercle: 0 });
    // alice: mission-terminee has not ended yet (2025-06-30): one finished mission, not declared
    expect(april.prestataires.find((p) => p.id === 'alice-conseil')).toMatchObject({ missions_terminees: 1, declarations_faites: 0, taux_declaration: 0, reciprocite_attendue_eur: 33.6 });
    expect(april.reseau.par_annee).toEqual([
      { annee: 2024, missions_commencees: 1, budget_missions_eur: 12000, declarations: 0, argent_verse_eur: 60, argent_promis_eur: 0, nature_heures: 0 },
      { annee: 2025, missions_commencees: 1, budget_missions_eur: 15000, declarations: 1, argent_verse_eur: 0, argent_promis_eur: 0, nature_heures: 3 },
    ]);
  });

  it('on 2025-06-01, alice is out of the circle for mission-a-cheval (after 2025-05-16); under the 2025 rules she would only be late until 2025-06-15', () => {
    const june = computeFigures(registry, '2025-06-01');
    expect(june.prestataires.find((p) => p.id === 'alice-conseil')!.situation.statut).toBe('hors_cercle');
  });
});
