// Receipts confirmed by the commons, worked out by hand. The tree is
// tests/fixtures/regles-changement (see tests/domain/figures.test.ts) with two changes
// written by the test: reseau-test names its stewards' forge accounts, and
// confirmations/reseau-test.yaml confirms claire-asso's payment.
//
// Declared « verse » to reseau-test:
//   claire-asso/mission-a-cheval: 60 € paid 2024-12-20 (mission started 2024-12-15).
//     Confirmed: 60 € received 2024-12-27 → « versé, confirmé par Réseau de test ».
//   alice-conseil/mission-terminee: 100 € paid 2025-07-05 (mission started 2025-03-01,
//     rules 2025-01-01, no confirmation_jours: the default, 90 days).
//     Not confirmed. Deadline 2025-07-05 + 90 days: 26 days to 31 July, + 31 (August)
//     = 57, + 30 (September) = 87, + 3 → 2025-10-03. Awaited (a warning) from 2025-10-04.
//   bruno-coop/mission-a-cheval: 50 € promised: nothing to confirm.
//
// On 2025-07-15, reseau-test: declared paid 60 + 100 = 160 €, confirmed 60 €.
//   By year: 2024 paid 60, confirmed 60 (received 2024-12-27); 2025 paid 100, confirmed 0, promised 50.
//   Lines declared paid: 2, of which 1 confirmed, 1 not confirmed, 0 awaited.
// Variant: the commons also confirms alice's payment with 95 € received 2025-07-20
//   (platform fees): on 2025-07-15 it is in the future, a warning, not counted; on
//   2025-07-20, confirmed 60 + 95 = 155 €, gap 95 − 100 = −5 €, a warning.
// Variant: a steward confirms 8 000 € for alice's 100 € (forge-trust.md, T13): an error,
//   and what counts as confirmed is at most what was declared: 60 + 100 = 160 €, never
//   60 + 8 000 = 8 060 €.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { compareRegistries } from '../../src/domain/contribution/review.ts';
import { caseTree, FIXTURE_DATE, FIXTURES, tempDir } from '../helpers.ts';

const trees: string[] = [];
afterAll(() => {
  for (const dir of trees) rmSync(dir, { recursive: true, force: true });
});

const CLAIRE = '  - prestataire: claire-asso\n    mission: mission-a-cheval\n    montant_eur: 60\n    date: "2024-12-27"\n    note: Virement reçu.\n';
const ALICE = '  - prestataire: alice-conseil\n    mission: mission-terminee\n    montant_eur: 95\n    date: "2025-07-20"\n';

function tree(receipts: string): string {
  const dir = tempDir('cr-confirmations-');
  trees.push(dir);
  cpSync(join(FIXTURES, 'regles-changement'), dir, { recursive: true });
  const commun = join(dir, 'communs', 'reseau-test.md');
  writeFileSync(commun, readFileSync(commun, 'utf8').replace('contribution_argent:', 'comptes_forge:\n  - equipe-reseau\ncontribution_argent:'));
  const folder = join(dir, 'confirmations');
  mkdirSync(folder);
  writeFileSync(join(folder, 'reseau-test.yaml'), `commun: reseau-test\nconfirmations:\n${receipts}`);
  return dir;
}

const codesOf = (dir: string, date: string) =>
  loadRegistry(dir, { date }).problems.filter((p) => p.code.startsWith('confirmation_')).map((p) => `${p.file}:${p.line} ${p.code}`);

