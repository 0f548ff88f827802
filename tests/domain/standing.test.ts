// The situation of a provider on a date (membership, reciprocity, and « hors du cercle »
// as their consequence), on real content trees loaded from disk.
// tests/fixtures/base: rules 2024-01-01 (30 days to declare, out of the circle after
// 90, membership required); every membership runs 2024-01-01 → 2025-12-31;
// mission-terminee ended 2025-06-30 with alice-conseil (declared on 2025-07-05) and
// bruno-coop (never declared); claire-asso is in no mission.
//   deadline:   2025-06-30 + 30 = 2025-07-30
//   défaillant after: 2025-06-30 + 90 = 2025-09-28 (July 31 days, August 31: 1 + 31 + 31 + 27 = 90)
//   membership grace (default of the rules): 90 days after the first day without membership
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import type { Registry } from '../../src/domain/registry/registry.ts';
import { situationOn, situationInWords, verdictOf } from '../../src/domain/rules/standing.ts';
import { baseWith, FIXTURE_DATE, FIXTURES, removeEditedTrees, SAMPLE, SAMPLE_DIR } from '../helpers.ts';

afterAll(removeEditedTrees);

function load(dir: string, date = FIXTURE_DATE): Registry {
  const result = loadRegistry(dir, { date });
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.registry;
}

function situation(registry: Registry, id: string, date: string) {
  return situationOn(registry.prestataires.get(id)!.data, registry, date);
}

describe('a provider who never declares: due, late, then défaillant and out of the circle as the date moves', () => {
  let registry: Registry;
  beforeAll(() => {
    registry = load(join(FIXTURES, 'base'));
  });

  it('has nothing due while the mission runs: a neutral state, not « à jour »', () => {
    const s = situation(registry, 'bruno-coop', '2025-06-29');
    expect(s.reciprocite).toEqual({ statut: 'rien_du', raisons: ['Aucune mission terminée : rien n’est encore dû.'], manquantes: [], tardives: [], dues: [], regles: [] });
    expect(s.adhesion).toMatchObject({ statut: 'adherent', jusqu_au: '2025-12-31', regle: '2024-01-01#adhesion' });
    expect(s.cercle).toEqual({ hors_cercle: false, raisons: [], regles: [] });
  });

  it('has a declaration to make from the last day of the mission to the deadline, inclusive', () => {
    for (const date of ['2025-06-30', '2025-07-30']) {
      const s = situation(registry, 'bruno-coop', date);
      expect(s.reciprocite.statut).toBe('a_declarer');
      expect(s.reciprocite.raisons).toEqual(['Déclaration à faire pour « Mission terminée » au plus tard le 30 juillet 2025 (fin le 30 juin 2025 + 30 jours).']);
      expect(s.reciprocite.manquantes).toEqual([
        { mission: 'mission-terminee', fin: '2025-06-30', echeance: '2025-07-30', dernier_delai: '2025-09-28', statut: 'a_declarer', regle: '2024-01-01#delais' },
      ]);
      // Not due yet: the deadline has not passed.
      expect(s.reciprocite.dues).toEqual([]);
    }
  });

  it('is late from the day after the deadline to the 90th day, and the declaration is then due', () => {
    for (const date of ['2025-07-31', '2025-09-28']) {
      const s = situation(registry, 'bruno-coop', date);
      expect(s.reciprocite.statut).toBe('en_retard');
      expect(s.reciprocite.raisons).toEqual([
        'Déclaration en retard pour « Mission terminée » : attendue au plus tard le 30 juillet 2025 ; défaillant après le 28 septembre 2025.',
      ]);
      expect(s.reciprocite.dues).toEqual(['mission-terminee']);
      expect(s.cercle.hors_cercle).toBe(false);
    }
  });

  it('is défaillant from the 91st day, and that puts him out of the circle, with the reason and the rule', () => {
    const s = situation(registry, 'bruno-coop', '2025-09-29');
    expect(s.reciprocite.statut).toBe('defaillant');
    expect(s.reciprocite.raisons).toEqual(['Défaillant pour « Mission terminée » : aucune déclaration plus de 90 jours après sa fin (le 30 juin 2025).']);
    expect(s.adhesion.statut).toBe('adherent');
    expect(s.cercle).toEqual({ hors_cercle: true, raisons: ['Défaillant pour « Mission terminée » depuis le 29 septembre 2025.'], regles: ['2024-01-01#cercle'] });
  });

  it('keeps a provider who declared up to date on every date after the declaration', () => {
    for (const date of ['2025-07-05', '2025-07-31', '2025-09-29', '2025-12-31']) {
      const s = situation(registry, 'alice-conseil', date);
      expect(s.reciprocite).toMatchObject({ statut: 'a_jour', raisons: ['La déclaration de la mission terminée est faite.'], manquantes: [], tardives: [] });
      expect(s.cercle.hors_cercle).toBe(false);
    }
  });
});

