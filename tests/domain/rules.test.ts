// The rules framework as pure functions over plain objects: every expected number is
// worked out by hand in a comment, from the rules literal built in this file.
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../schemas/declaration.ts';
import type { Mission } from '../../schemas/mission.ts';
import type { Prestataire } from '../../schemas/prestataire.ts';
import type { Regles } from '../../schemas/regles.ts';
import {
  splitInCents,
  splitInSteps,
  cents,
  declaredValue,
  dueDeclaration,
  expectedReciprocity,
  isMemberOn,
  missionBudget,
  missionReferenceDate,
  portageCheck,
  roundTo,
  ruleId,
  rulesOn,
} from '../../src/domain/rules/rules.ts';

/** Alain's margin as the debate describes it: 100 € per floor day, for the floor contributors. */
const MARGE: Regles['marge_solidarite'] = {
  par_jour_eur: 100,
  base: 'jours_beneficiaires',
  beneficiaires: ['plancher'],
  repartition: 'prorata_jours',
  reste: 'client',
  dans_base_reciprocite: false,
};
const marge = (overrides: Partial<Regles['marge_solidarite']>) => regles({ marge_solidarite: { ...MARGE, ...overrides } });

/** A complete rules object; each test overrides only the numbers it is about. */
const BASE: Regles = {
  en_vigueur_depuis: '2024-01-01',
  adoptees_le: '2023-12-15',
  source: 'https://exemple.org/decision',
  exemple: true,
  resume: 'Règles de test.',
  reciprocite: {
    tranches: [
      { a_partir_de_eur: 0, taux_pct: 1 },
      { a_partir_de_eur: 5000, taux_pct: 2 },
      { a_partir_de_eur: 20000, taux_pct: 3 },
    ],
    valeur_heure_nature_eur: 40,
    arrondi_eur: 1,
    part_reseau_pct: 0,
  },
  delais: { declaration_jours: 30, hors_cercle_jours: 90, confirmation_jours: 90 },
  adhesion: { obligatoire_pour_equipe: true, tarif_appels: 'acteur_economique', grace_jours: 90, grace_compte: 'adhesion_echue', preavis_jours: 30 },
  portage: {
    criteres: [
      { id: 'structurant', libelle: 'Projet structurant' },
      { id: 'hors_portee_individuelle', libelle: "Hors de portée d'un seul membre" },
      { id: 'logique_communs', libelle: 'Logique de communs' },
    ],
    minimum_reseau: 2,
  },
  tarifs_jour_eur: { plancher: 350, animation: 450, coordination: 550 },
  marge_solidarite: MARGE,
  reseau: 'reseau-test',
  cercle: { nouvelles_equipes: 'signaler' },
  plausibilite: { argent_part_budget_max_pct: 50, heures_par_jour_max: 8, promesse_annees_max: 5, comptes_forge_max: 5, adhesion_jours_max: 731, annee_min: 2000 },
};

function regles(overrides: Partial<Regles> = {}): Regles {
  return { ...BASE, ...overrides };
}

function mission(overrides: Partial<Mission> = {}): Mission {
  return {
    id: 'mission-test',
    titre: 'Mission de test',
    client: { nom: 'Tiers-lieu fictif', type: 'tiers_lieu' },
    territoire: 'Amiénois',
    themes: [],
    statut: 'terminee',
    debut: '2025-03-01',
    fin: '2025-06-30',
    budget_eur: 10000,
    portage: { type: 'membre', chef_de_file: 'alice', criteres: [] },
    equipe: [{ prestataire: 'alice', role: 'plancher', jours: 10 }],
    livrables: [],
    corrections: [],
    ...overrides,
  };
}

function declaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    prestataire: 'alice',
    mission: 'mission-test',
    date: '2025-07-05',
    communs_utilises: [],
    contributions_argent: [],
    contributions_nature: [],
    ...overrides,
  };
}

