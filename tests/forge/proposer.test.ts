// npm run proposer: recorded issue-form events (tests/fixtures/issues/) turned into a
// pull request on a small forge on 127.0.0.1 (tests/forge/fake-forge.ts), from the
// sample content on 2026-11-29. The issue is put on the forge as the event carries
// it; the command reads it back through the API, as the workflow does.
//
// bonne.json: nicolas-verhaeghe (@nverhaeghe) declares vie-associative-moulin-des-flandres-2026
//   (ended 2026-10-16, not declared yet): 2 commons used, 60 € versé + 25,50 € promis, 2,5 h.
// mauvaise.json: the same, with -150 € and a commons that does not exist.
// autre-compte.json: the good body, sent by @quelqu-un-d-autre.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FIXTURES, MAINTAINERS, npmRun, npmRunAsync, SAMPLE, SAMPLE_DATE, SAMPLE_DIR, tempDir } from '../helpers.ts';
import { startFakeForge, type FakeForge } from './fake-forge.ts';

const TOKEN = 'jeton-de-test';
const RUNS_TIMEOUT = 240_000;
const FILE = 'content/declarations/nicolas-verhaeghe/vie-associative-moulin-des-flandres-2026.yaml';
const BRANCH = 'declaration/issue-12';
let forge: FakeForge;

beforeEach(async () => {
  forge = await startFakeForge('org', 'depot', { token: TOKEN });
});
afterEach(async () => {
  await forge.close();
});

type Payload = { issue: { number: number; title: string; body: string; user: { login: string; id: number }; labels: { name: string }[] } };
const payload = (name: string): Payload => JSON.parse(readFileSync(join(FIXTURES, 'issues', `${name}.json`), 'utf8'));

/** Puts the event's issue on the forge, as the person's submission did. */
function submit(name: string): Payload['issue'] {
  const { issue } = payload(name);
  forge.issues.push({ number: issue.number, title: issue.title, body: issue.body, state: 'open', state_reason: null, labels: issue.labels.map((l) => l.name), comments: [], user: issue.user });
  // Issue numbers are taken: the pull requests the forge opens come after them.
  for (let n = 1; n < issue.number; n++) {
    if (!forge.issues.some((i) => i.number === n)) forge.issues.push({ number: n, title: 'autre', body: '', state: 'closed', state_reason: null, labels: [], comments: [] });
  }
  forge.issues.sort((a, b) => a.number - b.number);
  return issue;
}

const proposer = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  npmRunAsync('proposer', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE, ...args], {
    env: { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot', ...env },
  });