describe('a declaration dated after the reference date does not count yet; a late one keeps its trace', () => {
  it('leaves alice with a declaration to make the day before she declared (2025-07-05)', () => {
    const registry = load(join(FIXTURES, 'base'));
    expect(situation(registry, 'alice-conseil', '2025-07-04').reciprocite.statut).toBe('a_declarer');
    expect(situation(registry, 'alice-conseil', '2025-07-05').reciprocite.statut).toBe('a_jour');
  });

  it('shows a late declarer as late until her declaration, then « à jour » with the days of lateness', () => {
    // alice declares on 2025-08-15, after the deadline (2025-07-30): 2025-07-30 → 2025-08-15 = 1 + 15 = 16 days.
    const dir = baseWith({ 'declarations/alice-conseil/mission-terminee.yaml': [['date: "2025-07-05"', 'date: "2025-08-15"']] });
    const registry = load(dir, '2025-08-15');
    expect(situation(registry, 'alice-conseil', '2025-08-14').reciprocite.statut).toBe('en_retard');
    const s = situation(registry, 'alice-conseil', '2025-08-15');
    expect(s.reciprocite.statut).toBe('a_jour');
    expect(s.reciprocite.tardives).toEqual([{ mission: 'mission-terminee', echeance: '2025-07-30', date: '2025-08-15', jours_de_retard: 16, regle: '2024-01-01#delais' }]);
    expect(s.reciprocite.raisons).toEqual([
      'La déclaration de la mission terminée est faite.',
      'Déclaration pour « Mission terminée » faite le 15 août 2025, 16 jours après l’échéance (30 juillet 2025).',
    ]);
  });
});

/** mission-longue: 2026-01-01 → 2026-06-30, claire-asso (member to 2025-12-31) and bruno-coop, who never joined. */
function longMissionTree(rulesEdits: Array<[string, string]> = []): string {
  const mission = readFileSync(join(FIXTURES, 'base', 'missions', 'mission-terminee.md'), 'utf8')
    .replace('id: mission-terminee', 'id: mission-longue')
    .replace('titre: Mission terminée', 'titre: Mission longue')
    .replace('statut: terminee', 'statut: en_cours')
    .replace('debut: "2025-03-01"', 'debut: "2026-01-01"')
    .replace('fin: "2025-06-30"', 'fin: "2026-06-30"')
    .replace('chef_de_file: alice-conseil', 'chef_de_file: claire-asso')
    .replace('prestataire: alice-conseil', 'prestataire: claire-asso')
    .replace(/bilan:[\s\S]*?---/, '---');
  const dir = baseWith({
    'prestataires/bruno-coop.md': [['adhesions:\n  - du: "2024-01-01"\n    au: "2025-12-31"\n    tarif: acteur_economique\n', 'adhesions: []\n']],
    ...(rulesEdits.length > 0 ? { 'regles/2024-01-01.yaml': rulesEdits } : {}),
  });
  writeFileSync(join(dir, 'missions', 'mission-longue.md'), mission);
  return dir;
}

