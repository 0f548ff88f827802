// npm run courriel in a real Git repository: a declaration received by e-mail is checked
// where it would go, as npm run validate checks it; valid, it is committed as received
// on its own branch (main untouched) with the link that opens the pull request; not
// valid, nothing is written and the French messages say why.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { git, tempDir, FIXTURE_DATE } from '../helpers.ts';
import { runScript, temporaryRepositories } from '../git-repo.ts';
import { REPOSITORY } from '../../site.config.mjs';

const repository = temporaryRepositories('cr-courriel-');
const TIMEOUT = 120_000;

function received(text: string): string {
  const file = join(tempDir('cr-courriel-recu-'), 'declaration.yaml');
  writeFileSync(file, text);
  return file;
}

describe('npm run courriel', () => {
  test('une déclaration valide : une branche, un commit du fichier tel que reçu, le lien de la demande', () => {
    const dir = repository();
    const original = readFileSync(join(dir, 'content/declarations/alice-conseil/mission-terminee.yaml'), 'utf8');
    // Alice amends her declaration: 150 € instead of 100 €, with a comment of her own kept as written.
    const text = original.replace('montant_eur: 100', 'montant_eur: 150 # virement du 5 juillet');
    const result = runScript('courriel', ['--fichier', received(text), '--expediteur', 'Alice Conseil <alice@conseil.example>', '--date', FIXTURE_DATE], dir);
    expect(result.status, result.stderr + result.stdout).toBe(0);
    const branch = 'declaration/courriel-alice-conseil-mission-terminee';
    expect(result.stdout).toContain(`Branche ${branch} prête : content/declarations/alice-conseil/mission-terminee.yaml modifié, tel que reçu.`);
    expect(result.stdout).toContain(`git push -u origin ${branch}`);
    const link = new URL(result.stdout.split('\n').find((l) => l.includes('/compare/'))!.trim());
    expect(link.pathname).toBe(`/${REPOSITORY}/compare/main...${encodeURIComponent(branch)}`);
    expect(link.searchParams.get('body')).toContain('reçue par courriel de Alice Conseil <alice@conseil.example>');
    expect(link.searchParams.get('body')).toContain('- [ ] l\'expéditeur est bien alice-conseil');
    // Byte for byte on the branch; main and the working tree untouched.
    expect(git(dir, 'show', `${branch}:content/declarations/alice-conseil/mission-terminee.yaml`)).toBe(text);
    expect(git(dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(readFileSync(join(dir, 'content/declarations/alice-conseil/mission-terminee.yaml'), 'utf8')).toBe(original);
    expect(git(dir, 'log', '-1', '--format=%B', branch)).toContain('Reçue par courriel de Alice Conseil <alice@conseil.example>');
    // A second copy of the same declaration: the branch waiting for its request is named.
    const again = runScript('courriel', ['--fichier', received(text), '--expediteur', 'Alice', '--date', FIXTURE_DATE], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`La branche ${branch} existe déjà`);
  }, TIMEOUT);

  test('une déclaration qui n’est pas valide : les messages du validateur, rien n’est écrit (sortie 1)', () => {
    const dir = repository();
    const before = git(dir, 'branch', '--list');
    const text = 'prestataire: alice-conseil\nmission: mission-terminee\ndate: "2025-07-05"\ncommuns_utilises:\n  - commun: commun-inconnu\n    usage: Fiches.\ncontributions_argent: []\ncontributions_nature: []\n';
    const result = runScript('courriel', ['--fichier', received(text), '--expediteur', 'Alice <a@a.example>', '--date', FIXTURE_DATE], dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/content\/declarations\/alice-conseil\/mission-terminee\.yaml:5:\d+ {2}.*commun-inconnu/);
    expect(result.stdout).toContain('n\'est pas valide : rien n\'est écrit');
    expect(git(dir, 'branch', '--list')).toBe(before);
  }, TIMEOUT);

  test('un fichier illisible ou sans identifiants : erreur d’usage en français, sans trace de pile', () => {
    const dir = repository();
    const broken = runScript('courriel', ['--fichier', received('prestataire: [\n'), '--expediteur', 'X'], dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('ce n\'est pas un fichier YAML lisible');
    const path = runScript('courriel', ['--fichier', received('prestataire: ../../etc\nmission: x\n'), '--expediteur', 'X'], dir);
    expect(path.status).toBe(2);
    expect(path.stderr).toContain('« prestataire » et « mission » doivent être les identifiants');
    expect(`${broken.stderr}${path.stderr}`).not.toMatch(/\n\s+at /);
  }, TIMEOUT);
});
