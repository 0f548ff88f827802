// When each content file was created and last changed, from Git (simple-git), read
// once per build. The build still works in a shallow clone or outside Git and says so.
import { resolve } from 'node:path';
import { simpleGit } from 'simple-git';

export interface FileHistory {
  created: string;
  updated: string;
  commits: Array<{ hash: string; date: string; subject: string }>;
}

export interface History {
  /** Why the history is missing or partial, in French; null when complete. */
  note: string | null;
  files: Map<string, FileHistory>;
}

const cached = new Map<string, Promise<History>>();

/** History of every file under contentDir, keyed by path relative to contentDir. */
export function contentHistory(contentDir: string): Promise<History> {
  const dir = resolve(contentDir);
  if (!cached.has(dir)) cached.set(dir, readHistory(dir));
  return cached.get(dir)!;
}

async function readHistory(contentDir: string): Promise<History> {
  const files = new Map<string, FileHistory>();
  try {
    const git = simpleGit({ baseDir: contentDir });
    if (!(await git.checkIsRepo())) return { note: "Historique indisponible : le site a été construit hors d'un dépôt Git.", files };
    const top = (await git.revparse(['--show-toplevel'])).trim();
    const prefix = (await git.revparse(['--show-prefix'])).trim();
    const shallow = (await git.revparse(['--is-shallow-repository'])).trim() === 'true';
    // One log over the whole folder: %x1f separates fields, %x1e starts each commit.
    const raw = await simpleGit({ baseDir: top }).raw(['log', '--format=%x1e%H%x1f%ad%x1f%s', '--date=short', '--name-only', '--', prefix || '.']);
    for (const block of raw.split('\x1e').slice(1)) {
      const [header, ...names] = block.split('\n');
      const [hash, date, subject] = header.split('\x1f');
      for (const name of names.map((n) => n.trim()).filter(Boolean)) {
        if (!name.startsWith(prefix)) continue;
        const rel = name.slice(prefix.length);
        const entry = files.get(rel) ?? { created: date, updated: date, commits: [] };
        // git log lists newest first: the last seen is the oldest.
        entry.created = date;
        entry.commits.push({ hash, date, subject });
        files.set(rel, entry);
      }
    }
    return { note: shallow ? 'Historique partiel : le dépôt a été cloné sans tout son historique (clone superficiel).' : null, files };
  } catch (error) {
    return { note: `Historique indisponible : ${(error as Error).message.split('\n')[0]}.`, files };
  }
}

/** The commit the registry was built from: the repository's HEAD, its hash and day; null outside Git. */
export interface RegistryCommit {
  commit: string;
  date: string;
}

const commits = new Map<string, Promise<RegistryCommit | null>>();

export function registryCommit(contentDir: string): Promise<RegistryCommit | null> {
  const dir = resolve(contentDir);
  if (!commits.has(dir)) {
    commits.set(
      dir,
      (async () => {
        try {
          const git = simpleGit({ baseDir: dir });
          if (!(await git.checkIsRepo())) return null;
          const [commit, date] = (await git.raw(['log', '-1', '--format=%H%x1f%cs'])).trim().split('\x1f');
          return commit ? { commit, date } : null;
        } catch {
          return null;
        }
      })(),
    );
  }
  return commits.get(dir)!;
}