// The 2024 meaning of grace_jours (grace_compte absent, or adhesion_echue): « Une adhésion non
// renouvelée laisse ce délai avant la sortie du cercle », with or without a mission.
// claire-asso's membership ends on 2025-12-31: first day without it 2026-01-01; grace 90 days:
// the 90th day is 2026-03-31 (31 + 28 + 31 = 90), out of the circle from 2026-04-01.
describe('the rules of the base tree (grace counted from a lapse): a membership not renewed leaves the circle after the grace period', () => {
  it('claire-asso (no mission): adherent, then a membership to renew by 31 March 2026, then out of the circle until renewed', () => {
    const registry = load(join(FIXTURES, 'base'));
    expect(situation(registry, 'claire-asso', '2025-12-31').adhesion.statut).toBe('adherent');
    const within = situation(registry, 'claire-asso', '2026-03-31');
    expect(within.adhesion).toEqual({
      statut: 'adhesion_echue',
      jusqu_au: null,
      tarif: null,
      echue_depuis: '2026-01-01',
      reprend_le: null,
      raison: 'Adhésion échue depuis le 1er janvier 2026. Sans renouvellement, hors du cercle à partir du 1er avril 2026 (90 jours de grâce).',
      regle: '2024-01-01#adhesion',
    });
    expect(within.adhesion_requise).toEqual({
      depuis: '2026-01-01',
      jours: 90,
      grace_jours: 90,
      hors_cercle: false,
      mission: null,
      raison: 'Adhésion non renouvelée depuis le 1er janvier 2026 (la dernière couvrait jusqu’au 31 décembre 2025) : à renouveler au plus tard le 31 mars 2026 pour rester dans le cercle.',
      regle: '2024-01-01#adhesion',
    });
    expect(verdictOf(within)).toMatchObject({ cle: 'adhesion_a_prendre', ton: 'attention' });
    for (const date of ['2026-04-01', '2030-01-01']) {
      const out = situation(registry, 'claire-asso', date);
      expect(out.cercle).toEqual({
        hors_cercle: true,
        raisons: ['Adhésion non renouvelée depuis le 1er janvier 2026 (la dernière couvrait jusqu’au 31 décembre 2025), plus de 90 jours : hors du cercle depuis le 1er avril 2026, jusqu’à son renouvellement.'],
        regles: ['2024-01-01#cercle'],
      });
      expect(verdictOf(out)).toMatchObject({ cle: 'hors_cercle_adhesion', ton: 'hors_cercle', regle: '2024-01-01#cercle' });
      // Once the day has passed, said in the past tense.
      expect(out.adhesion.raison).toBe('Adhésion échue depuis le 1er janvier 2026. Non renouvelée : hors du cercle depuis le 1er avril 2026 (90 jours de grâce passés).');
    }
  });

  it('on a mission from 2026-01-01: the lapsed member leaves on 2026-04-01; the one who never joined is reminded, never put out (these rules say nothing more)', () => {
    const registry = load(longMissionTree(), '2026-04-01');
    const claire = situation(registry, 'claire-asso', '2026-04-01');
    expect(claire.adhesion_requise).toMatchObject({ depuis: '2026-01-01', jours: 91, hors_cercle: true, mission: null, regle: '2024-01-01#cercle' });
    const bruno = situation(registry, 'bruno-coop', '2026-04-01');
    expect(bruno.adhesion_requise).toEqual({
      depuis: '2026-01-01',
      jours: 91,
      grace_jours: null,
      hors_cercle: false,
      mission: 'mission-longue',
      raison: 'Dans l’équipe de « Mission longue » sans avoir jamais adhéré depuis le 1er janvier 2026 : l’adhésion est exigée des membres d’une équipe (les règles en vigueur ce jour-là n’en font pas sortir du cercle).',
      regle: '2024-01-01#adhesion',
    });
    // bruno is out of the circle, but for mission-terminee (never declared), not for his membership.
    expect(bruno.cercle.raisons).toEqual(['Défaillant pour « Mission terminée » depuis le 29 septembre 2025.']);
  });

  it('three different, explained situations: everything declared but a membership to renew, nothing due, past the final delay', () => {
    // alice's membership ends on 2025-08-31 (she was a member when the mission started, 2025-03-01):
    // on 2025-10-01, the 31st day without it, within the 90 days of grace.
    const dir = baseWith({ 'prestataires/alice-conseil.md': [['au: "2025-12-31"', 'au: "2025-08-31"']] });
    const registry = load(dir);
    const on = (id: string) => situation(registry, id, '2025-10-01');
    expect(situationInWords(on('alice-conseil'))).toBe('adhésion à prendre ou à renouveler');
    expect(on('alice-conseil').cercle.hors_cercle).toBe(false);
    expect(verdictOf(on('alice-conseil')).texte).toMatch(/^Adhésion non renouvelée depuis le 1er septembre 2025 \(la dernière couvrait jusqu’au 31 août 2025\) : à renouveler au plus tard le 29 novembre 2025/);
    expect(on('alice-conseil').reciprocite.statut).toBe('a_jour');
    // claire: no mission, a member
    expect(situationInWords(on('claire-asso'))).toBe('rien à déclarer pour l’instant');
    // bruno: a member, défaillant since 2025-09-29
    expect(situationInWords(on('bruno-coop'))).toBe('hors du cercle : déclaration manquante');
    expect(on('bruno-coop').cercle.raisons).toEqual(['Défaillant pour « Mission terminée » depuis le 29 septembre 2025.']);
    // three colours for three meanings
    expect(new Set(['alice-conseil', 'claire-asso', 'bruno-coop'].map((id) => verdictOf(on(id)).ton))).toEqual(new Set(['attention', 'rien_du', 'hors_cercle']));
  });
});

