// npm run reglages-forge against a small forge on 127.0.0.1: it prints the settings
// MAINTENANCE.md asks for, changes nothing by default, applies them with --appliquer and
// reads them back, and a second run finds nothing left to change. Write access is the
// maintainers' only (DESIGN, « Trust on the forge »): the providers and stewards who had
// it under the former settings lose it, pending invitations are not sent again.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE_MAINTAINERS } from '../../src/domain/contribution/readiness.ts';
import { npmRunAsync, repositoryCopy } from '../helpers.ts';
import { startFakeForge, type FakeForge } from './fake-forge.ts';

const TOKEN = 'jeton-de-test';
/** Each test starts the command up to three times, each a few seconds (more on a busy machine). */
const RUNS_TIMEOUT = 240_000;
/**
 * The maintainers of .github/mainteneurs.yaml, in a copy of this repository (the sample's
 * fictional accounts are refused by --appliquer): the first is already a collaborator
 * under the former settings, the other not yet.
 */
const MAINTAINERS = ['lea-mainteneuse', 'tom-mainteneur'];
const [FIRST, ...OTHERS] = MAINTAINERS;
const OWNERS_LINE = `* ${MAINTAINERS.map((m) => `@${m}`).join(' ')}`;
const CODEOWNERS = `# Les mainteneurs relisent tout ; check-owners décide qui modifie quel fichier.\n${OWNERS_LINE}\n`;
let forge: FakeForge;
let copy: string;

