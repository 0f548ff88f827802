// A reason is a sentence, wherever one is asked: the retroactivity of a rules file and the
// abandon of a mission refuse « . » as a declaration's « why nothing » does (raison_trop_courte).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { baseTree, FIXTURE_DATE } from '../helpers.ts';

describe('une raison est une phrase', () => {
  it('la rétroactivité d’un fichier de règles : « . » est refusé, avec la ligne', () => {
    const dir = baseTree();
    const file = join(dir, 'regles/2024-01-01.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8').replace(/adoptees_le: "?[0-9-]+"?/, 'adoptees_le: "2024-06-01"')}retroactivite: "."\n`);
    const problems = loadRegistry(dir, { date: FIXTURE_DATE }).problems.filter((p) => p.file === 'regles/2024-01-01.yaml');
    expect(problems.map((p) => p.code)).toContain('raison_trop_courte');
  });

  it('l’abandon d’une mission : « RAS » est refusé', () => {
    const dir = baseTree();
    const file = join(dir, 'missions/mission-appel.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/statut: \w+/, 'statut: abandonnee\nabandon:\n  date: "2025-03-01"\n  raison: RAS'));
    const problems = loadRegistry(dir, { date: FIXTURE_DATE }).problems.filter((p) => p.file === 'missions/mission-appel.md');
    expect(problems.map((p) => p.code)).toContain('raison_trop_courte');
  });
});
