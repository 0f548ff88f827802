// The fairness guards of DESIGN.md (« Fairness »), as properties checked with fast-check
// over the sample (content/) and a registry from the benchmark's generator
// (scripts/bench/generate.ts), on reference dates drawn across their years:
//   - counts add up: each provider is counted once, the counts make the number of providers;
//   - parts add up: the members' shares (and their network shares) make the mission's
//     expectation exactly, to the cent;
//   - sums over the commons equal the network's totals: an overdue promise is counted
//     the same way on both sides (never as « promis à venir »);
//   - the verdict computed today for a past date is the one computed on that date (with
//     only the rules adopted by then), unless a rule marked retroactive says otherwise.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRegistry } from '../../scripts/bench/generate.ts';
import { addDays } from '../../src/domain/registry/dates.ts';
import type { Registry } from '../../src/domain/registry/registry.ts';
import { computeFigures, type Figures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { cents } from '../../src/domain/rules/rules.ts';
import { verdictOf } from '../../src/domain/rules/standing.ts';
import { SAMPLE, SAMPLE_DATE, tempDir } from '../helpers.ts';

const CONTENT = SAMPLE;

function load(dir: string): Registry {
  const { registry, problems } = loadRegistry(dir, { date: SAMPLE_DATE });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return registry;
}

/** The registry as it was known on a date: the rules adopted by then (a retroactive file is adopted later by definition). */
function asKnownOn(registry: Registry, date: string): Registry {
  return { ...registry, regles: registry.regles.filter((r) => r.data.adoptees_le <= date) };
}

/** What a provider is judged, in a comparable form: the one verdict and the facets it reads. */
const judged = (figures: Figures) =>
  new Map(figures.prestataires.map((p) => [p.id, { verdict: verdictOf(p.situation).cle, adhesion: p.situation.adhesion.statut, declarations: p.situation.reciprocite.statut, hors_cercle: p.situation.cercle.hors_cercle }]));

function checkCountsAndParts(figures: Figures): void {
  const n = figures.prestataires.length;
  const { situations } = figures.reseau;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((s, x) => s + x, 0);
  expect(sum(situations.verdicts), 'verdicts').toBe(n);
  expect(sum(situations.adhesion), 'adhésion').toBe(n);
  expect(sum(situations.reciprocite), 'déclarations').toBe(n);
  expect(situations.hors_cercle).toBe(situations.verdicts.defaillant + situations.verdicts.hors_cercle_adhesion);
  for (const m of figures.missions) {
    if (!m.budget || m.budget.membres.length === 0) continue;
    const shares = cents(m.budget.membres.reduce((s, x) => s + x.reciprocite_attendue_eur, 0));
    const network = cents(m.budget.membres.reduce((s, x) => s + x.part_reseau_attendue_eur, 0));
    expect(shares, m.id).toBe(m.reciprocite.attendue_eur);
    expect(network, m.id).toBe(m.reciprocite.part_reseau_attendue_eur);
  }
}

function checkCommonsAgainstNetwork(figures: Figures): void {
  const t = figures.reseau.totaux;
  const over = (pick: (c: Figures['communs'][number]) => number) => cents(figures.communs.reduce((s, c) => s + pick(c), 0));
  expect(over((c) => c.argent_verse_eur), 'versé').toBe(t.argent_verse_eur);
  expect(over((c) => c.argent_confirme_eur), 'confirmé').toBe(t.argent_confirme_eur);
  expect(over((c) => c.argent_promis_eur), 'promis à venir').toBe(t.argent_promis_eur);
  expect(over((c) => c.promesses_echues_eur), 'promesses échues').toBe(t.promesses_echues_eur);
  expect(over((c) => c.nature_heures), 'heures').toBe(t.nature_heures);
  const flows = (pick: (f: Figures['reseau']['flux'][number]) => number) => cents(figures.reseau.flux.reduce((s, f) => s + pick(f), 0));
  expect(flows((f) => f.verse_eur)).toBe(t.argent_verse_eur);
  expect(flows((f) => f.promis_eur)).toBe(t.argent_promis_eur);
  // The yearly tables of the commons split money the same way.
  const years = (pick: (y: Figures['communs'][number]['argent_par_annee'][number]) => number) =>
    cents(figures.communs.reduce((s, c) => s + c.argent_par_annee.reduce((u, y) => u + pick(y), 0), 0));
  expect(years((y) => y.verse_eur)).toBe(t.argent_verse_eur);
  expect(years((y) => y.promis_eur)).toBe(t.argent_promis_eur);
  expect(years((y) => y.promesses_echues_eur)).toBe(t.promesses_echues_eur);
  // And so do the missions (each euro once: paid, to come, or an overdue promise).
  const missions = (pick: (r: Figures['missions'][number]['reciprocite']) => number) => cents(figures.missions.reduce((s, m) => s + pick(m.reciprocite), 0));
  expect(missions((r) => r.versee_eur), 'versé des missions').toBe(t.argent_verse_eur);
  expect(missions((r) => r.promise_eur), 'promis des missions').toBe(t.argent_promis_eur);
  expect(missions((r) => r.promesses_echues_eur), 'promesses échues des missions').toBe(t.promesses_echues_eur);
}

const dates = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((k) => addDays(from, k));

/**
 * The sample with a payment marked « verse » but dated after the reference dates drawn (the
 * Quai's 300 € to the network on 2030-06-01): not paid yet on those dates, it is to come, and
 * counted once, as promised, by the mission, the provider, the commons, the years and the network.
 */
function withFuturePayment(): Registry {
  const dir = tempDir('cr-verse-futur-');
  cpSync(CONTENT, dir, { recursive: true });
  const file = join(dir, 'declarations', 'quai-des-possibles', 'consortium-ruralite-bocage-avesnois-2025.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('contributions_argent: []', 'contributions_argent:\n  - commun: compagnie-des-tiers-lieux\n    montant_eur: 300\n    statut: verse\n    date: "2030-06-01"'));
  const { registry, problems } = loadRegistry(dir, { date: SAMPLE_DATE });
  // validate refuses it today (versement_futur), but the figures of any date still count it once.
  expect(problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['versement_futur']);
  return registry;
}

describe('a payment marked « verse » dated after the reference date (the sample, edited)', () => {
  it('is counted once, as to come, at every level: mission, provider, commons, years, network', () => {
    const registry = withFuturePayment();
    const figures = computeFigures(registry, '2026-11-30');
    const before = computeFigures(load(CONTENT), '2026-11-30');
    const consortium = (f: Figures) => f.missions.find((m) => m.id === 'consortium-ruralite-bocage-avesnois-2025')!.reciprocite;
    const quai = (f: Figures) => f.prestataires.find((p) => p.id === 'quai-des-possibles')!;
    const network = (f: Figures) => f.communs.find((c) => c.id === 'compagnie-des-tiers-lieux')!;
    // 300 € more to come, nothing more paid, the declared total up by 300 € (not 600 €).
    expect(consortium(figures).versee_eur).toBe(consortium(before).versee_eur);
    expect(consortium(figures).promise_eur).toBe(cents(consortium(before).promise_eur + 300));
    expect(consortium(figures).declaree_eur).toBe(cents(consortium(before).declaree_eur + 300));
    expect(quai(figures).argent_verse_eur).toBe(quai(before).argent_verse_eur);
    expect(quai(figures).argent_promis_eur).toBe(cents(quai(before).argent_promis_eur + 300));
    expect(quai(figures).par_annee.find((y) => y.annee === 2030)).toMatchObject({ verse_eur: 0, promis_eur: 300 });
    expect(network(figures).argent_verse_eur).toBe(network(before).argent_verse_eur);
    expect(network(figures).argent_promis_eur).toBe(cents(network(before).argent_promis_eur + 300));
    expect(figures.reseau.totaux.argent_verse_eur).toBe(before.reseau.totaux.argent_verse_eur);
    expect(figures.reseau.totaux.argent_promis_eur).toBe(cents(before.reseau.totaux.argent_promis_eur + 300));
    checkCommonsAgainstNetwork(figures);
    // Once its day has come, it is paid: counted as such, once.
    const paid = computeFigures(registry, '2030-06-01');
    expect(consortium(paid).versee_eur).toBe(cents(consortium(computeFigures(load(CONTENT), '2030-06-01')).versee_eur + 300));
    checkCommonsAgainstNetwork(paid);
  });
});

describe.each([
  ['the sample', () => load(CONTENT)],
  ['the sample with a future « verse » payment', withFuturePayment],
  [
    'the benchmark registry (300 providers)',
    () => {
      const dir = tempDir('cr-bench-');
      generateRegistry(dir, 300, CONTENT);
      return load(dir);
    },
  ],
])('%s', (_name, make) => {
  let registry: Registry;
  beforeAll(() => {
    registry = make();
  });

  it('counts each provider once and splits each expectation exactly, on any date', () => {
    fc.assert(
      fc.property(dates('2024-01-01', 6 * 366), (date) => checkCountsAndParts(computeFigures(registry, date))),
      { numRuns: 15, examples: [[SAMPLE_DATE], ['2026-11-30']] },
    );
  });

  it('gives the commons, summed, the network’s totals, on any date', () => {
    fc.assert(
      fc.property(dates('2024-01-01', 6 * 366), (date) => checkCommonsAgainstNetwork(computeFigures(registry, date))),
      { numRuns: 15, examples: [[SAMPLE_DATE], ['2025-12-16'], ['2026-11-30']] },
    );
  });

  it('judges a past date today as it was judged on that date', () => {
    fc.assert(
      fc.property(dates('2024-01-01', 3 * 366), (date) => {
        expect(judged(computeFigures(registry, date))).toEqual(judged(computeFigures(asKnownOn(registry, date), date)));
      }),
      { numRuns: 10 },
    );
  });
});

describe('a rule marked retroactive', () => {
  it('is the only thing that changes a past verdict, and the verdict names it', () => {
    const dir = tempDir('cr-retro-');
    cpSync(CONTENT, dir, { recursive: true });
    const rules = join(dir, 'regles', '2025-01-01.yaml');
    cpSync(join(CONTENT, 'regles', '2024-04-01.yaml'), rules);
    const text = readFileSync(rules, 'utf8');
    writeFileSync(
      rules,
      text
        .replace('en_vigueur_depuis: "2024-04-01"', 'en_vigueur_depuis: "2025-01-01"')
        .replace('adoptees_le: "2024-03-29"', 'adoptees_le: "2026-11-01"\nretroactivite: "Exemple : délais raccourcis votés en assemblée pour les missions commencées depuis 2025."')
        .replace('declaration_jours: 60', 'declaration_jours: 14')
        .replace('hors_cercle_jours: 180', 'hors_cercle_jours: 30'),
    );
    const registry = load(dir);
    let changed = 0;
    for (let date = '2025-01-01'; date < '2026-11-01'; date = addDays(date, 17)) {
      const now = computeFigures(registry, date);
      const then = judged(computeFigures(asKnownOn(registry, date), date));
      for (const p of now.prestataires) {
        const verdict = verdictOf(p.situation);
        if (verdict.cle === then.get(p.id)!.verdict) continue;
        changed++;
        expect(verdict.retroactives, `${p.id} au ${date}`).toContain('2025-01-01');
        expect(verdict.texte, `${p.id} au ${date}`).toMatch(/rétroacti/);
      }
    }
    expect(changed).toBeGreaterThan(0);
  });
});