describe('one payment confirmed, one not', () => {
  const dir = tree(CLAIRE);
  const registry = loadRegistry(dir, { date: FIXTURE_DATE }).registry;
  const figures = computeFigures(registry, FIXTURE_DATE);
  const member = (mission: string, prestataire: string) => figures.missions.find((m) => m.id === mission)!.membres.find((m) => m.prestataire === prestataire)!;

  it('loads without error, and nothing is awaited yet on 2025-07-15', () => {
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.registry.confirmations.get('reseau-test')?.file).toBe('confirmations/reseau-test.yaml');
    expect(codesOf(dir, FIXTURE_DATE)).toEqual([]);
  });

  it('gives each money line its state: confirmed (with the receipt), not confirmed (with its deadline), promised', () => {
    expect(member('mission-a-cheval', 'claire-asso').argent).toEqual([
      {
        etat: 'confirme',
        recu: { commun: 'reseau-test', prestataire: 'claire-asso', mission: 'mission-a-cheval', montant_eur: 60, compte_eur: 60, date: '2024-12-27', note: 'Virement reçu.', fichier: 'confirmations/reseau-test.yaml' },
        ecart_eur: 0,
        declare_eur: 60,
        confirme_eur: 60,
        lignes: 1,
        partiel: false,
      },
    ]);
    expect(member('mission-a-cheval', 'claire-asso').confirme_eur).toBe(60);
    expect(member('mission-terminee', 'alice-conseil').argent).toEqual([
      { etat: 'non_confirme', peut_confirmer: true, echeance: '2025-10-03', attendue: false, regle: '2025-01-01#delais' },
    ]);
    expect(member('mission-terminee', 'alice-conseil').confirme_eur).toBe(0);
    expect(member('mission-a-cheval', 'bruno-coop').argent).toEqual([{ etat: 'promis' }]);
  });

  it('puts declared and confirmed side by side for the commons, the mission, the providers and the network', () => {
    expect(figures.communs.find((c) => c.id === 'reseau-test')).toMatchObject({
      argent_par_annee: [
        { annee: 2024, verse_eur: 60, confirme_eur: 60, promis_eur: 0 },
        { annee: 2025, verse_eur: 100, confirme_eur: 0, promis_eur: 50 },
      ],
      argent_verse_eur: 160,
      argent_confirme_eur: 60,
      versements: { confirmes: 1, non_confirmes: 1, attendus: 0 },
    });
    expect(figures.missions.find((m) => m.id === 'mission-a-cheval')!.reciprocite).toMatchObject({ versee_eur: 60, confirmee_eur: 60 });
    expect(figures.prestataires.find((p) => p.id === 'claire-asso')).toMatchObject({ argent_verse_eur: 60, argent_confirme_eur: 60 });
    expect(figures.prestataires.find((p) => p.id === 'alice-conseil')).toMatchObject({ argent_verse_eur: 100, argent_confirme_eur: 0 });
    expect(figures.reseau.totaux).toMatchObject({ argent_verse_eur: 160, argent_confirme_eur: 60 });
    expect(figures.reseau.par_annee.map((y) => [y.annee, y.argent_verse_eur, y.argent_confirme_eur])).toEqual([
      [2024, 60, 60],
      [2025, 100, 0],
    ]);
  });

  it('turns the unconfirmed payment into a warning the day after its deadline, in validate and in the figures alike', () => {
    expect(codesOf(dir, '2025-10-03')).toEqual([]);
    expect(codesOf(dir, '2025-10-04')).toEqual(['declarations/alice-conseil/mission-terminee.yaml:11 confirmation_attendue']);
    const warning = loadRegistry(dir, { date: '2025-10-04' }).problems.find((p) => p.code === 'confirmation_attendue')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toBe('Le versement de 100 € à « reseau-test » du 5 juillet 2025 n’est pas confirmé par le commun : la confirmation était attendue au plus tard le 3 octobre 2025.');
    expect(warning.hint).toContain('@equipe-reseau');
    const october = computeFigures(registry, '2025-10-04');
    expect(october.missions.find((m) => m.id === 'mission-terminee')!.membres.find((m) => m.prestataire === 'alice-conseil')!.argent).toEqual([
      { etat: 'non_confirme', peut_confirmer: true, echeance: '2025-10-03', attendue: true, regle: '2025-01-01#delais' },
    ]);
    expect(october.communs.find((c) => c.id === 'reseau-test')!.versements).toEqual({ confirmes: 1, confirmes_en_partie: 0, non_confirmes: 1, attendus: 1 });
  });

  it('never warns for a commons without forge accounts: nobody there could confirm', () => {
    const other = tree(CLAIRE);
    const commun = join(other, 'communs', 'reseau-test.md');
    writeFileSync(commun, readFileSync(commun, 'utf8').replace('comptes_forge:\n  - equipe-reseau\n', ''));
    rmSync(join(other, 'confirmations'), { recursive: true });
    expect(codesOf(other, '2026-06-01')).toEqual([]);
    const f = computeFigures(loadRegistry(other, { date: '2026-06-01' }).registry, '2026-06-01');
    expect(f.missions.find((m) => m.id === 'mission-terminee')!.membres.find((m) => m.prestataire === 'alice-conseil')!.argent).toEqual([
      { etat: 'non_confirme', peut_confirmer: false, echeance: null, attendue: false, regle: '2025-01-01#delais' },
    ]);
  });
});

