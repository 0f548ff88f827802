// Standing of a provider on a date, on real content trees loaded from disk.
// tests/fixtures/base: rules 2024-01-01 (30 days to declare, out of the circle after
// 90, membership required); every membership runs 2024-01-01 → 2025-12-31;
// mission-terminee ended 2025-06-30 with alice-conseil (declared on 2025-07-05) and
// bruno-coop (never declared); claire-asso is in no mission.
//   deadline:   2025-06-30 + 30 = 2025-07-30
//   out after:  2025-06-30 + 90 = 2025-09-28 (July 31 days, August 31: 1 + 31 + 31 + 27 = 90)
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/load.ts';
import type { Registry } from '../../src/domain/registry.ts';
import { standingOn } from '../../src/domain/standing.ts';
import { FIXTURE_DATE, FIXTURES, tempDir } from '../helpers.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function load(dir: string, date = FIXTURE_DATE): Registry {
  const result = loadRegistry(dir, { date });
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return result.registry;
}

/** A copy of the base tree with some files edited: each edit must find its text. */
function baseWith(edits: Record<string, Array<[string, string]>>): string {
  const dir = tempDir('cr-standing-');
  temps.push(dir);
  cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
  for (const [file, replacements] of Object.entries(edits)) {
    let text = readFileSync(join(dir, file), 'utf8');
    for (const [from, to] of replacements) {
      if (!text.includes(from)) throw new Error(`${file} ne contient pas ${from}`);
      text = text.replace(from, to);
    }
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function standing(registry: Registry, id: string, date: string) {
  return standingOn(registry.prestataires.get(id)!.data, registry, date);
}

const UP_TO_DATE = 'Adhésion à jour et toutes les déclarations dues sont faites.';

describe('a provider who never declares: due, late, then out of the circle as the date moves', () => {
  let registry: Registry;
  beforeAll(() => {
    registry = load(join(FIXTURES, 'base'));
  });

  it('is up to date while the mission runs', () => {
    expect(standing(registry, 'bruno-coop', '2025-06-29')).toEqual({
      statut: 'a_jour',
      raisons: [UP_TO_DATE],
      manquantes: [],
      adhesion_manquante: false,
      regles: ['2024-01-01#adhesion'],
    });
  });

  it('has a declaration to make from the last day of the mission to the deadline, inclusive', () => {
    for (const date of ['2025-06-30', '2025-07-30']) {
      const s = standing(registry, 'bruno-coop', date);
      expect(s.statut).toBe('a_declarer');
      expect(s.raisons).toEqual(['Déclaration attendue pour « Mission terminée » avant le 30 juillet 2025.']);
      expect(s.manquantes).toEqual([
        { mission: 'mission-terminee', fin: '2025-06-30', echeance: '2025-07-30', hors_cercle: '2025-09-28', statut: 'a_declarer', regle: '2024-01-01#delais' },
      ]);
      expect(s.regles).toEqual(['2024-01-01#adhesion', '2024-01-01#delais']);
    }
  });

  it('is late from the day after the deadline to the 90th day', () => {
    for (const date of ['2025-07-31', '2025-09-28']) {
      const s = standing(registry, 'bruno-coop', date);
      expect(s.statut).toBe('en_retard');
      expect(s.raisons).toEqual(['Déclaration en retard pour « Mission terminée » (attendue avant le 30 juillet 2025).']);
    }
  });

  it('is out of the circle from the 91st day', () => {
    const s = standing(registry, 'bruno-coop', '2025-09-29');
    expect(s.statut).toBe('hors_cercle');
    expect(s.raisons).toEqual(['Aucune déclaration pour « Mission terminée » plus de 90 jours après sa fin (le 30 juin 2025).']);
    expect(s.adhesion_manquante).toBe(false);
  });

  it('keeps a provider who declared up to date on every date after the declaration', () => {
    for (const date of ['2025-07-05', '2025-07-31', '2025-09-29', '2025-12-31']) {
      expect(standing(registry, 'alice-conseil', date)).toMatchObject({ statut: 'a_jour', raisons: [UP_TO_DATE], manquantes: [] });
    }
  });
});

describe('a declaration dated after the reference date does not count yet', () => {
  it('leaves alice with a declaration to make the day before she declared (2025-07-05)', () => {
    const registry = load(join(FIXTURES, 'base'));
    expect(standing(registry, 'alice-conseil', '2025-07-04')).toMatchObject({
      statut: 'a_declarer',
      raisons: ['Déclaration attendue pour « Mission terminée » avant le 30 juillet 2025.'],
    });
    expect(standing(registry, 'alice-conseil', '2025-07-05').statut).toBe('a_jour');
  });

  it('shows a late declarer as late until the date of her declaration', () => {
    // alice declares on 2025-08-15, after the deadline (2025-07-30).
    const dir = baseWith({ 'declarations/alice-conseil/mission-terminee.yaml': [['date: "2025-07-05"', 'date: "2025-08-15"']] });
    const registry = load(dir, '2025-08-15');
    expect(standing(registry, 'alice-conseil', '2025-08-14')).toMatchObject({
      statut: 'en_retard',
      raisons: ['Déclaration en retard pour « Mission terminée » (attendue avant le 30 juillet 2025).'],
    });
    expect(standing(registry, 'alice-conseil', '2025-08-15')).toMatchObject({ statut: 'a_jour', raisons: [UP_TO_DATE] });
  });
});

describe('membership (PLIHON: every party is a member)', () => {
  it('puts a provider whose membership lapsed out of the circle, naming the end date', () => {
    const registry = load(join(FIXTURES, 'base'));
    // claire-asso: member 2024-01-01 → 2025-12-31, no mission.
    expect(standing(registry, 'claire-asso', '2025-12-31').statut).toBe('a_jour');
    expect(standing(registry, 'claire-asso', '2026-01-01')).toEqual({
      statut: 'hors_cercle',
      raisons: ['Adhésion terminée le 31 décembre 2025, non renouvelée.'],
      manquantes: [],
      adhesion_manquante: true,
      regles: ['2024-01-01#adhesion'],
    });
  });

  it('gives every reason, worst first, when both membership and a declaration are missing', () => {
    const registry = load(join(FIXTURES, 'base'));
    // bruno-coop on 2026-01-01: membership ended 2025-12-31, and 2026-01-01 is past 2025-09-28.
    expect(standing(registry, 'bruno-coop', '2026-01-01')).toMatchObject({
      statut: 'hors_cercle',
      raisons: [
        'Adhésion terminée le 31 décembre 2025, non renouvelée.',
        'Aucune déclaration pour « Mission terminée » plus de 90 jours après sa fin (le 30 juin 2025).',
      ],
      adhesion_manquante: true,
    });
  });

  it('names the end date of the latest membership', () => {
    // claire-asso's membership ends on 2025-03-31 instead.
    const dir = baseWith({ 'prestataires/claire-asso.md': [['au: "2025-12-31"', 'au: "2025-03-31"']] });
    const registry = load(dir);
    expect(standing(registry, 'claire-asso', '2025-03-31').statut).toBe('a_jour');
    expect(standing(registry, 'claire-asso', '2025-04-01')).toMatchObject({
      statut: 'hors_cercle',
      raisons: ['Adhésion terminée le 31 mars 2025, non renouvelée.'],
    });
  });

  it('says when a membership has not started yet, or when there is none', () => {
    const future = baseWith({ 'prestataires/claire-asso.md': [['du: "2024-01-01"\n    au: "2025-12-31"', 'du: "2026-01-01"\n    au: "2026-12-31"']] });
    expect(standing(load(future), 'claire-asso', FIXTURE_DATE)).toMatchObject({
      statut: 'hors_cercle',
      raisons: ['Adhésion pas encore commencée (à partir du 1er janvier 2026).'],
    });
    const none = baseWith({
      'prestataires/claire-asso.md': [['adhesions:\n  - du: "2024-01-01"\n    au: "2025-12-31"\n    tarif: acteur_economique\n', 'adhesions: []\n']],
    });
    expect(standing(load(none), 'claire-asso', FIXTURE_DATE)).toMatchObject({
      statut: 'hors_cercle',
      raisons: ["Pas d'adhésion à l'association."],
      adhesion_manquante: true,
    });
  });

  it('ignores membership when the rules in force do not require it', () => {
    const dir = baseWith({ 'regles/2024-01-01.yaml': [['obligatoire_pour_equipe: true', 'obligatoire_pour_equipe: false']] });
    const registry = load(dir);
    expect(standing(registry, 'claire-asso', '2026-01-01')).toEqual({
      statut: 'a_jour',
      raisons: [UP_TO_DATE],
      manquantes: [],
      adhesion_manquante: false,
      regles: [],
    });
  });
});

describe('the delays come from the rules file', () => {
  it('moves the deadline when declaration_jours changes, with no code change', () => {
    // declaration_jours 30 → 45: deadline 2025-06-30 + 45 = 2025-07-31 (+31) → 2025-08-14 (+45)
    const dir = baseWith({ 'regles/2024-01-01.yaml': [['declaration_jours: 30', 'declaration_jours: 45']] });
    const registry = load(dir);
    expect(standing(registry, 'bruno-coop', '2025-08-14')).toMatchObject({
      statut: 'a_declarer',
      raisons: ['Déclaration attendue pour « Mission terminée » avant le 14 août 2025.'],
    });
    expect(standing(registry, 'bruno-coop', '2025-08-15').statut).toBe('en_retard');
  });
});
