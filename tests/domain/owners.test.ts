// Who may change what, as pure functions: the verdict on each changed path (CODEOWNERS
// names the maintainers only: this check decides). tests/fixtures/base has three providers, each
// with one forge handle equal to its id: alice-conseil (one declaration,
// declarations/alice-conseil/mission-terminee.yaml), bruno-coop, claire-asso.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import {
  confirmedPayers,
  identityChange,
  maintainersFrom,
  ownersOf,
  ownershipVerdicts,
  spaceOf,
  type ChangedFile,
  type OwnershipInput,
  type Owners,
} from '../../src/domain/contribution/owners.ts';
import { FIXTURE_DATE, FIXTURES, tempDir } from '../helpers.ts';

const base: Owners = ownersOf(loadRegistry(join(FIXTURES, 'base'), { date: FIXTURE_DATE }));
const MAINTAINERS = ['equipe-compagnie', 'mainteneur-registre'];
const ALICE_DECLARATION = 'content/declarations/alice-conseil/mission-terminee.yaml';

function verdicts(author: string, files: ChangedFile[], head: Owners = base, more: Partial<OwnershipInput> = {}) {
  const input: OwnershipInput = { author, mainteneurs: MAINTAINERS, base, head, files, contentPrefix: 'content', ...more };
  return ownershipVerdicts(input);
}

describe('maintainersFrom', () => {
  it('reads the list, and refuses an empty or malformed one in French', () => {
    expect(maintainersFrom('mainteneurs:\n  - equipe-compagnie\n')).toEqual({ ok: true, mainteneurs: ['equipe-compagnie'] });
    for (const text of ['mainteneurs: []\n', 'mainteneurs:\n  - "pas un compte"\n', 'autre: 1\n', 'mainteneurs: [a\n']) {
      const result = maintainersFrom(text);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/^\.github\/mainteneurs\.yaml/);
    }
  });
});

