// npx tsx scripts/bench/floor.ts [N]: the floor of any Astro build on this machine. Builds
// a site of N pages (21,028 by default: the HTML pages of the bench registry at N = 10,000)
// that each hold a title and one sentence, with this project's Astro, and prints the time.
// BENCHMARKS.md compares it to the targets: what a page of the registry costs beyond it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const n = Number(process.argv[2] ?? 21_028);
const root = mkdtempSync(resolve('node_modules/.cache/communs-reciprocite/plancher-'));
try {
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'package.json'), '{ "name": "plancher", "type": "module", "private": true }\n');
  writeFileSync(join(root, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n");
  mkdirSync(join(root, 'src/pages/p'), { recursive: true });
  writeFileSync(
    join(root, 'src/pages/p/[id].astro'),
    `---\nexport function getStaticPaths() {\n  return Array.from({ length: ${n} }, (_, i) => ({ params: { id: String(i) } }));\n}\nconst { id } = Astro.params;\n---\n<html lang="fr"><head><meta charset="utf-8"><title>Page {id}</title></head><body><h1>Page {id}</h1><p>Une phrase.</p></body></html>\n`,
  );
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--max-old-space-size=1024', resolve('node_modules/astro/astro.js'), 'build', '--silent'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(result.stderr.slice(-2000));
  const pages = readdirSync(join(root, 'dist/p')).length;
  console.log(`Astro, ${pages} pages d'une phrase : ${seconds.toFixed(2)} s, ${Math.round(pages / seconds)} pages par seconde.`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
