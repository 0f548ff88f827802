// Property tests: whatever bytes, YAML tree or string a pull request puts in one file,
// the loader never throws, never hangs, either makes the file an entity or names it in
// an error, reports no error on any other file, and keeps every other valid file. One
// copy of the base tree serves every run: the file is rewritten, then put back.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadRegistry, type LoadResult } from '../../src/domain/rules/load.ts';
import { FIXTURE_DATE, FIXTURES, ROOT, tempDir, walk } from '../helpers.ts';

const BASE = join(FIXTURES, 'base');
const BASE_ENTITIES = 9;
/** A hang guard, not a performance target: a run takes a few milliseconds. */
const RUN_BUDGET_MS = 2_000;
/** Per property; the whole file stays well under a minute on 2 cores. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 200);

const tree = tempDir('cr-proprietes-');
cpSync(BASE, tree, { recursive: true });
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const BASE_FILES = walk(BASE).map((file) => file.slice(BASE.length + 1)).sort();

/** Where a generated file goes: a new file, or one that replaces a base file others refer to. */
const NEW_DECLARATION = 'declarations/bruno-coop/mission-terminee.yaml';
const NEW_PRESTATAIRE = 'prestataires/zoe.md';
const REPLACED_PRESTATAIRE = 'prestataires/alice-conseil.md';

function entityFiles(result: LoadResult): string[] {
  const { registry } = result;
  return [
    ...[...registry.prestataires.values(), ...registry.missions.values(), ...registry.communs.values()].map((e) => e.file),
    ...registry.declarations.map((e) => e.file),
    ...registry.regles.map((e) => e.file),
  ];
}

/** Writes the file, loads the tree within the budget, puts the tree back as it was. */
function loadWith(rel: string, content: string | Uint8Array): LoadResult {
  const path = join(tree, rel);
  const original = BASE_FILES.includes(rel) ? readFileSync(join(BASE, rel)) : null;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  try {
    const started = performance.now();
    const result = loadRegistry(tree, { date: FIXTURE_DATE });
    expect(performance.now() - started).toBeLessThan(RUN_BUDGET_MS);
    return result;
  } finally {
    if (original) writeFileSync(path, original);
    else rmSync(path, { force: true });
  }
}

/**
 * How many runs made the file an entity and how many were refused: a property whose
 * generator never gets past the parser, or never fails the schema, tests less than it says.
 */
function tally() {
  const seen = { entity: 0, refused: 0 };
  return {
    seen,
    add(result: LoadResult, rel: string) {
      seen[entityFiles(result).includes(rel) ? 'entity' : 'refused']++;
    },
    expectBoth() {
      expect(seen.entity, 'aucun fichier généré n’est devenu une entité').toBeGreaterThan(0);
      expect(seen.refused, 'aucun fichier généré n’a été refusé').toBeGreaterThan(0);
    },
  };
}

/** The invariants of every run; returns the result for the property's own checks. */
function expectContained(rel: string, content: string | Uint8Array): LoadResult {
  const result = loadWith(rel, content);
  const errors = result.problems.filter((p) => p.severity === 'error');
  const elsewhere = errors.filter((p) => p.file !== rel);
  expect(elsewhere.map((p) => `${p.file}:${p.line} ${p.code}`)).toEqual([]);
  const loaded = entityFiles(result);
  expect(loaded.includes(rel) || errors.some((p) => p.file === rel), 'ni entité ni erreur pour le fichier').toBe(true);
  for (const file of BASE_FILES) if (file !== rel) expect(loaded).toContain(file);
  expect(result.entities).toBeGreaterThanOrEqual(BASE_FILES.includes(rel) ? BASE_ENTITIES - 1 : BASE_ENTITIES);
  return result;
}

// --- what goes into the files -------------------------------------------------------------

const baseText = (rel: string) => readFileSync(join(BASE, rel), 'utf8');
const VALID_DECLARATION = baseText('declarations/alice-conseil/mission-terminee.yaml').replaceAll('alice-conseil', 'bruno-coop');
// Renamed too: a new file with an existing name is an imitation (nom_sosie), refused.
const VALID_PRESTATAIRE = baseText('prestataires/claire-asso.md').replaceAll('claire-asso', 'zoe').replace('Association Claire', 'Zoé Solidaire');
/** One valid file of each kind, renamed so that it is new and nothing refers to it. */
const VALID_FILES: Array<[string, string]> = [
  [NEW_DECLARATION, VALID_DECLARATION],
  [NEW_PRESTATAIRE, VALID_PRESTATAIRE],
  ['missions/mission-x.md', baseText('missions/mission-terminee.md').replaceAll('mission-terminee', 'mission-x')],
  ['communs/commun-x.md', baseText('communs/reseau-test.md').replaceAll('reseau-test', 'commun-x').replace('Réseau de test', 'Commun X')],
];

/** Every key of every schema (from schemas/json/), and the ones that attack a program. */
function schemaKeys(): string[] {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((k) => keys.add(k));
      visit(value);
    }
  };
  for (const file of walk(join(ROOT, 'schemas', 'json'))) visit(JSON.parse(readFileSync(file, 'utf8')));
  return [...keys].sort();
}
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '<<', 'slug', '', ' ', '-', '?', 'a'.repeat(300)];
const KEYS = [...schemaKeys(), ...HOSTILE_KEYS];

