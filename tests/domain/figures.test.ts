// Every derived figure of tests/fixtures/regles-changement, worked out by hand from
// its files. The tree is the base tree plus a change of rules and a mission that
// straddles it:
//
// regles/2024-01-01.yaml: tranches 0 → 1 %, 10 000 → 2 %; 40 €/h in kind; 30 days to
//   declare, 90 before défaillant; day rates 300/400/500; margin 100 € per floor day
//   shared pro rata of floor days, left out of the reciprocity base; amounts to the euro;
//   no share for the network.
// regles/2025-01-01.yaml: a flat 2 %; 50 €/h in kind; 60 and 120 days; day rates
//   350/450/550; margin 80 € per floor day shared equally; 50 % of the expectation for
//   the network (reseau-test).
//
// mission-a-cheval: 2024-12-15 → 2025-02-15, budget 6 000, claire-asso plancher 6 d,
//   alice-conseil plancher 4 d, bruno-coop animation 5 d; one proprietary deliverable.
//   Started in 2024: judged by the 2024 rules.
// mission-terminee: 2025-03-01 → 2025-06-30, budget 7 050, alice-conseil plancher 10 d,
//   bruno-coop coordination 5 d; one CC-BY-SA deliverable. Judged by the 2025 rules.
// mission-appel: a call of 2025-06-01, budget 8 000: judged by the 2025 rules.
//
// Declarations: claire-asso/mission-a-cheval (2025-03-10): 60 € paid to reseau-test on
//   2024-12-20, 3 h to wiki-test on 2025-03-05, used wiki-test.
// bruno-coop/mission-a-cheval (2025-04-20, after the 2025-03-17 deadline): 50 € promised
//   to reseau-test for 2025-09-30, used reseau-test.
// alice-conseil/mission-terminee (2025-07-05): 100 € paid to reseau-test on 2025-07-05,
//   2 h to wiki-test on 2025-07-04, used wiki-test.
// alice-conseil never declares for mission-a-cheval; bruno-coop never for mission-terminee.
// Every membership runs 2024-01-01 → 2025-12-31.
//
// Year by year (the charts over time), by the date of each gift, not of the declaration:
//   claire-asso: 2024 → 60 € paid (2024-12-20); 2025 → 3 h (2025-03-05).
//   bruno-coop: 2025 → 50 € promised (for 2025-09-30). alice-conseil: 2025 → 100 € paid, 2 h.
//   reseau-test received: 2024 → 60 € paid; 2025 → 100 € paid + 50 € promised.
//   wiki-test received: 2025 → 3 + 2 = 5 h, no money (a year with hours only still counts).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFigures, type Figures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import type { Registry } from '../../src/domain/registry/registry.ts';
import { baseWith, FIXTURE_DATE, FIXTURES, removeEditedTrees } from '../helpers.ts';

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
      // pool: 10 floor days × 100 = 1 000 (the 2025 rules would say 10 × 80 = 800)
      solidarite: {
        par_jour_eur: 100,
        base: 'jours_beneficiaires',
        beneficiaires: ['plancher'],
        jours: 10,
        pot_eur: 1000,
        repartition: 'prorata_jours',
        plafond_par_jour_eur: null,
        distribue_eur: 1000,
        reste_eur: 0,
        reste: 'client',
        dans_base_reciprocite: false,
      },
      budget_eur: 6000,
      ecart_budget_eur: 0, // 6 000 − (5 000 + 1 000)
      // base 6 000 − 1 000 = 5 000: 5 000 × 1 % = 50 (the 2025 rules would say 2 % = 100)
      base_reciprocite_eur: 5000,
      reciprocite_exacte_eur: 50,
      reciprocite_attendue_eur: 50,
      part_reseau_attendue_eur: 0,
      arrondi_eur: 1,
      membres: [
        // 6 × 300 = 1 800; pool 1 000 × 6/10 = 600; expected 50 × 1 800 / 5 000 = 18
        { prestataire: 'claire-asso', role: 'plancher', jours: 6, montant_eur: 1800, part_solidarite_eur: 600, reciprocite_attendue_eur: 18, part_reseau_attendue_eur: 0 },
        // 4 × 300 = 1 200; pool 1 000 × 4/10 = 400; expected 50 × 1 200 / 5 000 = 12
        { prestataire: 'alice-conseil', role: 'plancher', jours: 4, montant_eur: 1200, part_solidarite_eur: 400, reciprocite_attendue_eur: 12, part_reseau_attendue_eur: 0 },
        // 5 × 400 = 2 000; no pool share; expected 50 × 2 000 / 5 000 = 20
        { prestataire: 'bruno-coop', role: 'animation', jours: 5, montant_eur: 2000, part_solidarite_eur: 0, reciprocite_attendue_eur: 20, part_reseau_attendue_eur: 0 },
      ],
      regles: { tarifs: '2024-01-01#tarifs_jour_eur', solidarite: '2024-01-01#marge_solidarite', reciprocite: '2024-01-01#reciprocite', reseau: '2024-01-01#reseau' },
    });
    expect(m.portage).toMatchObject({ type: 'consortium', conforme: true, regle: '2024-01-01#portage' });
  });

  it('values what each member declared by the 2024 rules, dates the missing one by them, and keeps the trace of a late one', () => {
    const m = mission('mission-a-cheval');
    const [claire, alice, bruno] = m.membres;
    // claire: 60 paid; 3 h × 40 = 120 (not 3 × 50 = 150 under the 2025 rules); total 180, on time
    expect(claire).toMatchObject({ a_declare: true, date_declaration: '2025-03-10', echeance: null, tardive: null, manque_eur: 0 });
    expect(claire.declare).toEqual({ verse_eur: 60, promis_eur: 0, promesse_echue_eur: 0, nature_heures: 3, nature_eur: 120, total_eur: 180, au_reseau_eur: 60, regle: '2024-01-01#nature' });
    // alice: no declaration; deadline 2025-02-15 + 30 = 2025-03-17, défaillant after 2025-05-16
    // (+90: 13 days of February, 31, 30, 16); on 2025-07-15: défaillant; 12 € missing.
    expect(alice).toMatchObject({ a_declare: false, declare: null, echeance: { date: '2025-03-17', dernier_delai: '2025-05-16', statut: 'defaillant' }, manque_eur: 12 });
    // bruno: 50 promised for 2025-09-30 (still to come); declared 2025-04-20: 2025-03-17 → 04-20 = 14 + 20 = 34 days late
    expect(bruno.declare).toEqual({ verse_eur: 0, promis_eur: 50, promesse_echue_eur: 0, nature_heures: 0, nature_eur: 0, total_eur: 50, au_reseau_eur: 50, regle: '2024-01-01#nature' });
    expect(bruno.tardive).toEqual({ echeance: '2025-03-17', jours_de_retard: 34, regle: '2024-01-01#delais' });
    // declared: 180 + 50 = 230; paid 60; promised 50; 3 h valued 120; to the network 60 + 50
    expect(m.reciprocite).toEqual({
      attendue_eur: 50,
      declaree_eur: 230,
      versee_eur: 60,
      confirmee_eur: 0, // no commons of this tree confirms (see tests/domain/confirmations.test.ts)
      promise_eur: 50,
      promesses_echues_eur: 0,
      nature_heures: 3,
      nature_confirmee_heures: 0,
      nature_eur: 120,
      part_reseau_attendue_eur: 0,
      au_reseau_eur: 110,
      regle: '2024-01-01#reciprocite',
    });
    expect(m.declarants).toEqual(['claire-asso', 'bruno-coop']);
    expect(m.non_declarants).toEqual(['alice-conseil']);
  });

  it('judges the mission that started after the change by the 2025 rules, with the network share', () => {
    const m = mission('mission-terminee');
    expect(m).toMatchObject({ annee: 2025, regles: '2025-01-01', livrables_ouverts: 1 });
    expect(m.budget).toMatchObject({
      // plancher: 10 d × 350 = 3 500; coordination: 5 d × 550 = 2 750
      roles: [
        { role: 'plancher', jours: 10, tarif_jour_eur: 350, montant_eur: 3500 },
        { role: 'coordination', jours: 5, tarif_jour_eur: 550, montant_eur: 2750 },
      ],
      total_roles_eur: 6250, // 3 500 + 2 750
      // pool: 10 floor days × 80 = 800, shared equally among the one floor contributor
      solidarite: { par_jour_eur: 80, jours: 10, pot_eur: 800, repartition: 'egale', distribue_eur: 800, reste_eur: 0 },
      ecart_budget_eur: 0, // 7 050 − (6 250 + 800)
      // base 7 050 − 800 = 6 250: × 2 % = 125; half for the network: 62.5 → 63
      base_reciprocite_eur: 6250,
      reciprocite_attendue_eur: 125,
      part_reseau_attendue_eur: 63,
      membres: [
        // Shares to the euro, like every expected amount (arrondi_eur: 1 by default), adding up exactly:
        // 125 × 3 500 / 6 250 = 70; network: 63 × 3 500 / 6 250 = 35.28 → 35 (floor; rest .28)
        { prestataire: 'alice-conseil', role: 'plancher', jours: 10, montant_eur: 3500, part_solidarite_eur: 800, reciprocite_attendue_eur: 70, part_reseau_attendue_eur: 35 },
        // 125 × 2 750 / 6 250 = 55; network: 63 × 2 750 / 6 250 = 27.72 → 27, + the euro left (largest rest, .72) = 28 (35 + 28 = 63)
        { prestataire: 'bruno-coop', role: 'coordination', jours: 5, montant_eur: 2750, part_solidarite_eur: 0, reciprocite_attendue_eur: 55, part_reseau_attendue_eur: 28 },
      ],
    });
    const [alice, bruno] = m.membres;
    // alice: 100 paid + 2 h × 50 = 100 in kind = 200; 100 of it to the network
    expect(alice.declare).toEqual({ verse_eur: 100, promis_eur: 0, promesse_echue_eur: 0, nature_heures: 2, nature_eur: 100, total_eur: 200, au_reseau_eur: 100, regle: '2025-01-01#nature' });
    // bruno: deadline 2025-06-30 + 60 = 2025-08-29 (31 days of July, then 29): still due on 2025-07-15,
    // so no shortfall is published yet (amounts are judged once the deadline has passed)
    expect(bruno).toMatchObject({ a_declare: false, echeance: { date: '2025-08-29', dernier_delai: '2025-10-28', statut: 'a_declarer' }, manque_eur: 0 });
    expect(m.reciprocite).toMatchObject({ attendue_eur: 125, declaree_eur: 200, versee_eur: 100, part_reseau_attendue_eur: 63, au_reseau_eur: 100 });
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

describe('per provider: expected and given on the same (finished) missions, the rate on the declarations due', () => {
  it('alice-conseil: défaillant for the first mission, hence out of the circle; the second not due yet', () => {
    const alice = prestataire('alice-conseil');
    expect(alice).toMatchObject({
      missions: ['mission-a-cheval', 'mission-terminee'],
      missions_terminees: 2,
      // due: mission-a-cheval (deadline 2025-03-17 passed); mission-terminee's is 2025-08-29
      declarations_dues: 1,
      declarations_faites: 0,
      taux_declaration: 0, // 0 / 1
      reciprocite_attendue_eur: 82, // 12 (à cheval) + 70 (terminée)
      reciprocite_declaree_eur: 200, // 100 + 2 h × 50
      argent_verse_eur: 100,
      argent_promis_eur: 0,
      promesses_echues_eur: 0,
      nature_heures: 2,
      nature_eur: 100,
      manque_eur: 12, // 12 − 0 on à cheval; 70 − 200 < 0 counts 0
      part_reseau_attendue_eur: 35, // 0 + 35
      au_reseau_eur: 100,
      en_cours: { missions: 0, reciprocite_declaree_eur: 0, argent_verse_eur: 0, argent_confirme_eur: 0, argent_promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0, nature_eur: 0 },
      livrables_ouverts: 1, // 0 + 1
      communs_contribues: ['reseau-test', 'wiki-test'],
      // mission-a-cheval started in 2024, mission-terminee in 2025: each by its own rules
      regles: ['2024-01-01#reciprocite', '2025-01-01#reciprocite'],
    });
    expect(alice.situation).toEqual({
      date: '2025-07-15',
      parti_le: null,
      adhesion: {
        statut: 'adherent',
        jusqu_au: '2025-12-31',
        tarif: 'acteur_economique',
        echue_depuis: null,
        reprend_le: null,
        raison: 'Adhésion en cours jusqu’au 31 décembre 2025.',
        regle: '2025-01-01#adhesion',
      },
      reciprocite: {
        statut: 'defaillant',
        // "90 jours": the delay of the rules in force when the mission started (2024), not 120
        raisons: ['Défaillant pour « Mission à cheval » : aucune déclaration plus de 90 jours après sa fin (le 15 février 2025).'],
        manquantes: [{ mission: 'mission-a-cheval', fin: '2025-02-15', echeance: '2025-03-17', dernier_delai: '2025-05-16', statut: 'defaillant', regle: '2024-01-01#delais' }],
        tardives: [],
        dues: ['mission-a-cheval'],
        regles: ['2024-01-01#delais', '2025-01-01#delais'],
      },
      cercle: { hors_cercle: true, raisons: ['Défaillant pour « Mission à cheval » depuis le 17 mai 2025.'], regles: ['2024-01-01#cercle'] },
      adhesion_requise: null,
      retroactives: [],
      exemple: false,
    });
    expect(alice.verdict).toMatchObject({ cle: 'defaillant', ton: 'hors_cercle', libelle: 'hors du cercle : déclaration manquante', regle: '2024-01-01#delais' });
  });

  it('bruno-coop: declared late (34 days) for the first mission, still due for the second', () => {
    const bruno = prestataire('bruno-coop');
    expect(bruno).toMatchObject({
      missions_terminees: 2,
      declarations_dues: 1,
      declarations_faites: 1,
      taux_declaration: 1, // 1 / 1: mission-terminee is not due before 2025-08-29
      argent_verse_eur: 0,
      argent_promis_eur: 50,
      reciprocite_attendue_eur: 75, // 20 + 55
      reciprocite_declaree_eur: 50,
      manque_eur: 0, // 20 − 50 < 0 counts 0; mission-terminee is not due before 2025-08-29: no shortfall yet
      part_reseau_attendue_eur: 28,
      au_reseau_eur: 50,
      // The CC-BY-SA Guide of mission-terminee names no author: it counts for the lead,
      // alice-conseil, not for every member of the team.
      livrables_ouverts: 0,
      communs_contribues: ['reseau-test'],
    });
    expect(bruno.situation.reciprocite).toMatchObject({
      statut: 'a_declarer',
      raisons: [
        'Déclaration à faire pour « Mission terminée » au plus tard le 29 août 2025 (fin le 30 juin 2025 + 60 jours).',
        'Déclaration pour « Mission à cheval » faite le 20 avril 2025, 34 jours après l’échéance (17 mars 2025).',
      ],
      tardives: [{ mission: 'mission-a-cheval', echeance: '2025-03-17', date: '2025-04-20', jours_de_retard: 34, regle: '2024-01-01#delais' }],
    });
    expect(bruno.situation.cercle.hors_cercle).toBe(false);
  });

  it('claire-asso: everything declared', () => {
    expect(prestataire('claire-asso')).toMatchObject({
      missions: ['mission-a-cheval'],
      missions_terminees: 1,
      declarations_dues: 1,
      declarations_faites: 1,
      taux_declaration: 1,
      argent_verse_eur: 60,
      reciprocite_attendue_eur: 18,
      reciprocite_declaree_eur: 180, // 60 + 3 h × 40
      manque_eur: 0,
      nature_heures: 3,
      nature_eur: 120,
      livrables_ouverts: 0,
      communs_contribues: ['reseau-test', 'wiki-test'],
      situation: { reciprocite: { statut: 'a_jour', raisons: ['La déclaration de la mission terminée est faite.'] }, cercle: { hors_cercle: false } },
    });
  });

  it('on 2025-10-01, bruno\'s promise for 2025-09-30 is overdue: « promesse échue », no longer counted as given', () => {
    const october = computeFigures(registry, '2025-10-01');
    const bruno = october.prestataires.find((p) => p.id === 'bruno-coop')!;
    // given on à cheval: 0 (the 50 promised are overdue); missing: 20 + 55 = 75
    expect(bruno).toMatchObject({ argent_promis_eur: 0, promesses_echues_eur: 50, reciprocite_declaree_eur: 0, manque_eur: 75 });
    // mission-terminee is now late (2025-08-29 passed, défaillant after 2025-10-28) and due: 1 of 2
    expect(bruno).toMatchObject({ declarations_dues: 2, declarations_faites: 1, taux_declaration: 0.5 });
    expect(bruno.situation.reciprocite.statut).toBe('en_retard');
    expect(october.reseau.totaux).toMatchObject({ argent_promis_eur: 0, promesses_echues_eur: 50 });
  });
});

describe('per provider, year by year (the chart over time)', () => {
  it('sorts each gift into the year of its own date, whatever the mission or the declaration date', () => {
    // claire declared on 2025-03-10, but her 60 € were paid on 2024-12-20: they count for 2024.
    expect(prestataire('claire-asso').par_annee).toEqual([
      { annee: 2024, verse_eur: 60, promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0 },
      { annee: 2025, verse_eur: 0, promis_eur: 0, promesses_echues_eur: 0, nature_heures: 3 },
    ]);
    expect(prestataire('alice-conseil').par_annee).toEqual([{ annee: 2025, verse_eur: 100, promis_eur: 0, promesses_echues_eur: 0, nature_heures: 2 }]);
    expect(prestataire('bruno-coop').par_annee).toEqual([{ annee: 2025, verse_eur: 0, promis_eur: 50, promesses_echues_eur: 0, nature_heures: 0 }]);
  });

  it('the years add up to the provider\'s totals over every mission, finished or not', () => {
    for (const p of figures.prestataires) {
      const paid = p.par_annee.reduce((s, y) => s + y.verse_eur, 0);
      const hours = p.par_annee.reduce((s, y) => s + y.nature_heures, 0);
      expect(paid).toBe(p.argent_verse_eur + p.en_cours.argent_verse_eur);
      expect(hours).toBe(p.nature_heures + p.en_cours.nature_heures);
    }
  });

  it('before any declaration, no year at all', () => {
    const early = computeFigures(registry, '2025-01-01');
    expect(early.prestataires.every((p) => p.par_annee.length === 0)).toBe(true);
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
        { annee: 2024, verse_eur: 60, confirme_eur: 0, promis_eur: 0, promesses_echues_eur: 0 },
        { annee: 2025, verse_eur: 100, confirme_eur: 0, promis_eur: 50, promesses_echues_eur: 0 },
      ],
      argent_verse_eur: 160, // 60 + 100
      // reseau-test names no forge account here: nothing confirmed, nothing awaited
      argent_confirme_eur: 0,
      versements: { confirmes: 0, confirmes_en_partie: 0, non_confirmes: 2, attendus: 0 },
      argent_promis_eur: 50,
      promesses_echues_eur: 0,
      par_annee: [
        { annee: 2024, verse_eur: 60, promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0, nature_confirmee_heures: 0 },
        { annee: 2025, verse_eur: 100, promis_eur: 50, promesses_echues_eur: 0, nature_heures: 0, nature_confirmee_heures: 0 },
      ],
      nature_contributions: 0,
      nature_heures: 0,
      nature_confirmee_heures: 0,
      contributions_nature: { confirmees: 0, confirmees_en_partie: 0, non_confirmees: 0 },
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
      argent_confirme_eur: 0,
      versements: { confirmes: 0, confirmes_en_partie: 0, non_confirmes: 0, attendus: 0 },
      argent_promis_eur: 0,
      promesses_echues_eur: 0,
      par_annee: [{ annee: 2025, verse_eur: 0, promis_eur: 0, promesses_echues_eur: 0, nature_heures: 5, nature_confirmee_heures: 0 }], // 3 + 2 h, both in 2025
      // claire-asso: 3 h on 2025-03-05 (mission-a-cheval); alice-conseil: 2 h on 2025-07-04
      nature_contributions: 2,
      nature_heures: 5, // 3 + 2
      nature_confirmee_heures: 0, // nobody confirms here (see tests/domain/confirmations.test.ts)
      contributions_nature: { confirmees: 0, confirmees_en_partie: 0, non_confirmees: 2 },
      missions: ['mission-a-cheval', 'mission-terminee'],
      contributeurs: ['alice-conseil', 'claire-asso'],
    });
  });
});