describe('expectedReciprocity: progressive brackets', () => {
  // BASE brackets: 0 → 1 %, 5 000 → 2 %, 20 000 → 3 %.
  it('applies each rate to the part of the budget inside its bracket', () => {
    // 30 000 = 5 000 × 1 % + 15 000 × 2 % + 10 000 × 3 % = 50 + 300 + 300 = 650
    expect(expectedReciprocity(30000, BASE)).toBe(650);
  });

  it('uses only the first rate below the first threshold', () => {
    // 4 000 × 1 % = 40
    expect(expectedReciprocity(4000, BASE)).toBe(40);
    // 4 999 × 1 % = 49.99
    expect(expectedReciprocity(4999, BASE)).toBe(49.99);
  });

  it('puts nothing in a bracket when the budget is exactly at its threshold', () => {
    // 5 000 = 5 000 × 1 % + 0 × 2 % = 50
    expect(expectedReciprocity(5000, BASE)).toBe(50);
    // 5 001 = 50 + 1 × 2 % = 50.02
    expect(expectedReciprocity(5001, BASE)).toBe(50.02);
    // 20 000 = 5 000 × 1 % + 15 000 × 2 % + 0 × 3 % = 50 + 300 = 350
    expect(expectedReciprocity(20000, BASE)).toBe(350);
  });

  it('rounds to the cent', () => {
    // 1 234.56 × 1 % = 12.3456 → 12.35
    expect(expectedReciprocity(1234.56, BASE)).toBe(12.35);
    // 12 345.67 = 50 + 7 345.67 × 2 % = 50 + 146.9134 = 196.9134 → 196.91
    expect(expectedReciprocity(12345.67, BASE)).toBe(196.91);
  });

  it('does not depend on the order the brackets are written in', () => {
    const shuffled = regles({ reciprocite: { ...BASE.reciprocite, tranches: [...BASE.reciprocite.tranches].reverse() } });
    expect(expectedReciprocity(30000, shuffled)).toBe(650);
  });

  it('is a flat rate with a single bracket', () => {
    const flat = regles({ reciprocite: { ...BASE.reciprocite, tranches: [{ a_partir_de_eur: 0, taux_pct: 2 }] } });
    // 15 000 × 2 % = 300
    expect(expectedReciprocity(15000, flat)).toBe(300);
  });
});

