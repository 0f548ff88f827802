// `npm run validate` as CI runs it: a real process on real content trees, its exit
// code and its three output formats. Also `npm run schemas -- --check`.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, git, npmRun, ROOT, SAMPLE, SAMPLE_DIR, tempDir, walk, type RunResult } from '../helpers.ts';
import { commitAll as commit, edit, runScript, temporaryRepositories, write } from '../git-repo.ts';

const CONTENT = SAMPLE;
const SAMPLE_DATE = '2026-11-29';
/** A declaration of the sample content, broken in a copy: its amount becomes -5. */
const BROKEN = 'declarations/agathe-morel/urbanisme-transitoire-friche-val-ardoise-2025.yaml';

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

interface Item {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  hint: string;
}

describe(`npm run validate sur ${SAMPLE_DIR}/`, () => {
  it(`sort avec 0 et compte fichiers et entités au ${SAMPLE_DATE}`, () => {
    const files = walk(CONTENT).length;
    const run = npmRun('validate', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // e.g. "72 fichiers lus, 72 entités valides : 0 erreur, 9 avertissements — registre valide."
    const summary = /^(\d+) fichiers lus, (\d+) entités valides : 0 erreur, \d+ avertissements? — registre valide\.$/.exec(lastLine(run.stdout));
    expect(summary, lastLine(run.stdout)).not.toBeNull();
    expect(Number(summary![1])).toBe(files);
    expect(Number(summary![2])).toBe(files);
  });
});

describe(`npm run validate sur une copie de ${SAMPLE_DIR}/ avec une déclaration cassée`, () => {
  let dir: string;
  let shown: string;
  let line: number;
  const runs: Partial<Record<'text' | 'json' | 'github', RunResult>> = {};
  const run = (format: 'text' | 'json' | 'github') =>
    (runs[format] ??= npmRun('validate', ['--content', dir, '--date', SAMPLE_DATE, '--format', format]));

  beforeAll(() => {
    dir = tempDir('cr-validate-');
    cpSync(CONTENT, dir, { recursive: true });
    const file = join(dir, BROKEN);
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((l) => /^\s+montant_eur: /.test(l));
    expect(index).toBeGreaterThan(0);
    lines[index] = lines[index].replace(/montant_eur: .*/, 'montant_eur: -5');
    writeFileSync(file, lines.join('\n'));
    line = index + 1;
    // The validator prints paths as the reader opens them: the folder relative to the
    // working directory (the repository root), then the file inside it.
    shown = `${relative(ROOT, dir)}/${BROKEN}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--format json : sort avec 1 et ne liste en erreur que le fichier cassé, à sa ligne', () => {
    const { status, stdout } = run('json');
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as { files: number; entities: number; errors: Item[]; warnings: Item[] };
    const files = walk(dir).length;
    expect(report.files).toBe(files);
    expect(report.entities).toBe(files - 1);
    expect(report.errors).toHaveLength(1);
    const [error] = report.errors;
    expect(error.file).toBe(shown);
    expect(error.file.endsWith(`/${BROKEN}`)).toBe(true);
    expect(error).toMatchObject({ line, code: 'montant_non_positif', message: '« montant_eur » doit être positif (reçu -5).' });
    expect(Array.isArray(report.warnings)).toBe(true);
    for (const item of [...report.errors, ...report.warnings]) {
      expect(Object.keys(item).sort()).toEqual(['code', 'column', 'file', 'hint', 'line', 'message']);
      expect(item).toMatchObject({ file: expect.any(String), line: expect.any(Number), column: expect.any(Number) });
      expect(item.message.length).toBeGreaterThan(0);
      expect(item.hint.length).toBeGreaterThan(0);
    }
  });

  it('--format github : une annotation ::error pour l’erreur, ::warning pour chaque avertissement', () => {
    const { status, stdout } = run('github');
    expect(status).toBe(1);
    const report = JSON.parse(run('json').stdout) as { errors: Item[]; warnings: Item[] };
    const lines = stdout.split('\n');
    const errors = lines.filter((l) => l.startsWith('::error '));
    const warnings = lines.filter((l) => l.startsWith('::warning '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^::error file=[^,]*${BROKEN.replace(/[.]/g, '\\.')},line=${line},col=\\d+,title=montant_non_positif::`));
    expect(errors[0]).toContain('« montant_eur » doit être positif (reçu -5).');
    expect(warnings).toHaveLength(report.warnings.length);
    for (const warning of warnings) expect(warning).toMatch(/^::warning file=[^,]+,line=\d+,col=\d+,title=[a-z_]+::./);
    // The summary agrees its words with the numbers: « 1 erreur », never « erreur(s) ».
    expect(stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^\\d+ fichiers lus, \\d+ entités valides : 1 erreur, ${report.warnings.length} avertissements?\\.$`));
  });

  it('--format text (par défaut) : « chemin:ligne:colonne  message », puis le conseil en retrait', () => {
    const text = npmRun('validate', ['--content', dir, '--date', SAMPLE_DATE]);
    expect(text.status).toBe(1);
    expect(text.stdout).toBe(run('text').stdout);
    const lines = text.stdout.split('\n');
    const index = lines.findIndex((l) => l.startsWith(`${shown}:${line}:`));
    expect(index, text.stdout).toBeGreaterThanOrEqual(0);
    expect(lines[index]).toMatch(new RegExp(`^${shown.replace(/[.]/g, '\\.')}:${line}:\\d+  « montant_eur » doit être positif \\(reçu -5\\)\\.$`));
    expect(lines[index + 1]).toMatch(/^ {4}conseil : .+ \[montant_non_positif\]$/);
    expect(lastLine(text.stdout)).toMatch(/^\d+ fichiers lus, \d+ entités valides : 1 erreur, \d+ avertissements? — registre invalide\.$/);
  });
});

describe('npm run validate : erreurs d’usage (sortie 2)', () => {
  it.each([
    [['--inconnue'], 'Option inconnue : --inconnue.'],
    [['--format', 'xml'], 'Format inconnu : « xml ». Formats possibles : text, json, github, markdown.'],
    [['--date', '2025-02-30'], 'Date de référence invalide : « 2025-02-30 ». Format attendu : AAAA-MM-JJ.'],
    [['--content', '/does/not/exist'], 'Dossier de contenu introuvable : /does/not/exist'],
  ])('%j : sortie 2, message en français, sans pile d’appels', (args, message) => {
    const run = npmRun('validate', args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at ');
    expect(run.stdout).toBe('');
  });
});

describe('npm run validate : les avertissements ne changent pas le code de sortie', () => {
  it('l’arbre de base au 2025-10-15 (bruno-coop défaillant, hors du cercle) sort avec 0', () => {
    const run = npmRun('validate', ['--content', join(FIXTURES, 'base'), '--date', '2025-10-15', '--format', 'json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { errors: Item[]; warnings: Item[] };
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toEqual(['declaration_defaillante']);
  });
});

describe('le temps seul ne casse jamais le registre', () => {
  it(`npm run validate -- --date 2046-11-30 sur ${SAMPLE_DIR}/ sort avec 0 : ce qui a vieilli est un avertissement`, () => {
    const run = npmRun('validate', ['--content', SAMPLE_DIR, '--date', '2046-11-30', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { errors: Item[]; warnings: Item[] };
    expect(report.errors).toEqual([]);
    // Twenty years on, every membership has lapsed and every finished mission is past its delays.
    expect(report.warnings.map((w) => w.code)).toContain('adhesion_absente');
  });

  it(`npm run validate -- --date 2025-06-01 sur ${SAMPLE_DIR}/ sort avec 0 : ce qui est daté après n’est pas encore là, un avertissement`, () => {
    // On 2025-06-01, 25 declarations, 19 payments, 1 amendment and the declarations of 18
    // missions not started yet are dated after the reference date: at that date they do
    // not exist yet (the figures leave them out), they are not mistakes of the registry.
    const run = npmRun('validate', ['--content', SAMPLE_DIR, '--date', '2025-06-01', '--format', 'json']);
    expect(run.status, run.stdout.slice(0, 2000)).toBe(0);
    const report = JSON.parse(run.stdout) as { errors: Item[]; warnings: Item[] };
    expect(report.errors).toEqual([]);
    const codes = new Set(report.warnings.map((w) => w.code));
    for (const code of ['declaration_date_future', 'versement_futur', 'mission_non_commencee', 'modification_future']) expect(codes, code).toContain(code);
    const payment = report.warnings.find((w) => w.code === 'versement_futur')!;
    expect(payment.message).toMatch(/après la date de référence \(1er juin 2025\)/);
    expect(payment.hint).toContain('Vu du 1er juin 2025, date passée, ce fait n’a pas encore eu lieu : un avertissement, pas une erreur.');
  });

  it('sur le registre d’aujourd’hui (sans --date), une déclaration datée de demain reste une erreur', () => {
    const dir = tempDir('cr-futur-');
    cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
    const file = join(dir, 'declarations', 'alice-conseil', 'mission-terminee.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: "2025-07-05"\n', 'date: "2099-07-05"\n'));
    const run = npmRun('validate', ['--content', dir, '--format', 'json']);
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { errors: Item[] }).errors.map((e) => e.code)).toEqual(['declaration_date_future']);
  });

  it('une mission de compagnonnage sans budget (budget_eur: 0) s’enregistre', () => {
    const dir = tempDir('cr-compagnonnage-');
    cpSync(join(FIXTURES, 'base'), dir, { recursive: true });
    const file = join(dir, 'missions', 'mission-terminee.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('budget_eur: 6500', 'budget_eur: 0'));
    const run = npmRun('validate', ['--content', dir, '--date', '2025-07-15', '--format', 'json']);
    rmSync(dir, { recursive: true, force: true });
    expect(run.status, run.stdout).toBe(0);
    expect((JSON.parse(run.stdout) as { errors: Item[] }).errors).toEqual([]);
  });
});

describe('npm run schemas -- --check', () => {
  it('les schémas JSON de schemas/json/ sont à jour (sortie 0)', () => {
    const run = npmRun('schemas', ['--check']);
    expect(run.status, run.stderr).toBe(0);
  });
});

describe('npm run validate --format github --base (CI d’une demande)', () => {
  const repository = temporaryRepositories('cr-validate-');
  it('n’annote que les fichiers que la demande modifie ; les autres problèmes restent listés, sans annotation', () => {
    // At 2025-07-31, mission-terminee (ended 2025-06-30, 30 days to declare) is late for
    // bruno-coop, and for alice-conseil once her declaration is invalid: two warnings on
    // content/missions/mission-terminee.md, a file the request does not touch.
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'pr');
    edit(dir, 'content/declarations/alice-conseil/mission-terminee.yaml', 'montant_eur: 100', 'montant_eur: -1');
    commit(dir, 'montant négatif');
    const run = runScript('validate', ['--format', 'github', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(run.status).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=content\/declarations\/alice-conseil\/mission-terminee\.yaml,line=10,col=5,title=montant_non_positif::/);
    expect(run.stdout).toContain('2 problèmes dans des fichiers que la demande ne modifie pas (sans annotation) :');
    expect(run.stdout).toMatch(/^ {2}content\/missions\/mission-terminee\.md:\d+:\d+ {2}avertissement : « bruno-coop » n'a pas déclaré/m);
  });
});

describe('npm run validate --base : une règle en vigueur ne se réécrit pas', () => {
  // tests/fixtures/base has one rules file, regles/2024-01-01.yaml, in force since 2024-01-01.
  const repository = temporaryRepositories('cr-validate-regles-');

  it('refuse une modification de regles/2024-01-01.yaml dans une branche, en nommant le fichier et en disant d’ajouter un fichier', () => {
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'pr');
    edit(dir, 'content/regles/2024-01-01.yaml', 'declaration_jours: 30', 'declaration_jours: 45');
    commit(dir, 'délai allongé en place');
    const run = runScript('validate', ['--content', 'content', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^content\/regles\/2024-01-01\.yaml:1:1 {2}Ces règles sont en vigueur depuis le 2024-01-01 : ce changement les modifie/m);
    expect(run.stdout).toContain('ajoutez un nouveau fichier regles/<AAAA-MM-JJ>.yaml');
    // The same in GitHub annotations, on the changed file.
    const github = runScript('validate', ['--format', 'github', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(github.status).toBe(1);
    expect(github.stdout).toMatch(/^::error file=content\/regles\/2024-01-01\.yaml,line=1,col=1,title=regles_reecrites::/m);
    // Without --base, nothing to compare with: the edited file is valid on its own.
    expect(runScript('validate', ['--content', 'content', '--date', '2025-07-31'], dir).status).toBe(0);
  });

  it('refuse sa suppression et un commentaire changé, mais accepte un nouveau fichier et une règle pas encore en vigueur', () => {
    const dir = repository((d) => {
      cpSync(join(d, 'content/regles/2024-01-01.yaml'), join(d, 'content/regles/2026-01-01.yaml'));
      edit(d, 'content/regles/2026-01-01.yaml', 'en_vigueur_depuis: "2024-01-01"', 'en_vigueur_depuis: "2026-01-01"');
    });
    git(dir, 'checkout', '-q', '-b', 'pr');
    // Not in force on 2025-07-31: still a draft that can be corrected.
    edit(dir, 'content/regles/2026-01-01.yaml', 'declaration_jours: 30', 'declaration_jours: 45');
    cpSync(join(dir, 'content/regles/2026-01-01.yaml'), join(dir, 'content/regles/2027-01-01.yaml'));
    edit(dir, 'content/regles/2027-01-01.yaml', 'en_vigueur_depuis: "2026-01-01"', 'en_vigueur_depuis: "2027-01-01"');
    commit(dir, 'brouillon et nouveau fichier');
    const ok = runScript('validate', ['--content', 'content', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(ok.stdout).not.toContain('regles_reecrites');
    expect(ok.stdout).not.toContain('Ces règles sont en vigueur');
    // A comment of a rules file in force is part of it: it says what the numbers mean.
    writeFileSync(join(dir, 'content/regles/2024-01-01.yaml'), `# Un commentaire ajouté.\n${readFileSync(join(dir, 'content/regles/2024-01-01.yaml'), 'utf8')}`);
    commit(dir, 'commentaire');
    const comment = runScript('validate', ['--content', 'content', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(comment.status).toBe(1);
    expect(comment.stdout).toMatch(/^content\/regles\/2024-01-01\.yaml:1:1 {2}Ces règles sont en vigueur depuis le 2024-01-01 : ce changement les modifie/m);
    git(dir, 'checkout', '-q', 'HEAD~1', '--', 'content/regles/2024-01-01.yaml');
    commit(dir, 'commentaire retiré');
    // Once 2026-01-01 has passed, the same edit of 2026-01-01.yaml is refused.
    const later = runScript('validate', ['--content', 'content', '--date', '2026-01-01', '--base', 'main'], dir);
    expect(later.stdout).toMatch(/^content\/regles\/2026-01-01\.yaml:1:1 {2}Ces règles sont en vigueur depuis le 2026-01-01/m);
    git(dir, 'rm', '-q', 'content/regles/2024-01-01.yaml');
    commit(dir, 'suppression');
    const removed = runScript('validate', ['--content', 'content', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(removed.status).toBe(1);
    expect(removed.stdout).toMatch(/content\/regles\/2024-01-01\.yaml:1:1 {2}Ces règles sont en vigueur depuis le 2024-01-01 : ce changement les supprime/);
  });
});

describe('npm run validate --base : une règle ne s’antidate pas', () => {
  // A rules file is adopted, at the earliest, the day it enters the registry: the day of the
  // check (--date), whatever its adoptees_le says. tests/fixtures/base has regles/2024-01-01.yaml.
  const repository = temporaryRepositories('cr-validate-antidate-');
  const addRules = (dir: string, extra = '') => {
    cpSync(join(dir, 'content/regles/2024-01-01.yaml'), join(dir, 'content/regles/2025-07-01.yaml'));
    edit(dir, 'content/regles/2025-07-01.yaml', 'en_vigueur_depuis: "2024-01-01"\nadoptees_le: "2023-12-15"\n', `en_vigueur_depuis: "2025-07-01"\nadoptees_le: "2025-06-20"\n${extra}`);
    edit(dir, 'content/regles/2025-07-01.yaml', 'declaration_jours: 30', 'declaration_jours: 20');
  };

  it('refuse un fichier ajouté le 31 juillet qui s’applique depuis le 1er juillet sans dire pourquoi, même « adopté » le 20 juin', () => {
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'pr');
    addRules(dir);
    commit(dir, 'règles du 1er juillet, ajoutées fin juillet');
    const run = runScript('validate', ['--content', 'content', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^content\/regles\/2025-07-01\.yaml:2:1 {2}Ces règles s'appliquent depuis le 1er juillet 2025, avant d'entrer au registre \(au plus tôt le 31 juillet 2025, jour de cette vérification ; adoptées le 20 juin 2025 selon le fichier\) : elles sont rétroactives, sans dire pourquoi\./m,
    );
    expect(run.stdout).toContain('ajoutez « retroactivite: » avec la raison');
    // Without --base, the file alone looks adopted before it applies: nothing to see.
    expect(runScript('validate', ['--content', 'content', '--date', '2025-07-31'], dir).status).toBe(0);
    // Dated from the day it enters, it is accepted.
    const later = runScript('validate', ['--content', 'content', '--date', '2025-07-01', '--base', 'main'], dir);
    expect(later.stdout).not.toContain('regles_entree_retroactive');
    expect(later.stdout).not.toContain('avant d\'entrer au registre');
  });

  it('accepte le même fichier s’il dit pourquoi (retroactivite) ; les verdicts qu’il fonde le nomment rétroactif', () => {
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'pr');
    addRules(dir, 'retroactivite: Délai raccourci voté en assemblée le 20 juin, publié le 31 juillet.\n');
    commit(dir, 'règles du 1er juillet, rétroactives et le disant');
    const run = runScript('validate', ['--content', 'content', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(run.stdout).not.toContain('avant d\'entrer au registre');
    expect(run.status, run.stdout).toBe(0);
    const figures = JSON.parse(runScript('figures', ['--content', 'content', '--date', '2025-07-31'], dir).stdout) as { prestataires: Array<{ id: string; verdict: { retroactives: string[]; texte: string } }> };
    const alice = figures.prestataires.find((p) => p.id === 'alice-conseil')!;
    expect(alice.verdict.retroactives).toEqual(['2025-07-01']);
    expect(alice.verdict.texte).toContain('Jugé selon des règles rétroactives (en vigueur depuis le 1er juillet 2025, adoptées après).');
  });
});

describe('npm run validate --base : les faits d’une mission terminée ne changent qu’avec une note de correction', () => {
  // tests/fixtures/base: missions/mission-terminee.md (terminee, 2025-03-01 → 2025-06-30) has
  // budget_eur on line 14 and its team from line 18: alice-conseil plancher 10 days (lines
  // 19-21), bruno-coop coordination 5 days (lines 22-24). Rules 2024-01-01: plancher 300 €,
  // coordination 500 €, 100 € of margin per floor day. Budget 6 500 = 10 × 300 + 5 × 500 + 10 × 100.
  // One more coordination day: 6 × 500 = 3 000, so 3 000 + 3 000 + 1 000 = 7 000 € (no budget_ecart).
  const repository = temporaryRepositories('cr-validate-missions-');
  const MISSION_FILE = 'content/missions/mission-terminee.md';
  const NOTE = 'corrections:\n  - date: "2025-07-20"\n    raison: Avenant signé le 18 juillet, un jour de coordination en plus.\n';
  const oneMoreDay = (dir: string) => {
    edit(dir, MISSION_FILE, 'budget_eur: 6500', 'budget_eur: 7000');
    edit(dir, MISSION_FILE, '    role: coordination\n    jours: 5', '    role: coordination\n    jours: 6');
  };
  const validate = (dir: string) => runScript('validate', ['--content', 'content', '--date', '2025-07-31', '--base', 'main'], dir);

  it('refuse le budget et les jours changés sans note, en nommant le fichier, la ligne et le champ', () => {
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'pr');
    oneMoreDay(dir);
    commit(dir, 'un jour de plus, sans note');
    const run = validate(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^content\/missions\/mission-terminee\.md:14:1 {2}La mission « mission-terminee » était terminée : « budget_eur » change \(6500 → 7000\) sans note de correction\./m);
    expect(run.stdout).toMatch(
      /^content\/missions\/mission-terminee\.md:18:1 {2}La mission « mission-terminee » était terminée : « equipe » change \(alice-conseil plancher 10 j, bruno-coop coordination 5 j → alice-conseil plancher 10 j, bruno-coop coordination 6 j\) sans note de correction\./m,
    );
    expect(run.stdout).toContain('ajoutez à la fin de « corrections: » une entrée avec date et raison');
    const github = runScript('validate', ['--format', 'github', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(github.stdout).toMatch(/^::error file=content\/missions\/mission-terminee\.md,line=14,col=1,title=mission_terminee_modifiee::/m);
    // Without --base there is nothing to compare with: the file is valid on its own.
    expect(runScript('validate', ['--content', 'content', '--date', '2025-07-31'], dir).status).toBe(0);
  });

  it('accepte le même changement avec une note ajoutée (date, raison) ; une note qui ne nomme pas un fait changé est refusée', () => {
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'pr');
    oneMoreDay(dir);
    edit(dir, MISSION_FILE, '---\nUne mission de test.', `${NOTE}---\nUne mission de test.`);
    commit(dir, 'un jour de plus, avec sa note');
    const ok = validate(dir);
    expect(ok.status, ok.stdout).toBe(0);
    expect(ok.stdout).not.toMatch(/mission_terminee_modifiee|était terminée/);
    // The note names only the budget: the team changed too.
    edit(dir, MISSION_FILE, 'un jour de coordination en plus.\n', 'un jour de coordination en plus.\n    champs: [budget_eur]\n');
    commit(dir, 'champs');
    const partial = validate(dir);
    expect(partial.status).toBe(1);
    expect(partial.stdout).toMatch(/^content\/missions\/mission-terminee\.md:33:5 {2}La correction ajoutée \(2025-07-20\) ne nomme pas « equipe » dans ses champs/m);
  });

  it('refuse une note passée réécrite ou effacée, et le fichier d’une mission terminée supprimé', () => {
    const dir = repository((d) => edit(d, MISSION_FILE, '---\nUne mission de test.', `${NOTE}---\nUne mission de test.`));
    git(dir, 'checkout', '-q', '-b', 'pr');
    edit(dir, MISSION_FILE, 'un jour de coordination en plus.', 'rien ne s’est passé, en fait.');
    commit(dir, 'note réécrite');
    const rewritten = validate(dir);
    expect(rewritten.status).toBe(1);
    expect(rewritten.stdout).toMatch(/^content\/missions\/mission-terminee\.md:33:5 {2}La mission « mission-terminee » : la correction n° 1 \(2025-07-20\) est réécrite/m);
    git(dir, 'rm', '-q', MISSION_FILE);
    commit(dir, 'suppression');
    const removed = validate(dir);
    expect(removed.status).toBe(1);
    expect(removed.stdout).toMatch(/content\/missions\/mission-terminee\.md:1:1 {2}La mission « mission-terminee » était terminée : ce changement supprime ou renomme son fichier/);
  });

  it('laisse changer une mission pas encore terminée, et le bilan ou le texte d’une mission terminée', () => {
    const dir = repository();
    git(dir, 'checkout', '-q', '-b', 'pr');
    edit(dir, 'content/missions/mission-appel.md', 'statut: appel', 'statut: appel\n# un appel se corrige librement');
    edit(dir, MISSION_FILE, 'a_ameliorer: Le calendrier.', 'a_ameliorer: Le calendrier et les salles.');
    edit(dir, MISSION_FILE, 'Une mission de test.', 'Une mission de test, mieux décrite.');
    commit(dir, 'bilan et texte');
    const run = validate(dir);
    expect(run.stdout).not.toMatch(/était terminée|corrections_reecrites|correction_incomplete/);
  });

  it('une mission finie selon ses dates (fin passée, encore « en_cours ») ne s’abandonne pas sans note ; la passer en « terminee » n’en demande pas', () => {
    // On main, mission-terminee is still « en_cours » though its end (2025-06-30) has passed on
    // 2025-07-31: the deadline already runs from its end (bruno-coop must declare). Abandoning
    // it, dated before its end, would stop that clock: a fact of a finished mission.
    const dir = repository((d) => edit(d, MISSION_FILE, 'statut: terminee', 'statut: en_cours'));
    git(dir, 'checkout', '-q', '-b', 'pr');
    edit(dir, MISSION_FILE, 'statut: en_cours', 'statut: abandonnee\nabandon:\n  date: "2025-06-01"\n  raison: Le client a arrêté la mission.');
    commit(dir, 'abandonnée après sa fin, sans note');
    const run = validate(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^content\/missions\/mission-terminee\.md:11:1 {2}La mission « mission-terminee » était finie selon ses dates \(fin le 30 juin 2025, statut « en_cours »\) : « statut » change \(en_cours → abandonnee\) sans note de correction\./m,
    );
    expect(run.stdout).toContain('ajoutez à la fin de « corrections: » une entrée avec date et raison');
    // With a note naming the status, the change is recorded (check-owners then asks a maintainer).
    edit(dir, MISSION_FILE, '---\nUne mission de test.', 'corrections:\n  - date: "2025-07-20"\n    raison: Le client a arrêté la mission le 1er juin, avant les derniers ateliers.\n    champs: [statut]\n---\nUne mission de test.');
    commit(dir, 'avec sa note');
    const noted = validate(dir);
    expect(noted.status, noted.stdout).toBe(0);
    // Closing it as « terminee », what its dates already say, needs no note.
    git(dir, 'checkout', '-q', 'main');
    git(dir, 'checkout', '-q', '-b', 'fermee');
    edit(dir, MISSION_FILE, 'statut: en_cours', 'statut: terminee');
    commit(dir, 'terminée');
    const closed = validate(dir);
    expect(closed.status, closed.stdout).toBe(0);
    expect(closed.stdout).not.toMatch(/mission_terminee_modifiee|était finie/);
  });

  it('un nom sosie est signalé sur le fichier que la demande ajoute, pas sur celui qui était là avant', () => {
    // On main, « Dora Conseil » under the id x-conseil (its id fits its name less well than
    // the newcomer's: alone, the two would be told apart the other way round).
    const profile = (id: string) => `---\nid: ${id}\nnom: Dora Conseil\ntype: independant\nterritoire: Amiénois\ncompetences:\n  - gouvernance\n---\nPrésentation.\n`;
    const dir = repository((d) => write(d, 'content/prestataires/x-conseil.md', profile('x-conseil')));
    git(dir, 'checkout', '-q', '-b', 'pr');
    write(dir, 'content/prestataires/dora-conseil.md', profile('dora-conseil'));
    commit(dir, 'le sosie');
    const run = runScript('validate', ['--format', 'github', '--date', '2025-07-31', '--base', 'main'], dir);
    expect(run.status).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=content\/prestataires\/dora-conseil\.md,line=3,col=1,title=nom_sosie::Le nom « Dora Conseil » se confond avec « Dora Conseil » \(prestataires\/x-conseil\.md\)/);
  });
});