describe('for the network', () => {
  it('totals by year, flows and both facets of the situations', () => {
    expect(figures.reseau).toEqual({
      par_annee: [
        // mission-a-cheval started in 2024 (6 000); claire's 60 was paid in 2024
        { annee: 2024, missions_commencees: 1, budget_missions_eur: 6000, declarations: 0, argent_verse_eur: 60, argent_confirme_eur: 0, argent_promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0, nature_confirmee_heures: 0 },
        // mission-terminee started in 2025 (7 050); 3 declarations; 100 paid, 50 promised; 3 + 2 h
        { annee: 2025, missions_commencees: 1, budget_missions_eur: 7050, declarations: 3, argent_verse_eur: 100, argent_confirme_eur: 0, argent_promis_eur: 50, promesses_echues_eur: 0, nature_heures: 5, nature_confirmee_heures: 0 },
      ],
      appels_ouverts: ['mission-appel'], // closes 2025-07-31, after 2025-07-15
      flux: [
        { prestataire: 'alice-conseil', commun: 'reseau-test', verse_eur: 100, promis_eur: 0, nature_heures: 0 },
        { prestataire: 'alice-conseil', commun: 'wiki-test', verse_eur: 0, promis_eur: 0, nature_heures: 2 },
        { prestataire: 'bruno-coop', commun: 'reseau-test', verse_eur: 0, promis_eur: 50, nature_heures: 0 },
        { prestataire: 'claire-asso', commun: 'reseau-test', verse_eur: 60, promis_eur: 0, nature_heures: 0 },
        { prestataire: 'claire-asso', commun: 'wiki-test', verse_eur: 0, promis_eur: 0, nature_heures: 3 },
      ],
      situations: {
        adhesion: { adherent: 3, adhesion_echue: 0, jamais_adherent: 0 },
        reciprocite: { rien_du: 0, a_jour: 1, a_declarer: 1, en_retard: 0, defaillant: 1 },
        hors_cercle: 1,
        // one verdict each: alice défaillant, bruno to declare, claire up to date (3 = the providers)
        verdicts: { defaillant: 1, hors_cercle_adhesion: 0, en_retard: 0, adhesion_a_prendre: 0, a_declarer: 1, a_jour: 1, adhesion_echue: 0, rien_du: 0 },
      },
      // 60 + 100 = 160 paid; 50 promised; 5 h
      totaux: { prestataires: 3, missions: 3, communs: 2, declarations: 3, argent_verse_eur: 160, argent_confirme_eur: 0, argent_promis_eur: 50, promesses_echues_eur: 0, nature_heures: 5, nature_confirmee_heures: 0 },
    });
  });

  it('the yearly table adds up to the totals, future years included', () => {
    for (const date of ['2025-04-01', FIXTURE_DATE, '2025-10-01', '2027-01-01']) {
      const f = computeFigures(registry, date);
      const sum = (pick: (y: (typeof f.reseau.par_annee)[number]) => number) => Math.round(f.reseau.par_annee.reduce((s, y) => s + pick(y), 0) * 100) / 100;
      expect(sum((y) => y.argent_verse_eur)).toBe(f.reseau.totaux.argent_verse_eur);
      expect(sum((y) => y.argent_promis_eur)).toBe(f.reseau.totaux.argent_promis_eur);
      expect(sum((y) => y.promesses_echues_eur)).toBe(f.reseau.totaux.promesses_echues_eur);
      expect(sum((y) => y.nature_heures)).toBe(f.reseau.totaux.nature_heures);
      expect(sum((y) => y.declarations)).toBe(f.reseau.totaux.declarations);
    }
  });
});