describe('a receipt that differs from the declaration, dated after the reference date', () => {
  const dir = tree(CLAIRE + ALICE);

  it('on 2025-07-15: a warning, not counted yet', () => {
    expect(codesOf(dir, FIXTURE_DATE)).toEqual(['confirmations/reseau-test.yaml:10 confirmation_montant_different', 'confirmations/reseau-test.yaml:11 confirmation_future']);
    const f = computeFigures(loadRegistry(dir, { date: FIXTURE_DATE }).registry, FIXTURE_DATE);
    expect(f.communs.find((c) => c.id === 'reseau-test')!.argent_confirme_eur).toBe(60);
  });

  it('on 2025-07-20: confirmed with the amount received, and the gap shown', () => {
    expect(codesOf(dir, '2025-07-20')).toEqual(['confirmations/reseau-test.yaml:10 confirmation_montant_different']);
    const f = computeFigures(loadRegistry(dir, { date: '2025-07-20' }).registry, '2025-07-20');
    const alice = f.missions.find((m) => m.id === 'mission-terminee')!.membres.find((m) => m.prestataire === 'alice-conseil')!;
    expect(alice.argent).toMatchObject([{ etat: 'confirme', recu: { montant_eur: 95, date: '2025-07-20' }, ecart_eur: -5 }]);
    expect(f.communs.find((c) => c.id === 'reseau-test')).toMatchObject({ argent_verse_eur: 160, argent_confirme_eur: 155 }); // 60 + 95
  });
});

describe('a receipt larger than the declared payment', () => {
  const dir = tree(CLAIRE + ALICE.replace('montant_eur: 95', 'montant_eur: 8000'));

  it('is an error, and counts as confirmed no more than what was declared', () => {
    const result = loadRegistry(dir, { date: '2025-07-20' });
    const error = result.problems.find((p) => p.code === 'confirmation_superieure')!;
    expect(`${error.file}:${error.line}:${error.column} ${error.severity}`).toBe('confirmations/reseau-test.yaml:10:5 error');
    const f = computeFigures(result.registry, '2025-07-20');
    // 60 (claire) + min(8 000, 100) (alice) = 160 €.
    expect(f.communs.find((c) => c.id === 'reseau-test')).toMatchObject({ argent_verse_eur: 160, argent_confirme_eur: 160 });
    expect(f.prestataires.find((p) => p.id === 'alice-conseil')).toMatchObject({ argent_verse_eur: 100, argent_confirme_eur: 100 });
    expect(f.reseau.totaux).toMatchObject({ argent_confirme_eur: 160 });
    // The receipt itself is shown as written, with its gap.
    const alice = f.missions.find((m) => m.id === 'mission-terminee')!.membres.find((m) => m.prestataire === 'alice-conseil')!;
    expect(alice.argent).toMatchObject([{ etat: 'confirme', recu: { montant_eur: 8000, compte_eur: 100 }, ecart_eur: 7900 }]);
  });
});

describe('npm run review names a change of receipts', () => {
  it('as a change of the commons’ confirmations', () => {
    const before = loadRegistry(tree(CLAIRE), { date: FIXTURE_DATE }).registry;
    const after = loadRegistry(tree(CLAIRE + ALICE), { date: FIXTURE_DATE }).registry;
    const changes = compareRegistries(before, after).filter((c) => c.kind === 'confirmations');
    expect(changes.map((c) => c.sentence)).toEqual(['Confirmations modifiées : de l’argent et des heures reçus par le commun reseau-test — champ : confirmations.']);
  });
});

// In-kind hours, confirmed in the « nature » list of the same files. Declared to wiki-test:
//   alice-conseil/mission-terminee: 2 h on 2025-07-04 (declarations/…: line 14).
//   claire-asso/mission-a-cheval: 3 h on 2025-03-05.
// wiki-test confirms claire's 3 h, received 2025-03-20: on 2025-07-15, wiki-test was
// given 2 + 3 = 5 h, of which 3 confirmed; one in-kind line confirmed, one not.
// Variants: alice's 2 h confirmed as 30 h (an error, counted 2 h), as 1 h (a warning,
// counted 1 h); a second line for claire (a duplicate); bruno-coop, who gave wiki-test
// nothing in kind (nothing to confirm); a file that confirms nothing.
const CLAIRE_HOURS = '  - prestataire: claire-asso\n    mission: mission-a-cheval\n    heures: 3\n    date: "2025-03-20"\n    note: Deux fiches relues, publiées.\n';
const aliceHours = (heures: number) => `  - prestataire: alice-conseil\n    mission: mission-terminee\n    heures: ${heures}\n    date: "2025-07-08"\n`;

