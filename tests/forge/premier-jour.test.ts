// The rehearsal of a first day (issue 20), end to end, in a copy of this repository: the
// maintainer starts the network's registry from the sample (npm run demarrer), adds a
// provider, a mission and their memberships; a provider declares through the issue form
// on a forge on 127.0.0.1 (tests/forge/fake-forge.ts); the bot's pull request passes the
// checks a real one meets (validate --base, check-owners); the maintainer renames a
// provider; the readiness check passes; the site builds for publication; the first
// reminders run opens exactly the one reminder due. Dates are fixed: the registry starts
// on 2026-01-05, the mission runs from 2 February to 31 March 2026, the declaration
// comes on 10 April, the reminders run on 20 April (declaration due 60 days after the
// end, by the sample's rules: 30 May 2026).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { builtText, git, npmRunAsync, repositoryCopy } from '../helpers.ts';
import { startFakeForge } from './fake-forge.ts';

const TOKEN = 'jeton-de-test';
const START = '2026-01-05';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

const profile = (id: string, nom: string, compte: string) => `---
id: ${id}
nom: ${nom}
type: independant
territoire: Pévèle
competences:
  - facilitation
comptes_forge:
  - ${compte}
adhesions:
  - du: "2026-01-01"
    au: "2026-12-31"
    tarif: acteur_economique
---
Présentation.
`;

const MISSION = `---
id: atelier-gouvernance-2026
titre: Ateliers de gouvernance partagée
client:
  nom: Tiers-lieu d'essai
  type: tiers_lieu
territoire: Pévèle
statut: terminee
debut: "2026-02-02"
fin: "2026-03-31"
budget_eur: 4000
portage:
  type: consortium
  chef_de_file: lea-martin
equipe:
  - prestataire: lea-martin
    role: coordination
    jours: 4
  - prestataire: sam-durand
    role: animation
    jours: 4
---
Deux ateliers.
`;

const WIKI = `---
id: wiki-essai
nom: Wiki d'essai
type: wiki
description: Un wiki de fiches pratiques.
site: https://wiki.exemple.test
licence: CC-BY-SA-4.0
gardiens:
  - Collectif du wiki
contribution_argent:
  accepte: true
  url: https://wiki.exemple.test/soutenir
contribution_nature:
  description: Écrire une fiche.
fermeture:
  le: "2026-04-01"
  raison: Le wiki a été archivé.
---
Le wiki.
`;

const ISSUE_BODY = `### Votre identifiant de prestataire

lea-martin

### Identifiant de la mission

atelier-gouvernance-2026

### Communs utilisés

compagnie-des-tiers-lieux ; mise en relation avec le tiers-lieu

### Aucun commun utilisé ? Dites-le en une phrase

_No response_

### Contributions en argent

compagnie-des-tiers-lieux ; 40 ; versé ; 08/04/2026 ; https://recus.exemple.test/2026-7

### Contributions en nature

_No response_

### Rien donné ? Dites pourquoi

_No response_

### Un commentaire

_No response_

### Publication

- [X] J'accepte que cette déclaration soit publiée sous licence ODbL.`;

