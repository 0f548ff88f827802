// npm run veille, as the last job of a scheduled workflow runs it, against the small forge
// on 127.0.0.1: the workflow is enabled again (GitHub stops scheduled workflows after 60
// quiet days), a failure opens one issue for the maintainers, the next failure is added to
// it as a comment, a success closes it; an issue planted by someone else is never touched.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE_MAINTAINERS } from '../../src/domain/contribution/readiness.ts';
import { MAINTAINERS, npmRunAsync } from '../helpers.ts';
import { startFakeForge, type FakeForge } from './fake-forge.ts';

const TOKEN = 'jeton-de-test';
const TIMEOUT = 120_000;
let forge: FakeForge;

beforeEach(async () => {
  forge = await startFakeForge('org', 'depot', { token: TOKEN });
});
afterEach(async () => {
  await forge.close();
});

const veille = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  npmRunAsync('veille', args, { env: { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot', ...env } });
/** The maintainers the issue greets: the repository's, never the sample's fictional accounts. */
const GREETED = MAINTAINERS.filter((m) => !SAMPLE_MAINTAINERS.includes(m));
const RUN = (n: number) => `https://github.com/org/depot/actions/runs/${n}`;

describe('npm run veille', () => {
  test('un échec ouvre une issue, le suivant s’y ajoute, une réussite la ferme ; le flux est gardé actif à chaque fois', async () => {
    const first = await veille(['--flux', 'publication.yml', '--resultat', 'echec', '--lien', RUN(1), '--date', '2026-12-01']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('publication.yml, échec du 1er décembre 2026 : issue ouverte pour les mainteneurs.');
    expect(forge.issues).toHaveLength(1);
    const issue = forge.issues[0];
    expect(issue).toMatchObject({ title: 'Le flux publication.yml a échoué', state: 'open', labels: ['flux en échec'] });
    expect(issue.body).toContain('<!-- veille-flux flux=publication.yml -->');
    expect(issue.body).toContain(GREETED.length > 0 ? `Bonjour ${GREETED.map((m) => `@${m}`).join(', ')},` : 'Bonjour,\n');
    for (const fictional of SAMPLE_MAINTAINERS) expect(issue.body).not.toContain(`@${fictional}`);
    expect(issue.body).toContain(`a échoué le 1er décembre 2026 : ${RUN(1)}`);

    expect((await veille(['--flux', 'publication.yml', '--resultat', 'echec', '--lien', RUN(2), '--date', '2026-12-02'])).status).toBe(0);
    expect(forge.issues).toHaveLength(1);
    expect(issue.comments).toEqual([`Nouvel échec le 2 décembre 2026 : ${RUN(2)}`]);

    const ok = await veille(['--flux', 'publication.yml', '--resultat', 'reussite', '--lien', RUN(3), '--date', '2026-12-03']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(issue.comments.at(-1)).toBe(`Le flux \`publication.yml\` a de nouveau réussi le 3 décembre 2026 : ${RUN(3)}. Cette issue est fermée.`);
    expect(forge.enabledWorkflows).toEqual(['publication.yml', 'publication.yml', 'publication.yml']);

    // A success with nothing open: nothing to write but the keep-alive.
    const quiet = await veille(['--flux', 'rappels.yml', '--resultat', 'reussite', '--lien', RUN(4), '--date', '2026-12-03']);
    expect(quiet.stdout).toContain('aucune issue d’échec ouverte');
    expect(forge.writes().filter((w) => w.path.includes('/issues'))).toHaveLength(4);
  }, TIMEOUT);

  test('une issue d’un autre compte avec le marqueur n’est jamais reprise', async () => {
    forge.issues.push({ number: 1, title: 'Le flux publication.yml a échoué', body: '<!-- veille-flux flux=publication.yml -->', state: 'open', state_reason: null, labels: [], comments: [], user: { login: 'mallory-gh', id: 666, type: 'User' } });
    expect((await veille(['--flux', 'publication.yml', '--resultat', 'reussite', '--lien', RUN(1)])).status).toBe(0);
    expect(forge.issues[0]).toMatchObject({ state: 'open', comments: [] });
  }, TIMEOUT);

  test('erreurs en français, sans trace de pile : flux inconnu de la forge (sortie 1), arguments (sortie 2)', async () => {
    const unknown = await veille(['--flux', 'inconnu.yml', '--resultat', 'echec', '--lien', RUN(1)]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('inconnu.yml : impossible de le garder actif.');
    // The failure issue is still opened: one failed call does not stop the other.
    expect(forge.issues).toHaveLength(1);
    const usage = await veille(['--flux', '../x', '--resultat', 'peut-etre']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Flux invalide');
    expect(`${unknown.stderr}${usage.stderr}`).not.toMatch(/\n\s+at /);
  }, TIMEOUT);
});
