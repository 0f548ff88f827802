// An incremental build must give exactly the site a full build gives: each scenario
// changes the content, rebuilds the same folder, then builds a fresh one and compares
// every file but the search index and the build manifest.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { npmRun, SAMPLE, SAMPLE_DATE, siteTempDir, tempDir, walk } from '../helpers.ts';

let content: string;
let live: string;
const made: string[] = [];

function build(out: string): string {
  const result = npmRun('build', ['--content', content, '--date', SAMPLE_DATE, '--out', out]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function files(dir: string): Map<string, string> {
  return new Map(
    walk(dir)
      .map((f) => relative(dir, f))
      .filter((f) => !f.startsWith('pagefind/') && f !== '.construction.json')
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

function expectSameAsFullBuild(): void {
  const fresh = siteTempDir('complet-');
  made.push(fresh);
  expect(build(fresh)).toContain('construction complète');
  const a = files(live);
  const b = files(fresh);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [path, text] of b) expect(a.get(path), path).toBe(text);
}

beforeAll(() => {
  content = join(tempDir('cr-incremental-'), 'content');
  cpSync(SAMPLE, content, { recursive: true });
  live = siteTempDir('incremental-');
  made.push(live);
  expect(build(live)).toContain('construction complète');
}, 300_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('construction incrémentale', () => {
  test('un nom changé refait la fiche et les pages qui le montrent, pas les autres', () => {
    const file = join(content, 'prestataires', 'agathe-morel.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('nom: Agathe Morel', 'nom: Agathe Morel-Durand'));
    const out = build(live);
    // Her page, the missions she is in (3), the commons she gave to (4) and her file for the
    // /declarer/ form (it carries her profile); her badge is unchanged: 1 + 3 + 4 + 1 = 9 entity pages of
    // 13 profiles + 13 badges + 13 form files + 20 missions + 6 commons = 65.
    expect(out).toMatch(/construction incrémentale, \d+\u00a0fiches? refaites? sur 65/);
    const rendered = Number(/incrémentale, (\d+)\u00a0fiche/.exec(out)![1]);
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(20);
    expectSameAsFullBuild();
  }, 300_000);

  test('une déclaration ajoutée fait bouger les chiffres partout où ils paraissent', () => {
    writeFileSync(
      join(content, 'declarations', 'agathe-morel', 'bcus-residence-les-tilleuls-2026.yaml'),
      `prestataire: agathe-morel
mission: bcus-residence-les-tilleuls-2026
date: "2026-11-28"
contributions_argent:
  - commun: compagnie-des-tiers-lieux
    montant_eur: 400
    statut: verse
    date: "2026-11-28"
`,
    );
    expect(build(live)).toContain('construction incrémentale');
    expectSameAsFullBuild();
  }, 300_000);

  test('une confirmation de réception ajoutée refait les pages qui montrent le versement', () => {
    // nicolas-verhaeghe's 20 € of 2026-08-28 to the network, not confirmed in the sample.
    const file = join(content, 'confirmations', 'compagnie-des-tiers-lieux.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}  - prestataire: nicolas-verhaeghe\n    mission: bcus-residence-les-tilleuls-2026\n    montant_eur: 20\n    date: "2026-09-01"\n`,
    );
    expect(build(live)).toContain('construction incrémentale');
    const page = readFileSync(join(live, 'prestataires', 'nicolas-verhaeghe', 'index.html'), 'utf8').replace(/<[^>]+>/g, '');
    expect(page).toContain('versé, confirmé par La Compagnie des Tiers-Lieux le 1er\u00a0septembre 2026');
    expectSameAsFullBuild();
  }, 300_000);

  test('une fiche supprimée disparaît du site', () => {
    rmSync(join(content, 'prestataires', 'lea-fontaine.md'));
    expect(build(live)).toContain('construction incrémentale');
    expect(readdirSync(join(live, 'prestataires'))).not.toContain('lea-fontaine');
    expectSameAsFullBuild();
  }, 300_000);
});

describe('--out hors du projet', () => {
  test('un dossier hors du projet se construit comme un autre ; un dossier étranger non vide est refusé, intact', () => {
    // Astro imports the chunks it writes in its output folder: outside the project, they
    // would not find its packages (es-module-lexer). The build goes through a staging folder.
    const outside = join(tempDir('cr-dehors-'), 'site');
    const result = npmRun('build', ['--content', SAMPLE, '--date', SAMPLE_DATE, '--out', outside]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(outside, 'prestataires', 'karim-haddou', 'attestations', '2025.json'), 'utf8')).toContain('"annee": 2025');
    expect(readdirSync(outside)).toContain('index.html');
    const foreign = tempDir('cr-etranger-');
    writeFileSync(join(foreign, 'notes.txt'), 'à garder');
    const refused = npmRun('build', ['--content', SAMPLE, '--date', SAMPLE_DATE, '--out', foreign]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('n’est pas vide et ne contient pas un site construit par npm run build');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
    // Inside the project too (« --out content » would have replaced the registry by the site).
    const inside = siteTempDir('etranger-');
    made.push(inside);
    writeFileSync(join(inside, 'brouillon.yaml'), 'à garder');
    const overwrite = npmRun('build', ['--content', SAMPLE, '--date', SAMPLE_DATE, '--out', inside]);
    expect(overwrite.status).toBe(2);
    expect(overwrite.stderr).toContain('n’est pas vide et ne contient pas un site construit par npm run build');
    expect(readdirSync(inside)).toEqual(['brouillon.yaml']);
  }, 300_000);
});