// grace_compte: mission_sans_adhesion (the example rules of 2027-01-01 in content/): the days
// spent on a mission without membership, lapsed or never taken, the same rule for the same
// facts; without a mission, a lapse puts nobody out.
describe('rules that count the grace on a mission (grace_compte: mission_sans_adhesion): the same rule for a lapsed member and a never-member', () => {
  const ON_A_MISSION: Array<[string, string]> = [['  tarif_appels: acteur_economique\n', '  tarif_appels: acteur_economique\n  grace_compte: mission_sans_adhesion\n']];

  it('claire-asso (no mission): adherent, then adhésion échue, and never out of the circle for it: membership is required of a team', () => {
    const registry = load(baseWith({ 'regles/2024-01-01.yaml': ON_A_MISSION }));
    for (const date of ['2026-03-31', '2026-04-01', '2030-01-01']) {
      const lapsed = situation(registry, 'claire-asso', date);
      expect(lapsed.adhesion.raison).toBe('Adhésion échue depuis le 1er janvier 2026. L’adhésion est exigée des membres d’une équipe : sur une mission sans adhésion plus de 90 jours, on sort du cercle.');
      expect(lapsed.adhesion_requise).toBeNull();
      expect(lapsed.cercle.hors_cercle).toBe(false);
      expect(verdictOf(lapsed)).toMatchObject({ cle: 'adhesion_echue' });
    }
  });

  it('a lapsed member and a never-member on a mission leave the circle on the same day', () => {
    // Both are on a mission without membership from 2026-01-01; grace 90 days: within it on 2026-03-31
    // (90th day), out on 2026-04-01 (91st day).
    const registry = load(longMissionTree(ON_A_MISSION), '2026-04-01');
    const within = (id: string) => situation(registry, id, '2026-03-31');
    const out = (id: string) => situation(registry, id, '2026-04-01');
    expect(verdictOf(within('claire-asso'))).toMatchObject({ cle: 'adhesion_a_prendre', ton: 'attention', regle: '2024-01-01#adhesion' });
    // bruno is also défaillant on mission-terminee (never declared): that verdict is worse and comes first;
    // the membership facts are judged the same for both.
    expect(verdictOf(within('bruno-coop')).cle).toBe('defaillant');
    expect(within('bruno-coop').adhesion_requise).toMatchObject({ depuis: '2026-01-01', jours: 90, grace_jours: 90, hors_cercle: false });
    expect(within('claire-asso').adhesion_requise).toMatchObject({ depuis: '2026-01-01', jours: 90, grace_jours: 90, hors_cercle: false });
    expect(within('claire-asso').adhesion_requise!.raison).toMatch(/^Dans l’équipe de « Mission longue » sans adhésion .*1er janvier 2026.* : adhésion à prendre au plus tard le 31 mars 2026/);
    expect(verdictOf(out('claire-asso'))).toMatchObject({ cle: 'hors_cercle_adhesion', ton: 'hors_cercle', regle: '2024-01-01#cercle' });
    for (const id of ['claire-asso', 'bruno-coop']) {
      expect(out(id).adhesion_requise).toMatchObject({ depuis: '2026-01-01', jours: 91, hors_cercle: true, regle: '2024-01-01#cercle' });
      expect(out(id).cercle.hors_cercle).toBe(true);
    }
    expect(out('bruno-coop').cercle.raisons.some((r) => /^Dans l’équipe de « Mission longue » sans avoir jamais adhéré.*plus de 90 jours : hors du cercle depuis le 1er avril 2026, jusqu’à son adhésion\.$/.test(r))).toBe(true);
    // After the mission, no obligation: back in the circle (bruno still owes his declarations, claire too).
    expect(situation(registry, 'claire-asso', '2026-07-01').adhesion_requise).toBeNull();
  });

  it('everything declared but lapsed after the mission: a situation of its own, in the circle', () => {
    const dir = baseWith({ 'prestataires/alice-conseil.md': [['au: "2025-12-31"', 'au: "2025-06-30"']], 'regles/2024-01-01.yaml': ON_A_MISSION });
    const alice = situation(load(dir), 'alice-conseil', '2025-10-01');
    expect(verdictOf(alice).cle).toBe('adhesion_echue');
    expect(alice.cercle.hors_cercle).toBe(false);
    expect(verdictOf(alice).texte).toMatch(/^La déclaration de la mission terminée est faite\. Adhésion échue depuis le 1er juillet 2025\./);
  });
});

