// npm run rappels [-- --dry-run] [--texte] [--content DIR] [--date YYYY-MM-DD] [--depot owner/name] [--liens FICHIER]
// Keeps one open forge issue per person and subject, from the same standings as the site:
// for providers, their declaration (à déclarer, then en retard: the same issue), promises
// past due, membership (ending soon, ended, missing) and dead proof links (the report
// published with the site, --liens); for the stewards of each commons, the payments
// awaiting their confirmation; for the maintainers, one digest of the providers without a
// forge account. --dry-run prints the plan and changes nothing (without GITHUB_TOKEN it
// lists the reminders due; --texte prints what each would say).
// Needs GITHUB_TOKEN (issues: write) and GITHUB_REPOSITORY, as on the forge's runners.
import { blockingErrors } from '../src/domain/registry/problems.ts';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { frenchDate } from '../src/domain/registry/dates.ts';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { deadLinksOf } from '../src/domain/contribution/links.ts';
import { maintainersFrom, MAINTAINERS_FILE } from '../src/domain/contribution/owners.ts';
import { parseReminderMarker, REASON_LABELS, remindersOn, type Reminder } from '../src/domain/contribution/reminders.ts';
import { situationOn, verdictOf } from '../src/domain/rules/standing.ts';
import { forgeClient, forgeErrorMessage, repositoryOf } from '../src/forge/client.ts';
import { applyReminderPlan, openReminderIssues, reminderPlan, type ClosingReason, type ReminderAction } from '../src/forge/reminders.ts';
import { declareFormLink } from '../src/site/forge.ts';
import { absoluteUrl } from '../src/site/url.ts';
import { contentDirOption, dateOption, linkReportOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run rappels -- [--dry-run] [--texte] [--content DOSSIER] [--date AAAA-MM-JJ] [--depot organisation/depot] [--liens FICHIER]';

function who(reminder: Reminder): string {
  const accounts = reminder.comptes.length > 0 ? ` (${reminder.comptes.map((c) => `@${c}`).join(', ')})` : ' (aucun compte sur la forge)';
  return `${reminder.cible === 'commun' ? `commun ${reminder.id}` : reminder.cible === 'mainteneurs' ? 'mainteneurs' : reminder.id} — ${REASON_LABELS[reminder.raison]}${accounts}`;
}

const CLOSING_WORDS: Record<ClosingReason, string> = { regle: 'réglé', doublon: 'doublon', disparu: 'plus dans le registre' };

function describe(action: ReminderAction): string {
  if (action.kind === 'fermer') return `  fermer     #${action.issue.number} ${action.issue.title} (${CLOSING_WORDS[action.why]})`;
  if (action.kind === 'garder') return `  gardé      #${action.issue.number} ${action.issue.title} (pas de rapport des liens aujourd’hui)`;
  if (action.kind === 'ouvrir') return `  ouvrir     ${who(action.reminder)}`;
  if (action.kind === 'mettre_a_jour') return `  mettre à jour #${action.issue.number} ${who(action.reminder)}${action.avant ? ` (était : ${REASON_LABELS[action.avant]})` : ''}`;
  return `  inchangé   #${action.issue.number} ${who(action.reminder)}`;
}

/** The maintainers' accounts, for the digest of providers without one; none when the file cannot be read. */
function maintainers(): string[] {
  if (!existsSync(MAINTAINERS_FILE)) return [];
  const read = maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8'));
  return read.ok ? read.mainteneurs : [];
}

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { content: { type: 'string' }, date: { type: 'string' }, depot: { type: 'string' }, liens: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, texte: { type: 'boolean', default: false } },
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
  // The link report published with the site: when it cannot be had today, the « lien
  // mort » reminders are left as they are rather than closed as settled.
  const reportMissing = values.liens !== undefined && !existsSync(values.liens);
  if (reportMissing) console.log(`Rapport des liens introuvable (${values.liens}) : les rappels « lien mort » restent comme ils sont.`);
  const report = reportMissing ? null : linkReportOption(values.liens);
  const registry = result.registry;
  const reminders = remindersOn(registry, date, { declare: declareFormLink, page: absoluteUrl }, { deadLinks: deadLinksOf(report), mainteneurs: maintainers() });
  const header = `Rappels au ${frenchDate(date)} pour ${where.owner}/${where.repo} : ${reminders.length} rappel${reminders.length > 1 ? 's' : ''} ${reminders.length > 1 ? 'dus' : 'dû'}.`;

  if (!token) {
    console.log(`${header}\n${reminders.map((r) => `  rappel     ${who(r)}`).join('\n')}`);
    if (values.texte) for (const r of reminders) console.log(`\n=== ${r.titre}\n${r.corps}`);
    console.log('\nEssai à blanc sans GITHUB_TOKEN : les issues déjà ouvertes ne sont pas lues, rien n’est écrit.');
    return 0;
  }

  const forge = forgeClient(token);
  let plan: ReminderAction[];
  try {
    plan = reminderPlan(reminders, await openReminderIssues(forge, where), {
      keep: reportMissing || values.liens === undefined ? new Set(['lien_mort']) : new Set(),
      exists: (target, id) => (target === 'prestataire' ? registry.prestataires.has(id) : registry.communs.has(id)),
    });
  } catch (error) {
    console.error(forgeErrorMessage(error));
    return 1;
  }
  if (values.texte) for (const r of reminders) console.log(`\n=== ${r.titre}\n${r.corps}`);
  const count = (kind: ReminderAction['kind']) => plan.filter((a) => a.kind === kind).length;
  console.log(header);
  for (const action of plan) console.log(describe(action));
  const kept = count('garder') > 0 ? `, ${count('garder')} gardé${count('garder') > 1 ? 's' : ''} tel${count('garder') > 1 ? 's' : ''} quel${count('garder') > 1 ? 's' : ''}` : '';
  const summary = `${count('ouvrir')} à ouvrir, ${count('mettre_a_jour')} à mettre à jour, ${count('fermer')} à fermer, ${count('inchange')} ${count('inchange') > 1 ? 'inchangés' : 'inchangé'}${kept}.`;
  if (dryRun) {
    console.log(`\nEssai à blanc : ${summary} Rien n’a été écrit.`);
    return 0;
  }
  const verdicts = new Map<string, string>();
  const verdict = (id: string) => {
    if (!verdicts.has(id)) verdicts.set(id, verdictOf(situationOn(registry.prestataires.get(id)!.data, registry, date)).cle);
    return verdicts.get(id)!;
  };
  const failures = await applyReminderPlan(forge, where, plan, {
    closing: (why, issue) => {
      if (why === 'doublon') return 'Doublon d’un autre rappel ouvert pour la même personne et le même sujet : fermé par `npm run rappels`.';
      const marker = parseReminderMarker(issue.body)!;
      if (why === 'disparu') {
        return `« ${marker.id} » n’est plus dans le registre au ${frenchDate(date)} (identifiant renommé ou fiche retirée) : ce rappel est fermé. S’il a été renommé, un nouveau rappel s’ouvre sous son nouvel identifiant quand c’est nécessaire.`;
      }
      // Thanks only to a provider really up to date; otherwise the subject alone is settled.
      if (marker.cible === 'prestataire' && ['a_jour', 'rien_du'].includes(verdict(marker.id))) {
        return `Situation réglée au ${frenchDate(date)} d’après le registre : ce rappel est fermé. Merci !`;
      }
      const page = marker.cible === 'prestataire' ? ` Le reste de la situation est sur la fiche : ${absoluteUrl(`/prestataires/${marker.id}/`)}` : '';
      return `Plus rien à faire pour « ${REASON_LABELS[marker.raison]} » d’après le registre au ${frenchDate(date)} : ce rappel est fermé.${page}`;
    },
    change: (before, reminder) => `La situation a changé au ${frenchDate(date)} : « ${REASON_LABELS[before]} » devient « ${REASON_LABELS[reminder.raison]} ». Le message ci-dessus est à jour.`,
  });
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