function hoursTree(lines: string): string {
  const dir = tree(CLAIRE);
  const commun = join(dir, 'communs', 'wiki-test.md');
  writeFileSync(commun, readFileSync(commun, 'utf8').replace('contribution_argent:', 'comptes_forge:\n  - equipe-wiki\ncontribution_argent:'));
  writeFileSync(join(dir, 'confirmations', 'wiki-test.yaml'), `commun: wiki-test\nnature:\n${lines}`);
  return dir;
}

const problemsOf = (dir: string, date: string, prefix: string) =>
  loadRegistry(dir, { date })
    .problems.filter((p) => p.code.startsWith(prefix))
    .map((p) => `${p.file}:${p.line} ${p.severity} ${p.code}`);

describe('in-kind hours confirmed by the commons', () => {
  const dir = hoursTree(CLAIRE_HOURS);
  const result = loadRegistry(dir, { date: FIXTURE_DATE });
  const figures = computeFigures(result.registry, FIXTURE_DATE);
  const member = (mission: string, prestataire: string) => figures.missions.find((m) => m.id === mission)!.membres.find((m) => m.prestataire === prestataire)!;

  it('loads without error or warning about them', () => {
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problemsOf(dir, FIXTURE_DATE, 'nature_')).toEqual([]);
  });

  it('gives each in-kind line its state, and never warns for the one not confirmed', () => {
    expect(member('mission-a-cheval', 'claire-asso').nature).toEqual([
      {
        etat: 'confirme',
        recu: { commun: 'wiki-test', prestataire: 'claire-asso', mission: 'mission-a-cheval', heures: 3, compte_heures: 3, date: '2025-03-20', note: 'Deux fiches relues, publiées.', fichier: 'confirmations/wiki-test.yaml' },
        ecart_heures: 0,
        declare_heures: 3,
        heures_confirmees: 3,
        lignes: 1,
        partiel: false,
      },
    ]);
    expect(member('mission-a-cheval', 'claire-asso').nature_confirmee_heures).toBe(3);
    expect(member('mission-terminee', 'alice-conseil').nature).toEqual([{ etat: 'non_confirme', peut_confirmer: true }]);
    expect(member('mission-terminee', 'alice-conseil').nature_confirmee_heures).toBe(0);
    expect(problemsOf(dir, '2027-01-01', 'confirmation_attendue').filter((p) => p.includes('contributions_nature'))).toEqual([]);
  });

  it('puts declared and confirmed hours side by side for the commons, the mission, the providers and the network', () => {
    expect(figures.communs.find((c) => c.id === 'wiki-test')).toMatchObject({ nature_heures: 5, nature_confirmee_heures: 3, contributions_nature: { confirmees: 1, confirmees_en_partie: 0, non_confirmees: 1 } });
    expect(figures.missions.find((m) => m.id === 'mission-a-cheval')!.reciprocite).toMatchObject({ nature_heures: 3, nature_confirmee_heures: 3 });
    expect(figures.missions.find((m) => m.id === 'mission-terminee')!.reciprocite).toMatchObject({ nature_heures: 2, nature_confirmee_heures: 0 });
    const claire = figures.prestataires.find((p) => p.id === 'claire-asso')!;
    expect(claire.nature_confirmee_heures + claire.en_cours.nature_confirmee_heures).toBe(3);
    expect(figures.prestataires.find((p) => p.id === 'alice-conseil')).toMatchObject({ nature_heures: 2, nature_confirmee_heures: 0 });
    expect(figures.reseau.totaux).toMatchObject({ nature_heures: 5, nature_confirmee_heures: 3 });
    expect(figures.reseau.par_annee.find((y) => y.annee === 2025)).toMatchObject({ nature_heures: 5, nature_confirmee_heures: 3 });
  });

  it('before its date (2025-03-19), the receipt does not count yet and is a warning', () => {
    expect(problemsOf(dir, '2025-03-19', 'confirmation_future')).toEqual(['confirmations/wiki-test.yaml:6 warning confirmation_future']);
    const early = computeFigures(loadRegistry(dir, { date: '2025-03-19' }).registry, '2025-03-19');
    expect(early.communs.find((c) => c.id === 'wiki-test')!.nature_confirmee_heures).toBe(0);
  });

  it('counts hours larger than declared no more than declared (an error), fewer as received (a warning)', () => {
    const larger = hoursTree(CLAIRE_HOURS + aliceHours(30));
    expect(problemsOf(larger, FIXTURE_DATE, 'nature_')).toEqual(['confirmations/wiki-test.yaml:10 error nature_superieure']);
    const error = loadRegistry(larger, { date: FIXTURE_DATE }).problems.find((p) => p.code === 'nature_superieure')!;
    expect(error.message).toBe('Le commun confirme avoir reçu 30\u00a0h de « alice-conseil » pour « mission-terminee », plus que les 2\u00a0h que la déclaration dit données.');
    expect(error.hint).toContain('declarations/alice-conseil/mission-terminee.yaml');
    const f = computeFigures(loadRegistry(larger, { date: FIXTURE_DATE }).registry, FIXTURE_DATE);
    expect(f.communs.find((c) => c.id === 'wiki-test')!.nature_confirmee_heures).toBe(5); // 3 + min(30, 2)
    const fewer = hoursTree(CLAIRE_HOURS + aliceHours(1));
    expect(problemsOf(fewer, FIXTURE_DATE, 'nature_')).toEqual(['confirmations/wiki-test.yaml:10 warning nature_differente']);
    const g = computeFigures(loadRegistry(fewer, { date: FIXTURE_DATE }).registry, FIXTURE_DATE);
    expect(g.communs.find((c) => c.id === 'wiki-test')!.nature_confirmee_heures).toBe(4); // 3 + 1
    expect(g.missions.find((m) => m.id === 'mission-terminee')!.membres.find((m) => m.prestataire === 'alice-conseil')!.nature).toMatchObject([{ etat: 'confirme', ecart_heures: -1 }]);
  });

  it('refuses a second line for the same mission, hours for a declaration that gave none, and a file that confirms nothing', () => {
    const twice = hoursTree(CLAIRE_HOURS + CLAIRE_HOURS);
    expect(problemsOf(twice, FIXTURE_DATE, 'nature_')).toEqual(['confirmations/wiki-test.yaml:9 error nature_doublon']);
    const none = hoursTree('  - prestataire: bruno-coop\n    mission: mission-a-cheval\n    heures: 1\n    date: "2025-03-20"\n');
    expect(problemsOf(none, FIXTURE_DATE, 'nature_')).toEqual(['confirmations/wiki-test.yaml:4 error nature_sans_contribution']);
    const empty = tree(CLAIRE);
    writeFileSync(join(empty, 'confirmations', 'reseau-test.yaml'), 'commun: reseau-test\n');
    const problem = loadRegistry(empty, { date: FIXTURE_DATE }).problems.find((p) => p.file === 'confirmations/reseau-test.yaml')!;
    expect(problem).toMatchObject({ code: 'confirmations_vides', severity: 'error' });
    expect(problem.message).toBe('Ce fichier ne confirme rien : ni argent reçu (confirmations) ni heures reçues en nature (nature).');
  });
});

