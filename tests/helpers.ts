import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { maintainersFrom, MAINTAINERS_FILE } from '../src/domain/contribution/owners.ts';
import { associationIn, type Association } from '../src/domain/contribution/start.ts';

export const ROOT = join(import.meta.dirname, '..');
/** Folder of the fictional sample, relative to ROOT: content/ as shipped, exemple/ once `npm run demarrer` has moved it there to start the network's own registry. */
export const SAMPLE_DIR = existsSync(join(ROOT, 'exemple', 'registre.yaml')) ? 'exemple' : 'content';
/** Absolute path of the fictional sample. */
export const SAMPLE = join(ROOT, SAMPLE_DIR);

/**
 * The sample's fictional association details and maintainers: those of site.config.mjs and
 * .github/mainteneurs.yaml as shipped; once `npm run demarrer` has replaced them with the
 * network's, the copy it keeps in tests/fixtures/exemple-configuration.json.
 */
export const SAMPLE_CONFIG: { association: Association; mainteneurs: string[] } =
  SAMPLE_DIR === 'content'
    ? {
        association: associationIn(readFileSync(join(ROOT, 'site.config.mjs'), 'utf8'))!,
        mainteneurs: (maintainersFrom(readFileSync(join(ROOT, MAINTAINERS_FILE), 'utf8')) as { mainteneurs: string[] }).mainteneurs,
      }
    : JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'exemple-configuration.json'), 'utf8'));

/** The maintainers the repository names now (.github/mainteneurs.yaml): what its commands read. */
export const MAINTAINERS: string[] = (maintainersFrom(readFileSync(join(ROOT, MAINTAINERS_FILE), 'utf8')) as { mainteneurs: string[] }).mainteneurs;
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
/**
 * Where the sample's site lives, for the whole test run (vitest.config.ts, global-setup.ts):
 * the sample keeps its fictional repository and address once the network's own registry,
 * with its own depot and adresse_site (site.config.mjs), is started.
 */
export const SAMPLE_ENV = {
  GITHUB_REPOSITORY: 'compagnie-tiers-lieux/communs-reciprocite',
  SITE_URL: 'https://compagnie-tiers-lieux.github.io/communs-reciprocite/',
};
/** Reference date of the sample content's hand computations (the day it was written). */
export const SAMPLE_DATE = '2026-11-29';
/** Reference date of the fixture trees: the base mission ended on 2025-06-30. */
export const FIXTURE_DATE = '2025-07-15';

export function tempDir(prefix = 'cr-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A temporary folder for a built site, inside the repository: Astro puts its
 * intermediate files in the output folder when it lies under the project root,
 * but in the shared <root>/.astro/ otherwise, where two builds would collide.
 */
export function siteTempDir(prefix = 'site-'): string {
  const parent = join(ROOT, 'node_modules', '.cache', 'communs-reciprocite');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, prefix));
}

/** A writable copy of the valid base tree (tests/fixtures/base). */
export function baseTree(): string {
  const dir = tempDir('cr-base-');
  cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
  return dir;
}

/**
 * A content tree for one case: the valid base tree with the case's files laid over
 * it (tests/fixtures/invalid/<case>/ holds only the files the case changes; an
 * empty file named <name>.supprime removes <name> from the base).
 */
export function caseTree(name: string, group = 'invalid'): string {
  const dir = tempDir(`cr-${name}-`);
  cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
  const overlay = join(FIXTURES, group, name);
  if (!existsSync(overlay)) throw new Error(`fixture inconnue : ${overlay}`);
  for (const file of walk(overlay)) {
    const rel = relative(overlay, file);
    if (rel.endsWith('.supprime')) rmSync(join(dir, rel.slice(0, -'.supprime'.length)));
    else cpSync(file, join(dir, rel));
  }
  return dir;
}

export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an npm script as a person would, from the repository root. */
export function npmRun(script: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const result = spawnSync('npm', ['run', '-s', script, '--', ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...options.env },
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * npmRun without blocking the test's own event loop: for a command that talks to a
 * server the test runs (tests/forge/fake-forge.ts), which spawnSync would freeze.
 */
export function npmRunAsync(script: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', script, '--', ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** The trees made by baseWith, until removeEditedTrees (each test file's afterAll) removes them. */
const editedTrees: string[] = [];

/**
 * A writable copy of the valid base tree (tests/fixtures/base) with some files edited,
 * each edit a text replaced once (it must be found: a fixture that changed fails loudly),
 * and some files written whole. Remove the trees with `afterAll(removeEditedTrees)`.
 */
export function baseWith(edits: Record<string, Array<[string, string]>>, files: Record<string, string> = {}): string {
  const dir = baseTree();
  editedTrees.push(dir);
  for (const [file, replacements] of Object.entries(edits)) {
    let text = readFileSync(join(dir, file), 'utf8');
    for (const [from, to] of replacements) {
      if (!text.includes(from)) throw new Error(`${file} ne contient pas ${from}`);
      text = text.replace(from, to);
    }
    writeFileSync(join(dir, file), text);
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** Removes the trees baseWith made (for a test file's afterAll). */
export function removeEditedTrees(): void {
  for (const dir of editedTrees.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The visible text of a page of a built site: scripts and styles dropped, tags dropped, the two common entities read, spaces folded. */
export function builtText(siteDir: string, path: string): string {
  return readFileSync(join(siteDir, path), 'utf8')
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/**
 * This repository as shipped, in a new Git repository: its files as they stand (committed
 * or not, ignored ones left out), the fictional sample in content/ (where it is as shipped;
 * in exemple/ once this repository's own registry is started, whose content/ is left out),
 * with a first commit. The caller removes it.
 */
export function repositoryCopy(prefix: string): string {
  const dir = tempDir(prefix);
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file)) || file === 'node_modules') continue;
    if (SAMPLE_DIR !== 'content' && file.startsWith('content/')) continue;
    const target = SAMPLE_DIR !== 'content' && file.startsWith(`${SAMPLE_DIR}/`) ? `content/${file.slice(SAMPLE_DIR.length + 1)}` : file;
    mkdirSync(dirname(join(dir, target)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, target));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Mainteneuse');
  git(dir, 'config', 'user.email', 'm@exemple.test');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Le dépôt tel que livré');
  return dir;
}