describe("missionBudget: Alain's consortium (29 Mar 2024: two plancher, two animation, one coordination, ~100 € a day)", () => {
  // Day rates 350 (plancher) / 450 (animation) / 550 (coordination), margin 100 € per floor day.
  const consortium = mission({
    budget_eur: 10650,
    portage: { type: 'consortium', chef_de_file: 'coordo', criteres: [] },
    equipe: [
      { prestataire: 'plancher-lille', role: 'plancher', jours: 4 },
      { prestataire: 'plancher-avesnois', role: 'plancher', jours: 6 },
      { prestataire: 'anim-un', role: 'animation', jours: 5 },
      { prestataire: 'anim-deux', role: 'animation', jours: 5 },
      { prestataire: 'coordo', role: 'coordination', jours: 3 },
    ],
  });

  it('gives the budget by role, the days and a pool on the floor days only', () => {
    const budget = missionBudget(consortium, BASE);
    // plancher:      (4 + 6) = 10 days × 350 = 3 500
    // animation:     (5 + 5) = 10 days × 450 = 4 500
    // coordination:         3 days × 550 = 1 650
    expect(budget.roles).toEqual([
      { role: 'plancher', jours: 10, tarif_jour_eur: 350, montant_eur: 3500 },
      { role: 'animation', jours: 10, tarif_jour_eur: 450, montant_eur: 4500 },
      { role: 'coordination', jours: 3, tarif_jour_eur: 550, montant_eur: 1650 },
    ]);
    // total days: 10 + 10 + 3 = 23; billed by role: 3 500 + 4 500 + 1 650 = 9 650
    expect(budget.total_jours).toBe(23);
    expect(budget.total_roles_eur).toBe(9650);
    // pool: 100 € × 10 floor days = 1 000 (not × 23 team days: « par jour de contrib' plancher »)
    expect(budget.solidarite).toEqual({
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
    });
    // budget 10 650 = 9 650 + 1 000: nothing unexplained
    expect(budget.ecart_budget_eur).toBe(0);
    expect(missionBudget({ ...consortium, budget_eur: 10700 }, BASE).ecart_budget_eur).toBe(50);
  });

  it("leaves the pool out of the reciprocity base, and splits the mission's expectation among the members to the euro (arrondi_eur: 1), exactly", () => {
    const budget = missionBudget(consortium, BASE);
    // base: 10 650 − 1 000 (the pool pays costs) = 9 650; 5 000 × 1 % + 4 650 × 2 % = 50 + 93 = 143
    expect(budget.base_reciprocite_eur).toBe(9650);
    expect(budget.reciprocite_exacte_eur).toBe(143);
    expect(budget.reciprocite_attendue_eur).toBe(143);
    // The rules round expected amounts to the euro (arrondi_eur: 1), the members' parts too.
    // Each member: 143 × billed / 9 650, floored to the euro, then the euros left to the largest remainders:
    //   plancher-lille    1 400 → 20.746… → 20 (rest .746)
    //   plancher-avesnois 2 100 → 31.119… → 31 (rest .119)
    //   anim-un, anim-deux 2 250 → 33.342… → 33 each (rest .342)
    //   coordo            1 650 → 24.450… → 24 (rest .450)
    // floors add up to 141: the 2 euros left go to .746 and .450 → 21 and 25; the parts make 143.
    // Pool: 1 000 × 4/10 = 400 and 1 000 × 6/10 = 600.
    expect(budget.membres).toEqual([
      { prestataire: 'plancher-lille', role: 'plancher', jours: 4, montant_eur: 1400, part_solidarite_eur: 400, reciprocite_attendue_eur: 21, part_reseau_attendue_eur: 0 },
      { prestataire: 'plancher-avesnois', role: 'plancher', jours: 6, montant_eur: 2100, part_solidarite_eur: 600, reciprocite_attendue_eur: 31, part_reseau_attendue_eur: 0 },
      { prestataire: 'anim-un', role: 'animation', jours: 5, montant_eur: 2250, part_solidarite_eur: 0, reciprocite_attendue_eur: 33, part_reseau_attendue_eur: 0 },
      { prestataire: 'anim-deux', role: 'animation', jours: 5, montant_eur: 2250, part_solidarite_eur: 0, reciprocite_attendue_eur: 33, part_reseau_attendue_eur: 0 },
      { prestataire: 'coordo', role: 'coordination', jours: 3, montant_eur: 1650, part_solidarite_eur: 0, reciprocite_attendue_eur: 25, part_reseau_attendue_eur: 0 },
    ]);
  });

  it('counts the pool in the base when the rules say so, and rounds to the cent when they say 0.01', () => {
    const inBase = missionBudget(consortium, marge({ dans_base_reciprocite: true }));
    // base 10 650: 50 + 5 650 × 2 % = 50 + 113 = 163
    expect(inBase.reciprocite_attendue_eur).toBe(163);
    const toTheCent = missionBudget(consortium, regles({ reciprocite: { ...BASE.reciprocite, arrondi_eur: 0.01 } }));
    // 143 to the cent is still 143: the same parts as above
    expect(toTheCent.membres.map((m) => m.reciprocite_attendue_eur)).toEqual([20.75, 31.12, 33.34, 33.34, 24.45]);
  });

  it("gives the network its share of the mission, split among the members in steps of the rounding, exactly", () => {
    const budget = missionBudget(consortium, regles({ reciprocite: { ...BASE.reciprocite, part_reseau_pct: 25 } }));
    // 25 % of 143 = 35.75 → 36; split pro rata of billed, to the euro: 5.222… → 5 (rest .222), 7.834… → 7 (.834),
    // 8.393… → 8 (.393) twice, 6.155… → 6 (.155); floors 34, the 2 euros to .834 and to one .393: the tie
    // goes to the first key in order, anim-deux (before anim-un), wherever it is listed.
    expect(budget.part_reseau_attendue_eur).toBe(36);
    expect(budget.membres.map((m) => m.part_reseau_attendue_eur)).toEqual([5, 8, 8, 9, 6]);
    // To the cent (arrondi_eur: 0.01): 35.75 in cents, 3 575 × billed / 9 650 = 518.65, 777.98, 833.55 twice,
    // 611.27; floors 3 572, the 3 cents to .98, .65 and one .55 (anim-deux, first key): 5.19, 7.78, 8.33, 8.34, 6.11.
    const toTheCent = missionBudget(consortium, regles({ reciprocite: { ...BASE.reciprocite, part_reseau_pct: 25, arrondi_eur: 0.01 } }));
    expect(toTheCent.membres.map((m) => m.part_reseau_attendue_eur)).toEqual([5.19, 7.78, 8.33, 8.34, 6.11]);
  });

  it('splits in steps with ties broken by the key, never by the order of the team', () => {
    // 70 to the euro between 3 850 and 3 150 (the Moulin): 38.5 and 31.5, floors 38 + 31 = 69;
    // the euro left goes to the tie's first key, « atelier », wherever it is listed: 32 and 38.
    expect(splitInSteps(70, [3850, 3150], ['nicolas', 'atelier'], 1)).toEqual([38, 32]);
    expect(splitInSteps(70, [3150, 3850], ['atelier', 'nicolas'], 1)).toEqual([32, 38]);
    // 5 € steps: 20 in two halves is 10 and 10; 15 is 10 and 5.
    expect(splitInSteps(20, [1, 1], ['a', 'b'], 5)).toEqual([10, 10]);
    expect(splitInSteps(15, [1, 1], ['a', 'b'], 5)).toEqual([10, 5]);
    // 70 between two equal weights and one of half: 28 / 28 / 14 exactly
    expect(splitInCents(70, [2, 2, 1], ['b', 'a', 'c'])).toEqual([28, 28, 14]);
    // 0.01 between two equal weights: the cent goes to the first key in order, wherever it is listed
    expect(splitInCents(0.01, [1, 1], ['b', 'a'])).toEqual([0, 0.01]);
    expect(splitInCents(0.01, [1, 1], ['a', 'b'])).toEqual([0.01, 0]);
    expect(splitInCents(10, [0, 0], ['a', 'b'])).toEqual([0, 0]);
  });

  it("shares the pool equally when the rules say 'egale'", () => {
    const budget = missionBudget(consortium, marge({ repartition: 'egale' }));
    // 1 000 / 2 floor contributors = 500 each, whatever their days.
    expect(budget.membres.map((m) => m.part_solidarite_eur)).toEqual([500, 500, 0, 0, 0]);
  });

  it('pays declared travel costs up to a cap per day, and says where the rest goes', () => {
    // Lille declares 90 € of travel for 4 days, the Avesnois (« de plus loin ») 900 € for 6 days.
    const costs = mission({
      ...consortium,
      equipe: consortium.equipe.map((m) =>
        m.prestataire === 'plancher-lille' ? { ...m, frais_deplacement_eur: 90 } : m.prestataire === 'plancher-avesnois' ? { ...m, frais_deplacement_eur: 900 } : m,
      ),
    });
    const budget = missionBudget(costs, marge({ repartition: 'frais_declares', plafond_par_jour_eur: 120, reste: 'reseau' }));
    // caps: 4 × 120 = 480 and 6 × 120 = 720. Claimed: min(90, 480) = 90 and min(900, 720) = 720.
    // 90 + 720 = 810 ≤ pool 1 000: both paid in full, 190 left, to the network.
    expect(budget.membres.map((m) => m.part_solidarite_eur)).toEqual([90, 720, 0, 0, 0]);
    expect(budget.solidarite).toMatchObject({ pot_eur: 1000, distribue_eur: 810, reste_eur: 190, reste: 'reseau' });
  });

  it('shares by distance: more for those who come from further away', () => {
    const far = mission({
      ...consortium,
      equipe: consortium.equipe.map((m) =>
        m.prestataire === 'plancher-lille' ? { ...m, distance_km: 10 } : m.prestataire === 'plancher-avesnois' ? { ...m, distance_km: 105 } : m,
      ),
    });
    // weights: 4 d × 10 km = 40 and 6 d × 105 km = 630; 1 000 × 40/670 = 59.70…, 1 000 × 630/670 = 940.29…
    // each floored to the cent: 59.70 + 940.29 = 999.99, one cent left
    const budget = missionBudget(far, marge({ repartition: 'distance' }));
    expect(budget.membres.map((m) => m.part_solidarite_eur)).toEqual([59.7, 940.29, 0, 0, 0]);
    expect(budget.solidarite.reste_eur).toBe(0.01);
  });

  it('has no pool without a floor contributor, even when the base is every team day', () => {
    const noFloor = mission({ equipe: [{ prestataire: 'anim', role: 'animation', jours: 8 }], budget_eur: 3600 });
    expect(missionBudget(noFloor, marge({ base: 'jours_equipe' })).solidarite).toMatchObject({ jours: 0, pot_eur: 0, reste_eur: 0 });
    // With a floor contributor and base jours_equipe: 100 × (1 + 1 + 1 + 7) = 1 000 shared equally by three:
    // 333.33 each (floored), 0.01 left — never more than the pool, and the same for all three.
    const three = mission({
      equipe: [
        { prestataire: 'a', role: 'plancher', jours: 1 },
        { prestataire: 'b', role: 'plancher', jours: 1 },
        { prestataire: 'c', role: 'plancher', jours: 1 },
        { prestataire: 'd', role: 'animation', jours: 7 },
      ],
    });
    const split = missionBudget(three, marge({ base: 'jours_equipe', repartition: 'egale' }));
    expect(split.solidarite.pot_eur).toBe(1000);
    expect(split.membres.map((m) => m.part_solidarite_eur)).toEqual([333.33, 333.33, 333.33, 0]);
    expect(split.solidarite.reste_eur).toBe(0.01);
  });

  it('names the rule behind each figure', () => {
    expect(missionBudget(consortium, BASE).regles).toEqual({
      tarifs: '2024-01-01#tarifs_jour_eur',
      solidarite: '2024-01-01#marge_solidarite',
      reciprocite: '2024-01-01#reciprocite',
      reseau: '2024-01-01#reseau',
    });
    expect(ruleId(BASE, 'delais')).toBe('2024-01-01#delais');
  });

  it('has no pool share and no expected reciprocity per member for an empty team, and accepts a zero budget', () => {
    const budget = missionBudget(mission({ statut: 'appel', equipe: [], budget_eur: 8000 }), BASE);
    // The mission still has an expectation: 5 000 × 1 % + 3 000 × 2 % = 50 + 60 = 110.
    expect(budget).toMatchObject({ roles: [], total_jours: 0, total_roles_eur: 0, membres: [], reciprocite_attendue_eur: 110 });
    expect(budget.solidarite.pot_eur).toBe(0);
    // Compagnonnage: budget 0, nothing expected.
    expect(missionBudget(mission({ budget_eur: 0 }), BASE).reciprocite_attendue_eur).toBe(0);
  });
});

