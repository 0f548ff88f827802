// npm run rappels, run as a person or the scheduled workflow would, against a small
// forge on 127.0.0.1 (tests/forge/fake-forge.ts) and the sample content.
//
// Who must be told on 2026-11-29 (the same situations as `npm run validate -- --date
// 2026-11-29`, from situationOn and the rules of content/regles/):
//   agathe-morel           en retard: bcus-residence-les-tilleuls-2026, due by 2026-09-08
//   cabinet-trame-et-usages en retard (défaillant): urbanisme-transitoire-friche-val-ardoise-2025
//   karim-haddou           promesse échue: 25 € promised for 2025-12-15
//   karim-haddou           adhésion échue (last membership ended before 2026-11-29)
//   la-sucrerie-partagee   adhésion échue (ended 2024-12-31)
//   nicolas-verhaeghe      à déclarer: vie-associative-moulin-des-flandres-2026, by 2026-12-15
// lea-fontaine never was a member and is in no team: nothing to tell her. Put in a team,
// she is told to join (adhésion manquante), as the validator warns (adhesion_manquante).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { npmRunAsync, ROOT, SAMPLE_DATE, tempDir } from '../helpers.ts';
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

const rappels = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  npmRunAsync('rappels', ['--date', SAMPLE_DATE, ...args], {
    env: { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot', SITE_URL: '', PAGES_URL: '', ...env },
  });

const EXPECTED = [
  'agathe-morel — en retard (@amorel-urba)',
  'cabinet-trame-et-usages — en retard (@trame-usages)',
  'karim-haddou — promesse échue (@khaddou)',
  'karim-haddou — adhésion échue (@khaddou)',
  'la-sucrerie-partagee — adhésion échue (@sucrerie-partagee)',
  'nicolas-verhaeghe — à déclarer (@nverhaeghe)',
];

describe('essai à blanc', () => {
  test('sans jeton : un rappel par prestataire et par raison, rien n’est demandé à la forge', async () => {
    const result = await rappels(['--dry-run'], { GITHUB_TOKEN: '' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Rappels au 29 novembre 2026 pour org/depot : 6 rappels dus.');
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('  rappel'));
    expect(lines.map((l) => l.replace(/^ {2}rappel +/, ''))).toEqual(EXPECTED);
    expect(forge.requests).toEqual([]);
  }, RUNS_TIMEOUT);

  test('avec jeton : lit les issues ouvertes, n’écrit rien', async () => {
    const result = await rappels(['--dry-run']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Essai à blanc : 6 à ouvrir, 0 à mettre à jour, 0 à fermer, 0 inchangé. Rien n’a été écrit.');
    expect(forge.requests.length).toBeGreaterThan(0);
    expect(forge.writes()).toEqual([]);
  }, RUNS_TIMEOUT);
});

describe('jamais adhérent', () => {
  test('dans une équipe sans avoir jamais adhéré : un rappel « adhésion manquante », que validate signale aussi', async () => {
    const dir = tempDir('cr-rappels-adhesion-');
    cpSync(join(ROOT, 'content'), dir, { recursive: true });
    const mission = join(dir, 'missions', 'agenda-partage-littoral-2026.md');
    writeFileSync(mission, readFileSync(mission, 'utf8').replace('equipe:\n', 'equipe:\n  - prestataire: lea-fontaine\n    role: plancher\n    jours: 2\n'));
    const result = await rappels(['--dry-run', '--content', dir], { GITHUB_TOKEN: '' });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('  rappel')).map((l) => l.replace(/^ {2}rappel +/, ''));
    expect(lines).toContain('lea-fontaine — adhésion manquante (@lfontaine-design)');
    expect(lines.filter((l) => l.startsWith('lea-fontaine'))).toHaveLength(1);
    const validate = await npmRunAsync('validate', ['--content', dir, '--date', SAMPLE_DATE, '--format', 'json']);
    const warnings = (JSON.parse(validate.stdout) as { warnings: Array<{ file: string; code: string }> }).warnings;
    expect(warnings.filter((w) => w.code === 'adhesion_manquante').map((w) => w.file.split('/').slice(-2).join('/'))).toEqual(['missions/agenda-partage-littoral-2026.md']);
  }, RUNS_TIMEOUT);
});

describe('sur la forge', () => {
  test('ouvre une issue par prestataire et raison, en français, avec les comptes et le lien pour déclarer ; relancé, ne change rien', async () => {
    const first = await rappels([]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Fait : 6 à ouvrir, 0 à mettre à jour, 0 à fermer, 0 inchangé.');
    expect(forge.issues.map((i) => i.title)).toEqual([
      'Rappel : déclaration de réciprocité en retard — Agathe Morel',
      'Rappel : déclaration de réciprocité en retard — Cabinet Trame et Usages',
      'Rappel : promesse de versement échue — Karim Haddou',
      'Rappel : adhésion à renouveler — Karim Haddou',
      'Rappel : adhésion à renouveler — La Sucrerie Partagée',
      'Rappel : déclaration de réciprocité à faire — Nicolas Verhaeghe',
    ]);
    expect(forge.issues.every((i) => i.labels.includes('rappel'))).toBe(true);

    const nicolas = forge.issues[5].body;
    expect(nicolas).toContain('<!-- rappel-reciprocite prestataire=nicolas-verhaeghe raison=a_declarer -->');
    expect(nicolas).toContain('Bonjour @nverhaeghe,');
    expect(nicolas).toContain('à déclarer au plus tard le 15 décembre 2026');
    // The site's /declarer/ form for this provider and mission: it dates the declaration the
    // day it is written. A reminder carries no date (a pre-filled past date made a late
    // declaration read as on time).
    const declare = /\[déclarer ma réciprocité\]\(([^)]+)\)/.exec(nicolas)![1];
    const link = new URL(declare);
    expect(`${link.origin}${link.pathname}`).toBe('https://org.github.io/depot/declarer/');
    expect(Object.fromEntries(link.searchParams)).toEqual({ prestataire: 'nicolas-verhaeghe', mission: 'vie-associative-moulin-des-flandres-2026' });
    expect(nicolas).not.toMatch(/date: "|\d{4}-\d{2}-\d{2}/);
    // The site's address, derived from the repository: https://org.github.io/depot/.
    expect(nicolas).toContain('Votre fiche : https://org.github.io/depot/prestataires/nicolas-verhaeghe/');

    const karim = forge.issues[2].body;
    expect(karim).toContain('25 € à La Compagnie des Tiers-Lieux, promis pour le 15 décembre 2025');
    expect(karim).toMatch(/\[compléter ma déclaration\]\(https:\/\/org\.github\.io\/depot\/declarer\/\?prestataire=karim-haddou&mission=[a-z0-9-]+\)/);

    const writes = forge.writes().length;
    const second = await rappels([]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('Fait : 0 à ouvrir, 0 à mettre à jour, 0 à fermer, 6 inchangés.');
    expect(forge.writes()).toHaveLength(writes);
  }, RUNS_TIMEOUT);

  test('met à jour quand la situation change, ferme quand elle est réglée, une seule issue par raison', async () => {
    expect((await rappels([])).status).toBe(0);
    // A copy opened by hand for Agathe, and a pull request carrying the same marker.
    const agathe = forge.issues[0];
    forge.issues.push({ ...agathe, number: forge.issues.length + 1, comments: [] });
    forge.issues.push({ ...agathe, number: forge.issues.length + 1, comments: [], pull_request: {} });
    // 120 unrelated open issues: the listing takes two pages.
    for (let i = 0; i < 120; i++) forge.issues.push({ number: forge.issues.length + 1, title: `Autre ${i}`, body: 'sans rapport', state: 'open', state_reason: null, labels: [], comments: [] });

    // On 2026-12-20: Karim's promise has grown (25 → 40 €), Nicolas's deadline (12-15) has
    // passed, and Claire's promise of 25 € to the cahier d'activité (due 12-15) has too. The
    // ferme du Pré commun ended on 12-18: Claire's and Sophie's declarations of November,
    // made before its end, are provisional, so each has a declaration to make.
    const content = join(tempDir('cr-rappels-'), 'content');
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    const file = join(content, 'declarations/karim-haddou/consortium-ruralite-bocage-avesnois-2025.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('montant_eur: 25', 'montant_eur: 40'));
    const result = await rappels(['--content', content, '--date', '2026-12-20']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Fait : 4 à ouvrir, 1 à mettre à jour, 2 à fermer, 4 inchangés.');

    const byNumber = (n: number) => forge.issues.find((i) => i.number === n)!;
    expect(byNumber(3).body).toContain('40 € à La Compagnie des Tiers-Lieux');
    expect(byNumber(7)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(byNumber(7).comments[0]).toContain('Doublon');
    expect(byNumber(8).state).toBe('open');
    expect(byNumber(6)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(byNumber(6).comments).toEqual(['Situation réglée au 20 décembre 2026 d’après le registre : ce rappel est fermé. Merci !']);
    const titles = forge.issues.slice(-4).map((i) => i.title);
    expect(titles).toContain('Rappel : promesse de versement échue — Claire Vandamme');
    expect(titles).toContain('Rappel : déclaration de réciprocité à faire — Sophie Lemaire');
    const opened = forge.issues.find((i) => i.title === 'Rappel : déclaration de réciprocité en retard — Nicolas Verhaeghe')!;
    expect(opened.body).toContain('attendue au plus tard le 15 décembre 2026 ; défaillant, et hors du cercle, après le 14 avril 2027');
    expect(forge.requests.filter((r) => r.method === 'GET' && r.path.includes('page=2')).length).toBeGreaterThan(0);
  }, RUNS_TIMEOUT);
});

describe('issues plantées', () => {
  test('une issue écrite par un autre compte avec le marqueur n’est jamais reprise, mise à jour ni fermée', async () => {
    // Mallory copies Karim's marker (to take his reminder over), and plants 60 issues with
    // markers for providers that do not exist (to make the bot close them in bulk).
    const planted = (number: number, prestataire: string) => ({
      number,
      title: 'Payez ici',
      body: `Payez ici : https://evil.example\n<!-- rappel-reciprocite prestataire=${prestataire} raison=adhesion_echue -->`,
      state: 'open' as const,
      state_reason: null,
      labels: ['rappel'],
      comments: [],
      user: { login: 'mallory-gh', id: 666, type: 'User' as const },
    });
    forge.issues.push(planted(1, 'karim-haddou'));
    for (let i = 0; i < 60; i++) forge.issues.push(planted(forge.issues.length + 1, `inconnu-${i}`));
    // Even an account named like a bot, if the forge does not say it is the workflows' bot.
    forge.issues.push({ ...planted(forge.issues.length + 1, 'karim-haddou'), user: { login: 'github-actions[bot]', id: 7, type: 'User' } });
    const before = JSON.stringify(forge.issues);

    const result = await rappels([]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Fait : 6 à ouvrir, 0 à mettre à jour, 0 à fermer, 0 inchangé.');
    expect(result.stdout).not.toContain('#1 ');
    // The planted issues are exactly as they were; the bot opened its own, after them.
    expect(JSON.stringify(forge.issues.slice(0, 62))).toBe(before);
    expect(forge.writes().filter((w) => /\/issues\/\d+/.test(w.path))).toEqual([]);
    expect(forge.issues.slice(62).map((i) => i.title)).toContain('Rappel : adhésion à renouveler — Karim Haddou');
  }, RUNS_TIMEOUT);
});

describe('erreurs', () => {
  test('une issue refusée par la forge n’empêche pas les suivantes (sortie 1, l’action refusée nommée)', async () => {
    // The forge refuses Karim's issues (as GitHub refuses a body over 65,536 characters):
    // the reminders after him in id order are still opened.
    forge.refuseWrites((r) => r.method === 'POST' && /Karim Haddou/.test(String((r.body as { title?: string })?.title)));
    const result = await rappels([]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('2 actions refusées par la forge (les autres ont été faites) :');
    expect(result.stderr).toContain('  ouvrir     karim-haddou — promesse échue (@khaddou)\n    La forge n’a pas répondu comme prévu (422)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(forge.issues.map((i) => i.title)).toEqual([
      'Rappel : déclaration de réciprocité en retard — Agathe Morel',
      'Rappel : déclaration de réciprocité en retard — Cabinet Trame et Usages',
      'Rappel : adhésion à renouveler — La Sucrerie Partagée',
      'Rappel : déclaration de réciprocité à faire — Nicolas Verhaeghe',
    ]);
  }, RUNS_TIMEOUT);

  test('sans jeton et sans --dry-run : erreur d’usage en français (sortie 2)', async () => {
    const result = await rappels([], { GITHUB_TOKEN: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GITHUB_TOKEN manque');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(forge.requests).toEqual([]);
  }, RUNS_TIMEOUT);

  test('un jeton refusé : message en français (sortie 1), sans trace de pile', async () => {
    const result = await rappels([], { GITHUB_TOKEN: 'mauvais' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('La forge refuse le jeton (401) : vérifiez GITHUB_TOKEN.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, RUNS_TIMEOUT);
});
