// The site pipeline shared by npm run build and npm run bench: build with Astro,
// index with Pagefind. The registry is loaded once and handed to the pages with its
// figures. A build into a folder that holds a previous build of the same code and
// reference date is incremental: only the entity pages whose inputs changed are
// rendered again (see src/site/fingerprints.ts); lists, exports and feeds always are.
// Each provider's journal feed (prestataires/<id>/journal.xml) is written here, beside
// its page and with it: through Astro, each small file cost as much as its page.
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { build } from 'astro';
import { UsageError } from './cli.ts';
import * as pagefind from 'pagefind';
import { REPOSITORY_URL, SITE_URL } from '../site.config.mjs';
import type { LinkReport } from '../src/domain/contribution/links.ts';
import { loadRegistry, type LoadResult } from '../src/domain/rules/load.ts';
import { createSiteData, provideSiteData, type PageSelection, type SiteData } from '../src/site/data.ts';
import { deadlineCalendar, deadlineFeed, deadlinePaths } from '../src/site/deadline-feeds.ts';
import { documentIndex, documentIndexPath, documentPath, ENTITY_KINDS, entityDocument, type EntityKind } from '../src/site/entity-documents.ts';
import { jsonChunks, jsonText, registryDocument } from '../src/site/exports.ts';
import { fundingManifest, fundingPath } from '../src/site/funding.ts';
import { pageFingerprints } from '../src/site/fingerprints.ts';
import { journalFeed, journalFeedPath, xml as escapeHtml } from '../src/site/journal.ts';
import { absoluteUrl } from '../src/site/url.ts';
import { attestationYears, yearEndFigures, yearlyStatement, type YearEndFigures } from '../src/domain/rules/attestation.ts';
import { ATTESTATION_CSS, ATTESTATION_SCHEMA_PATH, ATTESTATION_STYLESHEET, attestationDocument, attestationFiles, attestationPaths } from '../src/site/attestations.ts';
import { LIST_PAGE_SIZE } from '../src/site/format.ts';
import { contentHistory, registryCommit, type RegistryCommit } from '../src/site/history.ts';
import { listBases } from '../src/site/lists.ts';
import { searchRecords } from '../src/site/search-records.ts';

// The project's own commands never report usage (Astro reads this when it builds).
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

export interface SiteOptions {
  contentDir: string;
  date: string;
  outDir: string;
  /** The report of npm run liens: its dead links are shown as warnings. */
  liens?: LinkReport | null;
}

export interface BuildReport {
  /** The registry and figures the pages were built from, for the search index. */
  data: SiteData;
  mode: 'complète' | 'incrémentale';
  /** Entity pages rendered (all of them in a full build). */
  rendered: number;
  /** Entity pages in the site. */
  total: number;
  removed: number;
}

const MANIFEST = '.construction.json';
/** What the site's code is made of: a change to any of these rebuilds everything. */
const CODE = ['src', 'schemas', 'public', 'astro.config.mjs', 'site.config.mjs', 'package-lock.json'];

interface Manifest {
  code: string;
  date: string;
  historyNote: string | null;
  pages: Record<string, string>;
}

/** Loads and validates the registry; the caller decides what to do with errors. */
export function loadForSite({ contentDir, date }: SiteOptions): LoadResult {
  return loadRegistry(contentDir, { date });
}

function codeFingerprint(): string {
  const digest = createHash('sha1');
  const add = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
    } else {
      digest.update(path).update(readFileSync(path));
    }
  };
  for (const path of CODE) add(path);
  // The addresses may come from the environment (the forge, SITE_URL): every link depends on them.
  digest.update(SITE_URL).update(REPOSITORY_URL);
  return digest.digest('base64url');
}

function readManifest(outDir: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** A folder for Astro's output inside the project: Astro keeps its intermediate files there. */
function stagingDir(): string {
  const parent = resolve('node_modules/.cache/communs-reciprocite');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'etape-'));
}

/**
 * Astro's build into the output folder. Astro writes its server chunks there and imports
 * them, which only resolves the project's packages (es-module-lexer…) from inside the
 * project: a folder outside it (--out /tmp/site) is built in a staging folder of the
 * project, then copied. Inside the project or not, a folder that is neither empty nor a
 * site built here is refused, untouched.
 */
