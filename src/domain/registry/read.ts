import { saysNothing } from './declarations.ts';
import { isUtf8 } from 'node:buffer';
import { byText } from './order.ts';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type * as z from 'zod/mini';
import { communSchema } from '../../../schemas/commun.ts';
import { confirmationSchema } from '../../../schemas/confirmation.ts';
import { declarationSchema, type Declaration } from '../../../schemas/declaration.ts';
import { missionSchema } from '../../../schemas/mission.ts';
import { prestataireSchema } from '../../../schemas/prestataire.ts';
import { reglesSchema } from '../../../schemas/regles.ts';
import { registreSchema } from '../../../schemas/registre.ts';
import { checkBody } from './markdown.ts';
import { checkNames, type NamedFile } from './names.ts';
import { YamlLocator } from './positions.ts';
import { LIMITS, parseMarkdownFile, parseYamlFile } from './parse.ts';
import { FileProblems, makeProblem, problemsIn, sortProblems, type Position, type Problem } from './problems.ts';
import type { Path, Positions } from './problem-parts.ts';
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
  /**
   * Files a change adds (paths in the content folder, « prestataires/x.md »), when the
   * caller knows them (validate --base): of two look-alike names, the one a change adds
   * is the imitation, never the one that was there first.
   */
  added?: ReadonlySet<string>;
}

type Folder = 'prestataires' | 'missions' | 'communs' | 'declarations' | 'regles' | 'confirmations';

const FLAT_FOLDERS = {
  prestataires: { ext: '.md', schema: prestataireSchema, entity: 'prestataire' },
  missions: { ext: '.md', schema: missionSchema, entity: 'mission' },
  communs: { ext: '.md', schema: communSchema, entity: 'commun' },
  regles: { ext: '.yaml', schema: reglesSchema, entity: 'regles' },
  confirmations: { ext: '.yaml', schema: confirmationSchema, entity: 'confirmation' },
} as const;
type FlatFolder = keyof typeof FLAT_FOLDERS;

/** What holds for the whole registry (schemas/registre.ts), at the root of the content folder. */
const REGISTRY_FILE = 'registre.yaml';
/**
 * Skipped without a word: a `.gitkeep` file, which keeps an empty folder in Git. Only a
 * file: a folder named so would hide whatever it holds from every check.
 */
const isIgnored = (item: Dirent) => item.name === '.gitkeep' && item.isFile();
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RULES_DATE = /^\d{4}-\d{2}-\d{2}$/;

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => byText(a.name, b.name));
  } catch {
    return [];
  }
}


/** What reading collects, handed to each step: one per call of readRegistry, never per file. */
interface Reading {
  readonly registry: Registry;
  readonly problems: Problem[];
  readonly invalid: LoadResult['invalid'];
  /** Files read, or found where no file belongs. */
  files: number;
  /** Names of provider and commons files refused by their schema, still compared with the others. */
  readonly rejectedNames: NamedFile[];
  readonly render: boolean;
}

/**
 * Reads the content folder and validates every file against its schema and every name
 * against the others; the checks across files that need the rules come on top
 * (rules/load.ts). Never throws on bad content: every problem is reported
 * with its file, line and column, and every valid file is kept.
 */
export function readRegistry(contentDir: string, options: ReadOptions = {}): LoadResult {
  const reading = startReading(options);
  for (const top of listDir(contentDir)) {
    if (isIgnored(top)) continue;
    if (top.name === REGISTRY_FILE && !top.isDirectory()) {
      reading.registry.registre = readEntry(reading, join(contentDir, top.name), top.name, registreSchema, 'registre', top.isSymbolicLink());
    } else if (!top.isDirectory() || !(Object.hasOwn(FLAT_FOLDERS, top.name) || top.name === 'declarations')) {
      reading.files += top.isFile() || top.isSymbolicLink() ? 1 : 0;
      misplaced(reading, top.name, `dossier ou fichier inattendu à la racine`);
    } else if (top.name === 'declarations') readDeclarationsFolder(reading, join(contentDir, top.name));
    else readFlatFolder(reading, contentDir, top.name as FlatFolder);
  }

  const { registry, problems, invalid, files, rejectedNames } = reading;
  registry.regles.sort((a, b) => byText(a.data.en_vigueur_depuis, b.data.en_vigueur_depuis));
  registry.declarations.sort((a, b) => byText(a.file, b.file));
  // Look-alike names first: an imitation is refused like an invalid file, so that nothing
  // (a declaration's money, a payment link) goes to it.
  const names = checkNames(registry, rejectedNames, options.added);
  problems.push(...names.problems);
  for (const imitation of names.imitations) {
    if (registry[imitation.folder].delete(imitation.id)) invalid[imitation.folder].add(imitation.id);
  }
  return { registry, problems: sortProblems(problems), files, entities: entitiesIn(registry), invalid };
}

