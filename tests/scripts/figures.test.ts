// `npm run figures` as a process, and its agreement with `npm run validate` on every
// standing. Dates and amounts are worked out by hand from the fixture files:
//
// tests/fixtures/base: rules 2024-01-01 (tranches 0 → 1 %, 10 000 → 2 %; 30 days to
// declare, défaillant after 90; day rates 300/400/500; margin 100 € per floor day, left
// out of the reciprocity base; amounts to the euro); mission-terminee 2025-03-01 →
// 2025-06-30, budget 6 500 (= 3 000 + 2 500 of fees + 1 000 of pool), alice-conseil
// plancher 10 d (declared 2025-07-05), bruno-coop coordination 5 d (never declares);
// memberships 2024-01-01 → 2025-12-31, 90 days of grace.
//   bruno's deadline: 2025-06-30 + 30 = 2025-07-30; défaillant after 2025-06-30 + 90 = 2025-09-28.
//
// tests/fixtures/regles-changement: the same plus rules 2025-01-01 (60 and 120 days) and
// mission-a-cheval (2024-12-15 → 2025-02-15, judged by the 2024 rules) where alice never
// declares (défaillant after 2025-05-16); bruno's deadline for mission-terminee
// becomes 2025-06-30 + 60 = 2025-08-29, défaillant after 2025-06-30 + 120 = 2025-10-28.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figures } from '../../src/domain/rules/figures.ts';
import type { MissingStatus } from '../../src/domain/rules/rules.ts';
import { caseTree, FIXTURES, npmRun, SAMPLE_DIR, tempDir } from '../helpers.ts';

const BASE = join(FIXTURES, 'base');

const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface JsonReport {
  files: number;
  entities: number;
  errors: Array<{ file: string; code: string; message: string }>;
  warnings: Array<{ file: string; line: number; code: string; message: string }>;
}