async function astroBuild(outDir: string): Promise<void> {
  // Replaced whole, as Astro empties its output folder: only the default dist/, or a folder
  // that is empty or holds a site built here (« --out content » would erase the registry).
  if (outDir !== resolve('dist') && existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, MANIFEST))) {
    throw new UsageError(`Le dossier ${outDir} n’est pas vide et ne contient pas un site construit par npm run build : choisissez un dossier vide ou nouveau pour --out.`);
  }
  const rel = relative(process.cwd(), outDir);
  if (!rel.startsWith('..') && !isAbsolute(rel)) {
    await build({ root: process.cwd(), outDir, logLevel: 'warn' });
    return;
  }
  const staging = stagingDir();
  try {
    await build({ root: process.cwd(), outDir: staging, logLevel: 'warn' });
    rmSync(outDir, { recursive: true, force: true });
    cpSync(staging, outDir, { recursive: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Builds the static site from an already loaded, valid registry. */
export async function buildPages(options: SiteOptions, loaded: LoadResult, onData?: (data: SiteData) => void): Promise<BuildReport> {
  const outDir = resolve(options.outDir);
  const contentDir = resolve(options.contentDir);
  process.env.CR_CONTENT_DIR = contentDir;
  process.env.CR_DATE = options.date;
  const data = createSiteData(contentDir, options.date, loaded.registry, options.liens ?? null);
  // npm run build starts the search index here: Pagefind works in its own process, on the
  // other core, while Astro renders the pages on this one.
  onData?.(data);
  const history = await contentHistory(contentDir);
  // The yearly attestations name the commit they were produced from.
  const commit = await registryCommit(contentDir);
  // The link report changes the warnings on any page: a new one rebuilds everything.
  const manifest: Manifest = { code: `${codeFingerprint()}:${JSON.stringify(options.liens ?? null)}`, date: options.date, historyNote: history.note, pages: pageFingerprints(data, history) };
  const previous = readManifest(outDir);
  const total = Object.keys(manifest.pages).length;

  const comparable = previous && previous.code === manifest.code && previous.date === manifest.date && previous.historyNote === manifest.historyNote;
  if (!comparable) {
    provideSiteData(data, null);
    await astroBuild(outDir);
    writeJournalFeeds(outDir, data, data.registry.prestataires.keys());
    writeEntityFiles(outDir, data, { prestataires: data.registry.prestataires.keys(), missions: data.registry.missions.keys(), communs: data.registry.communs.keys() }, commit);
    writeRegistryExport(outDir, data);
    writeFormerAddresses(outDir, data);
    writeLinkReport(outDir, options.liens ?? null);
    writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest));
    return { data, mode: 'complète', rendered: total, total, removed: 0 };
  }

  const changed = Object.keys(manifest.pages).filter((path) => previous.pages[path] !== manifest.pages[path]);
  const removed = Object.keys(previous.pages).filter((path) => !(path in manifest.pages));
  const only: NonNullable<PageSelection> = { prestataires: new Set(), missions: new Set(), communs: new Set(), badges: new Set(), formulaires: new Set() };
  for (const path of changed) {
    const [kind, id] = routeOf(path);
    only[kind].add(id);
  }
  provideSiteData(data, only);
  const staging = stagingDir();
  try {
    await build({ root: process.cwd(), outDir: staging, logLevel: 'warn' });
    cpSync(staging, outDir, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  // A provider's feed changes with its page (its fingerprint covers the journal's inputs).
  writeJournalFeeds(outDir, data, only.prestataires);
  writeEntityFiles(outDir, data, only, commit);
  for (const path of removed) {
    rmSync(join(outDir, path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path), { recursive: true, force: true });
    const [kind, id] = routeOf(path);
    if ((ENTITY_KINDS as readonly string[]).includes(kind)) rmSync(join(outDir, documentPath(kind as EntityKind, id).slice(1)), { force: true });
  }
  for (const list of listBases(data)) removeStaleListPages(outDir, list.rows, list.base);
  writeRegistryExport(outDir, data);
  writeFormerAddresses(outDir, data);
  writeLinkReport(outDir, options.liens ?? null);
  writeFileSync(join(outDir, MANIFEST), JSON.stringify(manifest));
  return { data, mode: 'incrémentale', rendered: changed.length, total, removed: removed.length };
}

/**
 * /donnees/registre.json: the whole registry as written, with the figures document. It is
 * written here in pieces rather than by an Astro endpoint: at 10,000 providers it is 137 MB,
 * and the endpoint's string, its bytes and their copies took 400 MB at once (BENCHMARKS.md).
 */
function writeRegistryExport(outDir: string, data: SiteData): void {
  const path = join(outDir, 'donnees/registre.json');
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    let pending = '';
    for (const chunk of jsonChunks(registryDocument({ registry: data.registry, figures: data.figures }))) {
      pending += chunk;
      if (pending.length >= 1 << 20) {
        // writeFileSync on a descriptor writes it all (writeSync may write part of it).
        writeFileSync(fd, pending);
        pending = '';
      }
    }
    writeFileSync(fd, pending);
  } finally {
    closeSync(fd);
  }
}

/**
 * The link report, published as it was read (/donnees/liens.json): the next day's run of
 * npm run liens reads it back (--precedent) to count the days a link failed in a row.
 */
function writeLinkReport(outDir: string, report: LinkReport | null): void {
  const path = join(outDir, 'donnees/liens.json');
  if (report) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  } else {
    rmSync(path, { force: true });
  }
}

/**
 * A renamed provider's old addresses (anciens_ids, written by npm run renommer): the old
 * page leads to the new one, and the old badge, which sits on the provider's own site,
 * stays the current badge.
 */
function writeFormerAddresses(outDir: string, data: SiteData): void {
  for (const { data: p } of data.registry.prestataires.values()) {
    for (const former of p.anciens_ids ?? []) {
      const target = absoluteUrl(`/prestataires/${p.id}/`);
      const dir = join(outDir, 'prestataires', former);
      mkdirSync(dir, { recursive: true });
      const name = escapeHtml(p.nom);
      writeFileSync(
        join(dir, 'index.html'),
        `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>${name} : la fiche a changé d’adresse</title><meta name="robots" content="noindex"><link rel="canonical" href="${target}"><meta http-equiv="refresh" content="0; url=${target}"></head>\n<body><p>La fiche de ${name} a changé d’adresse : <a href="${target}">${target}</a>.</p></body></html>\n`,
      );
      const badge = join(outDir, 'badges', `${p.id}.svg`);
      if (existsSync(badge)) cpSync(badge, join(outDir, 'badges', `${former}.svg`));
      // A feed reader or a calendar subscribed to the former address keeps receiving the same feed.
      const pairs: Array<[string, string]> = [
        [journalFeedPath(p.id), journalFeedPath(former)],
        [deadlinePaths('prestataires', p.id).flux, deadlinePaths('prestataires', former).flux],
        [deadlinePaths('prestataires', p.id).calendrier, deadlinePaths('prestataires', former).calendrier],
      ];
      for (const [current, old] of pairs) {
        const file = join(outDir, current.slice(1));
        if (existsSync(file)) cpSync(file, join(outDir, old.slice(1)));
      }
      // An attestation attached to a tender keeps answering at the address printed on it.
      const attestations = join(outDir, 'prestataires', p.id, 'attestations');
      if (existsSync(attestations)) cpSync(attestations, join(dir, 'attestations'), { recursive: true });
    }
  }
}

/**
 * The JSON document of each entity given (src/site/entity-documents.ts), the deadlines'
 * calendar and feed of each provider and commons given, beside its page
 * (src/site/deadline-feeds.ts), a provider's yearly attestations (src/site/attestations.ts,
 * year by year: the figures on 31 December of a year computed once for all of them) and a
 * commons' funding.json (src/site/funding.ts); the three indexes of
 * documents, the attestations' schema and stylesheet are always written.
 */
function writeEntityFiles(outDir: string, data: SiteData, ids: Record<EntityKind, Iterable<string>>, commit: RegistryCommit | null): void {
  const write = (path: string, text: string) => {
    const file = join(outDir, path.slice(1));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  // The providers whose attestations to write, by year: written year by year below.
  const attestations = new Map<number, string[]>();
  for (const kind of ENTITY_KINDS) {
    for (const id of ids[kind]) {
      const doc = entityDocument(data, kind, id);
      if (!doc) continue;
      write(documentPath(kind, id), `${jsonText(doc)}\n`);
      if (kind === 'missions') continue;
      const name = kind === 'prestataires' ? data.registry.prestataires.get(id)!.data.nom : data.registry.communs.get(id)!.data.nom;
      const items = kind === 'prestataires' ? data.deadlines.prestataire(id) : data.deadlines.commun(id);
      const paths = deadlinePaths(kind, id);
      write(paths.calendrier, deadlineCalendar(kind, id, name, items, data.date));
      write(paths.flux, deadlineFeed(kind, id, name, items, data.date));
      if (kind === 'prestataires') {
        // A year that no longer has a mission (a declaration removed) loses its attestation.
        rmSync(join(outDir, 'prestataires', id, 'attestations'), { recursive: true, force: true });
        for (const year of attestationYears(data.registry, id, data.date)) {
          const list = attestations.get(year);
          if (list) list.push(id);
          else attestations.set(year, [id]);
        }
      }
      if (kind === 'communs') {
        const manifest = fundingManifest(data.registry.communs.get(id)!.data, data.communFigures.get(id)!, data.date);
        if (manifest) write(fundingPath(id), `${JSON.stringify(manifest, null, 2)}\n`);
      }
    }
    write(documentIndexPath(kind), `${jsonText(documentIndex(data, kind))}\n`);
  }
  // The figures on 31 December of a year are computed once for all its attestations, and
  // let go before the next year's: one extra set of figures in memory at a time (N = 10,000).
  const exampleRegistry = data.registry.registre?.data.exemple === true;
  for (const [year, providers] of [...attestations].sort(([a], [b]) => a - b)) {
    const atYearEnd: YearEndFigures = yearEndFigures(data.registry, year);
    for (const id of providers) {
      const statement = yearlyStatement(data.registry, atYearEnd, id, year);
      if (!statement) continue;
      const doc = attestationDocument(statement, { commit });
      const at = attestationPaths(id, year);
      const files = attestationFiles(doc, { exampleRegistry });
      write(at.json, files.json);
      write(`${at.page}index.html`, files.page);
    }
  }
  // What every attestation refers to: its JSON Schema (npm run schemas) and its stylesheet.
  write(ATTESTATION_SCHEMA_PATH, readFileSync(resolve('schemas/json/attestation.json'), 'utf8'));
  write(ATTESTATION_STYLESHEET, ATTESTATION_CSS);
}

/** The journal feed of each provider given, beside its page (src/site/journal.ts). */
function writeJournalFeeds(outDir: string, data: SiteData, ids: Iterable<string>): void {
  for (const id of ids) {
    const prestataire = data.registry.prestataires.get(id);
    if (!prestataire) continue;
    const file = join(outDir, journalFeedPath(id).slice(1));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, journalFeed(prestataire.data, data.registry, data.date));
  }
}

/** The route and id of an entity page's output path (see src/site/fingerprints.ts). */
function routeOf(path: string): [keyof NonNullable<PageSelection>, string] {
  const badge = /^badges\/(.+)\.svg$/.exec(path);
  if (badge) return ['badges', badge[1]];
  const form = /^declarer\/missions\/(.+)\.json$/.exec(path);
  if (form) return ['formulaires', form[1]];
  const [kind, id] = path.split('/') as ['prestataires' | 'missions' | 'communs', string];
  return [kind, id];
}

/** /prestataires/3/ (or /prestataires/situation/en-retard/3/) and beyond disappear when the list gets shorter. */
function removeStaleListPages(outDir: string, count: number, base: string): void {
  const pages = Math.max(1, Math.ceil(count / LIST_PAGE_SIZE));
  const dir = join(outDir, base);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (/^\d+$/.test(name) && Number(name) > pages) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** The search index under way: made from the data while the pages render, moved in at the end. */
export interface SearchIndexing {
  /** Puts the index into outDir/pagefind once the site is built; returns the number of records. */
  write(outDir: string): Promise<number>;
  /** The build failed: the index made meanwhile is thrown away. */
  abandon(): Promise<void>;
}

/**
 * Indexes the providers, missions and commons for Pagefind's search (French stemming),
 * from the data rather than from the built HTML, so that it is made while the pages are
 * rendered: Pagefind works in its own process, on the other core. It is written apart,
 * since Astro empties the output folder when it starts, and moved in by write().
 */
export function startIndexing(data: SiteData): SearchIndexing {
  const making = (async () => {
    try {
      const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
      if (!index) throw new Error(`Pagefind : ${errors.join(', ')}`);
      const records = searchRecords(data);
      // Sent in batches: one round trip to Pagefind's process per record would dominate.
      for (let i = 0; i < records.length; i += 500) {
        const added = await Promise.all(records.slice(i, i + 500).map((record) => index.addCustomRecord(record)));
        const failed = added.flatMap((a) => a.errors);
        if (failed.length > 0) throw new Error(`Pagefind : ${failed.join(', ')}`);
      }
      const staging = stagingDir();
      const written = await index.writeFiles({ outputPath: staging });
      if (written.errors.length > 0) {
        rmSync(staging, { recursive: true, force: true });
        throw new Error(`Pagefind : ${written.errors.join(', ')}`);
      }
      return { staging, count: records.length };
    } finally {
      await pagefind.close();
    }
  })();
  // A failure is reported by write(), after the build, not as an unhandled rejection meanwhile.
  making.catch(() => undefined);
  return {
    async write(outDir) {
      const { staging, count } = await making;
      const target = join(resolve(outDir), 'pagefind');
      rmSync(target, { recursive: true, force: true });
      try {
        renameSync(staging, target);
      } catch (error) {
        // Another file system (--out elsewhere): copied instead.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        cpSync(staging, target, { recursive: true });
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
      return count;
    },
    async abandon() {
      const made = await making.catch(() => null);
      if (made) rmSync(made.staging, { recursive: true, force: true });
    },
  };
}

/** Indexes an already built site (the data and the pages are ready). */
export async function indexSite(outDir: string, data: SiteData): Promise<number> {
  return startIndexing(data).write(outDir);
}