describe('an earlier reference date shows the registry as it stood then', () => {
  it('on 2025-04-01, the straddling mission is already late by the 2024 delays (the 2025 ones would say due)', () => {
    const april = computeFigures(registry, '2025-04-01');
    // Only claire's declaration (2025-03-10) counts. mission-a-cheval: deadline 2025-03-17 passed,
    // défaillant after 2025-05-16 → late. Under the 2025 rules the deadline would be
    // 2025-04-16 (+60) and both would still have a declaration to make.
    const reciprocity = (id: string) => april.prestataires.find((p) => p.id === id)!.situation.reciprocite;
    expect(reciprocity('alice-conseil')).toMatchObject({
      statut: 'en_retard',
      raisons: ['Déclaration en retard pour « Mission à cheval » : attendue au plus tard le 17 mars 2025 ; défaillant après le 16 mai 2025.'],
    });
    expect(reciprocity('bruno-coop').statut).toBe('en_retard'); // declares only on 2025-04-20
    expect(reciprocity('claire-asso').statut).toBe('a_jour');
    expect(april.reseau.situations.reciprocite).toEqual({ rien_du: 0, a_jour: 1, a_declarer: 0, en_retard: 2, defaillant: 0 });
    expect(april.reseau.situations.hors_cercle).toBe(0);
    // alice: mission-terminee has not ended yet (2025-06-30): one finished mission, due, not declared
    expect(april.prestataires.find((p) => p.id === 'alice-conseil')).toMatchObject({ missions_terminees: 1, declarations_dues: 1, declarations_faites: 0, taux_declaration: 0, reciprocite_attendue_eur: 12 });
    expect(april.reseau.par_annee).toEqual([
      { annee: 2024, missions_commencees: 1, budget_missions_eur: 6000, declarations: 0, argent_verse_eur: 60, argent_confirme_eur: 0, argent_promis_eur: 0, promesses_echues_eur: 0, nature_heures: 0, nature_confirmee_heures: 0 },
      { annee: 2025, missions_commencees: 1, budget_missions_eur: 7050, declarations: 1, argent_verse_eur: 0, argent_confirme_eur: 0, argent_promis_eur: 0, promesses_echues_eur: 0, nature_heures: 3, nature_confirmee_heures: 0 },
    ]);
  });

  it('on 2025-06-01, alice is défaillant for mission-a-cheval (after 2025-05-16); under the 2025 rules she would only be late until 2025-06-15', () => {
    const june = computeFigures(registry, '2025-06-01');
    const alice = june.prestataires.find((p) => p.id === 'alice-conseil')!.situation;
    expect(alice.reciprocite.statut).toBe('defaillant');
    expect(alice.cercle.hors_cercle).toBe(true);
  });
});