// The hints of a confirmations file speak of that file (not of a declaration's name), and
// the duplicate names the entry of the list, not a line of the file.
describe('les messages d’un fichier de confirmations parlent de ce fichier', () => {
  const problem = (dir: string, date: string, code: string) => loadRegistry(dir, { date }).problems.find((p) => p.code === code)!;

  it('mission_inconnue sur une ligne « nature » : l’identifiant de content/missions/, pas le nom du fichier de déclaration', () => {
    const dir = hoursTree(CLAIRE_HOURS.replace('mission: mission-a-cheval', 'mission: mission-a-chevall'));
    const p = problem(dir, FIXTURE_DATE, 'mission_inconnue');
    expect(`${p.file}:${p.line}:${p.column}`).toBe('confirmations/wiki-test.yaml:4:5');
    expect(p.message).toBe('Aucune mission « mission-a-chevall » dans missions/. Vouliez-vous dire « mission-a-cheval » ?');
    expect(p.hint).toContain('content/missions/<identifiant>.md');
    expect(p.hint).not.toContain('fichier de déclaration');
  });

  it('confirmation_future sur une ligne « nature » parle des heures, sur une ligne d’argent de l’argent', () => {
    const hoursHint = problem(hoursTree(CLAIRE_HOURS), '2025-03-19', 'confirmation_future').hint;
    expect(hoursHint).toContain('Confirmez les heures une fois reçues');
    expect(hoursHint).not.toContain('l’argent');
    expect(problem(tree(CLAIRE), '2024-12-26', 'confirmation_future').hint).toContain('Confirmez l’argent une fois reçu');
  });

  it('nature_doublon nomme l’entrée n° 1 de la liste « nature »', () => {
    const p = problem(hoursTree(CLAIRE_HOURS + CLAIRE_HOURS), FIXTURE_DATE, 'nature_doublon');
    expect(p.message).toBe('Les heures de « claire-asso » pour « mission-a-cheval » sont déjà confirmées (l’entrée n° 1 de la liste « nature »).');
  });
});