/** Values a schema might accept, and their near misses. */
const TELLING = [
  'alice-conseil', 'bruno-coop', 'mission-terminee', 'wiki-test', 'reseau-test', '../alice-conseil', 'Alice Conseil',
  '2025-07-05', '2024-02-30', '2024-13-01', 'https://wiki.example.org', 'javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd',
  'verse', 'promis', 'independant', 'plancher', 'terminee', 'CC-BY-SA-4.0', '', ' ', '---', '<script>alert(1)</script>', '=1+1',
  '\u202Eabc', '\u200D', 'a\u0000b', '\u001b[2J', 1e308, -1, 0, 0.001, 100, 120.5, Number.NaN, Number.POSITIVE_INFINITY, -0, true, null,
];
const scalar = fc.oneof(
  fc.constantFrom(...TELLING),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const yamlTree = fc.object({ key, values: [scalar], maxDepth: 4, maxKeys: 6 });

/** The same subtree under several keys: the YAML writer turns it into an anchor and aliases. */
const sharedTree = fc.tuple(yamlTree, fc.integer({ min: 1, max: 4 })).map(([leaf, levels]) => {
  let node: unknown = leaf;
  for (let i = 0; i < levels; i++) node = { a: node, b: node, c: [node, node] };
  return { prestataire: 'bruno-coop', mission: 'mission-terminee', date: '2025-07-05', commentaire: node };
});

type Edit = { at: number; kind: 'set' | 'delete' | 'add'; key: string; value: unknown };
const edits = fc.array(
  fc.record({ at: fc.nat(), kind: fc.constantFrom<Edit['kind']>('set', 'delete', 'add'), key, value: fc.oneof(scalar, yamlTree) }),
  { minLength: 1, maxLength: 4 },
);

/** Every container of a value with its keys (or indexes), for edits to pick from. */
function slots(value: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []) {
  if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.push([value as Record<string, unknown>, Array.isArray(value) ? Number(k) : k]);
      slots((value as Record<string, unknown>)[k], out);
    }
  }
  return out;
}

/** A valid document with a few of its values replaced, removed or added to. */
function edited(document: unknown, changes: Edit[]): unknown {
  const copy = structuredClone(document);
  for (const change of changes) {
    const all = slots(copy);
    if (all.length === 0) break;
    const [container, slot] = all[change.at % all.length];
    // A copy of the value each time, so that no edit ever makes the document cyclic.
    const value = structuredClone(change.value);
    if (change.kind === 'set') (container as Record<string | number, unknown>)[slot] = value;
    else if (change.kind === 'delete') {
      if (Array.isArray(container)) container.splice(slot as number, 1);
      else delete container[slot as string];
    } else if (!Array.isArray(container)) Object.defineProperty(container, change.key, { value, enumerable: true, configurable: true, writable: true });
  }
  return copy;
}

const frontMatter = (yamlText: string, body = 'Présentation.\n') => `---\n${yamlText}---\n${body}`;
const valueOfMarkdown = (text: string) => parseYaml(text.split('---\n')[1]) as Record<string, unknown>;

/** Bytes: random, or a valid file with a few bytes written over or slipped in. */
const damaged = (valid: string) =>
  fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean()), { minLength: 1, maxLength: 6 }).map((changes) => {
    let bytes = Buffer.from(valid);
    for (const [at, patch, insert] of changes) {
      const i = at % (bytes.length + 1);
      bytes = insert
        ? Buffer.concat([bytes.subarray(0, i), Buffer.from(patch), bytes.subarray(i)])
        : Buffer.concat([bytes.subarray(0, i), Buffer.from(patch), bytes.subarray(Math.min(bytes.length, i + patch.length))]);
    }
    return new Uint8Array(bytes);
  });
const bytes = (valid: string) =>
  fc.oneof(
    fc.uint8Array({ maxLength: 4096 }),
    fc.string({ unit: 'binary', maxLength: 1024 }).map((s) => new Uint8Array(Buffer.from(s))),
    fc.string({ unit: 'binary-ascii', maxLength: 1024 }).map((s) => new Uint8Array(Buffer.from(`---\n${s}\n---\n`))),
    damaged(valid),
  );

// Controls, bidi and invisible characters, quotes and YAML indicators.
const SPECIAL_CHARS = ['\u202E', '\u2066', '\u2069', '\u200D', '\u200B', '\uFEFF', '\uD800', '\uDC00', '\uFFFE', '\uFFFF', '\u2028', '\u0085',
  '\n', '\r', '\t', '"', "'", '\\', ':', '#', '-', ' ', '&', '*', '!', '|', '>', '%', '@', '`', 'é'];
const hostileString = fc.string({
  unit: fc.oneof(fc.constantFrom(...SPECIAL_CHARS), fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }), fc.constantFrom('a', 'Z', '0')),
  maxLength: 40,
});
/** The characters an accepted value may never hold: controls (js-yaml's list) and bidi controls. */
const FORBIDDEN_IN_TEXT = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF\uD800-\uDFFF\u202A-\u202E\u2066-\u2069]/u;

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

