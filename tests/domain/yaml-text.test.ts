// The YAML writer of the registry (src/domain/registry/yaml-text.ts), which writes every
// declaration (npm run declare, the issue form, the /declarer/ form in the browser): the
// registry's parser reads back exactly what it wrote, whatever the text; it writes what
// the `yaml` package wrote before it (byte for byte on the sample's declarations and on
// ordinary text); where it writes otherwise, it is on purpose (a YAML 1.1 reader would
// misread the text, or a character must be escaped); each key's line is the one the
// registry's locator finds in the text.
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { Document, isScalar, parse, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildDeclaration, declarationText, declarationYaml, type DeclarationAnswers } from '../../src/domain/contribution/declaration-text.ts';
import { YamlLocator } from '../../src/domain/registry/positions.ts';
import type { Path } from '../../src/domain/registry/problem-parts.ts';
import { yamlText } from '../../src/domain/registry/yaml-text.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { FIXTURE_DATE, FIXTURES, SAMPLE, SAMPLE_DATE } from '../helpers.ts';

/** The writer the registry used before (the `yaml` package), kept here as the reference. */
function yamlPackageText(data: object): string {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && (pair.key.value === 'date' || pair.key.value === 'modifiee_le') && isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

const body = (data: DeclarationAnswers) => yamlText(data, { doubleQuotedKeys: ['date', 'modifiee_le'] }).text;

/** Every way a reader of the registry's files may read them: js-yaml (CI, the site) in both schemas, `yaml` in YAML 1.2 and 1.1. */
function readers(text: string): unknown[] {
  return [yaml.load(text, { schema: yaml.CORE_SCHEMA }), yaml.load(text), parse(text), parse(text, { version: '1.1' })];
}

/**
 * Where the writer writes otherwise than the `yaml` package, on purpose: the package's text
 * is read otherwise by a YAML 1.1 reader (« on », « 1:20 », « 0755 », « 2026-11-20 » left
 * plain), a character must be escaped, or several lines cannot be a block (spaces at an end).
 */
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;
const onPurpose = (data: object, texts: string[], quoted: string[]) =>
  !isDeepStrictEqual(parse(yamlPackageText(data), { version: '1.1' }), data) ||
  // « = » and « << » are the value and merge keys of YAML 1.1 (PyYAML refuses a plain « = »).
  texts.some((t) => t === '=' || t === '<<' || ESCAPED.test(t) || (t.includes('\n') && /^\s|\s$|\n[\t ]/.test(t))) ||
  // Several lines in double quotes (a date): the package folds them its own way, on one line here.
  quoted.some((t) => t.includes('\n'));

/** -0 is 0 for a reader of the registry (and for JSON): not a case. */
const signless = (n: number) => (Object.is(n, -0) ? 0 : n);

/** A declaration's shape, with any text in its free fields. */
const declarationOf = (text: fc.Arbitrary<string>) =>
  fc.record({
    prestataire: fc.constant('p'),
    mission: fc.constant('m'),
    date: fc.constant('2026-11-20'),
    communs_utilises: fc.array(fc.record({ commun: fc.constantFrom('movilab', 'on', 'yes', '2026'), usage: text }), { maxLength: 2 }),
    contributions_argent: fc.array(
      fc.record({ commun: fc.constant('reseau'), montant_eur: fc.oneof(fc.double(), fc.integer()).map(signless), statut: fc.constantFrom('verse' as const, 'promis' as const), date: text }),
      { maxLength: 2 },
    ),
    contributions_nature: fc.array(fc.record({ commun: fc.constant('wiki'), description: text, heures: fc.double({ noNaN: true }).map(signless), date: fc.constant('2026-01-02') }), { maxLength: 2 }),
    commentaire: text,
  }) as fc.Arbitrary<DeclarationAnswers>;

/** Text as people write it in a declaration: French letters, figures, punctuation, quotes, several lines. */
const ordinaryText = fc.string({
  unit: fc.constantFrom(...'aéèçàôœ AZÉ019.,;:!?-–/#@&%*()[]{}«»"\'’|>~=+_\n\t€'.split('')),
  maxLength: 30,
});

describe('yamlText : écrire un fichier du registre', () => {
  it('js-yaml, le lecteur du registre, relit exactement les données, quel que soit le texte (et les autres lecteurs aussi)', () => {
    fc.assert(
      fc.property(declarationOf(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), ordinaryText)), (data) => {
        const text = body(data);
        for (const read of readers(text)) expect(read).toEqual(data);
      }),
      { numRuns: 500 },
    );
  });

  it('écrit ce qu’écrivait le paquet yaml pour un texte ordinaire, sauf exprès', () => {
    fc.assert(
      fc.property(declarationOf(ordinaryText), (data) => {
        const texts = [data.commentaire!, ...data.communs_utilises!.map((c) => c.usage), ...data.contributions_nature!.map((c) => c.description)];
        fc.pre(!onPurpose(data, texts, data.contributions_argent!.map((c) => c.date)));
        expect(body(data)).toBe(yamlPackageText(data));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['yes', '"yes"'],
    ['on', '"on"'],
    ['1:20', '"1:20"'],
    ['0755', '"0755"'],
    ['1_000', '"1_000"'],
    ['2026-11-20', '"2026-11-20"'],
    ['null', '"null"'],
    ['150', '"150"'],
    ['a\u007fb', '"a\\u007fb"'],
    ['dit "oui"', 'dit "oui"'],
    ['"oui"', '\'"oui"\''],
    ['a: b', '"a: b"'],
    ['https://exemple.org/#ancre', 'https://exemple.org/#ancre'],
  ])('%j s’écrit %s', (text, written) => {
    expect(yamlText({ usage: text }).text).toBe(`usage: ${written}\n`);
    expect(yaml.load(yamlText({ usage: text }).text, { schema: yaml.CORE_SCHEMA })).toEqual({ usage: text });
  });

  it('un texte de plusieurs lignes s’écrit en bloc, comme à la main', () => {
    expect(yamlText({ l: [{ usage: 'ligne 1\n\n  ligne 3' }] }).text).toBe('l:\n  - usage: |-\n      ligne 1\n\n        ligne 3\n');
  });

  it('chaque chemin est à la ligne et la colonne où le localisateur du registre le trouve', () => {
    const pathsOf = (value: unknown, path: Path = []): Path[] =>
      value !== null && typeof value === 'object'
        ? [path, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, Array.isArray(value) ? Number(k) : k]))]
        : [path];
    fc.assert(
      fc.property(declarationOf(ordinaryText), fc.constantFrom<Path>(['inconnue'], ['contributions_argent', 9], ['communs_utilises', 0, 'x']), (data, missing) => {
        const { text, positions } = declarationText(data);
        const locator = new YamlLocator(text);
        for (const path of [...pathsOf(data), missing]) expect(positions.locate(path), JSON.stringify(path)).toEqual(locator.locate(path));
      }),
      { numRuns: 300 },
    );
  });
});

describe('les déclarations du registre d’exemple et des fixtures', () => {
  const declarations = [
    ...loadRegistry(SAMPLE, { date: SAMPLE_DATE }).registry.declarations,
    ...loadRegistry(join(FIXTURES, 'base'), { date: FIXTURE_DATE }).registry.declarations,
  ].map((d) => buildDeclaration(d.data));

  it('s’écrivent octet pour octet comme avec le paquet yaml, et se relisent à l’identique', () => {
    expect(declarations.length).toBeGreaterThan(20);
    for (const declaration of declarations) {
      const text = declarationYaml(declaration);
      expect(text.slice(text.indexOf('\nprestataire:') + 1)).toBe(yamlPackageText(declaration));
      expect(yaml.load(text, { schema: yaml.CORE_SCHEMA })).toEqual(declaration);
    }
  });
});