describe('roundTo', () => {
  it('rounds half up to the step', () => {
    expect(roundTo(20.5, 1)).toBe(21);
    expect(roundTo(20.49, 1)).toBe(20);
    expect(roundTo(1.005, 0.01)).toBe(1.01);
    expect(roundTo(37, 5)).toBe(35);
  });
});

describe('declaredValue: money paid, money promised, in-kind hours valued by the rules', () => {
  it('sums each kind and values hours at the hourly value', () => {
    const value = declaredValue(
      declaration({
        contributions_argent: [
          { commun: 'reseau-test', montant_eur: 100, statut: 'verse', date: '2025-07-05' },
          { commun: 'outil-libre', montant_eur: 50.5, statut: 'verse', date: '2025-07-06' },
          { commun: 'reseau-test', montant_eur: 30, statut: 'promis', date: '2025-12-01' },
        ],
        contributions_nature: [
          { commun: 'wiki-test', description: 'Une fiche.', heures: 2, date: '2025-07-04' },
          { commun: 'wiki-test', description: 'Une relecture.', heures: 1.5, date: '2025-07-04' },
        ],
      }),
      BASE,
      '2025-07-15',
    );
    // paid: 100 + 50.5 = 150.5; promised for 2025-12-01 (still to come): 30; hours: 2 + 1.5 = 3.5, × 40 € = 140
    // total: 150.5 + 30 + 140 = 320.5; to the network (reseau-test): 100 + 30 = 130
    expect(value).toEqual({
      verse_eur: 150.5,
      promis_eur: 30,
      promesse_echue_eur: 0,
      nature_heures: 3.5,
      nature_eur: 140,
      total_eur: 320.5,
      au_reseau_eur: 130,
      regle: '2024-01-01#nature',
    });
  });

  it('does not count a promise past its date as given (« promesse échue »)', () => {
    const d = declaration({
      contributions_argent: [
        { commun: 'reseau-test', montant_eur: 25, statut: 'promis', date: '2025-12-15' },
        { commun: 'reseau-test', montant_eur: 10, statut: 'verse', date: '2025-07-05' },
      ],
    });
    // On 2025-12-15 the promise is still due that day: 10 + 25 = 35.
    expect(declaredValue(d, BASE, '2025-12-15')).toMatchObject({ promis_eur: 25, promesse_echue_eur: 0, total_eur: 35 });
    // On 2025-12-16 it is overdue: only the 10 paid count.
    expect(declaredValue(d, BASE, '2025-12-16')).toMatchObject({ promis_eur: 0, promesse_echue_eur: 25, total_eur: 10, au_reseau_eur: 10 });
  });

  it('follows the hourly value of the rules', () => {
    const d = declaration({ contributions_nature: [{ commun: 'wiki-test', description: 'Une fiche.', heures: 3, date: '2025-07-04' }] });
    // 3 h × 55 € = 165
    expect(declaredValue(d, regles({ reciprocite: { ...BASE.reciprocite, valeur_heure_nature_eur: 55 } }), '2025-07-15').nature_eur).toBe(165);
  });

  it('is zero for an empty declaration', () => {
    expect(declaredValue(declaration(), BASE, '2025-07-15')).toMatchObject({ verse_eur: 0, promis_eur: 0, nature_heures: 0, nature_eur: 0, total_eur: 0 });
  });
});