function startReading(options: ReadOptions): Reading {
  return {
    registry: emptyRegistry(),
    problems: [],
    invalid: {
      prestataires: new Set(),
      missions: new Set(),
      communs: new Set(),
      declarations: new Set(),
      regles: new Set(),
      confirmations: new Set(),
    },
    files: 0,
    rejectedNames: [],
    render: options.render ?? false,
  };
}

function entitiesIn(registry: Registry): number {
  return registry.prestataires.size + registry.missions.size + registry.communs.size + registry.declarations.length + registry.regles.length + registry.confirmations.size + (registry.registre ? 1 : 0);
}

function misplaced(reading: Reading, file: string, detail: string): void {
  reading.problems.push(makeProblem(file, { line: 1, column: 1 }, 'fichier_hors_structure', { detail }));
}

/**
 * prestataires/, missions/, communs/, regles/ or confirmations/: one file per entity, named
 * after its id. A commons that receives more than one file holds (about 1 900 receipts in
 * 256 kB) splits them in a folder of its own: confirmations/<commun>/<nom>.yaml, one file a
 * year for instance, each with « commun: <commun> ».
 */
function readFlatFolder(reading: Reading, contentDir: string, folder: FlatFolder, sub = ''): void {
  const { ext, schema, entity } = FLAT_FOLDERS[folder];
  const pattern = folder === 'regles' ? RULES_DATE : SLUG;
  const where = sub ? `${folder}/${sub}` : folder;
  for (const item of listDir(join(contentDir, where))) {
    if (isIgnored(item)) continue;
    const file = `${where}/${item.name}`;
    if (folder === 'confirmations' && !sub && item.isDirectory() && SLUG.test(item.name)) {
      readFlatFolder(reading, contentDir, folder, item.name);
      continue;
    }
    const id = item.name.slice(0, -ext.length);
    if (!item.name.endsWith(ext) || (!item.isFile() && !item.isSymbolicLink()) || !pattern.test(id)) {
      if (item.isFile()) reading.files++;
      const expected =
        folder === 'regles'
          ? 'attendu : regles/AAAA-MM-JJ.yaml'
          : folder === 'confirmations'
            ? 'attendu : confirmations/<commun>.yaml, ou confirmations/<commun>/<nom>.yaml (par exemple un fichier par année), en minuscules et tirets'
            : `attendu : ${folder}/<identifiant>${ext}, en minuscules et tirets`;
      misplaced(reading, file, expected);
      continue;
    }
    const entry = readEntry(reading, join(contentDir, where, item.name), file, schema as z.ZodMiniType<unknown>, entity, item.isSymbolicLink());
    // A file of a commons' folder is known by its path in confirmations/: « commun/2026 ».
    const key = sub ? `${sub}/${id}` : id;
    if (!entry) {
      reading.invalid[folder].add(key);
      continue;
    }
    addEntry(reading, folder, key, entry);
  }
}

/** declarations/<prestataire>/<mission>.yaml: one folder per provider. */
function readDeclarationsFolder(reading: Reading, root: string): void {
  for (const dir of listDir(root)) {
    if (isIgnored(dir)) continue;
    if (!dir.isDirectory() || !SLUG.test(dir.name)) {
      if (dir.isFile() || dir.isSymbolicLink()) reading.files++;
      misplaced(reading, `declarations/${dir.name}`, 'attendu : declarations/<prestataire>/<mission>.yaml');
      continue;
    }
    readProviderDeclarations(reading, root, dir.name);
  }
}

