// npm run reglages-forge against a small forge on 127.0.0.1: it prints the settings
// MAINTENANCE.md asks for, changes nothing by default, applies them with --appliquer,
// and a second run finds nothing left to change.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { npmRunAsync } from '../helpers.ts';
import { startFakeForge, type FakeForge } from './fake-forge.ts';

const TOKEN = 'jeton-de-test';
/** Each test starts the command up to three times, each a few seconds (more on a busy machine). */
const RUNS_TIMEOUT = 240_000;
let forge: FakeForge;

beforeEach(async () => {
  forge = await startFakeForge('org', 'depot', { token: TOKEN });
});
afterEach(async () => {
  await forge.close();
});

const reglages = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  npmRunAsync('reglages-forge', args, { env: { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot', ...env } });

describe('sans jeton', () => {
  test('affiche les réglages attendus, sans rien demander à la forge', async () => {
    const result = await reglages([], { GITHUB_TOKEN: '' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Réglages attendus pour org/depot (voir MAINTENANCE.md) :');
    // The required checks are the jobs of .github/workflows/ci.yml, by their names.
    expect(result.stdout).toContain('"required_status_checks":{"strict":true,"contexts":["Registre (validateur de main)","Tests (npm test)"]}');
    expect(result.stdout).toContain('"require_code_owner_reviews":true');
    expect(result.stdout).toContain('"restrictions":{"users":["equipe-compagnie","mainteneur-registre"],"teams":[]}');
    expect(result.stdout).toContain('- Accès maintain pour @equipe-compagnie : mainteneur (.github/mainteneurs.yaml)');
    expect(result.stdout).toContain('- Étiquette « declaration » : Déclaration envoyée par le formulaire d’issue (npm run proposer)');
    expect(result.stdout).toContain('- Accès push pour @nverhaeghe : propriétaire de code de nicolas-verhaeghe (CODEOWNERS)');
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
  test('par défaut, liste ce qui diffère et n’écrit rien', async () => {
    forge.collaborators.set('nverhaeghe', 'push');
    const result = await reglages([]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('- Dépôt : delete_branch_on_merge\n    actuel : false\n    attendu : true');
    expect(result.stdout).toContain('- Protection de la branche main\n    actuel : aucune');
    expect(result.stdout).toContain('- GitHub Pages : source\n    actuel : Pages non activé\n    attendu : "workflow"');
    expect(result.stdout).toContain(
      '- Jeton des flux (Settings → Actions → General → Workflow permissions)\n    actuel : {"default_workflow_permissions":"read","can_approve_pull_request_reviews":false}\n    attendu : {"default_workflow_permissions":"read","can_approve_pull_request_reviews":true}',
    );
    expect(result.stdout).toContain('- Étiquette « declaration »\n    actuel : absente');
    expect(result.stdout).toContain('- Accès de @amorel-urba (propriétaire de code de agathe-morel (CODEOWNERS))\n    actuel : aucun\n    attendu : push');
    expect(result.stdout).not.toContain('Accès de @nverhaeghe');
    expect(result.stdout).toContain('Essai à blanc : rien n’a été changé.');
    expect(forge.writes()).toEqual([]);
  }, RUNS_TIMEOUT);

  test('--appliquer règle la forge ; relancé, il n’y a plus rien à changer', async () => {
    const applied = await reglages(['--appliquer']);
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Fait : \d+ réglages appliqués\./);
    expect(forge.repository.delete_branch_on_merge).toBe(true);
    expect(forge.pages).toMatchObject({ build_type: 'workflow' });
    // The declaration-issue workflow can open its pull requests, and the issue form's label exists.
    expect(forge.workflowPermissions).toEqual({ default_workflow_permissions: 'read', can_approve_pull_request_reviews: true });
    expect(forge.labels.get('declaration')).toMatchObject({ name: 'declaration', color: '0e8a16' });
    expect(forge.protections.get('main')).toMatchObject({
      required_pull_request_reviews: { require_code_owner_reviews: true, required_approving_review_count: 1 },
      enforce_admins: { enabled: true },
      restrictions: { users: [{ login: 'equipe-compagnie' }, { login: 'mainteneur-registre' }] },
    });
    expect(forge.collaborators.get('mainteneur-registre')).toBe('maintain');
    expect(forge.collaborators.get('amorel-urba')).toBe('push');

    const writes = forge.writes().length;
    const again = await reglages([]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('La forge est déjà réglée ainsi : rien à changer.');
    expect(forge.writes()).toHaveLength(writes);
  }, RUNS_TIMEOUT);
});
