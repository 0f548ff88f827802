// The facts of a finished mission (budget, team and days, dates, status) change only with
// a correction note shown on its page (DESIGN.md, Fairness). Two checks on the sample:
//   - in the repository's history, every version of a mission file that was finished is
//     compared with the file as it is now, by the same function validate --base uses
//     (src/domain/registry/history.ts): a fact changed since then needs a note added since
//     then, naming it (commit f842285 rewrote the budgets of nine finished missions and an
//     abandoned one when the example rules moved the solidarity margin to plancher days);
//   - every note of the sample is on its mission's page of the built site, with its date,
//     the facts it corrects and its reason.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { frenchDate } from '../../src/domain/registry/dates.ts';
import { rewrittenMissions } from '../../src/domain/registry/history.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { label } from '../../src/site/format.ts';
import { ROOT, SAMPLE, SAMPLE_DATE, SAMPLE_DIR } from '../helpers.ts';

const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const missions = [...registry.missions.values()].sort((a, b) => a.data.id.localeCompare(b.data.id));

const gitOut = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
/** A shallow clone (CI's default checkout) has no past versions to compare. */
const fullHistory = (() => {
  try {
    return gitOut('rev-parse', '--is-shallow-repository').trim() === 'false';
  } catch {
    return false;
  }
})();

/** The visible text of a built page, tags dropped and spaces folded. */
const textOf = (path: string) =>
  readFileSync(join(inject('siteDir'), path), 'utf8')
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const folded = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('les faits d’une mission terminée ne changent qu’avec une note', () => {
  test.skipIf(!fullHistory)('aucune version passée d’une mission terminée ne diffère des faits actuels sans note ajoutée depuis', () => {
    const problems = missions.flatMap(({ file }) => {
      const path = `${SAMPLE_DIR}/${file}`;
      const now = readFileSync(join(ROOT, path), 'utf8');
      const commits = gitOut('log', '--format=%H', '--', path).split('\n').filter(Boolean);
      return commits.flatMap((commit) => {
        const before = gitOut('show', `${commit}:${path}`);
        return rewrittenMissions([{ file, before, after: now }], SAMPLE_DATE).map((p) => `${commit.slice(0, 7)} ${p.file}:${p.line} [${p.code}] ${p.message}`);
      });
    });
    expect(problems).toEqual([]);
  });

  test('les missions corrigées de l’exemple', () => {
    // At least the ten budgets rewritten by f842285 (the Bocage avesnois had its note first).
    expect(missions.filter((m) => m.data.corrections.length > 0).length).toBeGreaterThanOrEqual(10);
  });

  test.each(missions.filter((m) => m.data.corrections.length > 0).map((m) => [m.data.id, m.data] as const))(
    '%s : chaque correction est sur la page, avec sa date, les faits corrigés et sa raison',
    (id, mission) => {
      const text = textOf(`missions/${id}/index.html`);
      const n = mission.corrections.length;
      expect(text).toContain(n > 1 ? `${n} corrections après coup` : 'Une correction après coup');
      for (const c of mission.corrections) {
        const facts = c.champs ? ` (${c.champs.map((f) => label('fait', f)).join(', ')})` : '';
        expect(text).toContain(`${frenchDate(c.date)}${facts} : ${folded(c.raison)}`);
      }
    },
  );
});
