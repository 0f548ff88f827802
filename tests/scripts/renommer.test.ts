// npm run renommer in a real Git repository holding the base tree (tests/git-repo.ts):
// references follow, the old id stays in anciens_ids, and the pull request that carries
// the change passes validate --base although it touches a finished mission; anonymised,
// the finished mission gets a correction note instead. Nothing is written when the result
// would not validate.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, edit, runScript, temporaryRepositories } from '../git-repo.ts';
import { FIXTURE_DATE, git } from '../helpers.ts';

const repository = temporaryRepositories('cr-renommer-');
const read = (dir: string, file: string) => readFileSync(join(dir, 'content', file), 'utf8');

describe('renommer un prestataire', () => {
  it('suit chaque référence, garde l’ancien identifiant, et la demande passe validate --base', () => {
    // The commons confirmed alice's 100 € in a file of its folder (confirmations/<commun>/<nom>.yaml).
    const dir = repository((d) => {
      mkdirSync(join(d, 'content/confirmations/reseau-test'), { recursive: true });
      writeFileSync(join(d, 'content/confirmations/reseau-test/2025.yaml'), 'commun: reseau-test\nconfirmations:\n  - prestataire: alice-conseil\n    mission: mission-terminee\n    montant_eur: 100\n    date: "2025-07-08"\n');
    });
    git(dir, 'checkout', '-q', '-b', 'renommer');
    const result = runScript('renommer', ['--prestataire', 'alice-conseil', '--en', 'alice-conseil-scop', '--date', FIXTURE_DATE], dir);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(existsSync(join(dir, 'content/prestataires/alice-conseil.md'))).toBe(false);
    expect(read(dir, 'prestataires/alice-conseil-scop.md')).toMatch(/^id: alice-conseil-scop\nanciens_ids:\n {2}- alice-conseil\n/m);
    expect(read(dir, 'declarations/alice-conseil-scop/mission-terminee.yaml')).toMatch(/^prestataire: alice-conseil-scop$/m);
    expect(existsSync(join(dir, 'content/declarations/alice-conseil'))).toBe(false);
    const mission = read(dir, 'missions/mission-terminee.md');
    expect(mission).toContain('chef_de_file: alice-conseil-scop');
    expect(mission).toContain('- prestataire: alice-conseil-scop');
    expect(mission).not.toContain('corrections:');
    expect(read(dir, 'confirmations/reseau-test/2025.yaml')).toContain('  - prestataire: alice-conseil-scop\n');
    commitAll(dir, 'Renommer');
    const validate = runScript('validate', ['--base', 'main', '--date', FIXTURE_DATE], dir);
    expect(validate.status, validate.stdout).toBe(0);
  });

  it('anonymisé : la fiche ne garde que ce que les verdicts demandent, la mission terminée reçoit une note de correction', () => {
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'anonymiser');
    const result = runScript('renommer', ['--prestataire', 'bruno-coop', '--en', 'prestataire-retire-1', '--anonymiser', '--date', FIXTURE_DATE], dir);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const profile = read(dir, 'prestataires/prestataire-retire-1.md');
    expect(profile).not.toMatch(/Bruno|bruno|Lille|gouvernance|anciens_ids/);
    expect(profile).toContain('nom: Prestataire retiré');
    expect(profile).toMatch(/^depart:\n {2}le: "2025-07-15"$/m);
    expect(read(dir, 'missions/mission-terminee.md')).toMatch(/corrections:\n {2}- date: "2025-07-15"\n {4}raison: ".*retrait de ses données personnelles.*"\n {4}champs: \[equipe\]\n---/);
    commitAll(dir, 'Anonymiser');
    const validate = runScript('validate', ['--base', 'main', '--date', FIXTURE_DATE], dir);
    expect(validate.status, validate.stdout).toBe(0);
  });

  it('revenir à son propre ancien identifiant : accepté, l’identifiant quitté devient l’ancien', () => {
    const dir = repository();
    expect(runScript('renommer', ['--prestataire', 'alice-conseil', '--en', 'alice-scop', '--date', FIXTURE_DATE], dir).status).toBe(0);
    commitAll(dir, 'Renommer');
    const back = runScript('renommer', ['--prestataire', 'alice-scop', '--en', 'alice-conseil', '--date', FIXTURE_DATE], dir);
    expect(back.status, back.stdout + back.stderr).toBe(0);
    expect(read(dir, 'prestataires/alice-conseil.md')).toMatch(/^id: alice-conseil\nanciens_ids:\n {2}- alice-scop\n[a-z]/m);
    commitAll(dir, 'Revenir');
    expect(runScript('validate', ['--date', FIXTURE_DATE], dir).status).toBe(0);
  });

  it('refuse un identifiant pris, et n’écrit rien quand une note ne peut pas être ajoutée telle quelle', () => {
    const dir = repository();
    const taken = runScript('renommer', ['--prestataire', 'alice-conseil', '--en', 'bruno-coop'], dir);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain('prestataires/bruno-coop.md existe déjà');
    // Anonymised, bruno-coop leaves a finished mission whose corrections are written on one
    // line: the note cannot be added without rewriting it, so nothing is written at all.
    edit(dir, 'content/missions/mission-terminee.md', 'bilan:', 'corrections: []\nbilan:');
    commitAll(dir, 'corrections sur une ligne');
    const inline = runScript('renommer', ['--prestataire', 'bruno-coop', '--en', 'retire', '--anonymiser', '--date', FIXTURE_DATE], dir);
    expect(inline.status).toBe(2);
    expect(inline.stderr).toContain('missions/mission-terminee.md : « corrections » est écrit sur une ligne');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });
});
