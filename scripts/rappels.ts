// npm run rappels [-- --dry-run] [--content DIR] [--date YYYY-MM-DD] [--depot owner/name] [--liens FICHIER]
// Keeps one open forge issue per provider and reason (à déclarer, en retard, promesse
// échue, adhésion échue, and lien mort with the report of npm run liens), from the same
// standings as the site. --dry-run prints the
// plan and changes nothing (without GITHUB_TOKEN it lists the reminders due).
// Needs GITHUB_TOKEN (issues: write) and GITHUB_REPOSITORY, as on the forge's runners.
import { blockingErrors } from '../src/domain/registry/problems.ts';
import { relative } from 'node:path';
import { frenchDate } from '../src/domain/registry/dates.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { deadLinksOf } from '../src/domain/contribution/links.ts';
import { remindersOn, type Reminder } from '../src/domain/contribution/reminders.ts';
import { forgeClient, forgeErrorMessage, repositoryOf } from '../src/forge/client.ts';
import { applyReminderPlan, openReminderIssues, reminderPlan, type ReminderAction } from '../src/forge/reminders.ts';
import { declareFormLink } from '../src/site/forge.ts';
import { absoluteUrl } from '../src/site/url.ts';
import { contentDirOption, dateOption, linkReportOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run rappels -- [--dry-run] [--content DOSSIER] [--date AAAA-MM-JJ] [--depot organisation/depot] [--liens FICHIER]';

const REASONS: Record<Reminder['raison'], string> = {
  a_declarer: 'à déclarer',
  en_retard: 'en retard',
  promesse_echue: 'promesse échue',
  adhesion_echue: 'adhésion échue',
  adhesion_manquante: 'adhésion manquante',
  lien_mort: 'lien mort',
};

function describe(action: ReminderAction): string {
  if (action.kind === 'fermer') {
    return `  fermer     #${action.issue.number} ${action.issue.title}${action.why === 'doublon' ? ' (doublon)' : ' (situation réglée)'}`;
  }
  const { reminder } = action;
  const who = `${reminder.prestataire} — ${REASONS[reminder.raison]}${reminder.comptes.length > 0 ? ` (${reminder.comptes.map((c) => `@${c}`).join(', ')})` : ' (aucun compte sur la forge)'}`;
  if (action.kind === 'ouvrir') return `  ouvrir     ${who}`;
  if (action.kind === 'mettre_a_jour') return `  mettre à jour #${action.issue.number} ${who}`;
  return `  inchangé   #${action.issue.number} ${who}`;
}

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { content: { type: 'string' }, date: { type: 'string' }, depot: { type: 'string' }, liens: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    USAGE,
  );
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const dryRun = values['dry-run'];
  const token = process.env.GITHUB_TOKEN ?? '';
  const where = repositoryOf(values.depot);
  if (!where) throw new UsageError(`Dépôt invalide : « ${values.depot} ». Écrivez organisation/depot.\n\n${USAGE}`);
  if (!dryRun && !token) {
    throw new UsageError(`GITHUB_TOKEN manque : sans jeton, rien ne peut être écrit sur la forge. Lancez d'abord avec --dry-run pour voir le plan.\n\n${USAGE}`);
  }

  const result = loadRegistry(contentDir, { date });
  const errors = blockingErrors(result.problems);
  if (errors.length > 0) {
    console.error(formatText({ files: result.files, entities: result.entities, problems: withPathPrefix(errors, relative(process.cwd(), contentDir)) }));
    console.error('\nAucun rappel tant que le registre contient des erreurs.');
    return 1;
  }
  const reminders = remindersOn(result.registry, date, { declare: declareFormLink, page: absoluteUrl }, deadLinksOf(linkReportOption(values.liens)));
  const header = `Rappels au ${frenchDate(date)} pour ${where.owner}/${where.repo} : ${reminders.length} rappel${reminders.length > 1 ? 's' : ''} ${reminders.length > 1 ? 'dus' : 'dû'}.`;

  if (!token) {
    console.log(`${header}\n${reminders.map((r) => describe({ kind: 'ouvrir', reminder: r }).replace('ouvrir    ', 'rappel    ')).join('\n')}`);
    console.log('\nEssai à blanc sans GITHUB_TOKEN : les issues déjà ouvertes ne sont pas lues, rien n’est écrit.');
    return 0;
  }

  const forge = forgeClient(token);
  let plan: ReminderAction[];
  try {
    plan = reminderPlan(reminders, await openReminderIssues(forge, where));
  } catch (error) {
    console.error(forgeErrorMessage(error));
    return 1;
  }
  const count = (kind: ReminderAction['kind']) => plan.filter((a) => a.kind === kind).length;
  console.log(header);
  for (const action of plan) console.log(describe(action));
  const summary = `${count('ouvrir')} à ouvrir, ${count('mettre_a_jour')} à mettre à jour, ${count('fermer')} à fermer, ${count('inchange')} ${count('inchange') > 1 ? 'inchangés' : 'inchangé'}.`;
  if (dryRun) {
    console.log(`\nEssai à blanc : ${summary} Rien n’a été écrit.`);
    return 0;
  }
  const failures = await applyReminderPlan(forge, where, plan, (why) =>
    why === 'doublon'
      ? 'Doublon d’un autre rappel ouvert pour la même personne et la même raison : fermé par `npm run rappels`.'
      : `Situation réglée au ${frenchDate(date)} d’après le registre : ce rappel est fermé. Merci !`,
  );
  if (failures.length > 0) {
    // The others were written: say which ones the forge refused, and fail the run.
    console.error(`${failures.length} action${failures.length > 1 ? 's' : ''} refusée${failures.length > 1 ? 's' : ''} par la forge (les autres ont été faites) :`);
    for (const f of failures) console.error(`${describe(f.action)}\n    ${f.message}`);
    console.log(`\nFait, sauf ${failures.length} : ${summary}`);
    return 1;
  }
  console.log(`\nFait : ${summary}`);
  return 0;
});
