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
//   compagnie-des-tiers-lieux (its stewards): 4 payments declared « versé » to confirm
// lea-fontaine never was a member and is in no team: nothing to tell her. Put in a team,
// she is told to join (adhésion manquante), as the validator warns (adhesion_manquante).
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MAINTAINERS, npmRunAsync, SAMPLE, SAMPLE_DATE, SAMPLE_DIR, tempDir } from '../helpers.ts';
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
  npmRunAsync('rappels', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE, ...args], {
    env: { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot', SITE_URL: 'https://org.github.io/depot/', PAGES_URL: '', ...env },
  });

const EXPECTED = [
  'agathe-morel — en retard (@amorel-urba)',
  'cabinet-trame-et-usages — en retard (@trame-usages)',
  'karim-haddou — promesse échue (@khaddou)',
  'karim-haddou — adhésion échue (@khaddou)',
  'la-sucrerie-partagee — adhésion échue (@sucrerie-partagee)',
  'nicolas-verhaeghe — à déclarer (@nverhaeghe)',
  'commun compagnie-des-tiers-lieux — à confirmer (@tresorerie-compagnie, @animation-compagnie)',
];

describe('essai à blanc', () => {
  test('sans jeton : un rappel par prestataire et par raison, rien n’est demandé à la forge', async () => {
    const result = await rappels(['--dry-run'], { GITHUB_TOKEN: '' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Rappels au 29 novembre 2026 pour org/depot : 7 rappels dus.');
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('  rappel'));
    expect(lines.map((l) => l.replace(/^ {2}rappel +/, ''))).toEqual(EXPECTED);
    expect(forge.requests).toEqual([]);
  }, RUNS_TIMEOUT);

  test('avec jeton : lit les issues ouvertes, n’écrit rien', async () => {
    const result = await rappels(['--dry-run']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Essai à blanc : 7 à ouvrir, 0 à mettre à jour, 0 à fermer, 0 inchangé. Rien n’a été écrit.');
    expect(forge.requests.length).toBeGreaterThan(0);
    expect(forge.writes()).toEqual([]);
  }, RUNS_TIMEOUT);
});

describe('jamais adhérent', () => {
  test('dans une équipe sans avoir jamais adhéré : un rappel « adhésion manquante », que validate signale aussi', async () => {
    const dir = tempDir('cr-rappels-adhesion-');
    cpSync(SAMPLE, dir, { recursive: true });
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
    expect(first.stdout).toContain('Fait : 7 à ouvrir, 0 à mettre à jour, 0 à fermer, 0 inchangé.');
    expect(forge.issues.map((i) => i.title)).toEqual([
      'Rappel : déclaration de réciprocité en retard — Agathe Morel',
      'Rappel : déclaration de réciprocité en retard — Cabinet Trame et Usages',
      'Rappel : promesse de versement échue — Karim Haddou',
      'Rappel : adhésion à renouveler — Karim Haddou',
      'Rappel : adhésion à renouveler — La Sucrerie Partagée',
      'Rappel : déclaration de réciprocité à faire — Nicolas Verhaeghe',
      'Rappel : versements à confirmer — La Compagnie des Tiers-Lieux',
    ]);
    // « rappel », and the reason in words: a maintainer filters on either.
    expect(forge.issues.map((i) => i.labels)).toEqual([
      ['rappel', 'en retard'],
      ['rappel', 'en retard'],
      ['rappel', 'promesse échue'],
      ['rappel', 'adhésion échue'],
      ['rappel', 'adhésion échue'],
      ['rappel', 'à déclarer'],
      ['rappel', 'à confirmer'],
    ]);

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
    expect(second.stdout).toContain('Fait : 0 à ouvrir, 0 à mettre à jour, 0 à fermer, 7 inchangés.');
    expect(forge.writes()).toHaveLength(writes);
  }, RUNS_TIMEOUT);

  test('un changement d’état met à jour la même issue (titre, corps, étiquette) et le dit ; une seule issue par sujet', async () => {
    expect((await rappels([])).status).toBe(0);
    // A copy opened by hand for Agathe, and a pull request carrying the same marker.
    const agathe = forge.issues[0];
    forge.issues.push({ ...agathe, number: forge.issues.length + 1, comments: [] });
    forge.issues.push({ ...agathe, number: forge.issues.length + 1, comments: [], pull_request: {} });
    // A label a maintainer added to Nicolas's reminder: kept through the change.
    forge.issues[5].labels.push('suivi');
    // 120 unrelated open issues: the listing takes two pages.
    for (let i = 0; i < 120; i++) forge.issues.push({ number: forge.issues.length + 1, title: `Autre ${i}`, body: 'sans rapport', state: 'open', state_reason: null, labels: [], comments: [] });

    // On 2026-12-20: Karim's promise has grown (25 → 40 €), Nicolas's deadline (12-15) has
    // passed, Claire's promise of 25 € to the cahier d'activité (due 12-15) has too, and
    // Claire's and Sophie's declarations of November, made before the end of the ferme du
    // Pré commun (12-18), are provisional. Nine memberships end on 12-31, within the
    // 30 days' notice of the rules.
    const content = join(tempDir('cr-rappels-'), 'content');
    cpSync(SAMPLE, content, { recursive: true });
    const file = join(content, 'declarations/karim-haddou/consortium-ruralite-bocage-avesnois-2025.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('montant_eur: 25', 'montant_eur: 40'));
    const result = await rappels(['--content', content, '--date', '2026-12-20']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Fait : 12 à ouvrir, 2 à mettre à jour, 1 à fermer, 5 inchangés.');
    expect(result.stdout).toContain('  mettre à jour #6 nicolas-verhaeghe — en retard (@nverhaeghe) (était : à déclarer)');

    const byNumber = (n: number) => forge.issues.find((i) => i.number === n)!;
    expect(byNumber(3).body).toContain('40 € à La Compagnie des Tiers-Lieux');
    expect(byNumber(8)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(byNumber(8).comments[0]).toContain('Doublon');
    expect(byNumber(9).state).toBe('open');
    // Nicolas: the same issue, now « en retard », never closed with thanks; a comment says it (an edit alone notifies nobody).
    expect(byNumber(6)).toMatchObject({ state: 'open', title: 'Rappel : déclaration de réciprocité en retard — Nicolas Verhaeghe', labels: ['suivi', 'rappel', 'en retard'] });
    expect(byNumber(6).body).toContain('attendue au plus tard le 15 décembre 2026 ; défaillant, et hors du cercle, après le 14 avril 2027');
    expect(byNumber(6).comments).toEqual(['La situation a changé au 20 décembre 2026 : « à déclarer » devient « en retard ». Le message ci-dessus est à jour.']);
    expect(forge.issues.filter((i) => i.title.includes('Nicolas Verhaeghe') && !i.pull_request)).toHaveLength(1);
    const titles = forge.issues.slice(-12).map((i) => i.title);
    expect(titles).toContain('Rappel : promesse de versement échue — Claire Vandamme');
    expect(titles).toContain('Rappel : déclaration de réciprocité à faire — Sophie Lemaire');
    expect(titles).toContain('Rappel : adhésion qui se termine bientôt — Julien Dufresne');
    const ending = forge.issues.find((i) => i.title === 'Rappel : adhésion qui se termine bientôt — Julien Dufresne')!;
    expect(ending.body).toContain('Votre adhésion à l’association se termine le 31 décembre 2026, et aucune période n’est enregistrée après.');
    expect(ending.body).toContain('Ce rappel part 30 jours avant la fin : [la règle](https://org.github.io/depot/regles/#2024-04-01-adhesion).');
    expect(forge.requests.filter((r) => r.method === 'GET' && r.path.includes('page=2')).length).toBeGreaterThan(0);

    // Then Karim pays his promise (he still has a membership to renew) and Nicolas
    // declares: thanks only to the one who is up to date.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/statut: promis\n(\s+)date: "?2025-12-15"?/, 'statut: verse\n$1date: "2025-12-15"\n$1preuve: https://dons.example.org/recu/karim'));
    const nicolas = join(content, 'declarations/nicolas-verhaeghe/vie-associative-moulin-des-flandres-2026.yaml');
    writeFileSync(
      nicolas,
      'prestataire: nicolas-verhaeghe\nmission: vie-associative-moulin-des-flandres-2026\ndate: "2026-12-20"\ncommuns_utilises:\n  - commun: compagnie-des-tiers-lieux\n    usage: Méthodes du réseau.\ncontributions_argent:\n  - commun: compagnie-des-tiers-lieux\n    montant_eur: 500\n    statut: verse\n    date: "2026-12-20"\n    preuve: https://dons.example.org/recu/nicolas\ncontributions_nature: []\n',
    );
    const third = await rappels(['--content', content, '--date', '2026-12-20']);
    expect(third.status, third.stderr).toBe(0);
    expect(byNumber(3)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(byNumber(3).comments.at(-1)).toBe('Plus rien à faire pour « promesse échue » d’après le registre au 20 décembre 2026 : ce rappel est fermé. Le reste de la situation est sur la fiche : https://org.github.io/depot/prestataires/karim-haddou/');
    expect(byNumber(6)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(byNumber(6).comments.at(-1)).toBe('Situation réglée au 20 décembre 2026 d’après le registre : ce rappel est fermé. Merci !');
  }, RUNS_TIMEOUT);

  test('un prestataire sans compte sur la forge : dans un seul récapitulatif pour les mainteneurs', async () => {
    const content = join(tempDir('cr-rappels-'), 'content');
    cpSync(SAMPLE, content, { recursive: true });
    for (const id of ['agathe-morel', 'nicolas-verhaeghe']) {
      const profile = join(content, `prestataires/${id}.md`);
      writeFileSync(profile, readFileSync(profile, 'utf8').replace(/comptes_forge:\n(\s+- [^\n]+\n)+/, '').replace(/comptes_forge: \[[^\]]*\]\n/, ''));
    }
    const result = await rappels(['--content', content]);
    expect(result.status, result.stderr).toBe(0);
    expect(forge.issues.some((i) => /Agathe Morel|Nicolas Verhaeghe/.test(i.title))).toBe(false);
    const digest = forge.issues.find((i) => i.title === 'Rappel : rappels à transmettre sans compte sur la forge')!;
    expect(digest.body).toContain(`Bonjour ${MAINTAINERS.map((m) => `@${m}`).join(', ')},`);
    expect(digest.body).toContain('- **Agathe Morel** : déclaration de réciprocité en retard — https://org.github.io/depot/prestataires/agathe-morel/');
    expect(digest.body).toContain('- **Nicolas Verhaeghe** : déclaration de réciprocité à faire — https://org.github.io/depot/prestataires/nicolas-verhaeghe/');
    expect(digest.labels).toEqual(['rappel', 'sans compte']);
  }, RUNS_TIMEOUT);

  test('sans rapport des liens du jour, les rappels « lien mort » restent comme ils sont', async () => {
    // A dead-link reminder opened the day before for Karim.
    forge.issues.push({ number: 1, title: 'Rappel : lien de preuve qui ne répond plus — Karim Haddou', body: '<!-- rappel-reciprocite prestataire=karim-haddou raison=lien_mort -->\nBonjour', state: 'open', state_reason: null, labels: ['rappel', 'lien mort'], comments: [], user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } });
    const result = await rappels(['--liens', join(tempDir('cr-rappels-'), 'absent.json')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Rapport des liens introuvable');
    expect(result.stdout).toContain('  gardé      #1 Rappel : lien de preuve qui ne répond plus — Karim Haddou');
    expect(forge.issues[0]).toMatchObject({ state: 'open', comments: [] });
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
    expect(result.stdout).toContain('Fait : 7 à ouvrir, 0 à mettre à jour, 0 à fermer, 0 inchangé.');
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
      'Rappel : versements à confirmer — La Compagnie des Tiers-Lieux',
    ]);
  }, RUNS_TIMEOUT);

  test('limites de débit : attendues quand la forge dit combien de temps, dans une limite ; au-delà, les autres continuent', async () => {
    const creates = (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith('/issues');
    // A secondary limit, a primary one (reset in 1 s) and a 429 on the first writes: waited for, then done.
    forge.limit('secondaire', 1, creates, 1);
    forge.limit('primaire', 1, creates, 1);
    forge.limit('429', 1, creates, 1);
    const result = await rappels([]);
    expect(result.status, result.stderr).toBe(0);
    expect(forge.issues.filter((i) => i.state === 'open')).toHaveLength(7);
    // A limit longer than the wait allowed: that request fails, saying so; the others are written.
    const late = await startFakeForge('org', 'depot', { token: TOKEN });
    try {
      late.limit('secondaire', 5, (r) => r.method === 'POST' && /Karim Haddou/.test(String((r.body as { title?: string })?.title)), 600);
      const limited = await npmRunAsync('rappels', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE], { env: { GITHUB_API_URL: late.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot', SITE_URL: 'https://org.github.io/depot/', PAGES_URL: '' } });
      expect(limited.status).toBe(1);
      expect(limited.stderr).toContain('La forge limite le nombre de demandes (403) et demande d’attendre 600 s, plus que les 120 s permises : le reste sera fait au prochain passage (relancez plus tard).');
      expect(late.issues).toHaveLength(5);
    } finally {
      await late.close();
    }
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
