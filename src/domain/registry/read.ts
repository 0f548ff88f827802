import { saysNothing } from './declarations.ts';
import { isUtf8 } from 'node:buffer';
import { byText } from './order.ts';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { communSchema } from '../../../schemas/commun.ts';
import { confirmationSchema } from '../../../schemas/confirmation.ts';
import { declarationSchema } from '../../../schemas/declaration.ts';
import { missionSchema } from '../../../schemas/mission.ts';
import { prestataireSchema } from '../../../schemas/prestataire.ts';
import { reglesSchema } from '../../../schemas/regles.ts';
import { checkBody } from './markdown.ts';
import { checkNames, type NamedFile } from './names.ts';
import { LIMITS, parseMarkdownFile, parseYamlFile } from './parse.ts';
import { FileProblems, makeProblem, problemsIn, sortProblems, type Position, type Problem } from './problems.ts';
import { emptyRegistry, type Entry, type Registry } from './registry.ts';
import { issuesFromZod } from './schema-issues.ts';

export interface LoadResult {
  registry: Registry;
  /** Errors and warnings, sorted by file and line. */
  problems: Problem[];
  /** Files read. */
  files: number;
  /** Valid entities loaded. */
  entities: number;
  /** Ids whose file exists but is invalid, by folder: references to them are not reported twice. */
  invalid: Record<Folder, Set<string>>;
}

export interface ReadOptions {
  /**
   * Render every Markdown body with the site's pipeline (`validate --render`), not only
   * those the linear scan cannot judge on its own.
   */
  render?: boolean;
}

type Folder = 'prestataires' | 'missions' | 'communs' | 'declarations' | 'regles' | 'confirmations';

const FLAT_FOLDERS = {
  prestataires: { ext: '.md', schema: prestataireSchema, entity: 'prestataire' },
  missions: { ext: '.md', schema: missionSchema, entity: 'mission' },
  communs: { ext: '.md', schema: communSchema, entity: 'commun' },
  regles: { ext: '.yaml', schema: reglesSchema, entity: 'regles' },
  confirmations: { ext: '.yaml', schema: confirmationSchema, entity: 'confirmation' },
} as const;

const IGNORED = new Set(['.gitkeep']);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => byText(a.name, b.name));
  } catch {
    return [];
  }
}

/**
 * Reads the content folder and validates every file against its schema and every name
 * against the others; the checks across files that need the rules come on top
 * (rules/load.ts). Never throws on bad content: every problem is reported
 * with its file, line and column, and every valid file is kept.
 */
