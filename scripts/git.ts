// Reading the registry as it was at a Git revision, for `npm run review` and
// `npm run check-owners`. The repository is the one around the current directory, so
// the scripts work from any checkout (CI, a temporary repository in the tests).
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { ChangedFile, ChangeStatus } from '../src/domain/contribution/owners.ts';
import { UsageError } from './cli.ts';

export interface Repo {
  git: SimpleGit;
  /** Absolute path of the working tree's top folder. */
  root: string;
}

export async function openRepo(cwd = process.cwd()): Promise<Repo> {
  const git = simpleGit({ baseDir: cwd });
  if (!(await git.checkIsRepo().catch(() => false))) throw new UsageError(`Pas de dépôt Git ici (${cwd}) : lancez la commande dans le dépôt du registre.`);
  const root = realpathSync((await git.revparse(['--show-toplevel'])).trim());
  return { git: simpleGit({ baseDir: root }), root };
}

/** A folder's path inside the repository, with forward slashes ("" for the top). */
export function repoPath(repo: Repo, dir: string): string {
  const path = relative(repo.root, realpathSync(resolve(dir)));
  if (path.startsWith('..') || resolve(repo.root, path) !== realpathSync(resolve(dir))) {
    throw new UsageError(`Le dossier ${dir} n'est pas dans le dépôt Git ${repo.root}.`);
  }
  return path.split(sep).join('/');
}

export interface Base {
  /** The revision as the user wrote it. */
  ref: string;
  /** Commit it names. */
  commit: string;
  /**
   * Where the current branch left it (git merge-base REF HEAD): what the change adds
   * is measured from there, so commits merged on REF since then are not counted as
   * the change's own. Equal to commit when REF is an ancestor of HEAD.
   */
  mergeBase: string;
}

/** Resolves --base REF, or says in French why it cannot (exit 2). */
export async function resolveBase(repo: Repo, ref: string): Promise<Base> {
  // A revision starting with "-" would be read by git as an option.
  if (ref.startsWith('-') || /[\u0000-\u001f]/.test(ref)) throw new UsageError(`Référence Git invalide : « ${ref} ».`);
  let commit: string;
  try {
    commit = (await repo.git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
  } catch {
    commit = '';
  }
  if (!/^[0-9a-f]{40,64}$/.test(commit)) {
    throw new UsageError(`Référence Git inconnue : « ${ref} ». Donnez une branche, une étiquette ou un commit de ce dépôt (ex. : --base origin/main, --base HEAD~1) ; en CI, récupérez-la d'abord (git fetch).`);
  }
  let mergeBase = commit;
  try {
    mergeBase = (await repo.git.raw(['merge-base', commit, 'HEAD'])).trim() || commit;
  } catch {
    // No common history (or no HEAD yet): compare with REF itself.
  }
  return { ref, commit, mergeBase };
}

/** A short, readable name for a base: "main (1a2b3c4)". */
export function baseLabel(base: Base): string {
  const short = (c: string) => c.slice(0, 7);
  const at = base.ref === base.commit || base.ref === short(base.commit) ? short(base.commit) : `${base.ref} (${short(base.commit)})`;
  return base.mergeBase === base.commit ? at : `${short(base.mergeBase)}, point de départ de la branche depuis ${at}`;
}

/** The text of one file at a commit, or null if it did not exist there. */
export async function readAt(repo: Repo, commit: string, path: string): Promise<string | null> {
  try {
    return await repo.git.raw(['cat-file', 'blob', `${commit}:${path}`]);
  } catch {
    return null;
  }
}

/**
 * Writes the folder `path` as it was at `commit` into a new temporary folder, and
 * returns it (empty if the folder did not exist then). Uses a temporary index: the
 * repository's own index, working tree and worktree list are left alone.
 */
export async function exportFolder(repo: Repo, commit: string, path: string): Promise<{ dir: string; cleanup: () => void }> {
  const work = mkdtempSync(join(tmpdir(), 'cr-base-'));
  const dir = join(work, 'content');
  mkdirSync(dir);
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  try {
    const tree = path ? `${commit}:${path}` : `${commit}^{tree}`;
    const type = await repo.git.raw(['cat-file', '-t', tree]).catch(() => '');
    if (type.trim() === 'tree') {
      // simple-git guards GIT_* variables: allow only the one index file we name.
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? work, GIT_INDEX_FILE: join(work, 'index') };
      const git = simpleGit({ baseDir: repo.root, allowEnvironment: ['GIT_INDEX_FILE'] }).env(env);
      await git.raw(['read-tree', tree]);
      await git.raw(['checkout-index', '--all', `--prefix=${dir}/`]);
    }
    return { dir, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * Files changed between a commit and the working tree (committed or not, untracked
 * included), renames detected: git diff --name-status -M -z.
 */
export async function changedFiles(repo: Repo, commit: string): Promise<ChangedFile[]> {
  const raw = await repo.git.raw(['diff', '--name-status', '-M', '-z', '--no-ext-diff', commit, '--']);
  const parts = raw.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; ) {
    const status = parts[i++].charAt(0) as ChangeStatus | 'U' | 'X';
    if (status === 'R' || status === 'C') {
      const from = parts[i++];
      files.push({ status, from, path: parts[i++] });
    } else if (status) {
      files.push({ status: status === 'U' || status === 'X' ? 'M' : status, path: parts[i++] });
    }
  }
  const untracked = await repo.git.raw(['ls-files', '--others', '--exclude-standard', '-z']);
  for (const path of untracked.split('\0').filter(Boolean)) files.push({ status: 'A', path });
  return files;
}

/**
 * True when some version of a file, in the history of `commit`, contains `word` as a
 * whole word (letters, digits and hyphens around it do not count; case ignored): « was
 * this forge account ever listed in this profile? ». A mention elsewhere in the file
 * counts too, on the safe side: the change then waits for a maintainer.
 */
export async function everContained(repo: Repo, commit: string, path: string, word: string): Promise<boolean> {
  const pattern = new RegExp(`(^|[^A-Za-z0-9-])${word.replace(/[^A-Za-z0-9-]/g, '')}([^A-Za-z0-9-]|$)`, 'im');
  const log = await repo.git.raw(['log', '--format=%H', '--follow', commit, '--', path]).catch(() => '');
  for (const sha of log.split('\n').filter(Boolean)) {
    const text = await readAt(repo, sha, path);
    if (text !== null && pattern.test(text)) return true;
  }
  return false;
}
