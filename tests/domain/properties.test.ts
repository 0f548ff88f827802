// Properties of the judgement over the sample content (content/), checked with fast-check:
//   - the order of team members in a mission file, and the order files are read in,
//     change no figure: two members with the same role and days get the same amounts;
//   - time alone never makes a valid registry invalid: on any day of the next twenty
//     years, the sample has no error (date-dependent findings are situations or warnings).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeFigures, type Figures } from '../../src/domain/rules/figures.ts';
import { addDays } from '../../src/domain/registry/dates.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import type { Registry } from '../../src/domain/registry/registry.ts';
import { SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const CONTENT = SAMPLE;
let registry: Registry;
let reference: Figures;

beforeAll(() => {
  const result = loadRegistry(CONTENT, { date: SAMPLE_DATE });
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  registry = result.registry;
  reference = normalised(computeFigures(registry, SAMPLE_DATE));
});

/** The figures with every list that follows a file's order (team lines) sorted by provider. */
function normalised(figures: Figures): Figures {
  const byProvider = <T extends { prestataire: string }>(list: T[]) => [...list].sort((a, b) => a.prestataire.localeCompare(b.prestataire));
  return {
    ...figures,
    missions: figures.missions.map((m) => ({
      ...m,
      membres: byProvider(m.membres),
      budget: m.budget && { ...m.budget, membres: byProvider(m.budget.membres) },
      declarants: [...m.declarants].sort(),
      non_declarants: [...m.non_declarants].sort(),
    })),
  };
}

/** A copy of the registry with its maps, arrays and every team put in the given orders. */
function reordered(source: Registry, seeds: { maps: number[]; teams: number[] }): Registry {
  let i = 0;
  const shuffle = <T>(list: T[], seed: number): T[] => {
    const out = [...list];
    // A seeded Fisher-Yates: fast-check drives the seeds, so a failure shrinks and replays.
    let state = seed >>> 0 || 1;
    for (let k = out.length - 1; k > 0; k--) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const j = state % (k + 1);
      [out[k], out[j]] = [out[j], out[k]];
    }
    return out;
  };
  const map = <T>(m: Map<string, T>) => new Map(shuffle([...m.entries()], seeds.maps[i++ % seeds.maps.length]));
  const missions = new Map(
    [...map(source.missions)].map(([id, entry], k) => [id, { ...entry, data: { ...entry.data, equipe: shuffle(entry.data.equipe, seeds.teams[k % seeds.teams.length]) } }]),
  );
  return {
    prestataires: map(source.prestataires),
    missions,
    communs: map(source.communs),
    declarations: shuffle(source.declarations, seeds.maps[i++ % seeds.maps.length]),
    regles: source.regles,
    confirmations: map(source.confirmations),
    registre: source.registre,
  };
}

describe('permuting team members or files changes no figure', () => {
  it('gives the same figures document, list orders aside, for any order of teams and files', () => {
    fc.assert(
      fc.property(fc.record({ maps: fc.array(fc.integer(), { minLength: 1, maxLength: 5 }), teams: fc.array(fc.integer(), { minLength: 1, maxLength: 20 }) }), (seeds) => {
        expect(normalised(computeFigures(reordered(registry, seeds), SAMPLE_DATE))).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it('gives the same amounts to two members with the same role and days, whichever is listed first', () => {
    // In the sample's consortium, the two floor contributors (8 days each) and the two
    // animators (10 days each) are such pairs.
    const consortium = reference.missions.find((m) => m.id === 'consortium-ruralite-bocage-avesnois-2025')!;
    const pairs = new Map<string, Set<string>>();
    for (const m of consortium.membres) {
      const key = `${m.role}/${m.jours}`;
      pairs.set(key, (pairs.get(key) ?? new Set()).add(`${m.reciprocite_attendue_eur}/${m.part_solidarite_eur}/${m.part_reseau_attendue_eur}`));
    }
    expect(pairs.get('plancher/8')!.size).toBe(1);
    expect(pairs.get('animation/10')!.size).toBe(1);
  });
});

describe('time alone never breaks the registry', () => {
  it('has no error on any day of the next twenty years (findings are warnings)', () => {
    const days = 20 * 366;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: days }), (offset) => {
        const date = addDays(SAMPLE_DATE, offset);
        const errors = loadRegistry(CONTENT, { date }).problems.filter((p) => p.severity === 'error');
        expect(errors, date).toEqual([]);
      }),
      { numRuns: 12, examples: [[0], [1], [33], [days]] },
    );
  });
});
