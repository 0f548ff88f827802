// Where a problem points (src/domain/registry/positions.ts): the fast path for a key of a
// list item (`equipe[2].prestataire`) gives the position the full YAML parser gives, on
// every file of the sample and of the test cases, for every such path their data holds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdownFile, parseYamlFile } from '../../src/domain/registry/parse.ts';
import { YamlLocator } from '../../src/domain/registry/positions.ts';
import { FIXTURES, SAMPLE, walk } from '../helpers.ts';

const files = [...walk(SAMPLE), ...walk(FIXTURES)].filter((f) => /\.(md|yaml)$/.test(f));

/** Every [key, index, field] path of a file's data: a field of an item of a top-level list. */
function itemPaths(data: unknown): Array<[string, number, string]> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data).flatMap(([key, value]) =>
    Array.isArray(value)
      ? value.flatMap((item, i) => (item && typeof item === 'object' && !Array.isArray(item) ? Object.keys(item).map((field) => [key, i, field] as [string, number, string]) : []))
      : [],
  );
}

describe('positions d’un champ d’élément de liste', () => {
  it('le chemin rapide donne la position du parseur complet, partout où il répond', () => {
    let quick = 0;
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const parsed = file.endsWith('.md') ? parseMarkdownFile(text) : parseYamlFile(text);
      if (!parsed.ok) continue;
      const locator = new YamlLocator(parsed.yamlText);
      for (const path of [...itemPaths(parsed.data), ['equipe', 99, 'role'] as [string, number, string], ['equipe', 0, 'absent'] as [string, number, string]]) {
        const fast = locator.blockItemKey(path);
        compared++;
        if (!fast) continue;
        quick++;
        expect(fast, `${file} ${path.join('.')}`).toEqual(new YamlLocator(parsed.yamlText).parsed(path));
      }
    }
    // The fast path answers for most of them (block style is how the registry is written).
    expect(quick).toBeGreaterThan(compared / 2);
  });

  it('en style de flux ou pour un champ absent, il laisse la main au parseur complet', () => {
    const flow = new YamlLocator('equipe: [{prestataire: a, role: plancher}]\n');
    expect(flow.blockItemKey(['equipe', 0, 'role'])).toBeNull();
    const block = new YamlLocator('id: m\nequipe:\n  - prestataire: a\n    role: plancher\n  - prestataire: b\nbudget_eur: 3\n');
    expect(block.blockItemKey(['equipe', 0, 'role'])).toEqual({ line: 4, column: 5 });
    expect(block.blockItemKey(['equipe', 1, 'prestataire'])).toEqual({ line: 5, column: 5 });
    expect(block.blockItemKey(['equipe', 1, 'role'])).toBeNull();
    expect(block.locate(['equipe', 1, 'role'])).toEqual({ line: 5, column: 5 });
  });
});
