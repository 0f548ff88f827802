// `npm run declare` as a provider runs it: real processes on copies of the content,
// with flags, and with answers typed into a pseudo-terminal (util-linux `script`),
// then `npm run validate` on the result.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDeclaration, declarationYaml, parseFrenchNumber } from '../../src/domain/contribution/declaration-file.ts';
import { parseYamlFile } from '../../src/domain/registry/parse.ts';
import { FIXTURE_DATE, FIXTURES, npmRun, ROOT, SAMPLE, SAMPLE_DATE, SAMPLE_DIR, tempDir } from '../helpers.ts';

const FILE = 'declarations/bruno-coop/mission-terminee.yaml';
const dirs: string[] = [];

/** A fresh copy of a content tree, removed after the test. */
function copyOf(source: string): string {
  const dir = tempDir('cr-declare-');
  cpSync(source, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const readDeclaration = (dir: string, file = FILE) => yaml.load(readFileSync(join(dir, file), 'utf8'), { schema: yaml.CORE_SCHEMA });
const declare = (dir: string, ...args: string[]) => npmRun('declare', ['--content', dir, '--date', FIXTURE_DATE, ...args]);
const validate = (dir: string, date = FIXTURE_DATE) => npmRun('validate', ['--content', dir, '--date', date]);

describe('npm run declare avec options (sans question)', () => {
  it('écrit une déclaration valide, égale à ce qui a été demandé', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(
      dir,
      '--prestataire', 'bruno-coop',
      '--mission', 'mission-terminee',
      '--commun-utilise', 'wiki-test:Fiches : méthode et gouvernance',
      '--commun-utilise', 'reseau-test:Le réseau a apporté la mission',
      '--argent', 'reseau-test:40:verse::https://dons.example.org/recu/2?a=1',
      '--argent', 'reseau-test:25:promis:2025-12-01',
      '--nature', 'wiki-test:2:Fiche « décision » : relue:https://wiki.example.org/decision:2025-07-10',
      '--nature', 'reseau-test:3:Animation d’une rencontre',
      '--commentaire', 'Merci au réseau.',
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Fichier écrit');
    expect(run.stdout).toContain('La déclaration est valide');
    expect(run.stdout).toContain(`git add ${relative(ROOT, join(dir, FILE))}`);
    expect(run.stdout).toMatch(/Prochaine étape[\s\S]*« Fork »[\s\S]*git checkout -b[\s\S]*git commit[\s\S]*git push -u fork[\s\S]*Create pull request[\s\S]*\/declarer\/[\s\S]*\/contribuer\//);

    expect(readDeclaration(dir)).toEqual({
      prestataire: 'bruno-coop',
      mission: 'mission-terminee',
      date: FIXTURE_DATE,
      communs_utilises: [
        { commun: 'wiki-test', usage: 'Fiches : méthode et gouvernance' },
        { commun: 'reseau-test', usage: 'Le réseau a apporté la mission' },
      ],
      contributions_argent: [
        { commun: 'reseau-test', montant_eur: 40, statut: 'verse', date: FIXTURE_DATE, preuve: 'https://dons.example.org/recu/2?a=1' },
        { commun: 'reseau-test', montant_eur: 25, statut: 'promis', date: '2025-12-01' },
      ],
      contributions_nature: [
        { commun: 'wiki-test', description: 'Fiche « décision » : relue', heures: 2, lien: 'https://wiki.example.org/decision', date: '2025-07-10' },
        { commun: 'reseau-test', description: 'Animation d’une rencontre', heures: 3, date: FIXTURE_DATE },
      ],
      commentaire: 'Merci au réseau.',
    });
    const text = readFileSync(join(dir, FILE), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schemas/json/declaration.json');
    // Keys in schema order, dates quoted.
    expect(text.match(/^\w+:/gm)).toEqual(['prestataire:', 'mission:', 'date:', 'communs_utilises:', 'contributions_argent:', 'contributions_nature:', 'commentaire:']);
    expect(text).toContain(`date: "${FIXTURE_DATE}"`);
    expect(text).not.toMatch(/date: \d/);

    const check = validate(dir);
    expect(check.status, check.stdout).toBe(0);
  });

  it('lit une date tapée 20/11/2026 comme le 20 novembre 2026 : le fichier écrit dit "2026-11-20"', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    // A promise (a payment made cannot be after the reference date, 2025-07-15), and an in-kind line dated 3.7.2025.
    const run = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--argent', 'reseau-test:40:promis:20/11/2026', '--nature', 'wiki-test:2:Une fiche relue:3.7.2025');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const text = readFileSync(join(dir, FILE), 'utf8');
    expect(text).toContain('    date: "2026-11-20"\n');
    expect(text).toContain('    date: "2025-07-03"\n');
    const data = readDeclaration(dir) as { contributions_argent: Array<{ date: string }>; contributions_nature: Array<{ date: string }> };
    expect([data.contributions_argent[0].date, data.contributions_nature[0].date]).toEqual(['2026-11-20', '2025-07-03']);
    expect(validate(dir).status).toBe(0);
  });

  it('lit « 12,50 » comme 12,5 € et les heures « 1,5 » comme 1,5', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--argent', 'reseau-test:12,50:verse', '--nature', 'wiki-test:1,5:Une fiche');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const data = readDeclaration(dir) as { contributions_argent: Array<{ montant_eur: number }>; contributions_nature: Array<{ heures: number }> };
    expect(data.contributions_argent[0].montant_eur).toBe(12.5);
    expect(data.contributions_nature[0].heures).toBe(1.5);
    expect(validate(dir).status).toBe(0);
  });

  it('affiche l’avertissement de réciprocité insuffisante sans échouer', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    // bruno-coop, coordination 5 jours : (6 500 − 1 000 de marge) × 1 % × 2 500 / 5 500 = 25 € attendus ; 10 € déclarés.
    const run = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--argent', 'reseau-test:10:verse');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/mission-terminee\.yaml:\d+:\d+ {2}avertissement : .*10 € .*25 €/);
    expect(run.stdout).toContain('[reciprocite_insuffisante]');
  });

  it('refuse un prestataire hors de l’équipe (sortie 2, rien d’écrit)', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'claire-asso', '--mission', 'mission-terminee', '--commun-utilise', 'wiki-test:Fiches');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("« claire-asso » ne fait pas partie de l'équipe de la mission « mission-terminee »");
    expect(run.stderr).toContain("rien n'a été écrit");
    expect(existsSync(join(dir, 'declarations/claire-asso'))).toBe(false);
  });

  it('refuse un identifiant inconnu en proposant le plus proche', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const prestataire = declare(dir, '--prestataire', 'bruno-cop', '--mission', 'mission-terminee');
    expect(prestataire.status).toBe(2);
    expect(prestataire.stderr).toContain('Aucun prestataire « bruno-cop » dans prestataires/. Vouliez-vous dire « bruno-coop » ?');
    const mission = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-termine');
    expect(mission.status).toBe(2);
    expect(mission.stderr).toContain('Vouliez-vous dire « mission-terminee » ?');
    expect(existsSync(join(dir, FILE))).toBe(false);
  });

  it('n’écrit jamais une déclaration qui ne dit rien ; une phrase qui dit pourquoi suffit', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const empty = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("Rien n'a été écrit. Une déclaration dit toujours quelque chose");
    expect(existsSync(join(dir, FILE))).toBe(false);
    // A comment alone is not a reason: the validator would say declaration_vide.
    expect(declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--commentaire', 'Merci.').status).toBe(2);
    // Nor is a dot (rules-and-figures.md, D11): a reason is a sentence of three words or more.
    const dot = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--aucun-commun-utilise', '.');
    expect(dot.status).toBe(2);
    expect(dot.stderr).toContain('« aucun_commun_utilise » ne dit pas pourquoi : « . » n’est pas une phrase.');
    expect(dot.stderr).toContain('[raison_trop_courte]');
    expect(existsSync(join(dir, FILE))).toBe(false);
    const why = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--pourquoi-rien-donne', 'Mission arrêtée avant les ateliers.');
    expect(why.status, why.stdout + why.stderr).toBe(0);
    expect(readDeclaration(dir)).toMatchObject({ pourquoi_rien_donne: 'Mission arrêtée avant les ateliers.', communs_utilises: [] });
    expect(validate(dir).status).toBe(0);
  });

  it('refuse un don « versé » daté après la date de référence', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--argent', `reseau-test:40:verse:2025-08-01`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Un versement marqué « verse » est daté du 1er août 2025, après la date de référence (15 juillet 2025).');
    expect(run.stderr).toContain('[versement_futur]');
    expect(existsSync(join(dir, FILE))).toBe(false);
    // The same payment promised for that date is fine.
    expect(declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--argent', `reseau-test:40:promis:2025-08-01`).status).toBe(0);
  });

  it('complète une déclaration existante avec --completer, sans rien perdre', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const file = 'declarations/alice-conseil/mission-terminee.yaml';
    const before = readDeclaration(dir, file) as { communs_utilises: unknown[]; contributions_argent: unknown[]; contributions_nature: unknown[] };
    const run = declare(dir, '--prestataire', 'alice-conseil', '--mission', 'mission-terminee', '--completer', '--nature', 'reseau-test:2:Compte rendu partagé');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    // The first declaration was made on 2025-07-05, before the deadline (2025-07-30): completing
    // it on the 15th keeps that date (it stays on time) and says when it changed.
    expect(readDeclaration(dir, file)).toEqual({
      ...before,
      date: '2025-07-05',
      modifiee_le: FIXTURE_DATE,
      contributions_nature: [...before.contributions_nature, { commun: 'reseau-test', description: 'Compte rendu partagé', heures: 2, date: FIXTURE_DATE }],
    });
    expect(readFileSync(join(dir, file), 'utf8').match(/^\w+:/gm)!.slice(0, 4)).toEqual(['prestataire:', 'mission:', 'date:', 'modifiee_le:']);
    expect(validate(dir).status).toBe(0);
  });

  it('--completer --argent qui verse une promesse la marque versée au lieu de la compter deux fois', () => {
    // content/: claire-vandamme promised 25 € to cahier-activite for 2026-12-15 on the BCUS
    // mission (90 € paid, 3 h in kind): declared 90 + 25 + 3 × 40 = 235 €. She pays it on
    // 2026-12-01: still 235 € (the promise is now paid), not 260 € (paid and still promised).
    const dir = copyOf(SAMPLE);
    const file = 'declarations/claire-vandamme/bcus-residence-les-tilleuls-2026.yaml';
    const pay = () =>
      npmRun('declare', ['--content', dir, '--date', '2026-12-02', '--prestataire', 'claire-vandamme', '--mission', 'bcus-residence-les-tilleuls-2026', '--completer', '--argent', 'cahier-activite:25:verse:2026-12-01']);
    const run = pay();
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const money = () => (readDeclaration(dir, file) as { contributions_argent: unknown[] }).contributions_argent;
    expect(money()).toEqual([
      { commun: 'compagnie-des-tiers-lieux', montant_eur: 90, statut: 'verse', date: '2026-07-24', preuve: 'https://recus.example.org/ctl/2026-07-24-cv' },
      { commun: 'cahier-activite', montant_eur: 25, statut: 'verse', date: '2026-12-01' },
    ]);
    const figures = JSON.parse(npmRun('figures', ['--content', dir, '--date', '2026-12-02']).stdout) as { missions: Array<{ id: string; membres: Array<{ prestataire: string; declare: { total_eur: number; verse_eur: number; promis_eur: number } }> }> };
    const claire = figures.missions.find((m) => m.id === 'bcus-residence-les-tilleuls-2026')!.membres.find((m) => m.prestataire === 'claire-vandamme')!;
    expect(claire.declare).toMatchObject({ total_eur: 235, verse_eur: 115, promis_eur: 0 });
    // The same command again adds nothing: the payment is already there.
    expect(pay().status).toBe(0);
    expect(money()).toHaveLength(2);
  });

  it('une déclaration provisoire complétée à l’heure ne devient pas en retard quand on la complète une seconde fois', () => {
    // alice-conseil declared on 2025-06-15, before mission-terminee ended (2025-06-30):
    // provisional. Completed on 2025-07-10 (deadline 2025-07-30: on time), then again on
    // 2025-09-01: the day that counts stays 2025-07-10 (completee_le), not 33 days late.
    const dir = copyOf(join(FIXTURES, 'base'));
    const file = join(dir, 'declarations/alice-conseil/mission-terminee.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('"2025-07-05"', '"2025-06-15"'));
    const complete = (date: string, nature: string) =>
      npmRun('declare', ['--content', dir, '--date', date, '--prestataire', 'alice-conseil', '--mission', 'mission-terminee', '--completer', '--nature', nature]);
    expect(complete('2025-07-10', 'reseau-test:1:Bilan partagé').status).toBe(0);
    expect(readDeclaration(dir, 'declarations/alice-conseil/mission-terminee.yaml')).toMatchObject({ date: '2025-06-15', modifiee_le: '2025-07-10', completee_le: '2025-07-10' });
    expect(complete('2025-09-01', 'reseau-test:1:Fiche relue').status).toBe(0);
    expect(readDeclaration(dir, 'declarations/alice-conseil/mission-terminee.yaml')).toMatchObject({ date: '2025-06-15', modifiee_le: '2025-09-01', completee_le: '2025-07-10' });
    const figures = JSON.parse(npmRun('figures', ['--content', dir, '--date', '2025-09-01']).stdout) as { missions: Array<{ id: string; membres: Array<{ prestataire: string; tardive: unknown }> }> };
    expect(figures.missions.find((m) => m.id === 'mission-terminee')!.membres.find((m) => m.prestataire === 'alice-conseil')!.tardive).toBeNull();
    expect(validate(dir, '2025-09-01').status).toBe(0);
  });

  it('dit comment créer sa fiche quand le prestataire n’existe pas', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'marc-dupont', '--mission', 'mission-terminee', '--pourquoi-rien-donne', 'x');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Aucun prestataire « marc-dupont » dans prestataires/.');
    expect(run.stderr).toContain("créez-la d'abord");
    expect(run.stderr).toContain('/contribuer/#profil');
  });

  it('refuse une mission pas encore commencée', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'alice-conseil', '--mission', 'mission-appel');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('[declarant_hors_equipe]');
    expect(existsSync(join(dir, 'declarations/alice-conseil/mission-appel.yaml'))).toBe(false);
  });

  it('ne remplace une déclaration existante qu’avec --remplacer', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const file = 'declarations/alice-conseil/mission-terminee.yaml';
    const before = readFileSync(join(dir, file), 'utf8');
    const args = ['--prestataire', 'alice-conseil', '--mission', 'mission-terminee', '--argent', 'reseau-test:300:verse'];
    const refused = declare(dir, ...args);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Une déclaration existe déjà');
    expect(refused.stderr).toContain('--remplacer');
    expect(readFileSync(join(dir, file), 'utf8')).toBe(before);

    const replaced = declare(dir, ...args, '--remplacer');
    expect(replaced.status, replaced.stdout + replaced.stderr).toBe(0);
    expect(readDeclaration(dir, file)).toMatchObject({
      // Replaced, it is still the declaration first made on 2025-07-05.
      date: '2025-07-05',
      modifiee_le: FIXTURE_DATE,
      contributions_argent: [{ commun: 'reseau-test', montant_eur: 300, statut: 'verse', date: FIXTURE_DATE }],
    });
  });

  it('refuse de l’argent pour un commun qui n’en accepte pas, avant d’écrire', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--argent', 'wiki-test:50:verse');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Le commun « wiki-test » n'accepte pas de contributions en argent.");
    expect(run.stderr).toContain('[argent_refuse]');
    expect(existsSync(join(dir, FILE))).toBe(false);
  });

  it('refuse les valeurs que le schéma refuse, avec ses messages', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', '--argent', 'reseau-test:-5:verser:2025-02-28:javascript:alert(1)');
    expect(run.status).toBe(2);
    for (const code of ['montant_non_positif', 'valeur_invalide', 'lien_invalide']) expect(run.stderr).toContain(`[${code}]`);
    expect(run.stderr).toContain('Vouliez-vous dire « verse » ?');
    expect(existsSync(join(dir, FILE))).toBe(false);
  });

  it.each([
    [['--argent', 'reseau-test'], 'COMMUN:MONTANT:STATUT[:DATE[:PREUVE]]'],
    [['--argent', 'reseau-test:dix:verse'], '« montant_eur » doit être un nombre (reçu « dix »)'],
    [['--nature', 'wiki-test:2'], 'COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]'],
    // A date is read as it is typed (readTypedDate), like an amount: one that names no day stops here.
    [['--argent', 'reseau-test:40:verse:31/02/2025'], "--argent : « date » : le 31/02/2025 n'existe pas dans le calendrier. Vérifiez le jour et le mois"],
    [['--argent', 'reseau-test:40:verse:2025-02-30'], "le 2025-02-30 n'existe pas dans le calendrier"],
    [['--argent', 'reseau-test:40:verse:hier'], '--argent : « date » n’est pas une date (reçu : « hier »). Écrivez le jour, le mois et l’année, par exemple 14/03/2026'],
    [['--commun-utilise', 'wiki-test'], 'COMMUN:USAGE'],
    [['--inconnue'], 'Option inconnue : --inconnue.'],
  ])('refuse une syntaxe d’option fausse %j (sortie 2, sans trace de pile)', (args, message) => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, FILE))).toBe(false);
  });

  it('sans terminal, demande --prestataire et --mission', () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const run = declare(dir, '--prestataire', 'bruno-coop');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--prestataire et --mission sont obligatoires');
  });

  it(`écrit une déclaration valide dans une copie de ${SAMPLE_DIR}/`, () => {
    const dir = copyOf(SAMPLE);
    const file = 'declarations/cabinet-trame-et-usages/urbanisme-transitoire-friche-val-ardoise-2025.yaml';
    const run = npmRun('declare', [
      '--content', dir, '--date', SAMPLE_DATE,
      '--prestataire', 'cabinet-trame-et-usages', '--mission', 'urbanisme-transitoire-friche-val-ardoise-2025',
      '--commun-utilise', 'movilab:Fiches sur l’urbanisme transitoire',
      '--argent', 'compagnie-des-tiers-lieux:150:verse::https://recus.example.org/ctl/1',
    ]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(existsSync(join(dir, file))).toBe(true);
    expect(validate(dir, SAMPLE_DATE).status).toBe(0);
  });

  it('documente la syntaxe des options dans --help', () => {
    const run = npmRun('declare', ['--help']);
    expect(run.status).toBe(0);
    for (const text of ['--commun-utilise "COMMUN:USAGE"', '--argent "COMMUN:MONTANT:STATUT[:DATE[:PREUVE]]"', '--nature "COMMUN:HEURES:DESCRIPTION[:LIEN][:DATE]"', '--remplacer']) {
      expect(run.stdout).toContain(text);
    }
  });
});

