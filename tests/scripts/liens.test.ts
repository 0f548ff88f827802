// npm run liens against a web server on 127.0.0.1 (named liens.localhost) whose pages answer in every way a
// proof link can: the dead ones go into the report, the reminders and the site. This
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

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/ok') return res.writeHead(200).end('ok');
    if (req.url === '/redirige') return res.writeHead(302, { location: '/ok' }).end();
    if (req.url === '/sans-head') return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    if (req.url === '/erreur') return res.writeHead(500).end();
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

  // The base tree's declaration gets five proofs: two dead by status, one silent,
  // one that refuses HEAD, one redirected; its deliverable is alive.
  tree = baseTree();
  const declaration = join(tree, 'declarations/alice-conseil/mission-terminee.yaml');
  const payment = (amount: number, path: string) =>
    `  - commun: reseau-test\n    montant_eur: ${amount}\n    statut: verse\n    date: "2025-07-05"\n    preuve: ${origin}${path}\n`;
  writeFileSync(
    declaration,
    readFileSync(declaration, 'utf8')
      .replace('    preuve: https://dons.example.org/recu/1\n', `    preuve: ${origin}/absent\n${payment(10, '/erreur')}${payment(11, '/lent')}${payment(12, '/redirige')}`)
      .replace('lien: https://wiki.example.org/fiche', `lien: ${origin}/sans-head`),
  );
  const mission = join(tree, 'missions/mission-terminee.md');
  writeFileSync(mission, readFileSync(mission, 'utf8').replace('url: https://docs.example.org/guide', `url: ${origin}/ok`));
  report = join(tempDir('cr-liens-'), 'liens.json');
}, TIMEOUT);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('npm run liens', () => {
  test('signale les liens morts avec leur fichier, et écrit le rapport', async () => {
    const result = await npmRunAsync('liens', ['--content', tree, '--date', FIXTURE_DATE, '--delai', '1', '--sortie', report, '--boucle-locale']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('6 liens vérifiés, 3 morts.');
    expect(result.stdout).toContain(`declarations/alice-conseil/mission-terminee.yaml  avertissement : lien mort (page introuvable) dans « preuve » : ${origin}/absent`);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({
      date: FIXTURE_DATE,
      verifies: 6,
      morts: [
        { url: `${origin}/absent`, statut: 404, raison: 'page introuvable' },
        { url: `${origin}/erreur`, statut: 500, raison: 'réponse 500' },
        { url: `${origin}/lent`, statut: null, raison: 'pas de réponse en 1 s' },
      ],
    });
    // HEAD first; GET only where the server refused HEAD.
    expect(seen).toContain('HEAD /sans-head');
    expect(seen).toContain('GET /sans-head');
    expect(seen).not.toContain('GET /absent');
  }, TIMEOUT);

  test('sans --boucle-locale, la machine elle-même n’est jamais interrogée', async () => {
    const before = seen.length;
    const out = join(tempDir('cr-liens-'), 'liens.json');
    const result = await npmRunAsync('liens', ['--content', tree, '--date', FIXTURE_DATE, '--delai', '1', '--sortie', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('6 liens vérifiés, 6 morts.');
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
    const result = await npmRunAsync('liens', ['--content', dir, '--date', FIXTURE_DATE, '--delai', '5', '--boucle-locale']);
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
    expect(page).toContain(`<a href="${origin}/absent" rel="nofollow ugc">preuve</a><span class="lien-mort" title="${origin}/absent"> — ⚠ lien mort (page introuvable, vérifié le 15 juillet 2025)</span>`);
    expect(page.match(/class="lien-mort"/g)).toHaveLength(3);
  }, TIMEOUT);

  test('un rapport illisible : erreur d’usage en français (sortie 2)', async () => {
    const bad = join(tempDir('cr-liens-'), 'faux.json');
    writeFileSync(bad, '{"date": 1}');
    const result = await npmRunAsync('rappels', ['--content', tree, '--date', FIXTURE_DATE, '--dry-run', '--liens', bad], { env: { GITHUB_TOKEN: '' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Rapport de liens illisible');
  }, TIMEOUT);
});
