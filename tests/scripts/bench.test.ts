// npm run bench works end to end on a small registry (the figures themselves are for
// BENCHMARKS.md, not for a test), and never writes over a folder it did not make.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { benchVerdict, GUARD, TARGETS } from '../../scripts/bench/targets.ts';
import { npmRun, ROOT, SAMPLE, tempDir } from '../helpers.ts';

describe('npm run bench', () => {
  test('mesure chaque étape sur un petit registre fictif et imprime les rapports', () => {
    const out = join(tempDir('cr-bench-test-'), 'banc');
    try {
      const result = npmRun('bench', ['--n', '12', '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('Registre fictif : 12 prestataires, 12 missions et ');
      for (const label of ['lecture et analyse seules', 'validation complète', 'construction et indexation (npm run build)', 'indexation seule (comprise ci-dessus)', 'reconstruction après un fichier modifié']) {
        expect(result.stdout).toMatch(new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+\\d+\\.\\d\\d s\\s+\\d+ Mo`));
      }
      expect(result.stdout).toMatch(/(tenue|MANQUÉE) +validation complète \/ lecture seule : \d+,\d\d × \(cible ≤ 1,30 ×\)/);
      expect(result.stdout).toMatch(/(tenue|MANQUÉE) +mémoire maximale : \d+ Mo \(cible ≤ 1200 Mo\)/);
      expect(result.stdout).toMatch(/Par seconde : \d+ pages HTML construites et indexées/);
      expect(readdirSync(join(out, 'content', 'prestataires'))).toHaveLength(12);
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  }, 300_000);

  test('refuse un dossier --out qui contient autre chose qu’un banc d’essai', () => {
    const result = npmRun('bench', ['--n', '12', '--out', ROOT]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("n'est pas vide et ne vient pas d'un banc d'essai");
    expect(existsSync(join(SAMPLE, 'prestataires', 'agathe-morel.md'))).toBe(true);
  });
});

describe('le verdict du banc (--check, --garde)', () => {
  // The targets, at N = 10 000: the regression measured on 30 November 2026 (issue 22) and a
  // run that meets every target.
  const regression = { validation: 4.2, constructionIndexation: 32.7, reconstruction: 0.46, memoireMo: 1719 };
  const met = { validation: 1.25, constructionIndexation: 11.5, reconstruction: 0.2, memoireMo: 1050 };
  // The guard, at N = 2 000: this code's figures on 2 December 2026 (BENCHMARKS.md), and the
  // same with validation or the build three times slower, as in that regression.
  const today = { validation: 2.85, constructionIndexation: 48.7, reconstruction: 0.44, memoireMo: 812 };

  test('la régression du 30 novembre manque chaque cible', () => {
    const verdict = benchVerdict(regression, TARGETS);
    expect(verdict.ok).toBe(false);
    expect(verdict.lignes.every((l) => l.startsWith('MANQUÉE'))).toBe(true);
    expect(benchVerdict(met, TARGETS)).toMatchObject({ ok: true });
    expect(benchVerdict(met, TARGETS).lignes[0]).toBe('tenue     validation complète / lecture seule : 1,25 × (cible ≤ 1,30 ×)');
  });

  test('la garde de CI passe les chiffres d’aujourd’hui et refuse une validation ou une construction trois fois plus lentes', () => {
    expect(benchVerdict(today, GUARD)).toMatchObject({ ok: true });
    expect(benchVerdict({ ...today, validation: today.validation * 3 }, GUARD)).toMatchObject({ ok: false });
    expect(benchVerdict({ ...today, constructionIndexation: today.constructionIndexation * 3 }, GUARD)).toMatchObject({ ok: false });
    // The memory of that regression (1 719 MB) fails it too.
    expect(benchVerdict({ ...today, memoireMo: 1719 }, GUARD)).toMatchObject({ ok: false });
  });

  test('une seule cible manquée suffit', () => {
    expect(benchVerdict({ ...met, reconstruction: 0.3 }, TARGETS)).toMatchObject({ ok: false });
  });
});