// --- Answers typed in a terminal -------------------------------------------------

const KEY = { enter: '\r', down: '\x1b[B', left: '\x1b[D', space: ' ', backspace: '\x7f', clearLine: '\x15', ctrlC: '\x03' };
const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[78=>]/g, '');
const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * `npm run declare` in a pseudo-terminal: @clack/prompts only asks when stdin is a
 * TTY. Each step waits for a question to appear, then types as a person would.
 */
class Terminal {
  private child: ChildProcessWithoutNullStreams;
  private raw = '';
  private seen = 0;
  readonly exit: Promise<number | null>;

  constructor(args: string[]) {
    const command = `stty cols 120 rows 60 && exec npm run -s declare -- ${args.map(shellQuote).join(' ')}`;
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
    delete env.ACCESSIBLE;
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env });
    this.child.stdout.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.child.stderr.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')));
    this.exit = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  get screen(): string {
    return stripAnsi(this.raw);
  }

  /** Waits until `text` is printed after everything already waited for. */
  async waitFor(text: string, timeout = 20_000): Promise<void> {
    const start = Date.now();
    for (;;) {
      const at = this.screen.indexOf(text, this.seen);
      if (at >= 0) {
        this.seen = at + text.length;
        return;
      }
      if (Date.now() - start > timeout) throw new Error(`« ${text} » n'est pas apparu. Fin de l'écran :\n${this.screen.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  type(...keys: string[]): void {
    this.child.stdin.write(keys.join(''));
  }

  /** Waits for a question, then answers it. */
  async answer(question: string, ...keys: string[]): Promise<void> {
    await this.waitFor(question);
    this.type(...keys);
  }

  kill(): void {
    this.child.kill();
  }
}

describe('npm run declare en répondant aux questions dans un terminal', () => {
  const terminals: Terminal[] = [];
  const open = (dir: string, ...args: string[]) => {
    const terminal = new Terminal(['--content', dir, '--date', FIXTURE_DATE, ...args]);
    terminals.push(terminal);
    return terminal;
  };
  afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

  it('pose les questions en français, redemande les réponses invalides, écrit un fichier valide', async () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const t = open(dir);
    await t.answer('Qui êtes-vous ?', 'bruno');
    await t.waitFor('(1 trouvé)');
    t.type(KEY.enter);
    await t.answer('Pour quelle mission ?', KEY.enter);
    // Communs in name order: Réseau de test, Wiki de test; tick both.
    await t.answer('Quels communs avez-vous utilisés', KEY.space, KEY.down, KEY.space, KEY.enter);
    await t.answer('Comment avez-vous utilisé Réseau de test (reseau-test) ?', KEY.enter);
    await t.waitFor('Cette réponse est obligatoire.');
    t.type('Le réseau a apporté la mission', KEY.enter);
    await t.answer('Comment avez-vous utilisé Wiki de test (wiki-test) ?', 'Fiches : méthode', KEY.enter);

    await t.answer('Avez-vous donné ou promis de l’argent', KEY.left, KEY.enter);
    // Only reseau-test accepts money (wiki-test: contribution_argent.accepte false).
    await t.answer('seuls ceux qui acceptent l’argent sont proposés', KEY.enter);
    await t.answer('Combien, en euros ?', '12,505', KEY.enter);
    await t.waitFor('a plus de deux décimales (reçu 12.505)');
    t.type(KEY.backspace, KEY.enter);
    await t.answer('Est-ce déjà versé ?', KEY.enter);
    await t.answer('Date du versement', '2025-02-30', KEY.enter);
    await t.waitFor("le 2025-02-30 n'existe pas dans le calendrier");
    t.type(KEY.clearLine, KEY.enter); // empty: the reference date
    await t.answer('Lien vers le reçu', 'recu.pdf', KEY.enter);
    await t.waitFor('doit être un lien web complet en http ou https');
    t.type(KEY.clearLine, 'https://dons.example.org/recu/2', KEY.enter);
    await t.answer('Ajouter un autre don en argent ?', KEY.enter);

    await t.answer('Avez-vous contribué en nature', KEY.left, KEY.enter);
    await t.answer('À quel commun ?', KEY.down, KEY.enter);
    await t.answer('Qu’avez-vous apporté ?', 'Fiche « décision » relue', KEY.enter);
    await t.answer('Combien d’heures ?', 'beaucoup', KEY.enter);
    await t.waitFor('« heures » doit être un nombre');
    t.type(KEY.clearLine, '1,5', KEY.enter);
    await t.answer('Lien vers la contribution', KEY.enter);
    await t.answer('Date de la contribution (JJ/MM/AAAA)', '10/07/2025', KEY.enter); // written "2025-07-10"
    await t.answer('Ajouter une autre contribution en nature ?', KEY.enter);
    await t.answer('Un mot libre', KEY.enter);
    await t.answer('Écrire ce fichier ?', KEY.enter);
    await t.waitFor('Prochaine étape');
    expect(await t.exit, t.screen).toBe(0);

    expect(readDeclaration(dir)).toEqual({
      prestataire: 'bruno-coop',
      mission: 'mission-terminee',
      date: FIXTURE_DATE,
      communs_utilises: [
        { commun: 'reseau-test', usage: 'Le réseau a apporté la mission' },
        { commun: 'wiki-test', usage: 'Fiches : méthode' },
      ],
      contributions_argent: [{ commun: 'reseau-test', montant_eur: 12.5, statut: 'verse', date: FIXTURE_DATE, preuve: 'https://dons.example.org/recu/2' }],
      contributions_nature: [{ commun: 'wiki-test', description: 'Fiche « décision » relue', heures: 1.5, date: '2025-07-10' }],
    });
    expect(validate(dir).status).toBe(0);
    // The library's key hints are shown in French.
    expect(t.screen).toContain('Entrée : valider');
    expect(t.screen).not.toMatch(/to navigate|to select|Enter: confirm|Search:/);
  });

  it('avec --prestataire et --mission, pose quand même les autres questions, montre la part attendue, et exige un mot si rien n’est déclaré', async () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const t = open(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee');
    // bruno-coop, coordination 5 days × 500 € = 2 500 € of 3 000 + 2 500 = 5 500 € billed;
    // base 6 500 € − 1 000 € of solidarity margin = 5 500 €: 1 % × 5 500 = 55 € for the mission;
    // his share 55 × 2 500 / 5 500 = 25 €.
    await t.waitFor('Réciprocité attendue de vous : 25 €');
    await t.waitFor('55\u00a0€ × 2\u00a0500\u00a0€ / 5\u00a0500\u00a0€ ≈ 25\u00a0€');
    await t.answer('Quels communs avez-vous utilisés', KEY.enter);
    await t.answer('Avez-vous donné ou promis de l’argent', KEY.enter);
    await t.answer('Avez-vous contribué en nature', KEY.enter);
    await t.answer('dites en une phrase pourquoi (obligatoire)', KEY.enter);
    await t.waitFor('Cette réponse est obligatoire.');
    t.type('Mission arrêtée avant les ateliers.', KEY.enter);
    await t.answer('Un mot libre', KEY.enter);
    await t.answer('Écrire ce fichier ?', KEY.enter);
    expect(await t.exit, t.screen).toBe(0);
    expect(readDeclaration(dir)).toMatchObject({ pourquoi_rien_donne: 'Mission arrêtée avant les ateliers.' });
    expect(validate(dir).status).toBe(0);
  });

  it('accepte une date entre guillemets, refuse un versement daté après la date de référence', async () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const t = open(dir, '--prestataire', 'bruno-coop', '--mission', 'mission-terminee');
    await t.answer('Quels communs avez-vous utilisés', KEY.enter);
    await t.answer('Avez-vous donné ou promis de l’argent', KEY.left, KEY.enter);
    await t.answer('seuls ceux qui acceptent l’argent sont proposés', KEY.enter);
    await t.answer('Combien, en euros ?', '40', KEY.enter);
    await t.answer('Est-ce déjà versé ?', KEY.enter);
    await t.answer('Date du versement', '"2025-08-01"', KEY.enter);
    await t.waitFor('Un versement marqué « verse » est daté du 1er août 2025, après la date de référence (15 juillet 2025).');
    t.type(KEY.clearLine, '"2025-07-01"', KEY.enter);
    await t.answer('Lien vers le reçu', KEY.enter);
    await t.answer('Ajouter un autre don en argent ?', KEY.enter);
    await t.answer('Avez-vous contribué en nature', KEY.enter);
    await t.answer('Un mot libre', KEY.enter);
    await t.answer('Écrire ce fichier ?', KEY.enter);
    expect(await t.exit, t.screen).toBe(0);
    expect(readDeclaration(dir)).toMatchObject({ contributions_argent: [{ commun: 'reseau-test', montant_eur: 40, statut: 'verse', date: '2025-07-01' }] });
  });

  it('un nom qui ne correspond à personne : explique comment créer sa fiche', async () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const t = open(dir);
    await t.answer('Qui êtes-vous ?', 'marc dupont');
    await t.waitFor('Aucun résultat');
    t.type(KEY.enter);
    await t.waitFor("créez-la d'abord");
    expect(await t.exit).toBe(2);
    expect(t.screen).not.toContain('undefined');
  });

  it('complète une déclaration : une promesse devient versée, le reste est gardé', async () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const file = 'declarations/alice-conseil/mission-terminee.yaml';
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace('statut: verse\n    date: "2025-07-05"', 'statut: promis\n    date: "2025-07-20"'));
    const t = open(dir);
    await t.answer('Qui êtes-vous ?', 'alice', KEY.enter);
    await t.answer('Pour quelle mission ?', KEY.enter);
    await t.answer('Une déclaration existe déjà', KEY.enter); // La compléter
    await t.answer('Les 100 € promis à Réseau de test (reseau-test) ont-ils été versés ?', KEY.left, KEY.enter);
    await t.answer('Date du versement', KEY.enter);
    await t.answer('Lien vers le reçu', KEY.enter);
    await t.answer('Quels communs avez-vous utilisés', KEY.enter);
    await t.answer('Avez-vous donné ou promis de l’argent', KEY.enter);
    await t.answer('Avez-vous contribué en nature', KEY.enter);
    await t.answer('Un mot libre', KEY.enter);
    await t.answer('Écrire ce fichier ?', KEY.enter);
    expect(await t.exit, t.screen).toBe(0);
    expect(readDeclaration(dir, file)).toMatchObject({
      date: '2025-07-05',
      modifiee_le: FIXTURE_DATE,
      communs_utilises: [{ commun: 'wiki-test', usage: 'Fiches méthode.' }],
      contributions_argent: [{ commun: 'reseau-test', montant_eur: 100, statut: 'verse', date: FIXTURE_DATE, preuve: 'https://dons.example.org/recu/1' }],
      contributions_nature: [{ commun: 'wiki-test', heures: 2 }],
    });
  });

  it('Ctrl-C arrête sans rien écrire (sortie 130)', async () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const t = open(dir);
    await t.answer('Qui êtes-vous ?', 'bruno', KEY.enter);
    await t.answer('Pour quelle mission ?', KEY.enter);
    await t.answer('Quels communs avez-vous utilisés', KEY.space, KEY.ctrlC);
    expect(await t.exit).toBe(130);
    expect(t.screen).toContain('Abandon : rien n’a été écrit.');
    expect(existsSync(join(dir, 'declarations/bruno-coop'))).toBe(false);
  });

  it('une déclaration existante : demande avant de remplacer, et peut la garder telle quelle', async () => {
    const dir = copyOf(join(FIXTURES, 'base'));
    const file = join(dir, 'declarations/alice-conseil/mission-terminee.yaml');
    const before = readFileSync(file, 'utf8');
    const t = open(dir);
    await t.answer('Qui êtes-vous ?', 'alice', KEY.enter);
    await t.answer('Pour quelle mission ?', KEY.enter);
    // Compléter (default), Remplacer, Garder.
    await t.answer('Une déclaration existe déjà', KEY.down, KEY.down, KEY.enter);
    await t.waitFor('Elle est conservée');
    await t.answer('Pour quelle mission ?', KEY.ctrlC);
    expect(await t.exit).toBe(130);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

// --- The file itself ---------------------------------------------------------

describe('declarationYaml', () => {
  it('relit exactement ce qu’il écrit, même des textes que YAML prendrait pour autre chose', () => {
    const tricky = ['0755', '1_000', 'yes', '1:20', '# pas un commentaire', 'a: b', '- tiret', '"guillemets"', 'null', '2025-01-01', '  espaces  ', '.inf'];
    for (const usage of tricky) {
      const declaration = buildDeclaration({ prestataire: 'p', mission: 'm', date: '2025-01-01', communs_utilises: [{ commun: 'c', usage }] });
      const parsed = parseYamlFile(declarationYaml(declaration));
      expect(parsed.ok && parsed.data, usage).toEqual(declaration);
    }
  });

  it('laisse de côté les champs facultatifs vides', () => {
    const declaration = buildDeclaration({
      prestataire: 'p',
      mission: 'm',
      date: '2025-01-01',
      contributions_argent: [{ commun: 'c', montant_eur: 5, statut: 'promis', date: '2025-02-01', preuve: ' ' }],
      commentaire: '',
    });
    expect(declaration).toEqual({
      prestataire: 'p',
      mission: 'm',
      date: '2025-01-01',
      communs_utilises: [],
      contributions_argent: [{ commun: 'c', montant_eur: 5, statut: 'promis', date: '2025-02-01' }],
      contributions_nature: [],
    });
  });
});

describe('parseFrenchNumber', () => {
  it.each([
    ['12,50', 12.5],
    ['12.5', 12.5],
    ['1 200', 1200],
    ['150 €', 150],
    ['-5', -5],
    ['dix', undefined],
    ['1,2,3', undefined],
    ['', undefined],
  ])('« %s » → %s', (text, value) => {
    expect(parseFrenchNumber(text)).toBe(value);
  });
});