// One schema error in one line of a confirmations file (tests/fixtures/invalid/): the line
// is refused and reported, the other lines still count. alice-conseil paid reseau-test
// 100 € on 2025-03-15; the delay (90 days) ended on 2025-06-13.
describe('une ligne invalide d’un fichier de confirmations ne fait pas tomber les autres', () => {
  it('la ligne d’argent valide confirme toujours : aucune confirmation_attendue, le versement compte confirmé', () => {
    const dir = caseTree('confirmation-ligne-invalide');
    trees.push(dir);
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(result.problems.filter((p) => p.file.startsWith('confirmations/')).map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`)).toEqual([
      'confirmations/reseau-test.yaml:9:5 error champ_manquant',
      'confirmations/reseau-test.yaml:11:5 error cle_inconnue',
    ]);
    expect(result.problems.map((p) => p.code)).not.toContain('confirmation_attendue');
    const f = computeFigures(result.registry, FIXTURE_DATE);
    expect(f.communs.find((c) => c.id === 'reseau-test')).toMatchObject({ argent_verse_eur: 100, argent_confirme_eur: 100, versements: { confirmes: 1, non_confirmes: 0, attendus: 0 } });
  });

  it('« heures: 0 » et « heures: 7h » sont refusées ligne par ligne, à leur ligne', () => {
    for (const [value, code] of [['0', 'nombre_hors_limites'], ['7h', 'type_invalide']]) {
      const dir = caseTree('confirmation-ligne-invalide');
      trees.push(dir);
      const file = join(dir, 'confirmations', 'reseau-test.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('heure: 2', `heures: ${value}`));
      const result = loadRegistry(dir, { date: FIXTURE_DATE });
      expect(result.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column} ${p.code}`)).toEqual([`confirmations/reseau-test.yaml:11:5 ${code}`]);
      expect(result.registry.confirmations.get('reseau-test')!.data.confirmations).toHaveLength(1);
      expect(result.problems.map((p) => p.code)).not.toContain('confirmation_attendue');
      // A number written with its unit is said back as the number alone.
      if (value === '7h') expect(result.problems.find((p) => p.code === 'type_invalide')!.hint).toBe('Écrivez le nombre seul, sans unité : « heures: 7 » (l’unité est dans le nom du champ : _eur pour les euros, heures pour les heures).');
    }
  });

  it('un fichier refusé en entier : son erreur, et pas de confirmation_attendue trompeuse pour les versements à ce commun', () => {
    const dir = caseTree('confirmations-fichier-invalide');
    trees.push(dir);
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['type_invalide']);
    expect(result.problems.map((p) => p.code)).not.toContain('confirmation_attendue');
    // Without the file at all, the payment is awaited as before.
    rmSync(join(dir, 'confirmations'), { recursive: true });
    expect(loadRegistry(dir, { date: FIXTURE_DATE }).problems.map((p) => p.code)).toContain('confirmation_attendue');
  });
});