describe('portageCheck (Laurent C: the network leads only when criteria hold)', () => {
  const reseau = (criteres: string[]) =>
    mission({ portage: { type: 'reseau', criteres, justification: 'Projet régional.' } });

  it('accepts a network-led mission that meets the minimum', () => {
    const check = portageCheck(reseau(['structurant', 'logique_communs']), BASE);
    expect(check).toEqual({
      type: 'reseau',
      criteres_remplis: ['structurant', 'logique_communs'],
      criteres_inconnus: [],
      minimum: 2,
      conforme: true,
      regle: '2024-01-01#portage',
    });
  });

  it('refuses a network-led mission with too few criteria, counting a repeated one once', () => {
    expect(portageCheck(reseau(['structurant']), BASE)).toMatchObject({ criteres_remplis: ['structurant'], conforme: false });
    expect(portageCheck(reseau(['structurant', 'structurant']), BASE)).toMatchObject({ criteres_remplis: ['structurant'], conforme: false });
    expect(portageCheck(reseau([]), BASE).conforme).toBe(false);
  });

  it('does not count an unknown criterion, and lists it', () => {
    const check = portageCheck(reseau(['structurant', 'grand_territoire']), BASE);
    expect(check).toMatchObject({ criteres_remplis: ['structurant'], criteres_inconnus: ['grand_territoire'], conforme: false });
  });

  it('follows the minimum of the rules', () => {
    expect(portageCheck(reseau(['structurant']), regles({ portage: { ...BASE.portage, minimum_reseau: 1 } })).conforme).toBe(true);
  });

  it('always accepts a member or consortium lead, criteria or not', () => {
    expect(portageCheck(mission({ portage: { type: 'membre', chef_de_file: 'alice', criteres: [] } }), BASE).conforme).toBe(true);
    expect(portageCheck(mission({ portage: { type: 'consortium', chef_de_file: 'alice', criteres: ['inconnu'] } }), BASE)).toMatchObject({
      conforme: true,
      criteres_inconnus: ['inconnu'],
    });
  });
});

