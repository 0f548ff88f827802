// What every CLI shares (scripts/cli.ts), seen from a shell as a person uses it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE_DATE, SAMPLE_DIR } from '../helpers.ts';

/** Runs `npm run <script> | true`: the reader exits before the command writes a byte. */
function pipedToClosedReader(script: string, args: string[]) {
  return spawnSync('bash', ['-c', `set -o pipefail; npm run -s ${script} -- ${args.join(' ')} | true`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 120_000,
  });
}

describe('une commande dont le lecteur s’arrête avant la fin (| head)', () => {
  it.each([
    ['validate', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE, '--format', 'json']],
    ['figures', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE]],
  ])('npm run %s s’arrête sans bruit, avec son code de sortie', (script, args) => {
    const result = pipedToClosedReader(script, args);
    expect(result.stderr).not.toMatch(/EPIPE|Erreur inattendue|\n\s+at /);
    expect(result.status).toBe(0);
  });
});