function figures(content: string, date: string): Figures {
  const run = npmRun('figures', ['--content', content, '--date', date]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Figures;
}

function validate(content: string, date: string): JsonReport {
  const run = npmRun('validate', ['--content', content, '--date', date, '--format', 'json']);
  expect(run.status).toBe(0); // warnings never fail the run
  return JSON.parse(run.stdout) as JsonReport;
}

/** A copy of a fixture tree with one text replaced in one file. */
function treeWith(source: string, file: string, from: string, to: string): string {
  const dir = tempDir('cr-figures-');
  temps.push(dir);
  cpSync(source, dir, { recursive: true });
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} ne contient pas ${from}`);
  writeFileSync(join(dir, file), text.replace(from, to));
  return dir;
}

/** Every leaf of a JSON value, keyed by a path that names array items by their id. */
function leaves(value: unknown, path = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const key = (item && typeof item === 'object' && ((item as { id?: string }).id ?? (item as { prestataire?: string }).prestataire)) || String(i);
      leaves(item, `${path}[${key}]`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value);
  }
  return out;
}

/** The leaves that differ between two documents: path → [before, after]. */
function changes(before: unknown, after: unknown): Record<string, [unknown, unknown]> {
  const a = leaves(before);
  const b = leaves(after);
  const diff: Record<string, [unknown, unknown]> = {};
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(path) !== b.get(path)) diff[path] = [a.get(path), b.get(path)];
  }
  return diff;
}

describe('npm run figures', () => {
  it('prints one JSON document of every figure, each with the rule that produced it', () => {
    const doc = figures(BASE, '2025-07-15');
    expect(doc.date_reference).toBe('2025-07-15');
    expect(Object.keys(doc)).toEqual(['date_reference', 'regles', 'missions', 'prestataires', 'communs', 'reseau']);
    const m = doc.missions.find((x) => x.id === 'mission-terminee')!;
    // pool: 10 floor days × 100 = 1 000, all to alice; base 6 500 − 1 000 = 5 500 × 1 % = 55
    expect(m.reciprocite).toMatchObject({ attendue_eur: 55, regle: '2024-01-01#reciprocite' });
    expect(m.budget!.regles).toEqual({ tarifs: '2024-01-01#tarifs_jour_eur', solidarite: '2024-01-01#marge_solidarite', reciprocite: '2024-01-01#reciprocite', reseau: '2024-01-01#reseau' });
    expect(m.budget!.solidarite.pot_eur).toBe(1000);
  });

  it('moves both facets and the circle with --date', () => {
    const situationOf = (date: string) =>
      Object.fromEntries(
        figures(BASE, date).prestataires.map((p) => [p.id, `${p.situation.reciprocite.statut} ${p.situation.adhesion.statut}${p.situation.cercle.hors_cercle ? ' hors_cercle' : ''}`]),
      );
    expect(situationOf('2025-07-15')).toEqual({ 'alice-conseil': 'a_jour adherent', 'bruno-coop': 'a_declarer adherent', 'claire-asso': 'rien_du adherent' });
    // the day after bruno's deadline (2025-07-30)
    expect(situationOf('2025-07-31')).toEqual({ 'alice-conseil': 'a_jour adherent', 'bruno-coop': 'en_retard adherent', 'claire-asso': 'rien_du adherent' });
    // the day after 2025-09-28
    expect(situationOf('2025-09-29')).toEqual({ 'alice-conseil': 'a_jour adherent', 'bruno-coop': 'defaillant adherent hors_cercle', 'claire-asso': 'rien_du adherent' });
    // memberships ended 2025-12-31: lapsed, but within the 90 days of grace
    expect(situationOf('2026-01-01')).toEqual({
      'alice-conseil': 'a_jour adhesion_echue',
      'bruno-coop': 'defaillant adhesion_echue hors_cercle',
      'claire-asso': 'rien_du adhesion_echue',
    });
    // 2026-01-01 + 90 days = 2026-04-01: the grace is over. The rules of the tree count it from
    // the lapse, with or without a mission (grace_compte absent: adhesion_echue, the 2024 meaning
    // of grace_jours): a membership not renewed puts alice and claire out of the circle too.
    expect(situationOf('2026-04-01')).toEqual({
      'alice-conseil': 'a_jour adhesion_echue hors_cercle',
      'bruno-coop': 'defaillant adhesion_echue hors_cercle',
      'claire-asso': 'rien_du adhesion_echue hors_cercle',
    });
  });

  it('refuses an invalid registry (exit 1, the errors on stderr) and a bad date (exit 2)', () => {
    const invalid = caseTree('declaration-montant-negatif');
    temps.push(invalid);
    const run = npmRun('figures', ['--content', invalid, '--date', '2025-07-15']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('registre invalide');
    const usage = npmRun('figures', ['--content', BASE, '--date', '2025-02-30']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Date de référence invalide');
  });
});

describe('changing one number in a rules file changes the figures, with no code change', () => {
  const before = () => figures(BASE, '2025-07-15');

  it('a bracket rate: taux_pct 1 → 2 below 10 000 €', () => {
    const dir = treeWith(BASE, 'regles/2024-01-01.yaml', 'taux_pct: 1', 'taux_pct: 2');
    const after = figures(dir, '2025-07-15');
    // mission-terminee, base 5 500 (6 500 − 1 000 of pool): 5 500 × 2 % = 110 (was 55).
    // Billed: alice 10 × 300 = 3 000, bruno 5 × 500 = 2 500, total 5 500.
    //   alice: 110 × 3 000 / 5 500 = 60 (was 30); bruno: 110 × 2 500 / 5 500 = 50 (was 25)
    //   bruno has declared nothing, but his deadline (2025-07-30) has not passed on 2025-07-15:
    //   no "manque" yet, whatever the rate; alice gave 180, nothing missing.
    // mission-appel, 8 000, no team, no pool: 8 000 × 2 % = 160 (was 80).
    expect(changes(before(), after)).toEqual({
      'missions[mission-appel].budget.reciprocite_exacte_eur': [80, 160],
      'missions[mission-appel].budget.reciprocite_attendue_eur': [80, 160],
      'missions[mission-appel].reciprocite.attendue_eur': [80, 160],
      'missions[mission-terminee].budget.reciprocite_exacte_eur': [55, 110],
      'missions[mission-terminee].budget.reciprocite_attendue_eur': [55, 110],
      'missions[mission-terminee].budget.membres[alice-conseil].reciprocite_attendue_eur': [30, 60],
      'missions[mission-terminee].budget.membres[bruno-coop].reciprocite_attendue_eur': [25, 50],
      'missions[mission-terminee].membres[alice-conseil].reciprocite_attendue_eur': [30, 60],
      'missions[mission-terminee].membres[bruno-coop].reciprocite_attendue_eur': [25, 50],
      'missions[mission-terminee].reciprocite.attendue_eur': [55, 110],
      'prestataires[alice-conseil].reciprocite_attendue_eur': [30, 60],
      'prestataires[bruno-coop].reciprocite_attendue_eur': [25, 50],
    });
  });

  it('the solidarity margin: par_jour_eur 100 → 120', () => {
    const dir = treeWith(BASE, 'regles/2024-01-01.yaml', 'par_jour_eur: 100', 'par_jour_eur: 120');
    const after = figures(dir, '2025-07-15');
    // mission-terminee: 10 floor days × 120 = 1 200 (was 1 000), all to alice (only floor contributor).
    // The budget (6 500) is now 200 short of fees + pool (5 500 + 1 200): écart −200.
    // Base 6 500 − 1 200 = 5 300 × 1 % = 53 (was 55): shares adding up to 53:
    // alice 53 × 3 000 / 5 500 = 28.909…, bruno 53 × 2 500 / 5 500 = 24.090…: to the euro (arrondi_eur: 1),
    // floors 28 + 24 = 52, the euro left to the largest rest (.909): alice 29, bruno 24
    // (was 30 and 25). No "manque" for bruno before his deadline.
    // mission-appel has no team: its pool stays 0; only the rate it shows changes.
    expect(changes(before(), after)).toEqual({
      'missions[mission-appel].budget.solidarite.par_jour_eur': [100, 120],
      'missions[mission-terminee].budget.solidarite.par_jour_eur': [100, 120],
      'missions[mission-terminee].budget.solidarite.pot_eur': [1000, 1200],
      'missions[mission-terminee].budget.solidarite.distribue_eur': [1000, 1200],
      'missions[mission-terminee].budget.ecart_budget_eur': [0, -200],
      'missions[mission-terminee].budget.base_reciprocite_eur': [5500, 5300],
      'missions[mission-terminee].budget.reciprocite_exacte_eur': [55, 53],
      'missions[mission-terminee].budget.reciprocite_attendue_eur': [55, 53],
      'missions[mission-terminee].budget.membres[alice-conseil].part_solidarite_eur': [1000, 1200],
      'missions[mission-terminee].budget.membres[alice-conseil].reciprocite_attendue_eur': [30, 29],
      'missions[mission-terminee].budget.membres[bruno-coop].reciprocite_attendue_eur': [25, 24],
      'missions[mission-terminee].membres[alice-conseil].part_solidarite_eur': [1000, 1200],
      'missions[mission-terminee].membres[alice-conseil].reciprocite_attendue_eur': [30, 29],
      'missions[mission-terminee].membres[bruno-coop].reciprocite_attendue_eur': [25, 24],
      'missions[mission-terminee].reciprocite.attendue_eur': [55, 53],
      'prestataires[alice-conseil].reciprocite_attendue_eur': [30, 29],
      'prestataires[bruno-coop].reciprocite_attendue_eur': [25, 24],
    });
  });
});

// Which warning each missing piece gives in validate.
const WARNING_FOR: Record<MissingStatus, string> = {
  a_declarer: 'declaration_a_faire',
  en_retard: 'declaration_en_retard',
  defaillant: 'declaration_defaillante',
};
const STANDING_CODES = new Set([...Object.values(WARNING_FOR), 'adhesion_absente']);
const SEVERITY = ['a_jour', 'a_declarer', 'en_retard', 'defaillant'];

/** "<prestataire> <mission|adhesion> <code>" for every situation-related warning of validate. */
function warningsByProvider(report: JsonReport): string[] {
  return report.warnings
    .filter((w) => STANDING_CODES.has(w.code))
    .map((w) => {
      const who = /^« ([a-z0-9-]+) »/.exec(w.message)![1];
      const what = w.code === 'adhesion_absente' ? 'adhesion' : /missions\/([a-z0-9-]+)\.md$/.exec(w.file)![1];
      return `${who} ${what} ${w.code}`;
    })
    .sort();
}

/** The same, from the situations in the figures. */
function standingsAsWarnings(doc: Figures): string[] {
  return doc.prestataires
    .flatMap((p) => [
      ...(p.situation.adhesion.statut === 'adhesion_echue' ? [`${p.id} adhesion adhesion_absente`] : []),
      ...p.situation.reciprocite.manquantes.map((m) => `${p.id} ${m.mission} ${WARNING_FOR[m.statut]}`),
    ])
    .sort();
}

describe('npm run validate -- --date D and npm run figures -- --date D agree on every standing', () => {
  // [fixture tree, reference date D, the standing warnings expected from both commands]
  const cases: Array<[string, string, string[]]> = [
    // 2025-07-15: bruno due for mission-terminee (until 08-29); alice out for mission-a-cheval (after 05-16)
    ['regles-changement', '2025-07-15', ['alice-conseil mission-a-cheval declaration_defaillante', 'bruno-coop mission-terminee declaration_a_faire']],
    // 2025-08-29: the last day bruno may declare
    ['regles-changement', '2025-08-29', ['alice-conseil mission-a-cheval declaration_defaillante', 'bruno-coop mission-terminee declaration_a_faire']],
    // 2025-08-30: bruno late, until 2025-10-28
    ['regles-changement', '2025-08-30', ['alice-conseil mission-a-cheval declaration_defaillante', 'bruno-coop mission-terminee declaration_en_retard']],
    ['regles-changement', '2025-10-28', ['alice-conseil mission-a-cheval declaration_defaillante', 'bruno-coop mission-terminee declaration_en_retard']],
    // 2025-10-29: bruno défaillant
    ['regles-changement', '2025-10-29', ['alice-conseil mission-a-cheval declaration_defaillante', 'bruno-coop mission-terminee declaration_defaillante']],
    // 2026-01-01: every membership ended on 2025-12-31
    [
      'regles-changement',
      '2026-01-01',
      [
        'alice-conseil adhesion adhesion_absente',
        'alice-conseil mission-a-cheval declaration_defaillante',
        'bruno-coop adhesion adhesion_absente',
        'bruno-coop mission-terminee declaration_defaillante',
        'claire-asso adhesion adhesion_absente',
      ],
    ],
    // the base tree: due until 2025-07-30, late until 2025-09-28, then défaillant
    ['base', '2025-07-30', ['bruno-coop mission-terminee declaration_a_faire']],
    ['base', '2025-07-31', ['bruno-coop mission-terminee declaration_en_retard']],
    ['base', '2025-09-29', ['bruno-coop mission-terminee declaration_defaillante']],
  ];

  it.each(cases)('%s on %s', (tree, date, expected) => {
    const content = join(FIXTURES, tree);
    const report = validate(content, date);
    const doc = figures(content, date);
    expect(report.errors).toEqual([]);
    // validate → figures and figures → validate: the same missing declarations and memberships
    expect(warningsByProvider(report)).toEqual(expected);
    expect(standingsAsWarnings(doc)).toEqual(expected);
    // and each provider's reciprocity is the worst of its declaration warnings, apart from membership
    for (const p of doc.prestataires) {
      const mine = expected.filter((w) => w.startsWith(`${p.id} `) && !w.endsWith('adhesion_absente')).map((w) => w.split(' ')[2]);
      const worst = mine
        .map((code) => Object.entries(WARNING_FOR).find(([, c]) => c === code)![0])
        .reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), 'a_jour');
      // with no finished mission, nothing is due: the neutral state, not « à jour »
      const expectedStatus = worst === 'a_jour' && p.missions_terminees === 0 ? 'rien_du' : worst;
      expect(p.situation.reciprocite.statut, `${p.id} le ${date}`).toBe(expectedStatus);
    }
  });

  it('turns a declaration due into a late one, then défaillant, as warnings with exit code 0', () => {
    const bruno = (date: string) => {
      const run = npmRun('validate', ['--content', BASE, '--date', date, '--format', 'json']);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.errors).toEqual([]);
      return report.warnings.filter((w) => w.message.startsWith('« bruno-coop »')).map((w) => [w.code, w.message]);
    };
    expect(bruno('2025-07-15')).toEqual([['declaration_a_faire', '« bruno-coop » doit déclarer sa réciprocité pour « mission-terminee » au plus tard le 30 juillet 2025.']]);
    expect(bruno('2025-07-31')).toEqual([['declaration_en_retard', "« bruno-coop » n'a pas déclaré pour « mission-terminee », attendue au plus tard le 30 juillet 2025."]]);
    expect(bruno('2025-09-29')).toEqual([
      ['declaration_defaillante', "« bruno-coop » n'a toujours pas déclaré pour « mission-terminee » (dernier délai : le 28 septembre 2025) : défaillant, hors du cercle."],
    ]);
    // the text format says they are warnings, and the run still succeeds
    const text = npmRun('validate', ['--content', BASE, '--date', '2025-07-31']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("avertissement : « bruno-coop » n'a pas déclaré pour « mission-terminee »");
    expect(text.stdout).toContain('registre valide');
  });
});

// The sample content on 2026-11-29: La Compagnie des Tiers-Lieux confirms most payments
// (content/confirmations/compagnie-des-tiers-lieux.yaml); two stay unconfirmed past the
// 90 days of regles/2024-04-01.yaml#delais: karim-haddou's 80 € of 2026-03-20 (deadline
// 2026-06-18) and nicolas-verhaeghe's 20 € of 2026-08-28 (2026-08-28 + 90 = 3 + 30 + 31
// + 26 → 2026-11-26). validate warns for exactly those, and figures says the same.
describe('versements non confirmés après le délai : validate et figures disent la même chose', () => {
  it('sur le contenu d’exemple au 2026-11-29', () => {
    const validate = npmRun('validate', ['--content', SAMPLE_DIR, '--date', '2026-11-29', '--format', 'json']);
    expect(validate.status).toBe(0);
    const warned = (JSON.parse(validate.stdout) as JsonReport).warnings.filter((w) => w.code === 'confirmation_attendue').map((w) => `${w.file}:${w.line}`);
    expect(warned).toEqual([
      `${SAMPLE_DIR}/declarations/karim-haddou/evaluation-impact-vermandois-2025.yaml:12`,
      `${SAMPLE_DIR}/declarations/nicolas-verhaeghe/bcus-residence-les-tilleuls-2026.yaml:12`,
    ]);
    const figures = JSON.parse(npmRun('figures', ['--content', SAMPLE_DIR, '--date', '2026-11-29']).stdout) as Figures;
    const awaited = figures.missions.flatMap((m) =>
      m.membres.flatMap((x) => x.argent.flatMap((a) => (a.etat === 'non_confirme' && a.attendue ? [`declarations/${x.prestataire}/${m.id}.yaml ${a.echeance}`] : []))),
    );
    expect(awaited.sort()).toEqual([
      'declarations/karim-haddou/evaluation-impact-vermandois-2025.yaml 2026-06-18',
      'declarations/nicolas-verhaeghe/bcus-residence-les-tilleuls-2026.yaml 2026-11-26',
    ]);
  });
});