/** The declarations of one provider, declarations/<prestataire>/. */
function readProviderDeclarations(reading: Reading, root: string, prestataire: string): void {
  const base = `declarations/${prestataire}`;
  for (const item of listDir(join(root, prestataire))) {
    if (isIgnored(item)) continue;
    const file = `${base}/${item.name}`;
    const mission = item.name.slice(0, -'.yaml'.length);
    if (!item.name.endsWith('.yaml') || (!item.isFile() && !item.isSymbolicLink()) || !SLUG.test(mission)) {
      if (item.isFile()) reading.files++;
      misplaced(reading, file, 'attendu : declarations/<prestataire>/<mission>.yaml');
      continue;
    }
    const entry = readEntry(reading, join(root, prestataire, item.name), file, declarationSchema, 'declaration', item.isSymbolicLink());
    if (entry && isConsistentDeclaration(reading, entry, prestataire, mission)) reading.registry.declarations.push(entry);
    else reading.invalid.declarations.add(`${prestataire}/${mission}`);
  }
}

/** Whether a valid declaration matches its path and says something; reports each mismatch. */
function isConsistentDeclaration(reading: Reading, entry: Entry<Declaration>, prestataire: string, mission: string): boolean {
  const here = problemsIn(entry, reading.problems);
  let consistent = true;
  if (entry.data.prestataire !== prestataire) {
    here.at(['prestataire'], 'id_nom_fichier', { champ: 'prestataire', recu: entry.data.prestataire, attendu: prestataire });
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
  return consistent;
}

/** Reads, parses and validates one file; returns the entry if it is valid. */
function readEntry<T>(reading: Reading, absolute: string, file: string, schema: z.ZodMiniType<T>, entity: string, isSymbolicLink: boolean): Entry<T> | null {
  const text = readFileText(reading, absolute, file, isSymbolicLink);
  return text === null ? null : parseEntry(reading, text, file, schema, entity);
}

/** Reads one file as text, or reports why it cannot be read. */
function readFileText(reading: Reading, absolute: string, file: string, isSymbolicLink: boolean): string | null {
  reading.files++;
  const at: Position = { line: 1, column: 1 };
  // readdir's entry type tells a symbolic link without another system call.
  if (isSymbolicLink) {
    reading.problems.push(makeProblem(file, at, 'lien_symbolique'));
    return null;
  }
  let fd: number;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    reading.problems.push(makeProblem(file, at, code === 'ELOOP' ? 'lien_symbolique' : 'fichier_illisible', { detail: code ?? 'erreur' }));
    return null;
  }
  try {
    const { size } = fstatSync(fd);
    if (size > LIMITS.fileBytes) {
      reading.problems.push(makeProblem(file, at, 'fichier_trop_gros', { taille: size, limite: LIMITS.fileBytes, dossier: file.split('/')[0] }));
      return null;
    }
    const bytes = readBytes(fd, size);
    if (!isUtf8(bytes)) {
      reading.problems.push(makeProblem(file, at, 'encodage_invalide'));
      return null;
    }
    return bytes.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Up to `size` bytes of an open file (fewer if it shrank while being read). */
function readBytes(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, buffer, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/** Parses and validates the text of one file; returns the entry if it is valid. */
function parseEntry<T>(reading: Reading, text: string, file: string, schema: z.ZodMiniType<T>, entity: string): Entry<T> | null {
  const { problems } = reading;
  const parsed = file.endsWith('.md') ? parseMarkdownFile(text) : parseYamlFile(text);
  if (!parsed.ok) {
    problems.push(makeProblem(file, parsed.at, parsed.code, parsed.params));
    return null;
  }
  // The body is untrusted too: one the build would choke on makes the file invalid.
  const bodyProblem = parsed.body ? checkBody(parsed.body, reading.render) : null;
  if (bodyProblem) {
    const at = { line: parsed.bodyLine + bodyProblem.at.line - 1, column: bodyProblem.at.column };
    problems.push(makeProblem(file, at, bodyProblem.code, bodyProblem.params));
  }
  // Parsed again for positions only when a problem is placed in this file (YamlLocator is lazy).
  const positions = new YamlLocator(parsed.yamlText);
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const here = new FileProblems({ file, positions }, problems);
    const issues = issuesFromZod(schema, entity, parsed.data, result.error.issues);
    for (const issue of issues) {
      here.at(issue.path, issue.code, issue.params);
    }
    if (entity === 'confirmation' && !bodyProblem) {
      const kept = validLinesOf(schema, parsed.data, issues.map((i) => i.path), positions);
      if (kept) return { data: kept.data, file, body: parsed.body, yamlText: parsed.yamlText, positions: kept.positions };
    }
    const nom = (parsed.data as { nom?: unknown }).nom;
    if ((entity === 'prestataire' || entity === 'commun') && typeof nom === 'string') {
      reading.rejectedNames.push({ folder: entity === 'prestataire' ? 'prestataires' : 'communs', file, positions, id: file.slice(file.lastIndexOf('/') + 1, -'.md'.length), nom });
    }
    return null;
  }
  if (bodyProblem) return null;
  return { data: result.data, file, body: parsed.body, yamlText: parsed.yamlText, positions };
}

/** The lists of a commons' confirmations file, whose lines stand apart from each other. */
const RECEIPT_LISTS = ['confirmations', 'nature'];

/**
 * A commons' confirmations file with only its valid lines, when every schema problem
 * sits in a line of its lists (« heures: 0 », a misspelt key): one bad line must not
 * discard the receipts beside it, nor turn every payment they confirm into a payment
 * awaited (the valid files beside an invalid one are loaded; the same holds for lines).
 * The bad lines stay reported as errors by the caller. The positions still point at the
 * file's own lines: index i of a kept list is the line it was in the file. Null when a
 * problem is outside the lines (the commons, a list that is not a list) or nothing valid is left.
 */
function validLinesOf<T>(schema: z.ZodMiniType<T>, data: unknown, paths: Path[], positions: Positions): { data: T; positions: Positions } | null {
  const bad = new Map<string, Set<number>>(RECEIPT_LISTS.map((list) => [list, new Set()]));
  for (const path of paths) {
    const [list, index] = path;
    if (typeof list !== 'string' || !bad.has(list) || typeof index !== 'number') return null;
    bad.get(list)!.add(index);
  }
  const record = data as Record<string, unknown>;
  const kept: Record<string, number[]> = {};
  const trimmed: Record<string, unknown> = { ...record };
  for (const list of RECEIPT_LISTS) {
    const lines = record[list];
    if (!Array.isArray(lines)) continue;
    kept[list] = lines.flatMap((_, i) => (bad.get(list)!.has(i) ? [] : [i]));
    trimmed[list] = kept[list].map((i) => lines[i]);
  }
  const result = schema.safeParse(trimmed);
  if (!result.success) return null;
  return {
    data: result.data,
    positions: {
      locate: (path) => {
        const [list, index, ...rest] = path;
        const original = typeof list === 'string' && typeof index === 'number' ? kept[list]?.[index] : undefined;
        return positions.locate(original === undefined ? path : [list, original, ...rest]);
      },
    },
  };
}

/** Keeps a valid entry of a flat folder if its id (or date, or commons) is its file's name. */
function addEntry(reading: Reading, folder: FlatFolder, id: string, entry: Entry<unknown>): void {
  const { registry, invalid } = reading;
  const here = problemsIn(entry, reading.problems);
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
    // confirmations/<commun>.yaml or confirmations/<commun>/<nom>.yaml: the commons is the first name.
    const commun = id.split('/')[0];
    if (confirmations.data.commun !== commun) {
      here.at(['commun'], 'id_nom_fichier', { champ: 'commun', recu: confirmations.data.commun, attendu: commun });
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