describe('spaceOf', () => {
  it("places each path in a provider's space, the maintainers', the registry's data or the code", () => {
    expect(spaceOf('content/prestataires/alice-conseil.md', 'content')).toEqual({ kind: 'prestataire', id: 'alice-conseil', profil: true });
    expect(spaceOf(ALICE_DECLARATION, 'content')).toEqual({ kind: 'prestataire', id: 'alice-conseil', profil: false });
    expect(spaceOf('content/regles/2026-01-01.yaml', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('.github/mainteneurs.yaml', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('.github/CODEOWNERS', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('.github/workflows/verifier.yml', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('content/missions/mission-appel.md', 'content')).toMatchObject({ kind: 'registre' });
    expect(spaceOf('content/communs/wiki-test.md', 'content')).toMatchObject({ kind: 'registre' });
    expect(spaceOf('src/domain/registry/read.ts', 'content')).toEqual({ kind: 'code' });
    expect(spaceOf('package.json', 'content')).toEqual({ kind: 'code' });
  });
});

describe('ownershipVerdicts', () => {
  it('lets a provider change their own space, whatever the case of their handle', () => {
    const [v] = verdicts('@Alice-Conseil', [{ status: 'M', path: ALICE_DECLARATION }]);
    expect(v).toMatchObject({ allowed: true, file: ALICE_DECLARATION });
  });

  it("refuses another provider's declaration, naming the file, the owner and their handles", () => {
    const [v] = verdicts('intrus', [{ status: 'M', path: ALICE_DECLARATION }]);
    expect(v.allowed).toBe(false);
    expect(v.message).toBe(
      'content/declarations/alice-conseil/mission-terminee.yaml appartient à alice-conseil (comptes : alice-conseil) : @intrus ne peut pas le modifier. ' +
        'Demandez à ce prestataire ou à un mainteneur (@equipe-compagnie @mainteneur-registre).',
    );
  });

  it('reads the owner at the base: adding oneself to comptes_forge in the same change does not count', () => {
    const head: Owners = { comptes: new Map([...base.comptes, ['alice-conseil', ['alice-conseil', 'claire-asso']]]), profils: base.profils };
    const [v] = verdicts('claire-asso', [{ status: 'M', path: 'content/prestataires/alice-conseil.md' }], head);
    expect(v.allowed).toBe(false);
    expect(v.message).toContain('appartient à alice-conseil (comptes : alice-conseil) : @claire-asso ne peut pas le modifier.');
  });

  it('judges both sides of a rename: moving a file out of another provider’s folder is refused', () => {
    const result = verdicts('claire-asso', [{ status: 'R', from: ALICE_DECLARATION, path: 'content/declarations/claire-asso/mission-terminee.yaml' }]);
    expect(result.map((v) => [v.side, v.allowed])).toEqual([
      ['origine', false],
      ['destination', true],
    ]);
    expect(result[0].message).toContain('@claire-asso ne peut pas le renommer ni le déplacer');
  });

  it('lets a new profile be created only with the author among its comptes_forge, and its declarations with it', () => {
    const head: Owners = { comptes: new Map([...base.comptes, ['dora-conseil', ['Dora-GH']]]), profils: new Set([...base.profils, 'dora-conseil']) };
    const files: ChangedFile[] = [
      { status: 'A', path: 'content/prestataires/dora-conseil.md' },
      { status: 'A', path: 'content/declarations/dora-conseil/mission-appel.yaml' },
    ];
    expect(verdicts('dora-gh', files, head).every((v) => v.allowed)).toBe(true);
    const refused = verdicts('quelqu-un', files, head);
    expect(refused.map((v) => v.allowed)).toEqual([false, false]);
    expect(refused[0].message).toContain('le nouveau profil content/prestataires/dora-conseil.md doit lister @quelqu-un dans comptes_forge (comptes : Dora-GH)');
  });

  it("refuses declarations for a provider that has no profile, at the base or in the change", () => {
    const [v] = verdicts('alice-conseil', [{ status: 'A', path: 'content/declarations/fantome/mission-appel.yaml' }]);
    expect(v.allowed).toBe(false);
    expect(v.message).toContain("est dans l'espace de fantome, qui n'a pas de profil dans la base");
  });

  it('keeps the rules, the maintainers list, CODEOWNERS and the workflows for maintainers', () => {
    const files: ChangedFile[] = ['content/regles/2026-01-01.yaml', '.github/mainteneurs.yaml', '.github/CODEOWNERS', '.github/workflows/verifier.yml'].map((path) => ({ status: 'M', path }));
    expect(verdicts('alice-conseil', files).map((v) => v.allowed)).toEqual([false, false, false, false]);
    expect(verdicts('alice-conseil', files)[0].message).toBe(
      "content/regles/2026-01-01.yaml : réservé aux mainteneurs (les règles de l'association) ; relecture d'un mainteneur obligatoire : " +
        'la vérification passera au vert quand un mainteneur (@equipe-compagnie @mainteneur-registre) aura approuvé la demande.',
    );
    expect(verdicts('Mainteneur-Registre', files).every((v) => v.allowed)).toBe(true);
  });

  it('never lets a provider change code, missions or commons without a maintainer’s approval', () => {
    const files: ChangedFile[] = [
      { status: 'M', path: 'content/missions/mission-appel.md' },
      { status: 'A', path: 'content/communs/nouveau.md' },
      { status: 'D', path: 'README.md' },
      { status: 'M', path: 'package.json' },
    ];
    const waiting = verdicts('claire-asso', files);
    expect(waiting.map((v) => [v.allowed, v.awaitingApproval])).toEqual(files.map(() => [false, true]));
    expect(waiting[3].message).toContain("package.json : code ou configuration du projet, relecture du code obligatoire ; relecture d'un mainteneur obligatoire");
    expect(waiting[0].message).toContain('son équipe, ses dates et son statut font les situations des prestataires');
    // An approval by someone who is not a maintainer changes nothing; a maintainer's does.
    expect(verdicts('claire-asso', files, base, { approvals: ['bruno-coop'] }).some((v) => v.allowed)).toBe(false);
    const approved = verdicts('claire-asso', files, base, { approvals: ['bruno-coop', 'Mainteneur-Registre'] });
    expect(approved.every((v) => v.allowed)).toBe(true);
    expect(approved[3].message).toBe('package.json : code ou configuration du projet, relecture du code obligatoire ; approuvé par @Mainteneur-Registre (mainteneur).');
  });

  it('leaves membership periods to the association, even in one’s own profile', () => {
    const profile = 'content/prestataires/alice-conseil.md';
    const head: Owners = { ...base, adhesions: new Map([...base.adhesions!, ['alice-conseil', '[["2020-01-01","2099-12-31","acteur_economique"]]']]) };
    const [v] = verdicts('alice-conseil', [{ status: 'M', path: profile }], head);
    expect(v).toMatchObject({ allowed: false, awaitingApproval: true });
    expect(v.message).toContain("ses adhésions (champ adhesions) sont enregistrées par l'association ; relecture d'un mainteneur obligatoire");
    // Another field of one's own profile: fine.
    expect(verdicts('alice-conseil', [{ status: 'M', path: profile }])[0].allowed).toBe(true);
    // A new profile that records its own memberships waits for a maintainer too.
    const dora: Owners = {
      comptes: new Map([...base.comptes, ['dora-conseil', ['dora-gh']]]),
      profils: new Set([...base.profils, 'dora-conseil']),
      adhesions: new Map([...base.adhesions!, ['dora-conseil', '[["2025-01-01","2025-12-31","acteur_economique"]]']]),
    };
    const [created] = verdicts('dora-gh', [{ status: 'A', path: 'content/prestataires/dora-conseil.md' }], dora);
    expect(created.awaitingApproval).toBe(true);
    const withoutMemberships: Owners = { ...dora, adhesions: new Map([...base.adhesions!, ['dora-conseil', '[]']]) };
    expect(verdicts('dora-gh', [{ status: 'A', path: 'content/prestataires/dora-conseil.md' }], withoutMemberships)[0].allowed).toBe(true);
  });

  it('keeps CODEOWNERS for maintainers: nothing to regenerate, any change is a maintainer’s', () => {
    const files: ChangedFile[] = [{ status: 'M', path: '.github/CODEOWNERS' }];
    expect(verdicts('dora-gh', files)[0]).toMatchObject({ allowed: false, awaitingApproval: true });
    expect(verdicts('dora-gh', files)[0].message).toContain('la liste des relecteurs (CODEOWNERS : les mainteneurs seuls)');
  });
});

describe('demandes du robot des issues', () => {
  it('une seule déclaration : attend un mainteneur ; quoi que ce soit d’autre : refusé, même approuvé', () => {
    const one = verdicts('github-actions[bot]', [{ status: 'M', path: ALICE_DECLARATION }], base, { approvals: ['equipe-compagnie'] });
    expect(one.map((v) => v.allowed)).toEqual([true]);
    const more = verdicts('github-actions[bot]', [{ status: 'M', path: ALICE_DECLARATION }, { status: 'A', path: 'scripts/evil.ts' }], base, { approvals: ['equipe-compagnie'] });
    expect(more.map((v) => [v.allowed, v.awaitingApproval])).toEqual([
      [false, false],
      [false, false],
    ]);
    expect(more[1].message).toContain("scripts/evil.ts : une demande du robot des issues de déclaration ne porte qu'un fichier de déclaration ; celle-ci en change 2");
  });
});

// --- Identity: who may speak for a provider is a maintainer's decision ----------------------
describe('changement d’identité', () => {
  const profile = 'content/prestataires/alice-conseil.md';
  const withAccounts = (id: string, accounts: string[]): Owners => ({ ...base, comptes: new Map([...base.comptes, [id, accounts]]), profils: new Set([...base.profils, id]) });

  it('an account added to one’s own profile waits for a maintainer, the reason named', () => {
    const [v] = verdicts('alice-conseil', [{ status: 'M', path: profile }], withAccounts('alice-conseil', ['alice-conseil', 'alice-associee']));
    expect(v).toMatchObject({ allowed: false, awaitingApproval: true, needsMaintainer: true });
    expect(v.message).toBe(
      "content/prestataires/alice-conseil.md : espace de alice-conseil, dont @alice-conseil est un compte, mais changement d'identité : comptes_forge ajoute @alice-associee, et qui parle au nom d'un prestataire est décidé par un mainteneur ; " +
        "relecture d'un mainteneur obligatoire : la vérification passera au vert quand un mainteneur (@equipe-compagnie @mainteneur-registre) aura approuvé la demande.",
    );
    expect(verdicts('alice-conseil', [{ status: 'M', path: profile }], withAccounts('alice-conseil', ['alice-conseil', 'alice-associee']), { approvals: ['equipe-compagnie'] })[0]).toMatchObject({ allowed: true });
  });

  it('replacing one’s account too; taking one off, or writing it in another case, does not', () => {
    expect(verdicts('alice-conseil', [{ status: 'M', path: profile }], withAccounts('alice-conseil', ['alice-nouveau']))[0]).toMatchObject({ allowed: false, awaitingApproval: true });
    expect(verdicts('alice-conseil', [{ status: 'M', path: profile }], withAccounts('alice-conseil', []))[0]).toMatchObject({ allowed: true, needsMaintainer: false });
    expect(verdicts('alice-conseil', [{ status: 'M', path: profile }], withAccounts('alice-conseil', ['Alice-Conseil']))[0]).toMatchObject({ allowed: true });
  });

  it('300 accounts: named in short, and waiting for a maintainer (the validator refuses them anyway)', () => {
    const many = ['alice-conseil', ...Array.from({ length: 300 }, (_, i) => `victime-${i}`)];
    const [v] = verdicts('alice-conseil', [{ status: 'M', path: profile }], withAccounts('alice-conseil', many));
    expect(v.message).toContain('comptes_forge ajoute @victime-0, @victime-1, @victime-2, @victime-3, @victime-4 et 295 autres');
  });

  it('a new profile: its author’s own account alone is fine; any other account waits for a maintainer', () => {
    const created: ChangedFile[] = [{ status: 'A', path: 'content/prestataires/dora-conseil.md' }];
    expect(verdicts('dora-gh', created, withAccounts('dora-conseil', ['Dora-GH']))[0]).toMatchObject({ allowed: true, needsMaintainer: false });
    const [v] = verdicts('dora-gh', created, withAccounts('dora-conseil', ['Dora-GH', 'alice-conseil', 'mainteneur-registre']));
    expect(v).toMatchObject({ allowed: false, awaitingApproval: true });
    expect(v.message).toContain("changement d'identité : comptes_forge ajoute @alice-conseil, @mainteneur-registre");
  });

  it('identityChange: the accounts gained, once each, case ignored', () => {
    expect(identityChange(['a-b'], ['A-B', 'c', 'C', 'd'])).toEqual(['c', 'd']);
    expect(identityChange(['a', 'b'], ['b'])).toEqual([]);
  });
});

// --- Receipts: confirmations/<commun>.yaml belongs to the commons' stewards ----------------
// A tree written by the test: the base tree where reseau-test names two stewards
// (equipe-reseau, and alice-conseil, who is also a provider), with
// confirmations/reseau-test.yaml confirming alice's 100 € for mission-terminee; the head
// changes one line of it.
describe('confirmations de réception', () => {
  const RECEIPTS = 'content/confirmations/reseau-test.yaml';
  const treeWith = (montant: number, stewards: string[], file = 'reseau-test.yaml') => {
    const dir = tempDir('cr-owners-');
    cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
    const commun = join(dir, 'communs', 'reseau-test.md');
    writeFileSync(commun, readFileSync(commun, 'utf8').replace('contribution_argent:', `comptes_forge: [${stewards.join(', ')}]\ncontribution_argent:`));
    mkdirSync(join(dir, 'confirmations', 'reseau-test'), { recursive: true });
    writeFileSync(
      join(dir, 'confirmations', file),
      `commun: reseau-test\nconfirmations:\n  - prestataire: alice-conseil\n    mission: mission-terminee\n    montant_eur: ${montant}\n    date: "2025-07-08"\n`,
    );
    const owners = ownersOf(loadRegistry(dir, { date: FIXTURE_DATE }));
    rmSync(dir, { recursive: true, force: true });
    return owners;
  };
  const before = treeWith(100, ['equipe-reseau', 'alice-conseil']);
  const after = treeWith(90, ['equipe-reseau', 'alice-conseil']);
  const change = [{ status: 'M' as const, path: RECEIPTS }];
  const judge = (author: string, more: Partial<OwnershipInput> = {}) => ownershipVerdicts({ author, mainteneurs: MAINTAINERS, base: before, head: after, files: change, contentPrefix: 'content', ...more })[0];

  it('places the file in the commons’ space, and the files of its folder too (one a year, for instance)', () => {
    expect(spaceOf(RECEIPTS, 'content')).toEqual({ kind: 'commun', id: 'reseau-test' });
    expect(spaceOf('content/confirmations/reseau-test/2026.yaml', 'content')).toEqual({ kind: 'commun', id: 'reseau-test' });
    expect(spaceOf('content/confirmations/reseau-test/2026/x.yaml', 'content')).toMatchObject({ kind: 'registre' });
  });

  it('in the commons’ folder, the same rules: its stewards confirm, a provider never their own payment', () => {
    const FOLDER_FILE = 'content/confirmations/reseau-test/2025.yaml';
    const moved = treeWith(90, ['equipe-reseau', 'alice-conseil'], 'reseau-test/2025.yaml');
    const files = [{ status: 'A' as const, path: FOLDER_FILE }];
    const inFolder = (author: string) => ownershipVerdicts({ author, mainteneurs: MAINTAINERS, base: before, head: moved, files, contentPrefix: 'content' })[0];
    expect(inFolder('equipe-reseau')).toMatchObject({ allowed: true, needsMaintainer: false, message: `${FOLDER_FILE} : confirmations de reseau-test, dont @equipe-reseau est gardien.` });
    expect(inFolder('bruno-coop')).toMatchObject({ allowed: false });
    expect(inFolder('alice-conseil')).toMatchObject({ allowed: false, awaitingApproval: true });
  });

  it('lets a steward of the commons confirm, without a maintainer', () => {
    expect(judge('Equipe-Reseau')).toMatchObject({ allowed: true, needsMaintainer: false, message: `${RECEIPTS} : confirmations de reseau-test, dont @Equipe-Reseau est gardien.` });
  });

  it('refuses anyone else, naming the stewards; a maintainer may', () => {
    expect(judge('bruno-coop')).toMatchObject({
      allowed: false,
      message: `${RECEIPTS} appartient aux gardiens du commun reseau-test (gardiens : equipe-reseau, alice-conseil) : @bruno-coop ne peut pas le modifier. Seuls les gardiens confirment l'argent et les heures reçus ; demandez-leur, ou à un mainteneur (@equipe-compagnie @mainteneur-registre).`,
    });
    expect(judge('equipe-compagnie')).toMatchObject({ allowed: true, needsMaintainer: true });
  });

  it('never lets a provider confirm their own payment, even as a steward or a maintainer, until another maintainer approves', () => {
    const own = judge('alice-conseil');
    expect(own).toMatchObject({ allowed: false, awaitingApproval: true, needsMaintainer: true });
    expect(own.message).toContain('un prestataire ne confirme pas son propre versement');
    // alice-conseil as a maintainer is still the provider paid for.
    expect(judge('alice-conseil', { mainteneurs: [...MAINTAINERS, 'alice-conseil'] })).toMatchObject({ allowed: false });
    expect(judge('alice-conseil', { approvals: ['mainteneur-registre'] })).toMatchObject({ allowed: true, needsMaintainer: true });
    // A change that leaves her line as it was is a steward's ordinary change.
    expect(judge('alice-conseil', { head: before })).toMatchObject({ allowed: true, needsMaintainer: false });
  });

  it('reads the stewards at the base: adding oneself to a commons’ comptes_forge needs a maintainer, and does not count in the same change', () => {
    const head = treeWith(90, ['equipe-reseau', 'alice-conseil', 'bruno-coop']);
    expect(judge('bruno-coop', { head })).toMatchObject({ allowed: false });
    const [commun] = ownershipVerdicts({ author: 'equipe-reseau', mainteneurs: MAINTAINERS, base: before, head, files: [{ status: 'M', path: 'content/communs/reseau-test.md' }], contentPrefix: 'content' });
    expect(commun).toMatchObject({ allowed: false, awaitingApproval: true, space: { kind: 'registre' } });
  });

  it('never lets a provider confirm their own in-kind hours either', () => {
    const dir = tempDir('cr-owners-hours-');
    cpSync(join(FIXTURES, 'regles-changement'), dir, { recursive: true });
    const commun = join(dir, 'communs', 'wiki-test.md');
    writeFileSync(commun, readFileSync(commun, 'utf8').replace('contribution_argent:', 'comptes_forge: [equipe-wiki, alice-conseil]\ncontribution_argent:'));
    mkdirSync(join(dir, 'confirmations'), { recursive: true });
    const withHours = (heures: number) => {
      writeFileSync(join(dir, 'confirmations', 'wiki-test.yaml'), `commun: wiki-test\nnature:\n  - prestataire: alice-conseil\n    mission: mission-terminee\n    heures: ${heures}\n    date: "2025-07-08"\n`);
      return ownersOf(loadRegistry(dir, { date: FIXTURE_DATE }));
    };
    const [base, head] = [withHours(1), withHours(2)];
    rmSync(dir, { recursive: true, force: true });
    const files = [{ status: 'M' as const, path: 'content/confirmations/wiki-test.yaml' }];
    const hoursBy = (author: string) => ownershipVerdicts({ author, mainteneurs: MAINTAINERS, base, head, files, contentPrefix: 'content' })[0];
    const own = hoursBy('alice-conseil');
    expect(own).toMatchObject({ allowed: false, awaitingApproval: true });
    expect(own.message).toContain('confirme des heures de alice-conseil, dont @alice-conseil est ou a été un compte ; un prestataire ne confirme pas ses propres heures');
    expect(hoursBy('equipe-wiki')).toMatchObject({ allowed: true, needsMaintainer: false });
    expect(confirmedPayers(base, head)).toEqual(['alice-conseil']);
  });

  it('an account that was alice’s at some point of the history may not confirm her payment (two pull requests)', () => {
    // equipe-reseau is a steward; main's history shows it listed in alice-conseil's profile once.
    expect(judge('equipe-reseau')).toMatchObject({ allowed: true });
    const former = judge('equipe-reseau', { formerAccounts: new Map([['alice-conseil', ['Equipe-Reseau']]]) });
    expect(former).toMatchObject({ allowed: false, awaitingApproval: true });
    expect(former.message).toContain('confirme un versement de alice-conseil, dont @equipe-reseau est ou a été un compte');
    expect(confirmedPayers(before, after)).toEqual(['alice-conseil']);
    expect(confirmedPayers(before, before)).toEqual([]);
  });
});
