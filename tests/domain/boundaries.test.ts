// The house's boundaries (.dependency-cruiser.cjs), checked by dependency-cruiser on the
// real tree, then on copies of src/domain and schemas/ with one deliberate breach each:
// an upward import between rooms, a circle, src/domain importing Astro, Octokit or
// node:http. Each breach must fail with a message naming both files and the rule's
// French comment, as `npm run frontieres` prints it.
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.ts';

const CONFIG = '.dependency-cruiser.cjs';
/** The folders `npm run frontieres` checks (package.json). */
const CHECKED = ['src', 'schemas', 'scripts'];

interface Check {
  /** Non-zero when a rule is broken, as `npm run frontieres` exits. */
  exitCode: number;
  /** The text `npm run frontieres` prints: each breach, its two files and the rule's comment. */
  report: string;
}

/** Runs the boundary rules of `root`'s configuration over `paths` (folders or files) of `root`. */
async function boundaries(root: string, paths: string[]): Promise<Check> {
  const options = await extractDepcruiseOptions(join(root, CONFIG));
  const { exitCode, output } = await cruise(paths, { ...options, baseDir: root, outputType: 'err-long' });
  return { exitCode, report: stripVTControlCharacters(String(output)) };
}

/** The rules a report says were broken, one name per breach, sorted by name. */
const broken = (check: Check) => [...check.report.matchAll(/^ *error (\S+):/gm)].map((m) => m[1]).sort();

const trees: string[] = [];
afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy of src/domain and schemas/ with the configuration, plus `files` (path → content),
 * checked from those files: dependency-cruiser follows their imports down the copy.
 */
async function breach(files: Record<string, string>): Promise<Check> {
  const dir = tempDir('cr-frontieres-');
  trees.push(dir);
  cpSync(join(ROOT, 'src', 'domain'), join(dir, 'src', 'domain'), { recursive: true });
  cpSync(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
  cpSync(join(ROOT, CONFIG), join(dir, CONFIG));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return boundaries(dir, Object.keys(files));
}

describe('the boundaries of the real tree', () => {
  it('hold: no upward import, no circle, no Astro, network or Octokit in src/domain', async () => {
    const check = await boundaries(ROOT, CHECKED);
    expect(check.exitCode, check.report).toBe(0);
    expect(check.report).toContain('no dependency violations found');
  });

  it('every rule says what it forbids, in French, to whoever breaks it', async () => {
    const { ruleSet } = await extractDepcruiseOptions(join(ROOT, CONFIG));
    for (const rule of ruleSet?.forbidden ?? []) {
      expect(rule.comment?.length ?? 0, `${rule.name} n'a pas de commentaire`).toBeGreaterThan(40);
      expect(rule.severity, rule.name).toBe('error');
    }
  });
});

describe('a deliberate breach fails the check, naming both files', () => {
  it('registry/ importing rules/ (upward)', async () => {
    const check = await breach({
      'src/domain/registry/en-haut.ts': "import { cents } from '../rules/rules.ts';\nexport const euros = cents;\n",
    });
    expect(check.exitCode).not.toBe(0);
    expect(broken(check)).toEqual(['registre-vers-le-haut']);
    expect(check.report).toContain('src/domain/registry/en-haut.ts → src/domain/rules/rules.ts');
    expect(check.report).toContain("src/domain/registry/ lit le registre : il n'importe ni rules/ ni");
  });

  it('rules/ importing contribution/ (upward)', async () => {
    const check = await breach({
      'src/domain/rules/en-haut.ts': "export * from '../contribution/owners.ts';\n",
    });
    expect(check.exitCode).not.toBe(0);
    expect(broken(check)).toEqual(['regles-vers-le-haut']);
    expect(check.report).toContain('src/domain/rules/en-haut.ts → src/domain/contribution/owners.ts');
    expect(check.report).toContain("src/domain/rules/ juge le registre : il n'importe pas contribution/");
  });

  it('a circle, even through a third module', async () => {
    const check = await breach({
      'src/domain/registry/cercle-a.ts': "import { b } from './cercle-b.ts';\nexport const a = (): number => b() + 1;\n",
      'src/domain/registry/cercle-b.ts': "import { c } from './cercle-c.ts';\nexport const b = (): number => c() + 1;\n",
      'src/domain/registry/cercle-c.ts': "import { a } from './cercle-a.ts';\nexport const c = (): number => a() + 1;\n",
    });
    expect(check.exitCode).not.toBe(0);
    // One breach, with the whole circle written out: a → b → c → a.
    expect(broken(check)).toEqual(['pas-de-cercle']);
    const circle = ['cercle-a', 'cercle-b', 'cercle-c', 'cercle-a'].map((name) => `src/domain/registry/${name}\\.ts`);
    expect(check.report).toMatch(new RegExp(circle.join(' →\\s+')));
    expect(check.report).toContain("Deux modules ne doivent pas dépendre l'un de l'autre");
  });

  it('src/domain importing Astro, even for a type', async () => {
    const check = await breach({
      'src/domain/rules/page.ts': "import type { APIRoute } from 'astro';\nexport type Route = APIRoute;\n",
    });
    expect(check.exitCode).not.toBe(0);
    expect(broken(check)).toEqual(['domaine-sans-astro']);
    // The copy's node_modules is a link to the repository's: the report shows where Astro lies.
    expect(check.report).toMatch(/src\/domain\/rules\/page\.ts → \S*node_modules\/astro\//);
    expect(check.report).toContain("src/domain/ n'importe pas Astro");
  });

  it('src/domain importing Octokit or node:http', async () => {
    const check = await breach({
      'src/domain/contribution/forge.ts':
        "import { Octokit } from '@octokit/rest';\nimport { request } from 'node:http';\nexport const forge = { Octokit, request };\n",
    });
    expect(check.exitCode).not.toBe(0);
    expect(broken(check)).toEqual(['domaine-sans-octokit', 'domaine-sans-reseau']);
    expect(check.report).toMatch(/src\/domain\/contribution\/forge\.ts → \S*node_modules\/@octokit\/rest\//);
    expect(check.report).toContain("src/domain/ n'importe pas Octokit");
    expect(check.report).toContain('src/domain/contribution/forge.ts → http');
    expect(check.report).toContain('src/domain/ ne parle pas au réseau');
  });

  it('src/domain importing the site', async () => {
    const check = await breach({
      'src/site/url.ts': 'export const href = (path: string): string => path;\n',
      'src/domain/rules/lien.ts': "import { href } from '../../site/url.ts';\nexport const lien = href('/regles/');\n",
    });
    expect(check.exitCode).not.toBe(0);
    expect(broken(check)).toEqual(['domaine-vers-le-haut']);
    expect(check.report).toContain('src/domain/rules/lien.ts → src/site/url.ts');
    expect(check.report).toContain("src/domain/ n'importe que src/domain/, schemas/ et des bibliothèques");
  });
});
