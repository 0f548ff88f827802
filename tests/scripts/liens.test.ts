// npm run liens against a web server on 127.0.0.1 (named liens.localhost) whose pages answer in every way a
// proof link can: a link that fails is asked again after a pause, a server refusing
// robots (401, 403, 429) is not a dead link, and a link is called dead (in the report,
// the reminders and the site) only after failing on three daily checks in a row; when
// most links go unanswered at once, the network is said to be down and no verdict changes. This
// very machine is asked only with --boucle-locale (for a trial); without it, and for
// private and link-local addresses, nothing is asked at all; redirects are few and each
// is checked; the whole run keeps to its time budget, taking each provider in turn.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseTree, FIXTURE_DATE, npmRunAsync, siteTempDir, tempDir } from '../helpers.ts';

const TIMEOUT = 300_000;
let server: Server;
let origin: string;
let tree: string;
let report: string;
const seen: string[] = [];
let onceCount = 0;
const DAYS = ['2025-07-13', '2025-07-14', FIXTURE_DATE];
// Fast retries for the tests: one more try, after a tenth of a second.
const QUICK = ['--essais', '1', '--pause', '0.1'];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/ok') return res.writeHead(200).end('ok');
    if (req.url === '/redirige') return res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/sans-head') return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    if (req.url === '/erreur') return res.writeHead(500).end();
    // Fails the first time it is asked, answers the second: a passing hiccup.
    if (req.url === '/une-fois') return res.writeHead(++onceCount % 2 === 1 ? 503 : 200).end();
    if (req.url === '/robots') return res.writeHead(403).end();
    if (req.url === '/connexion') return res.writeHead(401).end();
    if (req.url === '/lent' || req.url?.startsWith('/silence/')) return; // never answers
    if (req.url === '/vers-prive') return res.writeHead(302, { location: 'http://10.1.2.3/recu' }).end();
    if (req.url === '/vers-metadonnees') return res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (req.url === '/vivant') return res.writeHead(200).end('ok');
    if (req.url === '/boucle') return res.writeHead(302, { location: '/boucle' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A .localhost name (RFC 6761: the loopback): the schema refuses bare IP addresses.
  origin = `http://liens.localhost:${(server.address() as AddressInfo).port}`;

  // The base tree's declaration gets eight proofs: two dead by status, one silent, one
  // that refuses HEAD, one redirected, one that fails once, two that refuse robots; its
  // deliverable is alive.
  tree = baseTree();
  const declaration = join(tree, 'declarations/alice-conseil/mission-terminee.yaml');
  const payment = (amount: number, path: string) =>
    `  - commun: reseau-test\n    montant_eur: ${amount}\n    statut: verse\n    date: "2025-07-05"\n    preuve: ${origin}${path}\n`;
  writeFileSync(
    declaration,
    readFileSync(declaration, 'utf8')
      .replace('    preuve: https://dons.example.org/recu/1\n', `    preuve: ${origin}/absent\n${payment(10, '/erreur')}${payment(11, '/lent')}${payment(12, '/redirige')}${payment(13, '/une-fois')}${payment(14, '/robots')}${payment(15, '/connexion')}`)
      .replace('lien: https://wiki.example.org/fiche', `lien: ${origin}/sans-head`),
  );
  const mission = join(tree, 'missions/mission-terminee.md');
  writeFileSync(mission, readFileSync(mission, 'utf8').replace('url: https://docs.example.org/guide', `url: ${origin}/ok`));
  report = join(tempDir('cr-liens-'), 'liens.json');
}, TIMEOUT);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('npm run liens', () => {
  test('un lien n’est dit mort qu’après trois vérifications quotidiennes de suite en échec', async () => {
    const dir = tempDir('cr-liens-');
    let previous: string | null = null;
    const runs = [];
    for (const day of DAYS) {
      const out = join(dir, `liens-${day}.json`);
      const result = await npmRunAsync('liens', ['--content', tree, '--date', day, '--delai', '1', ...QUICK, ...(previous ? ['--precedent', previous] : []), '--sortie', out, '--boucle-locale']);
      expect(result.status, result.stderr).toBe(0);
      runs.push({ stdout: result.stdout, report: JSON.parse(readFileSync(out, 'utf8')) });
      previous = out;
    }
    const failing = [
      { url: `${origin}/absent`, statut: 404, raison: 'page introuvable' },
      { url: `${origin}/erreur`, statut: 500, raison: 'réponse 500' },
      { url: `${origin}/lent`, statut: null, raison: 'pas de réponse en 1 s' },
    ];
    // Day 1 and 2: followed, not dead; nothing on the pages or in the reminders.
    expect(runs[0].report).toEqual({ date: DAYS[0], verifies: 9, jours_avant_mort: 3, morts: [], en_echec: failing.map((f) => ({ ...f, depuis: DAYS[0], jours: 1 })) });
    expect(runs[0].stdout).toContain('9 liens vérifiés, 0 mort, 3 en échec (pas encore 3 jours de suite).');
    expect(runs[0].stdout).toContain(`declarations/alice-conseil/mission-terminee.yaml  en échec (page introuvable), vérification 1 sur 3 avant de le dire mort, dans « preuve » : ${origin}/absent`);
    expect(runs[1].report.en_echec.map((f: { jours: number }) => f.jours)).toEqual([2, 2, 2]);
    // Day 3: dead, since the first day.
    expect(runs[2].report).toEqual({ date: FIXTURE_DATE, verifies: 9, jours_avant_mort: 3, morts: failing.map((f) => ({ ...f, depuis: DAYS[0], jours: 3 })), en_echec: [] });
    expect(runs[2].stdout).toContain('9 liens vérifiés, 3 morts.');
    expect(runs[2].stdout).toContain(`declarations/alice-conseil/mission-terminee.yaml  avertissement : lien mort (page introuvable, en échec depuis le 13 juillet 2025) dans « preuve » : ${origin}/absent`);
    writeFileSync(report, readFileSync(previous!, 'utf8'));
    // HEAD first; GET only where the server refused HEAD.
    expect(seen).toContain('HEAD /sans-head');
    expect(seen).toContain('GET /sans-head');
    expect(seen).not.toContain('GET /absent');
    // A failure that may pass is asked again (a server error, no answer); a missing page is not.
    expect(seen.filter((r) => r === 'HEAD /erreur')).toHaveLength(6);
    expect(seen.filter((r) => r === 'HEAD /absent')).toHaveLength(3);
  }, TIMEOUT);

  test('une panne passagère, un serveur qui refuse les robots (401, 403) : pas un lien mort', async () => {
    const out = join(tempDir('cr-liens-'), 'liens.json');
    const result = await npmRunAsync('liens', ['--content', tree, '--date', FIXTURE_DATE, '--delai', '1', ...QUICK, '--sortie', out, '--boucle-locale']);
    expect(result.status, result.stderr).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { en_echec: { url: string }[] };
    const urls = written.en_echec.map((f) => f.url);
    for (const path of ['/une-fois', '/robots', '/connexion', '/sans-head', '/redirige']) expect(urls).not.toContain(`${origin}${path}`);
    // The hiccup was asked twice: it failed, then answered.
    expect(seen.filter((r) => r === 'HEAD /une-fois').length).toBeGreaterThanOrEqual(2);
  }, TIMEOUT);

  test('quand la plupart des liens restent sans réponse, le réseau est dit coupé et rien ne change', async () => {
    // Every link of the tree is silent: the runner's network, not the links.
    const dir = baseTree();
    const declaration = join(dir, 'declarations/alice-conseil/mission-terminee.yaml');
    const silent = Array.from({ length: 5 }, (_, i) => `  - commun: reseau-test\n    montant_eur: 1\n    statut: verse\n    date: "2025-07-05"\n    preuve: ${origin}/silence/coupe-${i}\n`).join('');
    writeFileSync(declaration, readFileSync(declaration, 'utf8').replace('    preuve: https://dons.example.org/recu/1\n', `    preuve: ${origin}/silence/coupe\n${silent}`).replace('lien: https://wiki.example.org/fiche', `lien: ${origin}/silence/coupe-lien`));
    const mission = join(dir, 'missions/mission-terminee.md');
    writeFileSync(mission, readFileSync(mission, 'utf8').replace('url: https://docs.example.org/guide', `url: ${origin}/silence/coupe-livrable`));
    // The day before, one of them was already failing for two days.
    const before = join(tempDir('cr-liens-'), 'veille.json');
    const yesterday = { date: '2025-07-14', verifies: 8, jours_avant_mort: 3, morts: [], en_echec: [{ url: `${origin}/silence/coupe`, statut: null, raison: 'pas de réponse en 1 s', depuis: '2025-07-13', jours: 2 }] };
    writeFileSync(before, JSON.stringify(yesterday));
    const out = join(tempDir('cr-liens-'), 'liens.json');
    const result = await npmRunAsync('liens', ['--content', dir, '--date', FIXTURE_DATE, '--delai', '1', ...QUICK, '--precedent', before, '--sortie', out, '--boucle-locale']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Le réseau semble coupé : 8 liens sur 8 sans aucune réponse, même après un nouvel essai. Aucun verdict ne change : ceux du rapport précédent sont gardés.');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ ...yesterday, date: FIXTURE_DATE, reseau_coupe: true });
  }, TIMEOUT);

  test('sans rapport précédent lisible, chaque échec compte pour un premier jour, et il le dit', async () => {
    const bad = join(tempDir('cr-liens-'), 'veille.json');
    writeFileSync(bad, '<html>404</html>');
    const result = await npmRunAsync('liens', ['--content', tree, '--date', FIXTURE_DATE, '--delai', '1', ...QUICK, '--precedent', bad, '--boucle-locale']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Rapport de liens illisible');
    expect(result.stdout).toContain('chaque lien en échec aujourd’hui compte pour un premier jour');
    const missing = await npmRunAsync('liens', ['--content', tree, '--date', FIXTURE_DATE, '--delai', '1', ...QUICK, '--precedent', join(tempDir('cr-liens-'), 'absent.json'), '--boucle-locale']);
    expect(missing.stdout).toContain('Pas de rapport précédent');
  }, TIMEOUT);

  test('sans --boucle-locale, la machine elle-même n’est jamais interrogée', async () => {
    const before = seen.length;
    const out = join(tempDir('cr-liens-'), 'liens.json');
    const result = await npmRunAsync('liens', ['--content', tree, '--date', FIXTURE_DATE, '--delai', '1', '--jours', '1', '--sortie', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('9 liens vérifiés, 9 morts.');
    expect(result.stdout).toContain(`lien mort (adresse de la machine elle-même (127.0.0.1) : non vérifié) dans « preuve » : ${origin}/absent`);
    expect(seen.length).toBe(before);
  }, TIMEOUT);

  test('redirections : vers une adresse privée ou locale, refusée sans être demandée ; trois au plus', async () => {
    const dir = baseTree();
    const declaration = join(dir, 'declarations/alice-conseil/mission-terminee.yaml');
    writeFileSync(
      declaration,
      readFileSync(declaration, 'utf8')
        .replace('https://dons.example.org/recu/1', `${origin}/vers-prive`)
        .replace('lien: https://wiki.example.org/fiche', `lien: ${origin}/vers-metadonnees`),
    );
    const mission = join(dir, 'missions/mission-terminee.md');
    writeFileSync(mission, readFileSync(mission, 'utf8').replace('url: https://docs.example.org/guide', `url: ${origin}/boucle`));
    const before = seen.length;
    const result = await npmRunAsync('liens', ['--content', dir, '--date', FIXTURE_DATE, '--delai', '5', '--jours', '1', '--boucle-locale']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`lien mort (adresse privée, locale ou réservée (10.1.2.3) : non vérifié) dans « preuve » : ${origin}/vers-prive`);
    expect(result.stdout).toContain(`lien mort (adresse privée, locale ou réservée (169.254.169.254) : non vérifié) dans « lien » : ${origin}/vers-metadonnees`);
    expect(result.stdout).toContain(`lien mort (plus de 3 redirections) dans « livrable » : ${origin}/boucle`);
    // The loop was followed three times after the first request, HEAD only.
    expect(seen.slice(before).filter((r) => r === 'HEAD /boucle')).toHaveLength(4);
  }, TIMEOUT);

  test('un budget de temps pour tout le passage, chaque prestataire à son tour', async () => {
    // 60 links of Alice that never answer, and the mission's deliverable, which does.
    const dir = baseTree();
    const declaration = join(dir, 'declarations/alice-conseil/mission-terminee.yaml');
    const silent = Array.from({ length: 60 }, (_, i) => `  - commun: reseau-test\n    montant_eur: 1\n    statut: verse\n    date: "2025-07-05"\n    preuve: ${origin}/silence/${i}\n`).join('');
    writeFileSync(declaration, readFileSync(declaration, 'utf8').replace('    preuve: https://dons.example.org/recu/1\n', `    preuve: https://dons.example.org/recu/1\n${silent}`));
    const mission = join(dir, 'missions/mission-terminee.md');
    writeFileSync(mission, readFileSync(mission, 'utf8').replace('url: https://docs.example.org/guide', `url: ${origin}/vivant`));
    const out = join(tempDir('cr-liens-'), 'liens.json');
    const started = Date.now();
    const result = await npmRunAsync('liens', ['--content', dir, '--date', FIXTURE_DATE, '--delai', '30', '--budget', '3', '--sortie', out, '--boucle-locale']);
    expect(result.status, result.stderr).toBe(0);
    // 60 silent links at 30 s each, 8 at a time, would take about 4 minutes: the budget
    // stops the run (npm and the loading of the registry take a few seconds more).
    expect(Date.now() - started).toBeLessThan(60_000);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { verifies: number; non_verifies: number; morts: unknown[] };
    expect(written.verifies + written.non_verifies).toBe(63);
    expect(written.non_verifies).toBeGreaterThan(50);
    expect(result.stdout).toMatch(/\d+ liens non vérifiés dans le temps imparti \(3 s\)/);
    // The missions' deliverable was asked in the first round, before Alice's silent links.
    expect(seen).toContain('HEAD /vivant');
  }, TIMEOUT);

  test('les rappels y ajoutent un rappel « lien mort » pour le prestataire', async () => {
    const result = await npmRunAsync('rappels', ['--content', tree, '--date', FIXTURE_DATE, '--dry-run', '--liens', report], { env: { GITHUB_TOKEN: '' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('alice-conseil — lien mort');
  }, TIMEOUT);

  test('le site l’affiche à côté du lien, sur la fiche du prestataire', async () => {
    const out = siteTempDir('liens-');
    const result = await npmRunAsync('build', ['--content', tree, '--date', FIXTURE_DATE, '--out', out, '--liens', report]);
    expect(result.status, result.stderr).toBe(0);
    const page = readFileSync(join(out, 'prestataires/alice-conseil/index.html'), 'utf8');
    expect(page).toContain(`<a href="${origin}/absent" rel="nofollow ugc">preuve</a><span class="lien-mort" title="${origin}/absent"> — ⚠ lien mort (page introuvable, en échec depuis le 13\u00a0juillet 2025, vérifié le 15\u00a0juillet 2025)</span>`);
    expect(page.match(/class="lien-mort"/g)).toHaveLength(3);
    // The report is published as read: the next day's run reads it back (--precedent).
    expect(JSON.parse(readFileSync(join(out, 'donnees/liens.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(report, 'utf8')));
  }, TIMEOUT);

  test('un rapport illisible : erreur d’usage en français (sortie 2)', async () => {
    const bad = join(tempDir('cr-liens-'), 'faux.json');
    writeFileSync(bad, '{"date": 1}');
    const result = await npmRunAsync('rappels', ['--content', tree, '--date', FIXTURE_DATE, '--dry-run', '--liens', bad], { env: { GITHUB_TOKEN: '' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Rapport de liens illisible');
  }, TIMEOUT);
});
