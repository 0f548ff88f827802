// npm run declare [-- --content DIR] [--date AAAA-MM-JJ] [--prestataire ID --mission ID ...]
// Asks a provider, in French, what they used and gave on a mission, writes
// content/declarations/<prestataire>/<mission>.yaml, validates it and says what to do next.
// Exit 0 written and valid (warnings allowed), 1 written but invalid, 2 usage error,
// 130 cancelled (nothing written). The questions, the checks and the file's text live in
// src/domain/contribution/ (declaration-questions.ts, declaration-draft.ts); the
// terminal in scripts/declare/.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as p from '@clack/prompts';
import { REPOSITORY_URL } from '../site.config.mjs';
import { absoluteUrl } from '../src/site/url.ts';
import { amendedDeclaration, existingDeclaration, finishedDraft, missionEnd, writtenVerdict } from '../src/domain/contribution/declaration-draft.ts';
import { declarationFile, type DeclarationAnswers } from '../src/domain/contribution/declaration-text.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import type { Problem } from '../src/domain/registry/problems.ts';
import { loadRegistry, type LoadResult } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';
import { answersFromFlags, checkId, hasContentFlags, HELP, OPTIONS, USAGE, type Values } from './declare/flags.ts';
import { askAnswers } from './declare/interview.ts';
import { io, Stopped } from './declare/terminal.ts';

const SAYS_NOTHING = `Une déclaration dit toujours quelque chose : ajoutez au moins un commun utilisé (--commun-utilise),
une contribution (--argent, --nature), ou une phrase qui dit pourquoi rien (--aucun-commun-utilise, --pourquoi-rien-donne).`;

/** What to print once the file is written: the validator's verdict on it, and what to do next. */
interface Report {
  exitCode: number;
  /** The file's errors and warnings, in validate's text format. */
  problems: string;
  verdict: string;
  nextSteps: string;
}

/** Validates the whole registry again, as CI will, and reports what concerns the new file. */
function validationReport(contentDir: string, file: string, date: string): Report {
  const prefix = relative(process.cwd(), contentDir);
  const { exitCode, problems, verdict } = writtenVerdict(loadRegistry(contentDir, { date }), file);
  const lines = problemLines(withPathPrefix(problems, prefix));
  return { exitCode, problems: lines, verdict, nextSteps: exitCode === 0 ? nextSteps(join(prefix, file), file) : '' };
}

/** The problems in validate's text format, without its summary line about the whole registry. */
function problemLines(problems: Problem[]): string {
  if (problems.length === 0) return '';
  return formatText({ files: 0, entities: 0, problems }).split('\n').slice(0, -2).join('\n');
}

function nextSteps(path: string, file: string): string {
  const [, prestataire, missionFile] = file.split('/');
  const mission = missionFile.replace(/\.yaml$/, '');
  const branch = `declaration-${prestataire}-${mission}`;
  return `Avec Git : vous n'avez pas le droit d'écrire dans le dépôt du registre, vous passez par
votre copie (« fork ») sur GitHub. Une fois pour toutes : sur ${REPOSITORY_URL},
bouton « Fork », puis « Create fork » ; ensuite, depuis le dossier du dépôt :
  git remote add fork https://github.com/<votre-compte>/${REPOSITORY_URL.split('/').pop()}.git   (une seule fois)
  git checkout -b ${branch}
  git add ${path}
  git commit -m "Déclaration de réciprocité : ${mission}"
  git push -u fork ${branch}
puis ouvrez le lien que git push affiche, et « Create pull request ». Pour une première
proposition, un mainteneur autorise le lancement des vérifications (« Approve and run »).

Sans Git : le formulaire ${absoluteUrl('/declarer/')} prépare le même fichier et l'envoie pour vous.
Le guide pas à pas : ${absoluteUrl('/contribuer/')}`;
}

/** Without a terminal: the options are the answers; an existing declaration is only replaced or completed when asked. */
function flagAnswers(loaded: LoadResult, contentDir: string, date: string, values: Values): DeclarationAnswers {
  if (!values.prestataire || !values.mission) {
    throw new UsageError(`Hors d'un terminal interactif, --prestataire et --mission sont obligatoires.\n\n${USAGE}`);
  }
  checkId(loaded, 'prestataires', values.prestataire);
  checkId(loaded, 'missions', values.mission);
  const existing = join(contentDir, declarationFile(values.prestataire, values.mission));
  const previous = existingDeclaration(loaded, values.prestataire, values.mission);
  if (values.completer && !previous) {
    throw new UsageError(`--completer : aucune déclaration valide à compléter (${existing}). Rien n'a été écrit ; corrigez-la (npm run validate) ou déclarez sans --completer.`);
  }
  if (existsSync(existing) && !values.remplacer && !values.completer) {
    throw new UsageError(`Une déclaration existe déjà : ${existing}\nRien n'a été écrit. Relancez avec --completer pour y ajouter ces lignes, ou --remplacer pour l'écraser.`);
  }
  const answers = answersFromFlags(values, values.prestataire, values.mission, date);
  return values.completer ? amendedDeclaration(previous!, answers, missionEnd(loaded, values.mission)) : answers;
}

/** Writes the declaration once the validator's checks find no error in it; returns its path in the content folder. */
function write(loaded: LoadResult, contentDir: string, answers: DeclarationAnswers, date: string): string {
  const draft = finishedDraft(loaded, answers, date);
  if (draft.errors.length > 0) {
    const lines = draft.errors.map((problem) => `  - ${problem.message}\n    conseil : ${problem.hint} [${problem.code}]`);
    throw new UsageError(`Déclaration refusée, rien n'a été écrit :\n${lines.join('\n')}`);
  }
  if (draft.saysNothing) throw new UsageError(`Rien n'a été écrit. ${SAYS_NOTHING}`);
  const target = join(contentDir, draft.file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, draft.text);
  return draft.file;
}

await runCli(async () => {
  const { values } = parseCli(process.argv.slice(2), OPTIONS, USAGE);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const loaded = loadRegistry(contentDir, { date });
  // --prestataire and --mission alone only answer the first two questions: the others are still asked.
  const interactive = process.stdin.isTTY === true && !hasContentFlags(values);
  if (values.completer && values.remplacer) throw new UsageError('--completer et --remplacer sont incompatibles : choisissez l’un des deux.');

  let answers: DeclarationAnswers;
  if (interactive) {
    try {
      answers = await askAnswers(loaded, contentDir, date, values);
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      if (error.exitCode === 0) p.outro(error.message, io);
      else p.cancel(error.message, io);
      return error.exitCode;
    }
  } else {
    answers = flagAnswers(loaded, contentDir, date, values);
  }

  const file = write(loaded, contentDir, answers, date);
  const written = `Fichier écrit : ${relative(process.cwd(), join(contentDir, file))}`;
  const report = validationReport(contentDir, file, date);
  if (interactive) {
    p.log.success(written, io);
    if (report.problems) (report.exitCode === 0 ? p.log.warn : p.log.error)(report.problems, io);
    if (report.nextSteps) p.note(report.nextSteps, 'Prochaine étape : proposer votre déclaration', io);
    p.outro(report.verdict, io);
  } else {
    console.log([written, report.problems, report.verdict, report.nextSteps && `Prochaine étape : proposer votre déclaration.\n${report.nextSteps}`].filter(Boolean).join('\n\n'));
  }
  return report.exitCode;
});