// A receipt covers a group of lines, never one line. claire-asso declares, on
// mission-a-cheval, two in-kind lines to wiki-test (3 h, then 4 h added below: 7 h) and
// two payments to reseau-test (60 €, then 40 € on 2025-01-10: 100 €).
//   wiki-test confirms 5 h: both lines « confirmé en partie », 5 h counted (not 2 × 5);
//     shared in order: 3 h to the first line (its 3 h), 5 − 3 = 2 h to the second.
//   reseau-test confirms 70 €: both payments in part; 60 € to the first, 10 € to the second.
//   Confirmed in full (7 h, 100 €): both lines confirmed, 3 + 4 h and 60 + 40 €.
describe('une confirmation couvre les lignes d’une mission, en entier ou en partie', () => {
  const SECOND_GIFT = '  - commun: wiki-test\n    description: Une fiche écrite.\n    heures: 4\n    date: "2025-03-06"\n';
  const SECOND_PAYMENT = '  - commun: reseau-test\n    montant_eur: 40\n    statut: verse\n    date: "2025-01-10"\n';
  function groupTree(euros: number, heures: number): string {
    const dir = hoursTree(`  - prestataire: claire-asso\n    mission: mission-a-cheval\n    heures: ${heures}\n    date: "2025-03-20"\n`);
    writeFileSync(join(dir, 'confirmations', 'reseau-test.yaml'), `commun: reseau-test\nconfirmations:\n${CLAIRE.replace('montant_eur: 60', `montant_eur: ${euros}`).replace('2024-12-27', '2025-01-12')}`);
    const file = join(dir, 'declarations', 'claire-asso', 'mission-a-cheval.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('contributions_nature:\n', `${SECOND_PAYMENT}contributions_nature:\n`) + SECOND_GIFT);
    return dir;
  }
  const claireOf = (dir: string) => {
    const f = computeFigures(loadRegistry(dir, { date: FIXTURE_DATE }).registry, FIXTURE_DATE);
    return { f, claire: f.missions.find((m) => m.id === 'mission-a-cheval')!.membres.find((m) => m.prestataire === 'claire-asso')! };
  };

  it('en partie : chaque ligne le dit, le compte des lignes aussi, et les parts s’additionnent au compté', () => {
    const { f, claire } = claireOf(groupTree(70, 5));
    expect(claire.nature).toMatchObject([
      { etat: 'confirme', partiel: true, lignes: 2, declare_heures: 7, heures_confirmees: 3, recu: { heures: 5, compte_heures: 5 } },
      { etat: 'confirme', partiel: true, lignes: 2, declare_heures: 7, heures_confirmees: 2 },
    ]);
    expect(claire.argent).toMatchObject([
      { etat: 'confirme', partiel: true, lignes: 2, declare_eur: 100, confirme_eur: 60, recu: { montant_eur: 70, compte_eur: 70 } },
      { etat: 'confirme', partiel: true, lignes: 2, declare_eur: 100, confirme_eur: 10 },
    ]);
    const wiki = f.communs.find((c) => c.id === 'wiki-test')!;
    // alice's 2 h are not confirmed; claire's 3 + 4 h are confirmed in part.
    expect(wiki).toMatchObject({ nature_heures: 9, nature_confirmee_heures: 5, contributions_nature: { confirmees: 0, confirmees_en_partie: 2, non_confirmees: 1 } });
    expect(wiki.par_annee.find((y) => y.annee === 2025)).toMatchObject({ nature_heures: 9, nature_confirmee_heures: 5 });
    expect(f.communs.find((c) => c.id === 'reseau-test')).toMatchObject({ argent_confirme_eur: 70, versements: { confirmes: 0, confirmes_en_partie: 2, non_confirmes: 1 } });
  });

  it('en entier : les deux lignes confirmées, pas en partie', () => {
    const { f, claire } = claireOf(groupTree(100, 7));
    expect(claire.nature).toMatchObject([
      { etat: 'confirme', partiel: false, lignes: 2, heures_confirmees: 3 },
      { etat: 'confirme', partiel: false, lignes: 2, heures_confirmees: 4 },
    ]);
    expect(claire.argent).toMatchObject([
      { etat: 'confirme', partiel: false, lignes: 2, confirme_eur: 60 },
      { etat: 'confirme', partiel: false, lignes: 2, confirme_eur: 40 },
    ]);
    expect(f.communs.find((c) => c.id === 'wiki-test')!.contributions_nature).toEqual({ confirmees: 2, confirmees_en_partie: 0, non_confirmees: 1 });
  });
});
