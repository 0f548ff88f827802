// While the rules that judge are an example (`exemple: true` in content/regles/), every page,
// list and export that names a verdict or an expected amount says so, in the one sentence of
// src/domain/rules/example.ts (DESIGN.md, Fairness: « Example rules are said where people are
// judged »). Checked on the built sample site against what the registry says of its rules:
// a page says it exactly when the rules behind what it judges are an example.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, test } from 'vitest';
import { byExampleRules, EXAMPLE_RULES_NOTE } from '../../src/domain/rules/example.ts';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { SAMPLE, SAMPLE_DATE, builtText } from '../helpers.ts';

const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const figures = computeFigures(registry, SAMPLE_DATE);
const regles = registry.regles.map((r) => r.data);
const isExample = (refs: Array<string | null | undefined>) => byExampleRules(regles, refs);
const rulesOfMission = new Map(figures.missions.map((m) => [m.id, m.regles]));

const site = () => inject('siteDir');
/** The visible text of a built page (tests/helpers.ts). */
const textOf = (path: string) => builtText(site(), path);
const csv = (name: string) => parse(readFileSync(join(site(), 'donnees', `${name}.csv`), 'utf8'), { columns: true }) as Record<string, string>[];

test('l’exemple : les règles qui jugent sont des règles d’exemple (sinon ces tests ne vérifieraient rien)', () => {
  expect(figures.prestataires.some((p) => p.verdict.exemple)).toBe(true);
  expect(isExample(figures.missions.map((m) => m.regles))).toBe(true);
});

describe('chaque page qui juge le dit', () => {
  test.each(figures.missions.map((m) => [m.id, m.regles] as const))('mission %s (règles du %s)', (id, rules) => {
    expect(textOf(`missions/${id}/index.html`).includes(EXAMPLE_RULES_NOTE)).toBe(isExample([rules]));
  });

  test.each(figures.prestataires.map((p) => [p.id, p.verdict.exemple] as const))('prestataire %s', (id, exemple) => {
    const text = textOf(`prestataires/${id}/index.html`);
    expect(text.includes(EXAMPLE_RULES_NOTE)).toBe(exemple);
    // The verdict pill at the top says it too, in its caveat.
    expect(text.includes('(règles d’exemple)')).toBe(exemple);
  });

  test.each(figures.communs.map((c) => c.id))('commun %s : les versements qu’il a reçus sont jugés selon les règles de leur mission', (id) => {
    const missions = registry.declarations.filter((d) => d.data.date <= SAMPLE_DATE && d.data.contributions_argent.some((c) => c.commun === id)).map((d) => rulesOfMission.get(d.data.mission));
    expect(textOf(`communs/${id}/index.html`).includes(EXAMPLE_RULES_NOTE)).toBe(isExample(missions));
  });

  test('l’accueil, les listes et les données ouvertes', () => {
    const anyVerdict = figures.prestataires.some((p) => p.verdict.exemple);
    expect(textOf('index.html').includes(EXAMPLE_RULES_NOTE)).toBe(anyVerdict);
    expect(textOf('prestataires/index.html').includes(EXAMPLE_RULES_NOTE)).toBe(anyVerdict);
    expect(textOf('missions/index.html').includes(EXAMPLE_RULES_NOTE)).toBe(isExample(figures.missions.map((m) => m.regles)));
    expect(textOf('donnees/index.html').includes(EXAMPLE_RULES_NOTE)).toBe(anyVerdict);
    // Its « Situation » filter names the verdicts.
    expect(textOf('recherche/index.html').includes(EXAMPLE_RULES_NOTE)).toBe(anyVerdict);
    // The journal feeds say it in their subtitle.
    for (const p of figures.prestataires) expect(readFileSync(join(site(), 'prestataires', p.id, 'journal.xml'), 'utf8').includes(EXAMPLE_RULES_NOTE)).toBe(p.verdict.exemple);
    // Each filtered or sorted list with rows says it as well.
    for (const dir of ['prestataires/situation', 'prestataires/tri', 'missions/statut', 'missions/tri']) {
      for (const name of readdirSync(join(site(), dir))) {
        const text = textOf(`${dir}/${name}/index.html`);
        if (/<table/.test(readFileSync(join(site(), dir, name, 'index.html'), 'utf8'))) expect(text, `${dir}/${name}`).toContain(EXAMPLE_RULES_NOTE);
      }
    }
  });
});

describe('chaque export qui juge le dit, ligne par ligne', () => {
  // The columns that carry a verdict or an amount the rules expect.
  const JUDGED = ['verdict', 'statut_declaration', 'reciprocite_attendue_eur', 'confirmation_attendue', 'versements_attendus'];

  test('un export qui porte un jugement a sa colonne « règles d’exemple »', () => {
    const files = readdirSync(join(site(), 'donnees')).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4));
    const judging = files.filter((name) => JUDGED.some((c) => Object.hasOwn(csv(name)[0] ?? {}, c)));
    expect(judging.sort()).toEqual(['contributions_argent', 'equipes', 'figures_communs', 'figures_missions', 'figures_prestataires']);
    for (const name of judging) expect(Object.keys(csv(name)[0]).some((c) => c.endsWith('regles_exemple')), name).toBe(true);
  });

  test('equipes.csv et figures_missions.csv : selon les règles de la mission', () => {
    for (const row of csv('equipes')) expect(row.regles_exemple).toBe(String(isExample([row.regles])));
    for (const row of csv('figures_missions')) expect(row.regles_exemple).toBe(String(isExample([row.regles])));
    expect(csv('equipes').every((r) => r.regles === rulesOfMission.get(r.mission))).toBe(true);
  });

  test('contributions_argent.csv et figures_communs.csv : selon les règles des missions d’où vient l’argent', () => {
    for (const row of csv('contributions_argent')) expect(row.regles_exemple).toBe(String(isExample([rulesOfMission.get(row.mission)])));
    const money = csv('contributions_argent');
    for (const row of csv('figures_communs')) {
      expect(row.regles_exemple).toBe(String(isExample(money.filter((m) => m.commun === row.id).map((m) => rulesOfMission.get(m.mission)))));
    }
  });

  test('figures_prestataires.csv : le verdict, avec sa phrase', () => {
    for (const row of csv('figures_prestataires')) {
      const p = figures.prestataires.find((x) => x.id === row.id)!;
      expect(row.verdict_regles_exemple).toBe(String(p.verdict.exemple));
      expect(row.verdict_raison.endsWith(EXAMPLE_RULES_NOTE)).toBe(p.verdict.exemple);
    }
  });
});