export function readRegistry(contentDir: string, options: ReadOptions = {}): LoadResult {
  const registry = emptyRegistry();
  const problems: Problem[] = [];
  const invalid: LoadResult['invalid'] = {
    prestataires: new Set(),
    missions: new Set(),
    communs: new Set(),
    declarations: new Set(),
    regles: new Set(),
    confirmations: new Set(),
  };
  let files = 0;
  /** Names of provider and commons files refused by their schema, still compared with the others. */
  const rejectedNames: NamedFile[] = [];
  const misplaced = (file: string, detail: string) =>
    problems.push(makeProblem(file, { line: 1, column: 1 }, 'fichier_hors_structure', { detail }));

  /** Reads one file as text, or reports why it cannot be read. */
  const readText = (absolute: string, file: string, isSymbolicLink: boolean): string | null => {
    files++;
    const at: Position = { line: 1, column: 1 };
    // readdir's entry type tells a symbolic link without another system call.
    if (isSymbolicLink) {
      problems.push(makeProblem(file, at, 'lien_symbolique'));
      return null;
    }
    let fd: number;
    try {
      fd = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(makeProblem(file, at, code === 'ELOOP' ? 'lien_symbolique' : 'fichier_illisible', { detail: code ?? 'erreur' }));
      return null;
    }
    try {
      const { size } = fstatSync(fd);
      if (size > LIMITS.fileBytes) {
        problems.push(makeProblem(file, at, 'fichier_trop_gros', { taille: size, limite: LIMITS.fileBytes }));
        return null;
      }
      const buffer = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, buffer, read, size - read, read);
        if (n === 0) break;
        read += n;
      }
      const bytes = buffer.subarray(0, read);
      if (!isUtf8(bytes)) {
        problems.push(makeProblem(file, at, 'encodage_invalide'));
        return null;
      }
      return bytes.toString('utf8');
    } finally {
      closeSync(fd);
    }
  };

  /** Parses and validates one file; returns the entry if it is valid. */
  const readEntry = <T>(absolute: string, file: string, schema: z.ZodType<T>, entity: string, isSymbolicLink: boolean): Entry<T> | null => {
    const text = readText(absolute, file, isSymbolicLink);
    if (text === null) return null;
    const parsed = file.endsWith('.md') ? parseMarkdownFile(text) : parseYamlFile(text);
    if (!parsed.ok) {
      problems.push(makeProblem(file, parsed.at, parsed.code, parsed.params));
      return null;
    }
    // The body is untrusted too: one the build would choke on makes the file invalid.
    const bodyProblem = parsed.body ? checkBody(parsed.body, options.render) : null;
    if (bodyProblem) {
      const at = { line: parsed.bodyLine + bodyProblem.at.line - 1, column: bodyProblem.at.column };
      problems.push(makeProblem(file, at, bodyProblem.code, bodyProblem.params));
    }
    const result = schema.safeParse(parsed.data);
    if (!result.success) {
      const here = new FileProblems(file, parsed.yamlText, problems);
      for (const issue of issuesFromZod(schema, entity, parsed.data, result.error.issues)) {
        here.at(issue.path, issue.code, issue.params);
      }
      const nom = (parsed.data as { nom?: unknown }).nom;
      if ((entity === 'prestataire' || entity === 'commun') && typeof nom === 'string') {
        rejectedNames.push({ folder: entity === 'prestataire' ? 'prestataires' : 'communs', file, yamlText: parsed.yamlText, id: file.slice(file.lastIndexOf('/') + 1, -'.md'.length), nom });
      }
      return null;
    }
    if (bodyProblem) return null;
    return { data: result.data, file, body: parsed.body, yamlText: parsed.yamlText };
  };

  for (const top of listDir(contentDir)) {
    if (IGNORED.has(top.name)) continue;
    if (!top.isDirectory() || !(Object.hasOwn(FLAT_FOLDERS, top.name) || top.name === 'declarations')) {
      files += top.isFile() || top.isSymbolicLink() ? 1 : 0;
      misplaced(top.name, `dossier ou fichier inattendu à la racine`);
      continue;
    }
    const folder = top.name as Folder;
    if (folder === 'declarations') {
      readDeclarations(join(contentDir, folder));
      continue;
    }
    const { ext, schema, entity } = FLAT_FOLDERS[folder as keyof typeof FLAT_FOLDERS];
    for (const item of listDir(join(contentDir, folder))) {
      if (IGNORED.has(item.name)) continue;
      const file = `${folder}/${item.name}`;
      const id = item.name.slice(0, -ext.length);
      if (!item.name.endsWith(ext) || (!item.isFile() && !item.isSymbolicLink()) || !(folder === 'regles' ? /^\d{4}-\d{2}-\d{2}$/ : SLUG).test(id)) {
        if (item.isFile()) files++;
        misplaced(file, folder === 'regles' ? 'attendu : regles/AAAA-MM-JJ.yaml' : `attendu : ${folder}/<identifiant>${ext}, en minuscules et tirets`);
        continue;
      }
      const entry = readEntry(join(contentDir, folder, item.name), file, schema as z.ZodType<unknown>, entity, item.isSymbolicLink());
      if (!entry) {
        invalid[folder].add(id);
        continue;
      }
      addEntry(folder, id, entry);
    }
  }

  function readDeclarations(root: string): void {
    for (const dir of listDir(root)) {
      if (IGNORED.has(dir.name)) continue;
      const base = `declarations/${dir.name}`;
      if (!dir.isDirectory() || !SLUG.test(dir.name)) {
        if (dir.isFile() || dir.isSymbolicLink()) files++;
        misplaced(base, 'attendu : declarations/<prestataire>/<mission>.yaml');
        continue;
      }
      for (const item of listDir(join(root, dir.name))) {
        if (IGNORED.has(item.name)) continue;
        const file = `${base}/${item.name}`;
        const mission = item.name.slice(0, -'.yaml'.length);
        if (!item.name.endsWith('.yaml') || (!item.isFile() && !item.isSymbolicLink()) || !SLUG.test(mission)) {
          if (item.isFile()) files++;
          misplaced(file, 'attendu : declarations/<prestataire>/<mission>.yaml');
          continue;
        }
        const entry = readEntry(join(root, dir.name, item.name), file, declarationSchema, 'declaration', item.isSymbolicLink());
        if (!entry) {
          invalid.declarations.add(`${dir.name}/${mission}`);
          continue;
        }
        const here = problemsIn(entry, problems);
        let consistent = true;
        if (entry.data.prestataire !== dir.name) {
          here.at(['prestataire'], 'id_nom_fichier', { champ: 'prestataire', recu: entry.data.prestataire, attendu: dir.name });
          consistent = false;
        }
        if (entry.data.mission !== mission) {
          here.at(['mission'], 'id_nom_fichier', { champ: 'mission', recu: entry.data.mission, attendu: mission });
          consistent = false;
        }
        // A declaration must say something: the commons used, what was given, or in words why nothing.
        if (saysNothing(entry.data)) {
          here.at(['communs_utilises'], 'declaration_vide');
          consistent = false;
        }
        if (consistent) registry.declarations.push(entry);
        else invalid.declarations.add(`${dir.name}/${mission}`);
      }
    }
  }

  function addEntry(folder: Exclude<Folder, 'declarations'>, id: string, entry: Entry<unknown>): void {
    const here = problemsIn(entry, problems);
    if (folder === 'regles') {
      const regles = entry as Entry<Registry['regles'][number]['data']>;
      if (regles.data.en_vigueur_depuis !== id) {
        here.at(['en_vigueur_depuis'], 'regles_nom_fichier', { recu: regles.data.en_vigueur_depuis, attendu: id });
        invalid.regles.add(id);
        return;
      }
      registry.regles.push(regles);
      return;
    }
    if (folder === 'confirmations') {
      const confirmations = entry as Entry<Registry['confirmations'] extends Map<string, infer E> ? (E extends Entry<infer T> ? T : never) : never>;
      if (confirmations.data.commun !== id) {
        here.at(['commun'], 'id_nom_fichier', { champ: 'commun', recu: confirmations.data.commun, attendu: id });
        invalid.confirmations.add(id);
        return;
      }
      registry.confirmations.set(id, confirmations);
      return;
    }
    const data = entry.data as { id: string };
    if (data.id !== id) {
      here.at(['id'], 'id_nom_fichier', { champ: 'id', recu: data.id, attendu: id });
      invalid[folder].add(id);
      return;
    }
    const map = registry[folder] as Map<string, Entry<unknown>>;
    // Unique by construction (id = lowercase file name); kept as a guard for callers
    // that assemble a registry from several folders.
    if (map.has(id)) {
      here.at(['id'], 'id_duplique', { id, autre: map.get(id)!.file });
      return;
    }
    map.set(id, entry);
  }

  registry.regles.sort((a, b) => byText(a.data.en_vigueur_depuis, b.data.en_vigueur_depuis));
  registry.declarations.sort((a, b) => byText(a.file, b.file));
  // Look-alike names first: an imitation is refused like an invalid file, so that nothing
  // (a declaration's money, a payment link) goes to it.
  const names = checkNames(registry, rejectedNames);
  problems.push(...names.problems);
  for (const imitation of names.imitations) {
    if (registry[imitation.folder].delete(imitation.id)) invalid[imitation.folder].add(imitation.id);
  }
  const entities =
    registry.prestataires.size + registry.missions.size + registry.communs.size + registry.declarations.length + registry.regles.length + registry.confirmations.size;
  return { registry, problems: sortProblems(problems), files, entities, invalid };
}