describe('membership is its own facet', () => {
  it('says when a membership has not started yet, or when there is none: never « hors du cercle » for that', () => {
    const future = baseWith({ 'prestataires/claire-asso.md': [['du: "2024-01-01"\n    au: "2025-12-31"', 'du: "2026-01-01"\n    au: "2026-12-31"']] });
    const s = situation(load(future), 'claire-asso', FIXTURE_DATE);
    expect(s.adhesion).toMatchObject({ statut: 'jamais_adherent', reprend_le: '2026-01-01', raison: 'Pas encore d’adhésion. Une adhésion est enregistrée à partir du 1er janvier 2026.' });
    expect(s.cercle.hors_cercle).toBe(false);
    const none = baseWith({
      'prestataires/claire-asso.md': [['adhesions:\n  - du: "2024-01-01"\n    au: "2025-12-31"\n    tarif: acteur_economique\n', 'adhesions: []\n']],
    });
    expect(situation(load(none), 'claire-asso', FIXTURE_DATE)).toMatchObject({
      adhesion: { statut: 'jamais_adherent', raison: 'Pas encore d’adhésion.' },
      cercle: { hors_cercle: false },
    });
  });

  it('says when a membership lapsed and one is recorded for later (a gap)', () => {
    const gap = baseWith({ 'prestataires/claire-asso.md': [['    tarif: acteur_economique\n', '    tarif: acteur_economique\n  - du: "2026-02-01"\n    au: "2026-12-31"\n    tarif: acteur_economique\n']] });
    expect(situation(load(gap), 'claire-asso', '2026-01-20').adhesion).toMatchObject({
      statut: 'adhesion_echue',
      echue_depuis: '2026-01-01',
      reprend_le: '2026-02-01',
    });
  });

  it('never puts a lapsed member out of the circle when the rules in force do not require membership', () => {
    const dir = baseWith({ 'regles/2024-01-01.yaml': [['obligatoire_pour_equipe: true', 'obligatoire_pour_equipe: false']] });
    const s = situation(load(dir), 'claire-asso', '2027-01-01');
    expect(s.adhesion.statut).toBe('adhesion_echue');
    expect(s.cercle.hors_cercle).toBe(false);
  });
});