beforeAll(() => {
  copy = repositoryCopy('cr-reglages-');
  writeFileSync(join(copy, '.github/mainteneurs.yaml'), `mainteneurs:\n${MAINTAINERS.map((m) => `  - ${m}\n`).join('')}`);
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

beforeEach(async () => {
  forge = await startFakeForge('org', 'depot', { token: TOKEN });
  forge.branches.get('main')!.files.set('.github/CODEOWNERS', CODEOWNERS);
});
afterEach(async () => {
  await forge.close();
});

const reglages = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  npmRunAsync('reglages-forge', args, { cwd: copy, env: { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot', ...env } });

/** The former settings: every provider and steward with Write (MAINTENANCE.md §2 until issue 18). */
function formerSettings(f: FakeForge) {
  for (const login of ['khaddou', 'nverhaeghe', 'amorel-urba', 'tresorerie-compagnie']) f.collaborators.set(login, 'push');
  f.collaborators.set(FIRST, 'maintain');
}

describe('sans jeton', () => {
  test('affiche les réglages attendus : l’écriture aux mainteneurs seuls, sans rien demander à la forge', async () => {
    const result = await reglages([], { GITHUB_TOKEN: '' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Réglages attendus pour org/depot (voir MAINTENANCE.md) :');
    // The required checks are the jobs of .github/workflows/ci.yml, bound to the GitHub Actions app.
    expect(result.stdout).toContain(
      '"required_status_checks":{"strict":true,"checks":[{"context":"Registre (validateur de main)","app_id":15368},{"context":"Tests (npm test)","app_id":15368}]}',
    );
    expect(result.stdout).toContain('"require_code_owner_reviews":true');
    expect(result.stdout).toContain(`"restrictions":{"users":${JSON.stringify(MAINTAINERS)},"teams":[]}`);
    expect(result.stdout).toContain('- Environnement github-pages : seule main peut publier');
    expect(result.stdout).toContain(`- .github/CODEOWNERS : « ${OWNERS_LINE} »`);
    expect(result.stdout).toContain(`- Accès Maintain pour @${FIRST} : mainteneur (.github/mainteneurs.yaml)`);
    expect(result.stdout).toContain('- Étiquette « declaration » : Déclaration envoyée par le formulaire d’issue (npm run proposer)');
    // Nobody else: no provider (khaddou) nor steward (tresorerie-compagnie) is given access.
    expect(result.stdout).not.toMatch(/@khaddou|@tresorerie-compagnie|Accès push/);
    expect(result.stdout).toContain('Rien n’a été changé.');
    expect(forge.requests).toEqual([]);
  }, RUNS_TIMEOUT);

  test('--appliquer sans jeton : erreur d’usage (sortie 2)', async () => {
    const result = await reglages(['--appliquer'], { GITHUB_TOKEN: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GITHUB_TOKEN manque');
  }, RUNS_TIMEOUT);
});

describe('avec jeton', () => {
  test('par défaut, dit ce qu’il changerait (dont les accès à retirer) et n’écrit rien', async () => {
    formerSettings(forge);
    forge.invitations.push({ id: 7, invitee: { login: 'victime-0' }, permissions: 'write', expired: false });
    const result = await reglages([]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('- Dépôt : delete_branch_on_merge\n    actuel : false\n    attendu : true');
    expect(result.stdout).toContain('- Protection de la branche main\n    actuel : aucune');
    expect(result.stdout).toContain('- GitHub Pages : source\n    actuel : Pages non activé\n    attendu : "workflow"');
    expect(result.stdout).toContain('- Environnement github-pages (Settings → Environments) : branches qui peuvent publier\n    actuel : environnement absent\n    attendu : « Selected branches » : main');
    expect(result.stdout).toContain(
      '- Jeton des flux (Settings → Actions → General → Workflow permissions)\n    actuel : {"default_workflow_permissions":"read","can_approve_pull_request_reviews":false}\n    attendu : {"default_workflow_permissions":"read","can_approve_pull_request_reviews":true}',
    );
    expect(result.stdout).toContain(
      '- Flux des forks (Settings → Actions → General → Approval for running fork pull request workflows from contributors)\n    actuel : "first_time_contributors"\n    attendu : "all_external_contributors"',
    );
    expect(result.stdout).toContain('- Étiquette « declaration »\n    actuel : absente');
    expect(result.stdout).not.toContain(`Accès de @${FIRST} `);
    for (const other of OTHERS) expect(result.stdout).toContain(`- Accès de @${other} (mainteneur (.github/mainteneurs.yaml))\n    actuel : aucun\n    attendu : Maintain (une invitation, à accepter)`);
    expect(result.stdout).toContain('- Accès de @khaddou (n’est pas mainteneur : contribue depuis sa copie du dépôt, le fork)\n    actuel : Write\n    attendu : aucun');
    expect(result.stdout).toContain('- Accès de @tresorerie-compagnie (n’est pas mainteneur');
    expect(result.stdout).toContain('- Invitation de @victime-0 (n’est pas mainteneur)\n    actuel : Write, en attente\n    attendu : retirée');
    expect(result.stdout).toContain('Essai à blanc : rien n’a été changé.');
    expect(forge.writes()).toEqual([]);
  }, RUNS_TIMEOUT);

  test('--appliquer : l’écriture aux seuls mainteneurs, relue ; relancé, il n’y a plus rien à changer', async () => {
    formerSettings(forge);
    forge.invitations.push({ id: 7, invitee: { login: 'victime-0' }, permissions: 'write', expired: false });
    // A check another maintainer required by hand is kept beside the registry's.
    forge.protections.set('main', { required_status_checks: { strict: true, contexts: ['CodeQL'], checks: [{ context: 'CodeQL', app_id: 57789 }] } });
    const applied = await reglages(['--appliquer']);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Fait : \d+ réglages appliqués\./);
    expect(applied.stdout).toContain('Relue après coup, la forge dit bien ce qui a été écrit.');
    expect(forge.repository.delete_branch_on_merge).toBe(true);
    expect(forge.pages).toMatchObject({ build_type: 'workflow' });
    expect(forge.workflowPermissions).toEqual({ default_workflow_permissions: 'read', can_approve_pull_request_reviews: true });
    // No workflow of a fork runs before a maintainer has seen its pull request.
    expect(forge.forkApproval).toEqual({ approval_policy: 'all_external_contributors' });
    expect(forge.labels.get('declaration')).toMatchObject({ name: 'declaration', color: '0e8a16' });
    // The required checks, as the forge answers them: each bound to the GitHub Actions app.
    expect(forge.protections.get('main')).toMatchObject({
      required_status_checks: {
        strict: true,
        checks: [
          { context: 'Registre (validateur de main)', app_id: 15368 },
          { context: 'Tests (npm test)', app_id: 15368 },
          { context: 'CodeQL', app_id: 57789 },
        ],
      },
      required_pull_request_reviews: { require_code_owner_reviews: true, required_approving_review_count: 1 },
      enforce_admins: { enabled: true },
      // Push restricted to the maintainers who have access; the invited one is added once accepted.
      restrictions: { users: [{ login: FIRST }] },
    });
    expect(applied.stdout).toContain('Vérification obligatoire « CodeQL », ajoutée à la main sur main : gardée.');
    for (const other of OTHERS) expect(applied.stdout).toContain(`@${other} pourra pousser sur main une fois son invitation acceptée`);
    // The maintainers are invited before the branch is restricted to them.
    const order = forge.writes().map((w) => w.path);
    expect(order.findIndex((p) => p.includes('/collaborators/'))).toBeLessThan(order.findIndex((p) => p.includes('/protection')));
    // Pages deploys from main only.
    expect(forge.environments.get('github-pages')).toMatchObject({
      deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      policies: [{ name: 'main', type: 'branch' }],
    });
    // Write access: the maintainers only. The one not yet a collaborator is invited.
    expect([...forge.collaborators]).toEqual([[FIRST, 'maintain']]);
    expect(forge.invitations.map((i) => [i.invitee.login, i.permissions])).toEqual(OTHERS.map((other) => [other, 'maintain']));

    const writes = forge.writes().length;
    const again = await reglages([]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('La forge est déjà réglée ainsi : rien à changer.');
    // The pending invitation is named, not sent again.
    for (const other of OTHERS) expect(again.stdout).toContain(`- @${other} (mainteneur (.github/mainteneurs.yaml)) : invitation Maintain envoyée, pas encore acceptée ; elle n’est pas renvoyée.`);
    expect(forge.writes()).toHaveLength(writes);

    // Accepted, the invitation leaves a collaborator with Maintain, who is then added to who may push.
    for (const other of OTHERS) forge.accept(other);
    const accepted = await reglages(['--appliquer']);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('Fait : 1 réglage appliqué.');
    expect(forge.protections.get('main')).toMatchObject({ restrictions: { users: MAINTAINERS.map((login) => ({ login })) } });
    expect(forge.writes()).toHaveLength(writes + 1);
    expect((await reglages([])).stdout).toContain('La forge est déjà réglée ainsi : rien à changer.');
  }, RUNS_TIMEOUT);

  test('une forge qui ne garde pas un réglage : relue, l’erreur le dit (sortie 1)', async () => {
    forge.ignoreWrites(/\/environments\//);
    const result = await reglages(['--appliquer']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Relue après coup, la forge ne dit pas ce qui a été écrit pour 2 réglages :\n- Environnement github-pages (Settings → Environments) : branches qui peuvent publier');
    expect(result.stderr).toContain('- Environnement github-pages (Settings → Environments) : branche main\n    actuel : absente');
  }, RUNS_TIMEOUT);

  test('ce que la commande ne peut pas faire est dit, à faire à la main', async () => {
    // A check required by its name only (any source), a branch policy too wide, access
    // given by the organisation, and a CODEOWNERS that still names providers.
    forge.protections.set('main', { required_status_checks: { strict: true, contexts: ['Registre (validateur de main)'], checks: [{ context: 'Registre (validateur de main)', app_id: null }] } });
    forge.environments.set('github-pages', { name: 'github-pages', deployment_branch_policy: { protected_branches: false, custom_branch_policies: true }, policies: [{ id: 3, name: 'main', type: 'branch' }, { id: 4, name: '*', type: 'branch' }] });
    forge.organisationAccess.set('ancien-salarie', 'push');
    forge.branches.get('main')!.files.set('.github/CODEOWNERS', `${CODEOWNERS}/content/declarations/karim-haddou/ @khaddou @${FIRST}\n`);
    const result = await reglages([]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('"checks":[{"context":"Registre (validateur de main)","app_id":null}]');
    expect(result.stdout).toContain('- Environnement github-pages (Settings → Environments) : branche « * »\n    actuel : peut publier\n    attendu : retirée');
    expect(result.stdout).toContain('À faire à la main (la commande ne peut pas le faire) :');
    expect(result.stdout).toContain(`- .github/CODEOWNERS sur main (une demande d’un mainteneur : main est protégée)\n    actuel : 2 règles, ${MAINTAINERS.length + 1} comptes nommés\n    attendu : une seule règle, « ${OWNERS_LINE} » (les mainteneurs seuls)`);
    expect(result.stdout).toContain('- Accès de @ancien-salarie, donné par l’organisation (équipe, rôle de base ou propriétaire), qui n’est pas mainteneur\n    actuel : Write');
    expect(forge.writes()).toEqual([]);
  }, RUNS_TIMEOUT);

  test('le dépôt d’une personne : pas de restriction de fusion (seuls les mainteneurs écrivent), son propriétaire nommé s’il n’est pas mainteneur', async () => {
    await forge.close();
    forge = await startFakeForge('alice', 'depot', { token: TOKEN, ownerType: 'User' });
    forge.branches.get('main')!.files.set('.github/CODEOWNERS', CODEOWNERS);
    forge.collaborators.set('alice', 'admin');
    const result = await reglages(['--appliquer'], { GITHUB_REPOSITORY: 'alice/depot' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('"restrictions":null');
    expect(result.stdout).toContain('- @alice, propriétaire du dépôt, n’est pas mainteneur\n    actuel : Admin');
    expect(forge.collaborators.get('alice')).toBe('admin');
  }, RUNS_TIMEOUT);
});

describe('les comptes fictifs de l’exemple', () => {
  test('--appliquer refuse tant que .github/mainteneurs.yaml les nomme (sortie 2), sans rien écrire ; sans --appliquer, il prévient', async () => {
    const sample = repositoryCopy('cr-reglages-exemple-');
    try {
      writeFileSync(join(sample, '.github/mainteneurs.yaml'), `mainteneurs:\n${SAMPLE_MAINTAINERS.map((m) => `  - ${m}\n`).join('')}`);
      const env = { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot' };
      const refused = await npmRunAsync('reglages-forge', ['--appliquer'], { cwd: sample, env });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(`nomme encore les comptes fictifs de l’exemple (${SAMPLE_MAINTAINERS.map((m) => `@${m}`).join(', ')}) : --appliquer leur donnerait l’accès en écriture. Rien n’a été changé.`);
      expect(refused.stderr).toContain('npm run demarrer');
      expect(refused.stderr).not.toMatch(/\n\s+at /);
      expect(forge.requests).toEqual([]);
      const shown = await npmRunAsync('reglages-forge', [], { cwd: sample, env: { ...env, GITHUB_TOKEN: '' } });
      expect(shown.status, shown.stderr).toBe(0);
      expect(shown.stdout).toContain('sont des comptes fictifs de l’exemple ; --appliquer refusera');
    } finally {
      rmSync(sample, { recursive: true, force: true });
    }
  }, RUNS_TIMEOUT);
});