describe('une bonne déclaration', () => {
  test('devient une demande : branche, fichier identique à npm run declare et valide, auteur crédité, réponse en français ; relancé, rien ne change', async () => {
    const issue = submit('bonne');
    const first = await proposer(['--issue', '12']);
    expect(first.status, first.stderr).toBe(0);

    // One commit on the branch declaration/issue-12, crediting the issue's author.
    expect(forge.commits).toHaveLength(1);
    const [commit] = forge.commits;
    expect(commit).toMatchObject({ branch: BRANCH, path: FILE });
    expect(commit.message).toBe(
      'Déclaration de réciprocité : nicolas-verhaeghe pour vie-associative-moulin-des-flandres-2026 (issue #12)\n\nCo-authored-by: nverhaeghe <41000012+nverhaeghe@users.noreply.github.com>\n',
    );
    const proposed = forge.branches.get(BRANCH)!.files.get(FILE)!;

    // npm run declare, given the same answers, writes the same bytes; npm run validate accepts them.
    const content = join(tempDir('cr-proposer-'), 'content');
    cpSync(SAMPLE, content, { recursive: true });
    const declare = npmRun('declare', [
      '--content', content, '--date', SAMPLE_DATE,
      '--prestataire', 'nicolas-verhaeghe', '--mission', 'vie-associative-moulin-des-flandres-2026',
      '--commun-utilise', "movilab:fiches méthode pour animer l'atelier « projet associatif »",
      '--commun-utilise', 'boite-a-outils-gouvernance:grille de partage des rôles entre bénévoles',
      '--argent', 'compagnie-des-tiers-lieux:60:verse:2026-11-14:https://compagnie.example.org/recus/2026-118',
      '--argent', 'movilab:25,50:promis:2027-01-15',
      '--nature', 'movilab:2,5:fiche « projet associatif » complétée:https://movilab.example.org/wiki/Projet_associatif:2026-10-20',
    ]);
    expect(declare.status, declare.stdout + declare.stderr).toBe(0);
    const declared = join(content, 'declarations/nicolas-verhaeghe/vie-associative-moulin-des-flandres-2026.yaml');
    expect(proposed).toBe(readFileSync(declared, 'utf8'));
    writeFileSync(declared, proposed);
    const validate = npmRun('validate', ['--content', content, '--date', SAMPLE_DATE]);
    expect(validate.status, validate.stdout).toBe(0);

    // The pull request, from the branch to main, saying who and what, closing the issue.
    expect(forge.pulls).toHaveLength(1);
    const [pull] = forge.pulls;
    expect(pull).toMatchObject({ number: 13, head: BRANCH, base: 'main', state: 'open', title: 'Déclaration : nicolas-verhaeghe pour vie-associative-moulin-des-flandres-2026' });
    expect(pull.body).toContain('Déclaration proposée par @nverhaeghe avec le formulaire de l’issue #12');
    expect(pull.body).toContain('attend l’approbation d’un mainteneur');
    expect(pull.body).toMatch(/\nCloses #12$/);

    // One answer on the issue, in French, with the link.
    const answered = forge.issues.find((i) => i.number === issue.number)!;
    expect(answered.comments).toHaveLength(1);
    expect(answered.comments[0]).toContain('Bonjour @nverhaeghe, merci ! Votre déclaration est prête et proposée : https://github.com/org/depot/pull/13');
    expect(first.stdout).toContain('Demande : https://github.com/org/depot/pull/13');

    const writes = forge.writes().length;
    const second = await proposer(['--issue', '12']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('Rien à changer : la forge est déjà à jour.');
    expect(forge.writes()).toHaveLength(writes);
  }, RUNS_TIMEOUT);

  test('re-déclarer une mission déjà déclarée : la demande et la réponse disent ce qui change, la première date est gardée', async () => {
    // nicolas-verhaeghe declared bcus-residence-les-tilleuls-2026 on 2026-08-28: one commons, 20 € paid.
    const issue = submit('bonne');
    const stored = forge.issues.find((i) => i.number === issue.number)!;
    stored.body = stored.body.replace('vie-associative-moulin-des-flandres-2026', 'bcus-residence-les-tilleuls-2026');
    const run = await proposer(['--issue', '12']);
    expect(run.status, run.stderr).toBe(0);
    const file = forge.branches.get(BRANCH)!.files.get('content/declarations/nicolas-verhaeghe/bcus-residence-les-tilleuls-2026.yaml')!;
    expect(file).toContain(`date: "2026-08-28"\nmodifiee_le: "${SAMPLE_DATE}"\n`);
    const [pull] = forge.pulls;
    expect(pull.body).toContain('**Remplace une déclaration existante.** Une déclaration existe déjà pour cette mission, faite le 28 août 2026 : celle-ci la remplace et garde sa date');
    // The values are shown as code: the person's text is never rendered (links, mentions).
    expect(pull.body).toContain('```text\ncommuns_utilises[0].commun : « compagnie-des-tiers-lieux » → « movilab »\n');
    expect(pull.body).toContain('contributions_argent[0].montant_eur : 20 → 60\n');
    const answered = forge.issues.find((i) => i.number === issue.number)!;
    expect(answered.comments[0]).toContain('**Remplace une déclaration existante.**');
    expect(answered.comments[0]).toContain('contributions_argent[1].montant_eur : (absent) → 25,5');
  }, RUNS_TIMEOUT);

  test('issue modifiée : la même branche et la même demande sont mises à jour ; une autre mission fait repartir la branche de main', async () => {
    submit('bonne');
    expect((await proposer(['--issue', '12'])).status).toBe(0);
    const issue = forge.issues.find((i) => i.number === 12)!;
    issue.body = issue.body.replace('60 € ; versé', '80 € ; versé');
    const edited = await proposer(['--issue', '12']);
    expect(edited.status, edited.stderr).toBe(0);
    expect(forge.pulls).toHaveLength(1);
    expect(forge.commits.map((c) => c.branch)).toEqual([BRANCH, BRANCH]);
    expect(forge.branches.get(BRANCH)!.files.get(FILE)).toContain('montant_eur: 80');
    // The answer is the same text (same link): no second comment.
    expect(issue.comments).toHaveLength(1);

    // Another mission chosen: the branch starts again from main and carries only the new file.
    issue.body = issue.body.replace('vie-associative-moulin-des-flandres-2026', 'consortium-ruralite-bocage-avesnois-2025');
    const moved = await proposer(['--issue', '12']);
    expect(moved.status, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`faire repartir la branche ${BRANCH} de main (elle portait d’autres fichiers)`);
    expect([...forge.branches.get(BRANCH)!.files.keys()]).toEqual(['content/declarations/nicolas-verhaeghe/consortium-ruralite-bocage-avesnois-2025.yaml']);
    expect(forge.pulls).toHaveLength(1);
    expect(forge.pulls[0].title).toBe('Déclaration : nicolas-verhaeghe pour consortium-ruralite-bocage-avesnois-2025');
  }, RUNS_TIMEOUT);
});

describe('ce que d’autres ont ajouté', () => {
  test('un texte modifié en dernier par un autre compte que l’auteur : rien n’est proposé ; réenregistré par l’auteur, il l’est', async () => {
    submit('bonne');
    const issue = forge.issues.find((i) => i.number === 12)!;
    // Someone else (here the maintainer who could edit any issue) turns it into a declaration of 9 000 €.
    issue.body = issue.body.replace('60 € ; versé', '9000 € ; versé');
    issue.edits = [{ login: 'mainteneur-registre', at: '2026-11-29T10:00:00Z' }];
    const refused = await proposer(['--issue', '12']);
    expect(refused.status, refused.stderr).toBe(0);
    expect(refused.stdout).toContain('Texte modifié en dernier par @mainteneur-registre, pas par son auteur : rien n’est proposé.');
    expect(forge.pulls).toEqual([]);
    expect(forge.commits).toEqual([]);
    expect([...forge.branches.keys()]).toEqual(['main']);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toContain('Bonjour @nverhaeghe, le texte de cette issue a été modifié en dernier par un autre compte que le vôtre : le robot n’en tient pas compte');

    // The author reads it, puts back 60 € and saves: now it is theirs.
    issue.body = issue.body.replace('9000 € ; versé', '60 € ; versé');
    issue.edits.push({ login: 'nverhaeghe', at: '2026-11-29T11:00:00Z' });
    const accepted = await proposer(['--issue', '12']);
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(forge.pulls).toHaveLength(1);
    expect(forge.branches.get(BRANCH)!.files.get(FILE)).toContain('montant_eur: 60');
  }, RUNS_TIMEOUT);

  test('une branche declaration/issue-N préparée par un autre, avec sa demande : fermée, la branche repart de main', async () => {
    // Before the issue: a branch with its own files, and an open pull request whose body
    // names the very file the issue will declare.
    forge.branches.set(BRANCH, {
      sha: 'bad0000000000000000000000000000000000000',
      files: new Map([
        ['scripts/evil.ts', 'console.log("pris")'],
        ['content/declarations/karim-haddou/x.yaml', 'prestataire: karim-haddou'],
      ]),
    });
    forge.pulls.push({ number: 99, title: 'Déclaration', body: `Fichier : \`${FILE}\``, head: BRANCH, base: 'main', state: 'open', html_url: 'https://github.com/org/depot/pull/99', user: { login: 'mallory-gh', type: 'User' } });
    submit('bonne');
    const result = await proposer(['--issue', '12']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('fermer la demande #99, ouverte par @mallory-gh sur la branche du robot');
    expect(result.stdout).toContain(`faire repartir la branche ${BRANCH} de main (aucune demande du robot ne la porte)`);
    expect(forge.pulls.find((p) => p.number === 99)).toMatchObject({ state: 'closed', title: 'Déclaration' });
    expect(forge.pulls.find((p) => p.number === 99)!.comments?.[0]).toContain('cette demande, ouverte par un autre compte, est fermée');
    // The branch carries the declaration and nothing else; the bot's own request carries it.
    expect([...forge.branches.get(BRANCH)!.files.keys()]).toEqual([FILE]);
    const mine = forge.pulls.filter((p) => p.state === 'open');
    expect(mine).toHaveLength(1);
    expect(mine[0].user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    const answer = forge.issues.find((i) => i.number === 12)!.comments.at(-1)!;
    expect(answer).toContain(`Votre déclaration est prête et proposée : ${mine[0].html_url}`);
    expect(answer).not.toContain('/pull/99');
  }, RUNS_TIMEOUT);

  test('des fichiers ajoutés à la branche du robot après coup : la branche repart de main à la modification suivante', async () => {
    submit('bonne');
    expect((await proposer(['--issue', '12'])).status).toBe(0);
    forge.branches.get(BRANCH)!.files.set('scripts/evil.ts', 'console.log("ajouté")');
    const issue = forge.issues.find((i) => i.number === 12)!;
    issue.body = issue.body.replace('60 € ; versé', '80 € ; versé');
    const result = await proposer(['--issue', '12']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`faire repartir la branche ${BRANCH} de main (elle portait d’autres fichiers)`);
    expect([...forge.branches.get(BRANCH)!.files.keys()]).toEqual([FILE]);
    expect(forge.branches.get(BRANCH)!.files.get(FILE)).toContain('montant_eur: 80');
    expect(forge.pulls).toHaveLength(1);
  }, RUNS_TIMEOUT);
});

describe('une déclaration à corriger', () => {
  test('montant négatif et commun inconnu : une réponse en français qui nomme le champ, la ligne et la correction ; aucune demande', async () => {
    submit('mauvaise');
    const result = await proposer(['--issue', '13']);
    expect(result.status, result.stderr).toBe(0);
    expect(forge.pulls).toEqual([]);
    expect(forge.commits).toEqual([]);
    expect([...forge.branches.keys()]).toEqual(['main']);
    const [comment] = forge.issues.find((i) => i.number === 13)!.comments;
    expect(comment).toContain('Bonjour @nverhaeghe, merci ! La déclaration ne peut pas encore être proposée : 2 points sont à corriger.');
    expect(comment).toContain('- « Contributions en argent », ligne 1 : « montant\\_eur » doit être positif (reçu -150).');
    expect(comment).toContain('- « Contributions en argent », ligne 2 : Aucun commun « commun-imaginaire » dans communs/.');
    expect(comment).toContain('  Une ligne par contribution, ainsi : identifiant-du-commun ; montant en euros ; versé ou promis ; date JJ/MM/AAAA ; lien de preuve (facultatif).');
    expect(comment).toContain('modifiez le texte de cette issue');

    // Run again: the same answer is not written twice.
    const writes = forge.writes().length;
    expect((await proposer(['--issue', '13'])).status).toBe(0);
    expect(forge.writes()).toHaveLength(writes);

    // Fixed by the person: the pull request is opened, and a new answer gives its link.
    const issue = forge.issues.find((i) => i.number === 13)!;
    issue.body = payload('bonne').issue.body;
    expect((await proposer(['--issue', '13'])).status).toBe(0);
    expect(forge.pulls.map((p) => p.head)).toEqual(['declaration/issue-13']);
    expect(issue.comments).toHaveLength(2);
    expect(issue.comments[1]).toContain('Votre déclaration est prête et proposée : https://github.com/org/depot/pull/');
  }, RUNS_TIMEOUT);

  test('un texte trop long : refusé en une phrase, aucune demande', async () => {
    submit('trop-longue');
    expect((await proposer(['--issue', '16'])).status).toBe(0);
    expect(forge.pulls).toEqual([]);
    const [comment] = forge.issues.find((i) => i.number === 16)!.comments;
    expect(comment).toMatch(/- Le texte de l’issue : Le texte est trop long \(\d+ caractères, au plus 20000\)\./);
  }, RUNS_TIMEOUT);

  test('envoyée par un autre compte que ceux du prestataire : refusée, en disant à qui demander', async () => {
    submit('autre-compte');
    expect((await proposer(['--issue', '15'])).status).toBe(0);
    expect(forge.pulls).toEqual([]);
    const [comment] = forge.issues.find((i) => i.number === 15)!.comments;
    // The provider is named; its accounts are neither listed nor mentioned for a stranger.
    expect(comment).toContain('Le compte @\u200Bquelqu-un-d-autre n’est pas un compte de nicolas-verhaeghe : seul ce prestataire peut déclarer pour lui.');
    expect(comment).not.toContain('nverhaeghe');
    expect(comment).toContain(`demandez à un mainteneur (${MAINTAINERS.map((m) => `@\u200B${m}`).join(', ')})`);
  }, RUNS_TIMEOUT);
});

describe('une issue hostile', () => {
  test('mentions, équipes et liens dans les réponses : cités sans mentionner personne ni faire de lien', async () => {
    // S1 of forge-trust.md: a stranger's answers quoted back by the bot.
    const issue = submit('bonne');
    const planted = forge.issues.find((i) => i.number === issue.number)!;
    planted.user = { login: 'mallory-gh', id: 666 };
    planted.body = planted.body.replace('nicolas-verhaeghe', '@org/everyone @torvalds [Payez ici](https://evil.example/pay) #1');
    expect((await proposer(['--issue', '12'])).status).toBe(0);
    const [comment] = planted.comments;
    expect(comment).toContain('Bonjour @mallory-gh');
    expect(comment).toContain('« @\u200Borg/everyone @\u200Btorvalds \\[Payez ici\\](https:\u200B//evil.example/pay) \\#\u200B1 » n’est pas un identifiant');
    expect(comment).not.toMatch(/@torvalds|@org\/|\]\(https:\/\/|(^|\s)#1\b/);
    expect(forge.pulls).toEqual([]);
  }, RUNS_TIMEOUT);

  test('commandes shell, ancres YAML, __proto__, ${{ }} : proposés comme du texte, le fichier passe npm run validate tel quel', async () => {
    submit('injection');
    const result = await proposer(['--issue', '14']);
    expect(result.status, result.stderr).toBe(0);
    const text = forge.branches.get('declaration/issue-14')!.files.get(FILE)!;
    expect(text).toContain('    usage: $(rm -rf /) et `cat /etc/passwd` pour « préparer »\n');
    expect(text).toContain('    usage: "&a [1, 2] puis *a, __proto__: {admin: true}"\n');
    // The title of the pull request is made of the ids, never of the issue's title.
    expect(forge.pulls[0].title).toBe('Déclaration : nicolas-verhaeghe pour vie-associative-moulin-des-flandres-2026');
    const content = join(tempDir('cr-proposer-'), 'content');
    cpSync(SAMPLE, content, { recursive: true });
    writeFileSync(join(content, FILE.replace(/^content\//, '')), text);
    const validate = npmRun('validate', ['--content', content, '--date', SAMPLE_DATE]);
    expect(validate.status, validate.stdout).toBe(0);
  }, RUNS_TIMEOUT);
});

describe('essai à blanc et erreurs', () => {
  test('--dry-run : affiche le fichier et le plan, lit la forge sans rien écrire', async () => {
    submit('bonne');
    const result = await proposer(['--issue', '12', '--dry-run']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('prestataire: nicolas-verhaeghe\nmission: vie-associative-moulin-des-flandres-2026\n');
    expect(result.stdout).toContain(`À faire :\n  créer la branche ${BRANCH}\n  écrire ${FILE} sur ${BRANCH}\n  ouvrir la demande (pull request)\n  répondre sur l’issue`);
    expect(forge.requests.length).toBeGreaterThan(0);
    expect(forge.writes()).toEqual([]);
  }, RUNS_TIMEOUT);

  test('un événement enregistré, sans jeton : le fichier et rien d’autre', async () => {
    const result = await proposer(['--evenement', join(FIXTURES, 'issues', 'injection.json'), '--dry-run'], { GITHUB_TOKEN: '' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('    usage: "&a [1, 2] puis *a, __proto__: {admin: true}"');
    expect(forge.requests).toEqual([]);
  }, RUNS_TIMEOUT);

  test('une issue sans l’étiquette declaration : rien à faire', async () => {
    submit('bonne');
    forge.issues.find((i) => i.number === 12)!.labels = [];
    const result = await proposer(['--issue', '12']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("#12 n'est pas une issue « declaration » : rien à faire.");
    expect(forge.writes()).toEqual([]);
  }, RUNS_TIMEOUT);

  test('jeton refusé, numéro invalide : message en français, sans trace de pile', async () => {
    submit('bonne');
    const refused = await proposer(['--issue', '12'], { GITHUB_TOKEN: 'mauvais' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('La forge refuse le jeton (401) : vérifiez GITHUB_TOKEN.');
    const usage = await proposer(['--issue', '12; rm -rf /']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--issue attend un numéro d\'issue (reçu « 12; rm -rf / »).');
    expect(refused.stderr + usage.stderr).not.toMatch(/\n\s+at /);
  }, RUNS_TIMEOUT);
});