describe('premier jour : du dépôt livré au registre du réseau publié et rappelé', () => {
  test('démarrer, ajouter, déclarer par issue, vérifier, renommer, publier, rappeler', async () => {
    const dir = repositoryCopy('cr-premier-jour-');
    dirs.push(dir);
    const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) => npmRunAsync(script, args, { cwd: dir, env: { SITE_URL: '', PAGES_URL: '', GITHUB_REPOSITORY: '', ...env } });

    // The shipped sample is not ready to publish.
    const sample = await run('pret', []);
    expect(sample.status).toBe(1);

    // 1. The maintainer starts the registry: details given as options (no terminal here).
    const details = [
      '--nom', 'Réseau des lieux d’essai', '--forme', 'association loi 1901', '--adresse', '1 place du Test, 59000 Lille',
      '--directeur', 'la présidence', '--contact', 'contact@lieux-essai.test', '--courriel', 'registre@lieux-essai.test',
      '--depot', 'org/depot', '--date', START,
    ];
    // A fictional account of the sample (karim-haddou's) is not a maintainer: refused, nothing written.
    const fictional = await run('demarrer', [...details, '--mainteneurs', 'mainteneuse-reseau,KHaddou']);
    expect(fictional.status).toBe(2);
    expect(fictional.stderr).toContain('mainteneurs : « KHaddou » est un compte fictif de l\'exemple');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    const started = await run('demarrer', [...details, '--mainteneurs', 'mainteneuse-reseau']);
    expect(started.status, started.stdout + started.stderr).toBe(0);
    expect(readFileSync(join(dir, 'exemple/registre.yaml'), 'utf8')).toMatch(/^exemple: true$/m);
    expect(readFileSync(join(dir, 'content/registre.yaml'), 'utf8')).toMatch(/^exemple: false$/m);
    expect(readFileSync(join(dir, '.github/CODEOWNERS'), 'utf8')).toMatch(/^\* @mainteneuse-reseau$/m);
    expect(readFileSync(join(dir, 'site.config.mjs'), 'utf8')).toContain('"contact": "contact@lieux-essai.test"');
    // Started once only.
    expect((await run('demarrer', ['--nom', 'Autre'])).status).toBe(2);
    // The network's commons is the association's, with what only it can say left « à indiquer »:
    // not ready until written.
    const network = join(dir, 'content/communs/compagnie-des-tiers-lieux.md');
    expect(readFileSync(network, 'utf8')).toContain('nom: "Réseau des lieux d’essai"');
    const unwritten = await run('pret', []);
    expect(unwritten.status).toBe(1);
    expect(unwritten.stdout).toContain('content/communs/compagnie-des-tiers-lieux.md  à remplacer : texte encore « à indiquer »');
    writeFileSync(network, readFileSync(network, 'utf8').replace(/"?à indiquer : ([^"\n]*)"?/g, (_, what: string) => `"Écrit par la mainteneuse : ${what}"`).replace('\nà indiquer : la présentation', '\nLa présentation').replace('accepte: false', 'accepte: true\n  url: "https://dons.lieux-essai.test/"'));
    commit(dir, 'Démarrer le registre du réseau');

    // 2. A provider, a second one, a mission and their memberships.
    write(dir, 'content/prestataires/lea-martin.md', profile('lea-martin', 'Léa Martin', 'lea-forge'));
    write(dir, 'content/prestataires/sam-durand.md', profile('sam-durand', 'Sam Durand', 'sam-forge'));
    write(dir, 'content/missions/atelier-gouvernance-2026.md', MISSION);
    const added = await run('validate', ['--date', '2026-04-01']);
    expect(added.status, added.stdout).toBe(0);
    commit(dir, 'Deux prestataires et une mission');

    // 3. Léa declares through the issue form; the bot proposes the file on the forge.
    const forge = await startFakeForge('org', 'depot', { token: TOKEN });
    try {
      const env = { GITHUB_API_URL: forge.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'org/depot' };
      for (let n = 1; n < 3; n++) forge.issues.push({ number: n, title: 'autre', body: '', state: 'closed', state_reason: null, labels: [], comments: [] });
      forge.issues.push({ number: 3, title: 'Déclaration : lea-martin pour atelier-gouvernance-2026', body: ISSUE_BODY, state: 'open', state_reason: null, labels: ['declaration'], comments: [], user: { login: 'lea-forge', id: 51000001 } });
      const proposed = await run('proposer', ['--issue', '3', '--date', '2026-04-10'], env);
      expect(proposed.status, proposed.stdout + proposed.stderr).toBe(0);
      const file = 'content/declarations/lea-martin/atelier-gouvernance-2026.yaml';
      const text = forge.branches.get('declaration/issue-3')?.files.get(file);
      expect(text).toBeDefined();

      // 4. The pull request meets the checks of a real one, from main's code.
      git(dir, 'checkout', '-q', '-b', 'declaration/issue-3');
      write(dir, file, text!);
      commit(dir, 'Déclaration de réciprocité : lea-martin pour atelier-gouvernance-2026 (issue #3)');
      const validate = await run('validate', ['--base', 'main', '--date', '2026-04-10']);
      expect(validate.status, validate.stdout).toBe(0);
      const owners = await run('check-owners', ['--author', 'lea-forge', '--base', 'main']);
      expect(owners.status, owners.stdout + owners.stderr).toBe(0);
      git(dir, 'checkout', '-q', 'main');
      git(dir, 'merge', '-q', '--no-ff', '-m', 'Fusion de la déclaration', 'declaration/issue-3');

      // 5. Sam changes the id of their profile: every reference follows, the old address leads to the new.
      git(dir, 'checkout', '-q', '-b', 'renommer');
      const renamed = await run('renommer', ['--prestataire', 'sam-durand', '--en', 'sam-durand-conseil', '--date', '2026-04-15']);
      expect(renamed.status, renamed.stdout + renamed.stderr).toBe(0);
      commit(dir, 'Renommer sam-durand');
      const afterRename = await run('validate', ['--base', 'main', '--date', '2026-04-15']);
      expect(afterRename.status, afterRename.stdout).toBe(0);
      git(dir, 'checkout', '-q', 'main');
      git(dir, 'merge', '-q', '--no-ff', '-m', 'Fusion du renommage', 'renommer');

      // 6. Sam leaves the network (still owing the declaration); a commons closes.
      const samFile = join(dir, 'content/prestataires/sam-durand-conseil.md');
      writeFileSync(samFile, readFileSync(samFile, 'utf8').replace('---\nPrésentation', 'depart:\n  le: "2026-04-12"\n---\nPrésentation'));
      write(dir, 'content/communs/wiki-essai.md', WIKI);
      commit(dir, 'Sam quitte le réseau ; le wiki d’essai ferme');

      // 7. Ready to publish, and built for publication.
      const ready = await run('pret', []);
      expect(ready.status, ready.stdout).toBe(0);
      expect(ready.stdout).toContain('Prêt pour la mise en ligne');
      const out = join(dir, 'dist');
      const built = await run('build', ['--date', '2026-04-20', '--out', out]);
      expect(built.status, built.stdout + built.stderr).toBe(0);
      const home = builtText(out, 'index.html');
      expect(home).not.toMatch(/fictif/i);
      expect(builtText(out, 'mentions-legales/index.html')).toContain('Réseau des lieux d’essai, association loi 1901, 1 place du Test, 59000 Lille');
      expect(builtText(out, 'prestataires/lea-martin/index.html')).toContain('Léa Martin');
      expect(readFileSync(join(out, 'prestataires/sam-durand/index.html'), 'utf8')).toContain('url=https://org.github.io/depot/prestataires/sam-durand-conseil/');
      expect(readFileSync(join(out, 'badges/sam-durand.svg'), 'utf8')).toBe(readFileSync(join(out, 'badges/sam-durand-conseil.svg'), 'utf8'));
      // A reader subscribed to the former feed keeps receiving it.
      expect(readFileSync(join(out, 'prestataires/sam-durand/journal.xml'), 'utf8')).toBe(readFileSync(join(out, 'prestataires/sam-durand-conseil/journal.xml'), 'utf8'));
      // And a calendar subscribed to the former deadlines keeps receiving them.
      for (const file of ['echeances.ics', 'echeances.xml']) {
        expect(readFileSync(join(out, `prestataires/sam-durand/${file}`), 'utf8')).toBe(readFileSync(join(out, `prestataires/sam-durand-conseil/${file}`), 'utf8'));
      }
      expect(builtText(out, 'prestataires/sam-durand-conseil/index.html')).toMatch(/A quitté le réseau le 12\s+avril\s+2026/);
      const wiki = builtText(out, 'communs/wiki-essai/index.html');
      expect(wiki).toMatch(/Ce commun a fermé le 1er\s+avril\s+2026\s+:\s+Le wiki a été archivé\./);
      expect(wiki).not.toContain('Contribuer en argent');

      // 8. The first reminders: one, for Sam, whose declaration is due; none for Léa, nothing fictional.
      const before = forge.issues.length;
      const reminders = await run('rappels', ['--date', '2026-04-20'], env);
      expect(reminders.status, reminders.stdout + reminders.stderr).toBe(0);
      const opened = forge.issues.slice(before).filter((i) => i.labels.includes('rappel'));
      expect(opened.map((i) => i.title)).toEqual(['Rappel : déclaration de réciprocité à faire — Sam Durand']);
      expect(opened[0].body).toContain('@sam-forge');
      expect(opened[0].body).toContain('30 mai 2026');
      expect(JSON.stringify(forge.issues)).not.toMatch(/equipe-compagnie|mainteneur-registre|claire-vandamme|nverhaeghe/);
    } finally {
      await forge.close();
    }
  }, 600_000);
});