describe('the delays come from the rules file', () => {
  it('moves the deadline when declaration_jours changes, with no code change', () => {
    // declaration_jours 30 → 45: deadline 2025-06-30 + 45 = 2025-07-31 (+31) → 2025-08-14 (+45)
    const dir = baseWith({ 'regles/2024-01-01.yaml': [['declaration_jours: 30', 'declaration_jours: 45']] });
    const registry = load(dir);
    expect(situation(registry, 'bruno-coop', '2025-08-14').reciprocite).toMatchObject({
      statut: 'a_declarer',
      raisons: ['Déclaration à faire pour « Mission terminée » au plus tard le 14 août 2025 (fin le 30 juin 2025 + 45 jours).'],
    });
    expect(situation(registry, 'bruno-coop', '2025-08-15').reciprocite.statut).toBe('en_retard');
  });

  it('moves the grace period when grace_jours is written in the rules, judged by the rules in force when the breach began', () => {
    // bruno's membership stops on 2025-03-31, mid-mission (2025-03-01 → 2025-06-30): on the mission without
    // membership from 2025-04-01; grace 10 days: out of the circle from 2025-04-01 + 10 = 2025-04-11.
    const dir = baseWith({
      'regles/2024-01-01.yaml': [['  tarif_appels: acteur_economique', '  tarif_appels: acteur_economique\n  grace_jours: 10']],
      'prestataires/bruno-coop.md': [['au: "2025-12-31"', 'au: "2025-03-31"']],
    });
    const registry = load(dir);
    expect(situation(registry, 'bruno-coop', '2025-04-10').cercle.hors_cercle).toBe(false);
    expect(situation(registry, 'bruno-coop', '2025-04-11').cercle.hors_cercle).toBe(true);
  });
});

describe('une déclaration faite avant la fin est provisoire jusqu’à ce qu’elle soit complétée après la fin', () => {
  const DECL = 'declarations/alice-conseil/mission-terminee.yaml';
  const interim = (extra = '') =>
    baseWith({ [DECL]: [['date: "2025-07-05"\n', `date: "2025-06-15"\n${extra}`], ['    date: "2025-07-05"', '    date: "2025-06-15"']] });
  const alice = (dir: string, date: string) => {
    const registry = load(dir, date);
    return situationOn(registry.prestataires.get('alice-conseil')!.data, registry, date);
  };

  it('faite le 15 juin pour une mission finie le 30 juin : au 15 juillet, elle est encore à faire, et la raison le dit', () => {
    const s = alice(interim(), FIXTURE_DATE);
    expect(s.reciprocite.statut).toBe('a_declarer');
    expect(s.reciprocite.raisons[0]).toContain('Sa déclaration du 15 juin 2025, faite avant la fin, est provisoire');
  });

  it('complétée le 10 juillet (modifiee_le), elle compte : à jour, sans retard', () => {
    const s = alice(interim('modifiee_le: "2025-07-10"\n'), FIXTURE_DATE);
    expect(s.reciprocite.statut).toBe('a_jour');
    expect(s.reciprocite.tardives).toEqual([]);
  });

  it('complétée le 10 juillet (completee_le), puis modifiée le 15 août : le 10 juillet compte, une modification suivante ne la met pas en retard', () => {
    const s = alice(interim('modifiee_le: "2025-08-15"\ncompletee_le: "2025-07-10"\n'), '2025-09-01');
    expect(s.reciprocite.statut).toBe('a_jour');
    expect(s.reciprocite.tardives).toEqual([]);
  });

  it('complétée le 15 août, après l’échéance du 30 juillet : à jour, 16 jours de retard comptés depuis l’échéance', () => {
    const s = alice(interim('modifiee_le: "2025-08-15"\n'), '2025-09-01');
    expect(s.reciprocite.statut).toBe('a_jour');
    expect(s.reciprocite.tardives).toMatchObject([{ mission: 'mission-terminee', date: '2025-08-15', jours_de_retard: 16 }]);
  });
});

