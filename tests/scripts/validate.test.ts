// `npm run validate` as CI runs it: a real process on real content trees, its exit
// code and its three output formats. Also `npm run schemas -- --check`.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, git, npmRun, ROOT, tempDir, walk, type RunResult } from '../helpers.ts';
import { commitAll as commit, edit, runScript, temporaryRepositories, write } from '../git-repo.ts';

const CONTENT = join(ROOT, 'content');
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

describe('npm run validate sur content/', () => {
  it(`sort avec 0 et compte fichiers et entités au ${SAMPLE_DATE}`, () => {
    const files = walk(CONTENT).length;
    const run = npmRun('validate', ['--date', SAMPLE_DATE]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // e.g. "72 fichiers lus, 72 entités valides : 0 erreur, 9 avertissements — registre valide."
    const summary = /^(\d+) fichiers lus, (\d+) entités valides : 0 erreur, \d+ avertissements? — registre valide\.$/.exec(lastLine(run.stdout));
    expect(summary, lastLine(run.stdout)).not.toBeNull();
    expect(Number(summary![1])).toBe(files);
    expect(Number(summary![2])).toBe(files);
  });
});

describe('npm run validate sur une copie de content/ avec une déclaration cassée', () => {
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
  it('npm run validate -- --date 2046-11-30 sur content/ sort avec 0 : ce qui a vieilli est un avertissement', () => {
    const run = npmRun('validate', ['--date', '2046-11-30', '--format', 'json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { errors: Item[]; warnings: Item[] };
    expect(report.errors).toEqual([]);
    // Twenty years on, every membership has lapsed and every finished mission is past its delays.
    expect(report.warnings.map((w) => w.code)).toContain('adhesion_absente');
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
    const usage = runScript('validate', ['--base', 'main'], dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("--base ne sert qu'avec --format github");
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