describe('dueDeclaration: due, then late, then défaillant as the date moves', () => {
  // Mission ended 2025-06-30; BASE delays: 30 days to declare, out of the circle after 90.
  //   deadline:   2025-06-30 + 30 = 2025-07-30 (June has 30 days)
  //   out after:  2025-06-30 + 90 = 2025-07-31 (+31) → 2025-08-31 (+62) → 2025-09-28 (+90)
  const ended = mission({ fin: '2025-06-30' });

  it('is nothing while the mission is not finished', () => {
    expect(dueDeclaration(ended, BASE, '2025-06-29')).toBeNull();
    expect(dueDeclaration(mission({ statut: 'en_cours', fin: '2026-06-30' }), BASE, '2026-01-01')).toBeNull();
    expect(dueDeclaration(mission({ statut: 'abandonnee' }), BASE, '2026-01-01')).toBeNull();
    // Still « en_cours » on its last day: not ended yet.
    expect(dueDeclaration({ ...ended, statut: 'en_cours' }, BASE, '2025-06-30')).toBeNull();
  });

  it('runs from the end whatever the status says: « en_cours » or « attribuee » past fin is judged as ended', () => {
    const due = { mission: 'mission-test', fin: '2025-06-30', echeance: '2025-07-30', dernier_delai: '2025-09-28', regle: '2024-01-01#delais' };
    expect(dueDeclaration({ ...ended, statut: 'en_cours' }, BASE, '2025-07-01')).toEqual({ ...due, statut: 'a_declarer' });
    expect(dueDeclaration({ ...ended, statut: 'attribuee' }, BASE, '2025-09-29')).toEqual({ ...due, statut: 'defaillant' });
    // An abandonment (before the end: validate refuses one after it) stops the clock.
    expect(dueDeclaration({ ...ended, statut: 'abandonnee', abandon: { date: '2025-05-01', raison: 'Arrêtée d’un commun accord.' } }, BASE, '2025-09-29')).toBeNull();
  });

  it('is nothing for a compagnonnage (budget 0): it expects nothing, so nobody is late or défaillant', () => {
    expect(dueDeclaration({ ...ended, budget_eur: 0 }, BASE, '2026-06-30')).toBeNull();
  });

  it('is due from the last day up to the deadline, inclusive', () => {
    const due = { mission: 'mission-test', fin: '2025-06-30', echeance: '2025-07-30', dernier_delai: '2025-09-28', regle: '2024-01-01#delais' };
    expect(dueDeclaration(ended, BASE, '2025-06-30')).toEqual({ ...due, statut: 'a_declarer' });
    expect(dueDeclaration(ended, BASE, '2025-07-30')).toEqual({ ...due, statut: 'a_declarer' });
    // the day after the deadline: late, until the 90th day inclusive
    expect(dueDeclaration(ended, BASE, '2025-07-31')).toEqual({ ...due, statut: 'en_retard' });
    expect(dueDeclaration(ended, BASE, '2025-09-28')).toEqual({ ...due, statut: 'en_retard' });
    // the 91st day: défaillant
    expect(dueDeclaration(ended, BASE, '2025-09-29')).toEqual({ ...due, statut: 'defaillant' });
  });

  it('follows the delays of the rules, across a year end', () => {
    const slow = regles({ delais: { declaration_jours: 45, hors_cercle_jours: 60, confirmation_jours: 90 } });
    // fin 2025-12-10: + 45 = 2025-12-31 (+21) → 2026-01-24 (+45); + 60 = 2026-02-08
    const december = mission({ fin: '2025-12-10' });
    expect(dueDeclaration(december, slow, '2026-01-24')).toMatchObject({ echeance: '2026-01-24', dernier_delai: '2026-02-08', statut: 'a_declarer' });
    expect(dueDeclaration(december, slow, '2026-01-25')?.statut).toBe('en_retard');
    expect(dueDeclaration(december, slow, '2026-02-08')?.statut).toBe('en_retard');
    expect(dueDeclaration(december, slow, '2026-02-09')?.statut).toBe('defaillant');
  });
});

