// npm run bench works end to end on a small registry (the figures themselves are for
// BENCHMARKS.md, not for a test), and never writes over a folder it did not make.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { npmRun, ROOT, SAMPLE, tempDir } from '../helpers.ts';

describe('npm run bench', () => {
  test('mesure chaque étape sur un petit registre fictif et imprime les rapports', () => {
    const out = join(tempDir('cr-bench-test-'), 'banc');
    try {
      const result = npmRun('bench', ['--n', '12', '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      // 12 providers, 12 missions, up to 4 × 12 declarations.
      expect(result.stdout).toContain('Registre fictif : 12 prestataires, 12 missions');
      for (const label of ['lecture et analyse seules', 'validation complète', 'construction du site (Astro)', 'indexation Pagefind', 'reconstruction après un fichier modifié']) {
        expect(result.stdout).toMatch(new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+\\d+\\.\\d\\d s\\s+\\d+ Mo`));
      }
      expect(result.stdout).toMatch(/validation complète\s+\d+\.\d\d × \(cible ≤ 1,3\)/);
      expect(result.stdout).toMatch(/mémoire maximale\s+\d+ Mo/);
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
