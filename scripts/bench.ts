// npm run bench -- --n N [--out DIR]
// Generates a fictional registry of N providers, N missions and 4N declarations,
// then measures, on the same files and in one run: read and parse only, full
// validation, site build, Pagefind indexing and a rebuild after one changed file,
// each in its own process with its peak memory, and the ratios to parse-only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateRegistry } from './bench/generate.ts';
import { parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run bench -- --n N [--out DOSSIER]';
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

function readTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readTree(path);
    else readFileSync(path);
  }
}

await runCli(() => {
  const { values } = parseCli(process.argv.slice(2), { n: { type: 'string' }, out: { type: 'string' } }, USAGE);
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 10) throw new UsageError(`--n doit être un entier d'au moins 10 (reçu : ${values.n ?? 'rien'}).\n\n${USAGE}`);
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
  console.log(`Registre fictif : ${n} prestataires, ${n} missions, jusqu'à ${4 * n} déclarations (${files} fichiers) dans ${contentDir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // Every step then finds the files in the page cache, as on a working machine: the
  // first step would otherwise pay for the disk alone and skew every ratio.
  const warm = performance.now();
  readTree(contentDir);
  console.log(`Fichiers lus une première fois (cache du système) : ${((performance.now() - warm) / 1000).toFixed(1)} s, non compté`);

  const steps: Array<[string, string]> = [
    ['parse', 'lecture et analyse seules'],
    ['validate', 'validation complète'],
    ['build', 'construction du site (Astro)'],
    ['index', 'indexation Pagefind'],
    ['rebuild', 'reconstruction après un fichier modifié'],
  ];
  const results = new Map<string, Measure>();
  for (const [step, label] of steps) {
    const m = measure(step, contentDir, siteDir);
    results.set(step, m);
    console.log(`  ${label.padEnd(42)} ${(m.ms / 1000).toFixed(2).padStart(8)} s  ${m.peakMb.toFixed(0).padStart(6)} Mo  (${m.detail})`);
  }
  const base = results.get('parse')!.ms;
  const ratio = (step: string) => results.get(step)!.ms / base;
  const whole = results.get('build')!.ms + results.get('index')!.ms;
  const peak = Math.max(...[...results.values()].map((m) => m.peakMb));
  console.log('\nRapports à la lecture seule (cibles à N = 10 000) :');
  console.log(`  validation complète       ${ratio('validate').toFixed(2)} × (cible ≤ 1,3)`);
  console.log(`  construction + indexation ${(whole / base).toFixed(2)} × (cible ≤ 12)`);
  console.log(`  reconstruction / construction à froid ${(results.get('rebuild')!.ms / results.get('build')!.ms).toFixed(2)} (cible ≤ 0,25)`);
  console.log(`  mémoire maximale          ${peak.toFixed(0)} Mo (cible < 1 536 Mo)`);
  rmSync(siteDir, { recursive: true, force: true });
  if (!values.out) rmSync(root, { recursive: true, force: true });
  return 0;
});