// --- the properties ----------------------------------------------------------------------------

describe('des octets quelconques', () => {
  it('comme nouvelle déclaration', () => {
    fc.assert(fc.property(bytes(VALID_DECLARATION), (content) => void expectContained(NEW_DECLARATION, content)), { numRuns: RUNS });
  });
  it('comme fiche Markdown d’un prestataire nouveau', () => {
    fc.assert(fc.property(bytes(VALID_PRESTATAIRE), (content) => void expectContained(NEW_PRESTATAIRE, content)), { numRuns: RUNS });
  });
  it('à la place d’une fiche dont d’autres fichiers dépendent (alice-conseil)', () => {
    fc.assert(fc.property(bytes(baseText(REPLACED_PRESTATAIRE)), (content) => void expectContained(REPLACED_PRESTATAIRE, content)), { numRuns: RUNS });
  });
});

describe('des arbres YAML quelconques, avec les clés des schémas et celles qui attaquent', () => {
  it('comme déclaration', () => {
    fc.assert(fc.property(fc.oneof(yamlTree, sharedTree), (tree) => void expectContained(NEW_DECLARATION, stringifyYaml(tree))), { numRuns: RUNS });
  });
  it('comme en-tête d’un fichier Markdown', () => {
    fc.assert(fc.property(fc.oneof(yamlTree, sharedTree), (tree) => void expectContained(NEW_PRESTATAIRE, frontMatter(stringifyYaml(tree)))), { numRuns: RUNS });
  });
  // A valid file of each kind, as a new file no other refers to, with a few values changed.
  it.each(VALID_FILES)('un fichier valide (%s) modifié en quelques endroits', (rel, text) => {
    const markdown = rel.endsWith('.md');
    const valid = markdown ? valueOfMarkdown(text) : parseYaml(text);
    const outcomes = tally();
    const run = () =>
      fc.assert(
        fc.property(edits, (changes) => {
          const yamlText = stringifyYaml(edited(valid, changes));
          outcomes.add(expectContained(rel, markdown ? frontMatter(yamlText) : yamlText), rel);
        }),
        { numRuns: RUNS },
      );
    run();
    // A commons has few free-text fields: about 1 edit in 40 keeps it valid, so 200 runs
    // can miss that outcome (e^-5 ≈ 0.7 % of the time). Sample more before judging the generator.
    for (let more = 0; more < 4 && (outcomes.seen.entity === 0 || outcomes.seen.refused === 0); more++) run();
    outcomes.expectBoth();
  });
});

describe('des textes avec des caractères de contrôle, bidi ou invisibles', () => {
  /** A name accepted as written (trimmed), or refused: never a control or bidi character kept. */
  const expectNameKeptOrRefused = (result: LoadResult, name: string) => {
    const entry = result.registry.prestataires.get('zoe');
    if (!entry) return;
    expect(entry.data.nom).toBe(name.trim());
    for (const text of strings(entry.data)) expect(text).not.toMatch(FORBIDDEN_IN_TEXT);
  };

  it('dans un nom, écrit par le YAML (échappé entre guillemets si besoin)', () => {
    const valid = valueOfMarkdown(VALID_PRESTATAIRE);
    const outcomes = tally();
    fc.assert(
      fc.property(hostileString, (name) => {
        const result = expectContained(NEW_PRESTATAIRE, frontMatter(stringifyYaml({ ...valid, nom: name })));
        expectNameKeptOrRefused(result, name);
        outcomes.add(result, NEW_PRESTATAIRE);
      }),
      { numRuns: RUNS },
    );
    outcomes.expectBoth();
  });

  it('dans un nom, tel quel dans le texte du fichier', () => {
    const outcomes = tally();
    fc.assert(
      fc.property(hostileString, (name) => {
        const result = expectContained(NEW_PRESTATAIRE, VALID_PRESTATAIRE.replace('nom: Zoé Solidaire', `nom: ${name}`));
        const entry = result.registry.prestataires.get('zoe');
        if (entry) for (const text of strings(entry.data)) expect(text).not.toMatch(FORBIDDEN_IN_TEXT);
        outcomes.add(result, NEW_PRESTATAIRE);
      }),
      { numRuns: RUNS },
    );
    outcomes.expectBoth();
  });

  it('dans le corps Markdown et dans l’usage d’une déclaration', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (body, usage) => {
        expectContained(NEW_PRESTATAIRE, VALID_PRESTATAIRE.replace('Présentation de Association Claire.', body));
        const declaration = parseYaml(VALID_DECLARATION) as { communs_utilises: Array<{ usage: string }> };
        declaration.communs_utilises[0].usage = usage;
        const result = expectContained(NEW_DECLARATION, stringifyYaml(declaration));
        for (const d of result.registry.declarations) for (const text of strings(d.data)) expect(text).not.toMatch(FORBIDDEN_IN_TEXT);
      }),
      { numRuns: RUNS },
    );
  });
});
