// Who may change what, as pure functions: the CODEOWNERS text for the base fixture, and
// the verdict on each changed path. tests/fixtures/base has three providers, each
// with one forge handle equal to its id: alice-conseil (one declaration,
// declarations/alice-conseil/mission-terminee.yaml), bruno-coop, claire-asso.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/load.ts';
import {
  codeownersText,
  maintainersFrom,
  ownersOf,
  ownershipVerdicts,
  spaceOf,
  type ChangedFile,
  type OwnershipInput,
  type Owners,
} from '../../src/domain/owners.ts';
import { FIXTURE_DATE, FIXTURES } from '../helpers.ts';

const base: Owners = ownersOf(loadRegistry(join(FIXTURES, 'base'), { date: FIXTURE_DATE }));
const MAINTAINERS = ['equipe-compagnie', 'mainteneur-registre'];
const ALICE_DECLARATION = 'content/declarations/alice-conseil/mission-terminee.yaml';

function verdicts(author: string, files: ChangedFile[], head: Owners = base) {
  const input: OwnershipInput = { author, mainteneurs: MAINTAINERS, base, head, files, contentPrefix: 'content' };
  return ownershipVerdicts(input);
}

describe('codeownersText', () => {
  it('gives each provider their profile and declarations folder, maintainers first and on every line', () => {
    expect(codeownersText(base, MAINTAINERS)).toBe(
      [
        '# Fichier généré par `npm run codeowners` à partir des comptes_forge des profils',
        '# (content/prestataires/) et de .github/mainteneurs.yaml : ne pas le modifier à la main.',
        '# Chaque prestataire relit son profil et ses déclarations ; les mainteneurs relisent tout.',
        '# GitHub retient la DERNIÈRE règle qui correspond à un fichier : les mainteneurs sont',
        '# donc répétés sur chaque ligne de prestataire, pour garder leur droit de relecture.',
        '',
        '* @equipe-compagnie @mainteneur-registre',
        '',
        '/content/prestataires/alice-conseil.md @alice-conseil @equipe-compagnie @mainteneur-registre',
        '/content/declarations/alice-conseil/ @alice-conseil @equipe-compagnie @mainteneur-registre',
        '',
        '/content/prestataires/bruno-coop.md @bruno-coop @equipe-compagnie @mainteneur-registre',
        '/content/declarations/bruno-coop/ @bruno-coop @equipe-compagnie @mainteneur-registre',
        '',
        '/content/prestataires/claire-asso.md @claire-asso @equipe-compagnie @mainteneur-registre',
        '/content/declarations/claire-asso/ @claire-asso @equipe-compagnie @mainteneur-registre',
        '',
      ].join('\n'),
    );
  });

  it('lists a handle once (case-insensitively) and names the providers without a handle', () => {
    const owners: Owners = {
      comptes: new Map([
        ['alice-conseil', ['Alice-GH', 'Equipe-Compagnie']],
        ['sans-compte', []],
      ]),
      profils: new Set(['alice-conseil', 'sans-compte']),
    };
    const text = codeownersText(owners, MAINTAINERS, 'data/content');
    expect(text).toContain('\n/data/content/prestataires/alice-conseil.md @Alice-GH @Equipe-Compagnie @mainteneur-registre\n');
    expect(text).toContain('\n# Sans compte de forge (relus par les mainteneurs seuls) : sans-compte.\n');
    expect(text).not.toContain('/sans-compte');
  });
});

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
  it("places each path in a provider's space, the maintainers' or the shared one", () => {
    expect(spaceOf('content/prestataires/alice-conseil.md', 'content')).toEqual({ kind: 'prestataire', id: 'alice-conseil', profil: true });
    expect(spaceOf(ALICE_DECLARATION, 'content')).toEqual({ kind: 'prestataire', id: 'alice-conseil', profil: false });
    expect(spaceOf('content/regles/2026-01-01.yaml', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('.github/mainteneurs.yaml', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('.github/CODEOWNERS', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('.github/workflows/verifier.yml', 'content')).toMatchObject({ kind: 'mainteneurs' });
    expect(spaceOf('content/missions/mission-appel.md', 'content')).toEqual({ kind: 'partage' });
    expect(spaceOf('content/communs/wiki-test.md', 'content')).toEqual({ kind: 'partage' });
    expect(spaceOf('src/domain/load.ts', 'content')).toEqual({ kind: 'partage' });
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
      "content/regles/2026-01-01.yaml est réservé aux mainteneurs (les règles de l'association) : @alice-conseil ne peut pas le modifier. " +
        'Proposez ce changement à un mainteneur (@equipe-compagnie @mainteneur-registre).',
    );
    expect(verdicts('Mainteneur-Registre', files).every((v) => v.allowed)).toBe(true);
  });

  it('leaves missions, commons and code to the review that CODEOWNERS requests', () => {
    const files: ChangedFile[] = [
      { status: 'M', path: 'content/missions/mission-appel.md' },
      { status: 'A', path: 'content/communs/nouveau.md' },
      { status: 'D', path: 'README.md' },
    ];
    expect(verdicts('claire-asso', files).every((v) => v.allowed)).toBe(true);
  });
});