describe('isMemberOn: membership periods include both ends', () => {
  const p: Prestataire = {
    id: 'alice',
    nom: 'Alice',
    type: 'independant',
    territoire: 'Amiénois',
    competences: ['gouvernance'],
    comptes_forge: [],
    adhesions: [{ du: '2024-01-01', au: '2024-12-31', tarif: 'acteur_economique' }],
  };
  it('is true from du to au', () => {
    expect(isMemberOn(p, '2023-12-31')).toBe(false);
    expect(isMemberOn(p, '2024-01-01')).toBe(true);
    expect(isMemberOn(p, '2024-12-31')).toBe(true);
    expect(isMemberOn(p, '2025-01-01')).toBe(false);
  });
});

describe('rulesOn: a mission is judged by the rules in force when it started', () => {
  // 2024: 0 → 1 %, 10 000 → 2 %; 30 days to declare, 90 before leaving the circle.
  const r2024 = regles({
    en_vigueur_depuis: '2024-01-01',
    reciprocite: { ...BASE.reciprocite, tranches: [{ a_partir_de_eur: 0, taux_pct: 1 }, { a_partir_de_eur: 10000, taux_pct: 2 }] },
    delais: { declaration_jours: 30, hors_cercle_jours: 90, confirmation_jours: 90 },
  });
  // 2025: a flat 2 %; 60 days to declare, 120 before leaving the circle.
  const r2025 = regles({
    en_vigueur_depuis: '2025-01-01',
    adoptees_le: '2024-12-10',
    reciprocite: { ...BASE.reciprocite, tranches: [{ a_partir_de_eur: 0, taux_pct: 2 }] },
    delais: { declaration_jours: 60, hors_cercle_jours: 120, confirmation_jours: 90 },
  });
  const both = [r2025, r2024]; // any order

  it('picks the latest rules on or before the date', () => {
    expect(rulesOn(both, '2023-12-31')).toBeUndefined();
    expect(rulesOn(both, '2024-01-01')).toBe(r2024);
    expect(rulesOn(both, '2024-12-31')).toBe(r2024);
    expect(rulesOn(both, '2025-01-01')).toBe(r2025);
    expect(rulesOn(both, '2030-06-01')).toBe(r2025);
  });

  it('judges a mission that straddles the change by the 2024 rules', () => {
    const straddling = mission({ debut: '2024-12-15', fin: '2025-02-15', budget_eur: 12000 });
    expect(missionReferenceDate(straddling)).toBe('2024-12-15');
    const judged = rulesOn(both, missionReferenceDate(straddling)!)!;
    expect(judged.en_vigueur_depuis).toBe('2024-01-01');
    // 12 000 = 10 000 × 1 % + 2 000 × 2 % = 100 + 40 = 140 (the 2025 rules would say 12 000 × 2 % = 240)
    expect(expectedReciprocity(straddling.budget_eur, judged)).toBe(140);
    expect(missionBudget(straddling, judged).regles.reciprocite).toBe('2024-01-01#reciprocite');
    // deadline: 2025-02-15 + 30 = 2025-02-28 (+13) → 2025-03-17 (+30)
    // out:      2025-02-15 + 90 = 2025-03-31 (+44) → 2025-04-30 (+74) → 2025-05-16 (+90)
    // (the 2025 rules would say 2025-04-16 and 2025-06-15)
    expect(dueDeclaration(straddling, judged, '2025-04-01')).toEqual({
      mission: 'mission-test',
      fin: '2025-02-15',
      echeance: '2025-03-17',
      dernier_delai: '2025-05-16',
      statut: 'en_retard', // under the 2025 rules it would still be a_declarer on 1 April
      regle: '2024-01-01#delais',
    });
  });

  it('judges a mission that started after the change by the 2025 rules', () => {
    const after = mission({ debut: '2025-01-02', fin: '2025-03-31', budget_eur: 12000 });
    const judged = rulesOn(both, missionReferenceDate(after)!)!;
    expect(judged.en_vigueur_depuis).toBe('2025-01-01');
    // 12 000 × 2 % = 240
    expect(expectedReciprocity(after.budget_eur, judged)).toBe(240);
    // deadline: 2025-03-31 + 60 = 2025-04-30 (+30) → 2025-05-30 (+60)
    // out:      2025-03-31 + 120 = 2025-05-31 (+61) → 2025-06-30 (+91) → 2025-07-29 (+120)
    expect(dueDeclaration(after, judged, '2025-05-30')).toMatchObject({ echeance: '2025-05-30', dernier_delai: '2025-07-29', statut: 'a_declarer', regle: '2025-01-01#delais' });
  });

  it('judges an open call by the date of the call', () => {
    const call = mission({ statut: 'appel', debut: undefined, fin: undefined, date_appel: '2024-11-20', equipe: [] });
    expect(missionReferenceDate(call)).toBe('2024-11-20');
    expect(rulesOn(both, missionReferenceDate(call)!)).toBe(r2024);
  });
});

describe('cents', () => {
  it('rounds amounts to the cent', () => {
    expect(cents(12.345678)).toBe(12.35);
    expect(cents(0.1 + 0.2)).toBe(0.3);
  });
});
