// npm run bench -- --n N [--out DIR] [--repeat R] [--check | --garde]
// Generates a fictional registry shaped like a real one (scripts/bench/generate.ts), then
// measures, on the same files and in one run: read and parse only, full validation, the
// site's build with its search index (as npm run build: Pagefind indexes while Astro
// renders), the indexing alone, and a rebuild after one changed file, each in its own process
// with its peak memory, and the ratios to parse-only. --repeat runs the whole cycle R times
// from a cold site (the shortest time of each step counts, the highest memory); --check
// exits 1 when a target of BENCHMARKS.md is missed, --garde when the CI guard's is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateRegistry } from './bench/generate.ts';
import { benchVerdict, GUARD, TARGETS } from './bench/targets.ts';
import { parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run bench -- --n N [--out DOSSIER] [--repeat R] [--check | --garde]';
const DATE = '2026-11-29';

interface Measure {
  step: string;
  ms: number;
  peakMb: number;
  detail: string;
}

// Every step runs with the V8 flags of `npm run build` (package.json): the heap limit
// that keeps a 10,000-provider build under 1.5 GB, and a larger young generation.
const NODE_FLAGS = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.build
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--max-'));

function measure(step: string, contentDir: string, outDir: string): Measure {
  const result = spawnSync(process.execPath, [...NODE_FLAGS, '--import', 'tsx', resolve('scripts/bench/step.ts'), step, contentDir, outDir, DATE], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) throw new Error(`l'étape ${step} a échoué :\n${result.stderr.slice(-2000)}`);
  return JSON.parse(line) as Measure;
}

function htmlPages(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.html')).length;
}

function readTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readTree(path);
    else readFileSync(path);
  }
}

await runCli(() => {
  const { values } = parseCli(
    process.argv.slice(2),
    { n: { type: 'string' }, out: { type: 'string' }, repeat: { type: 'string', default: '1' }, check: { type: 'boolean', default: false }, garde: { type: 'boolean', default: false } },
    USAGE,
  );
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 10) throw new UsageError(`--n doit être un entier d'au moins 10 (reçu : ${values.n ?? 'rien'}).\n\n${USAGE}`);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 20) throw new UsageError(`--repeat doit être un entier de 1 à 20 (reçu : ${values.repeat}).\n\n${USAGE}`);
  if (values.check && values.garde) throw new UsageError(`--check (les cibles) ou --garde (la garde de CI), pas les deux.\n\n${USAGE}`);
  const root = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'cr-bench-'));
  // The bench replaces root/content: only in a folder it made, never in real data.
  const marker = join(root, '.banc-d-essai');
  if (existsSync(root) && readdirSync(root).length > 0 && !existsSync(marker)) {
    throw new UsageError(`Le dossier ${root} n'est pas vide et ne vient pas d'un banc d'essai : choisissez un dossier neuf pour --out.`);
  }
  mkdirSync(root, { recursive: true });
  writeFileSync(marker, "Dossier créé par npm run bench : son contenu est remplacé à chaque exécution.\n");
  const contentDir = join(root, 'content');
  // Astro keeps its intermediate files in the output folder only when that folder is
  // inside the project; elsewhere it uses the project's .astro/, shared by every build.
  mkdirSync(resolve('node_modules/.cache/communs-reciprocite'), { recursive: true });
  const siteDir = mkdtempSync(resolve('node_modules/.cache/communs-reciprocite/bench-'));
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(siteDir, { recursive: true, force: true });

  const t0 = performance.now();
  // The commons and rules are the fictional sample's: in content/ as shipped, in exemple/ once
  // the network's own registry is started (npm run demarrer).
  const { files } = generateRegistry(contentDir, n, resolve(existsSync('exemple/registre.yaml') ? 'exemple' : 'content'));
  console.log(`Options de Node (celles de npm run build) : ${NODE_FLAGS.join(' ') || 'aucune'}`);
  console.log(`Registre fictif : ${n} prestataires, ${n} missions et ${files - 2 * n} autres fichiers (déclarations, confirmations, communs, règles) dans ${contentDir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // Every step then finds the files in the page cache, as on a working machine: the
  // first step would otherwise pay for the disk alone and skew every ratio.
  const warm = performance.now();
  readTree(contentDir);
  console.log(`Fichiers lus une première fois (cache du système) : ${((performance.now() - warm) / 1000).toFixed(1)} s, non compté`);

  const steps: Array<[string, string]> = [
    ['parse', 'lecture et analyse seules'],
    ['validate', 'validation complète'],
    ['build', 'construction et indexation (npm run build)'],
    ['index', 'indexation seule (comprise ci-dessus)'],
    ['rebuild', 'reconstruction après un fichier modifié'],
  ];
  const results = new Map<string, Measure>();
  for (let run = 1; run <= repeat; run++) {
    if (repeat > 1) console.log(`Passage ${run} sur ${repeat} (site vidé : construction à froid)`);
    rmSync(siteDir, { recursive: true, force: true });
    for (const [step, label] of steps) {
      const m = measure(step, contentDir, siteDir);
      const best = results.get(step);
      results.set(step, best ? { ...m, ms: Math.min(best.ms, m.ms), peakMb: Math.max(best.peakMb, m.peakMb) } : m);
      console.log(`  ${label.padEnd(44)} ${(m.ms / 1000).toFixed(2).padStart(8)} s  ${m.peakMb.toFixed(0).padStart(6)} Mo  (${m.detail})`);
    }
  }
  const base = results.get('parse')!.ms;
  const ratio = (step: string) => results.get(step)!.ms / base;
  // npm run build indexes while it renders: its time is the build step's.
  const whole = results.get('build')!.ms;
  const figures = {
    validation: ratio('validate'),
    constructionIndexation: whole / base,
    reconstruction: results.get('rebuild')!.ms / results.get('build')!.ms,
    memoireMo: Math.max(...[...results.values()].map((m) => m.peakMb)),
  };
  if (repeat > 1) console.log(`\n${repeat} passages terminés ; ci-dessous, le plus court de chaque étape et la plus haute mémoire.`);
  const pages = htmlPages(siteDir);
  console.log(`\nPar seconde : ${Math.round(pages / (whole / 1000))} pages HTML construites et indexées (${pages} pages ; Hugo 0.111, même machine, 10 000 pages : 800 à 1 150).`);
  const targets = values.garde ? GUARD : TARGETS;
  const verdict = benchVerdict(figures, targets);
  console.log(`\n${values.garde ? 'Garde de CI' : 'Cibles de BENCHMARKS.md (à N = 10 000)'} :`);
  for (const line of verdict.lignes) console.log(`  ${line}`);
  rmSync(siteDir, { recursive: true, force: true });
  if (!values.out) rmSync(root, { recursive: true, force: true });
  if ((values.check || values.garde) && !verdict.ok) {
    console.log(`\n${values.garde ? 'La garde de CI' : 'Une cible'} n'est pas tenue : voir BENCHMARKS.md.`);
    return 1;
  }
  return 0;
});