describe('open-licensed deliverables: each provider is judged on their own', () => {
  // tests/fixtures/base: mission-terminee (consortium, lead alice-conseil; team alice-conseil
  // and bruno-coop) has one CC-BY-SA deliverable, « Guide ».
  afterAll(removeEditedTrees);
  const LICENCE = '    licence: CC-BY-SA-4.0\n';
  const owned = (edits: Record<string, Array<[string, string]>>) => {
    const result = loadRegistry(baseWith(edits), { date: FIXTURE_DATE });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const f = computeFigures(result.registry, FIXTURE_DATE);
    const m = f.missions.find((x) => x.id === 'mission-terminee')!;
    return {
      mission: m.livrables_ouverts,
      membres: Object.fromEntries(m.membres.map((x) => [x.prestataire, x.livrables_ouverts])),
      prestataires: Object.fromEntries(f.prestataires.map((p) => [p.id, p.livrables_ouverts])),
    };
  };
  const MISSION = 'missions/mission-terminee.md';

  it('without authors, the deliverable is the lead’s: 1 for alice-conseil, 0 for bruno-coop (not the whole team)', () => {
    expect(owned({})).toEqual({ mission: 1, membres: { 'alice-conseil': 1, 'bruno-coop': 0 }, prestataires: { 'alice-conseil': 1, 'bruno-coop': 0, 'claire-asso': 0 } });
  });

  it('with authors, it counts for them only', () => {
    expect(owned({ [MISSION]: [[LICENCE, `${LICENCE}    auteurs: [bruno-coop]\n`]] }).prestataires).toEqual({ 'alice-conseil': 0, 'bruno-coop': 1, 'claire-asso': 0 });
    expect(owned({ [MISSION]: [[LICENCE, `${LICENCE}    auteurs: [alice-conseil, bruno-coop]\n`]] }).prestataires).toEqual({ 'alice-conseil': 1, 'bruno-coop': 1, 'claire-asso': 0 });
  });

  it('carried by the network with no authors named, it is the mission’s, nobody’s in particular', () => {
    const network = owned({
      [MISSION]: [['  type: consortium\n  chef_de_file: alice-conseil\n', '  type: reseau\n  criteres: [structurant, logique_communs]\n  justification: Un outil pour tout le réseau.\n']],
    });
    expect(network).toEqual({ mission: 1, membres: { 'alice-conseil': 0, 'bruno-coop': 0 }, prestataires: { 'alice-conseil': 0, 'bruno-coop': 0, 'claire-asso': 0 } });
  });
});
