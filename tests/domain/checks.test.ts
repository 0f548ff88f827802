// The checks of a declaration alone (src/domain/rules/checks.ts, declarationChecks), which a
// draft runs (npm run declare, the issue form, the /declarer/ form in the browser), against
// the checks of the whole registry (checkRegistry, which npm run validate runs): on every
// fixture tree and on the sample content, they place exactly the same problems in the
// declaration files. The codes they raise are all in the catalogue the browser bundles.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DECLARATION_CODES } from '../../src/domain/registry/codes-declaration.ts';
import { CODES } from '../../src/domain/registry/codes.ts';
import { readRegistry } from '../../src/domain/registry/read.ts';
import { checkRegistry, declarationChecks } from '../../src/domain/rules/checks.ts';
import { caseTree, FIXTURE_DATE, FIXTURES, SAMPLE, SAMPLE_DATE, SAMPLE_DIR } from '../helpers.ts';

const trees: string[] = [];
afterAll(() => trees.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const cases = [
  { name: `${SAMPLE_DIR}/`, dir: SAMPLE, date: SAMPLE_DATE },
  { name: 'base', dir: join(FIXTURES, 'base'), date: FIXTURE_DATE },
  ...readdirSync(join(FIXTURES, 'invalid')).map((name) => ({
    name,
    get dir() {
      const dir = caseTree(name);
      trees.push(dir);
      return dir;
    },
    date: FIXTURE_DATE,
  })),
];

const inDeclarations = (p: { file: string }) => p.file.startsWith('declarations/');

describe('les contrôles d’une déclaration seule', () => {
  it.each(cases)('$name : les mêmes problèmes dans les déclarations que les contrôles de tout le registre', ({ dir, date }) => {
    const read = readRegistry(dir);
    const options = { date, invalid: read.invalid };
    const all = checkRegistry(read.registry, options).filter(inDeclarations);
    const alone = declarationChecks(read.registry, options).filter(inDeclarations);
    expect(alone).toEqual(all);
    for (const problem of alone) expect(DECLARATION_CODES, problem.code).toHaveProperty(problem.code);
  });

  it('le catalogue du navigateur est une partie du catalogue, aux mêmes entrées', () => {
    for (const [code, entry] of Object.entries(DECLARATION_CODES)) expect(CODES[code as keyof typeof CODES]).toBe(entry);
    expect(Object.keys(DECLARATION_CODES).length).toBeLessThan(Object.keys(CODES).length);
  });
});