describe(`${SAMPLE_DIR}/: a membership is judged by the rules in force the day it began to lack`, () => {
  // regles/2024-04-01.yaml counts the grace from a lapse (90 days, with or without a mission);
  // regles/2027-01-01.yaml (an example in force from 2027-01-01) counts the days on a mission
  // without membership. Every membership of the sample ends on 2026-12-31 or before.
  //   karim-haddou: lapsed 2026-01-01 (2024 rules): out from 2026-04-01 (1 Jan + 90), still in 2027.
  //   claire-vandamme: lapsed 2027-01-01 (2027 rules), on no mission in 2027: in the circle.
  //   atelier-du-bocage: lapsed 2027-01-01 (2027 rules) while on the Val-de-Serre mission: out after
  //   90 days on it, from 2027-04-01 (31 + 28 + 31 = 90).
  const CONTENT = SAMPLE;
  let registry: Registry;
  beforeAll(() => {
    registry = load(CONTENT, '2026-11-29');
  });

  it('judges each lapse by its own day’s rules, never by rules adopted later', () => {
    const on = (id: string, date: string) => situation(registry, id, date);
    expect(on('karim-haddou', '2027-04-15').cercle).toMatchObject({ hors_cercle: true, regles: ['2024-04-01#cercle'] });
    expect(on('claire-vandamme', '2027-04-15')).toMatchObject({ adhesion: { statut: 'adhesion_echue', echue_depuis: '2027-01-01' }, adhesion_requise: null, cercle: { hors_cercle: false } });
    expect(on('atelier-du-bocage', '2027-03-31').adhesion_requise).toMatchObject({ depuis: '2027-01-01', jours: 90, grace_jours: 90, hors_cercle: false, regle: '2027-01-01#adhesion' });
    expect(on('atelier-du-bocage', '2027-04-01').adhesion_requise).toMatchObject({ jours: 91, hors_cercle: true, regle: '2027-01-01#cercle' });
    // Under the 2024 rules alone, claire-vandamme would be out from 2027-04-01 like karim-haddou.
    const without2027: Registry = { ...registry, regles: registry.regles.filter((r) => r.data.en_vigueur_depuis !== '2027-01-01') };
    expect(situation(without2027, 'claire-vandamme', '2027-04-15').cercle.hors_cercle).toBe(true);
  });
});

describe('a provider who left the network is no longer judged on the membership', () => {
  // claire-asso's membership ran to 2025-12-31; she leaves on 2026-02-01. On 2026-06-01,
  // without the departure, her lapsed membership is reported and judged; with it, the
  // facts stay (« Adhésion échue depuis le 1er janvier 2026 ») and nothing is asked.
  const DATE = '2026-06-01';
  const departure: Array<[string, string]> = [['---\nPrésentation', 'depart:\n  le: "2026-02-01"\n  raison: Cessation d’activité.\n---\nPrésentation']];
  const warned = (dir: string) =>
    loadRegistry(dir, { date: DATE }).problems.filter((p) => p.code === 'adhesion_absente' && p.file.endsWith('claire-asso.md')).length;

  it('without the departure, the lapsed membership is reported and gives the verdict', () => {
    const dir = baseWith({});
    expect(warned(dir)).toBe(1);
    expect(verdictOf(situation(load(dir, DATE), 'claire-asso', DATE)).cle).toMatch(/^(adhesion_echue|hors_cercle_adhesion)$/);
  });

  it('after the departure: no adhesion_absente, no breach, no membership verdict, and the facet says why', () => {
    const dir = baseWith({ 'prestataires/claire-asso.md': departure });
    expect(warned(dir)).toBe(0);
    const s = situation(load(dir, DATE), 'claire-asso', DATE);
    expect(s.parti_le).toBe('2026-02-01');
    expect(s.adhesion_requise).toBeNull();
    expect(s.cercle.hors_cercle).toBe(false);
    expect(verdictOf(s).cle).toBe('rien_du');
    expect(s.adhesion.statut).toBe('adhesion_echue');
    expect(s.adhesion.raison).toBe('Adhésion échue depuis le 1er janvier 2026 ; départ du réseau le 1er février 2026 : l’adhésion n’est plus demandée.');
  });

  it('before the day of the departure, the membership is still judged', () => {
    const dir = baseWith({ 'prestataires/claire-asso.md': departure });
    const s = situation(load(dir, '2026-01-20'), 'claire-asso', '2026-01-20');
    expect(s.parti_le).toBeNull();
    expect(verdictOf(s).cle).not.toBe('rien_du');
  });
});
