// Real temporary Git repositories for the maintainers' scripts (review,
// check-owners): the base fixture committed on main, then the changes a test makes.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { FIXTURES, git, ROOT, tempDir, type RunResult } from './helpers.ts';

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Folders made by this test file, removed after it. */
export function temporaryRepositories(prefix: string) {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  /** A repository on branch main with tests/fixtures/base in content/; `setup` adds files before the first commit. */
  return (setup: (dir: string) => void = () => {}): string => {
    const dir = tempDir(prefix);
    made.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', 't');
    git(dir, 'config', 'user.email', 't@t');
    git(dir, 'config', 'commit.gpgsign', 'false');
    cpSync(join(FIXTURES, 'base'), join(dir, 'content'), { recursive: true });
    setup(dir);
    commitAll(dir, 'base');
    return dir;
  };
}

/** Runs one of our scripts from another directory, as `npm run <script>` would run it there. */
export function runScript(script: string, args: string[], cwd: string): RunResult {
  const result = spawnSync(TSX, [join(ROOT, 'scripts', `${script}.ts`), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function write(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

export function edit(dir: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} ne contient pas ${from}`);
  writeFileSync(join(dir, file), text.replace(from, to));
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}
