// npm run proposer -- --issue N [--dry-run] [--content DIR] [--date YYYY-MM-DD] [--depot owner/name]
// npm run proposer -- --evenement FICHIER --dry-run   (an issue event payload, without the forge)
// Turns a declaration issue (the issue form) into a pull request: reads the issue from
// the forge, writes the file as npm run declare does, checks it against the whole
// registry, then opens or updates the pull request of branch declaration/issue-<n> and
// answers on the issue in French (the link, or what to fix). --dry-run prints the file
// and the plan and changes nothing. Needs GITHUB_TOKEN (contents, pull-requests and
// issues: write) and GITHUB_REPOSITORY, as on the forge's runners.
// Exit 0 when the forge is in line with the issue (proposed, or answered with what to
// fix), 1 when the forge refused a request, 2 on usage error.
import { readFileSync } from 'node:fs';
import { issueVerdict, placeOf } from '../src/domain/contribution/issue-form.ts';
import { visible } from '../src/domain/registry/escape.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { maintainersFrom, MAINTAINERS_FILE } from '../src/domain/contribution/owners.ts';
import { forgeClient, forgeErrorMessage, repositoryOf } from '../src/forge/client.ts';
import { applyIssueVerdict, DECLARATION_LABEL, declarationIssueOf, fetchDeclarationIssue, isEditedByAnother, type DeclarationIssue, type IssueAction } from '../src/forge/issue-pr.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = `Usage : npm run proposer -- --issue NUMÉRO [--dry-run] [--content DOSSIER] [--date AAAA-MM-JJ] [--depot organisation/depot]
        npm run proposer -- --evenement FICHIER --dry-run   (issue lue dans un événement enregistré, sans la forge)`;

function describe(action: IssueAction): string {
  switch (action.kind) {
    case 'creer_branche':
      return `  créer la branche ${action.branch}`;
    case 'repartir_de_main':
      return `  faire repartir la branche ${action.branch} de main (${action.why === 'autres fichiers' ? 'elle portait d’autres fichiers' : 'aucune demande du robot ne la porte'})`;
    case 'fermer_demande_etrangere':
      return `  fermer la demande #${action.number}, ouverte par @${action.author} sur la branche du robot`;
    case 'ecrire_fichier':
      return `  écrire ${action.path} sur ${action.branch}`;
    case 'ouvrir_demande':
      return '  ouvrir la demande (pull request)';
    case 'mettre_a_jour_demande':
      return `  mettre à jour la demande #${action.number}`;
    case 'commenter':
      return '  répondre sur l’issue';
  }
}

function readEvent(path: string): DeclarationIssue {
  let payload: { issue?: Parameters<typeof declarationIssueOf>[0] };
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UsageError(`Événement illisible : ${path} (attendu : le JSON d'un événement « issues » de la forge).`);
  }
  if (!payload.issue || typeof payload.issue.number !== 'number') throw new UsageError(`${path} : pas d'issue dans cet événement.`);
  return declarationIssueOf(payload.issue);
}

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    {
      issue: { type: 'string' },
      evenement: { type: 'string' },
      content: { type: 'string' },
      date: { type: 'string' },
      depot: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dryRun = values['dry-run'];
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const token = process.env.GITHUB_TOKEN ?? '';
  const where = repositoryOf(values.depot);
  if (!where) throw new UsageError(`Dépôt invalide : « ${values.depot} ». Écrivez organisation/depot.\n\n${USAGE}`);
  if (values.issue === undefined && values.evenement === undefined) throw new UsageError(`Indiquez l'issue avec --issue NUMÉRO.\n\n${USAGE}`);
  if (values.issue !== undefined && !/^[1-9]\d{0,9}$/.test(values.issue)) throw new UsageError(`--issue attend un numéro d'issue (reçu « ${values.issue} »).`);
  // A recorded event carries no edit history: it may show what would be proposed, never write it.
  if (values.evenement !== undefined && !dryRun) {
    throw new UsageError(`--evenement s'emploie avec --dry-run : un événement enregistré ne dit pas qui a modifié l'issue en dernier, la forge seule le sait. Pour écrire, utilisez --issue NUMÉRO.\n\n${USAGE}`);
  }
  if (!token && !(dryRun && values.evenement)) {
    throw new UsageError(`GITHUB_TOKEN manque : sans jeton, la forge ne peut être ni lue ni écrite. Sans la forge : --evenement FICHIER --dry-run.\n\n${USAGE}`);
  }

  const forge = token ? forgeClient(token) : null;
  let issue: DeclarationIssue;
  try {
    issue = values.evenement ? readEvent(values.evenement) : await fetchDeclarationIssue(forge!, where, Number(values.issue));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    console.error(forgeErrorMessage(error));
    return 1;
  }
  if (issue.isPullRequest || !issue.labels.includes(DECLARATION_LABEL)) {
    console.log(`#${issue.number} n'est pas une issue « ${DECLARATION_LABEL} » : rien à faire.`);
    return 0;
  }
  let mainteneurs: string[] = [];
  try {
    const parsed = maintainersFrom(readFileSync(MAINTAINERS_FILE, 'utf8'));
    if (parsed.ok) mainteneurs = parsed.mainteneurs;
  } catch {
    // Without the list, nobody declares for someone else.
  }

  const loaded = loadRegistry(contentDir, { date });
  const verdict = issueVerdict(loaded, { body: issue.body, author: issue.author.login, mainteneurs, date });
  console.log(`Issue #${issue.number} de @${issue.author.login} : ${issue.title}`);
  if (isEditedByAnother(issue)) console.log(`Texte modifié en dernier par @${issue.lastEditor}, pas par son auteur : rien n’est proposé.`);
  else if (values.evenement) console.log('Événement enregistré : qui a modifié le texte en dernier n’est pas connu sans la forge.');
  if (verdict.kind === 'erreurs') {
    console.log(`${verdict.problems.length} point${verdict.problems.length > 1 ? 's' : ''} à corriger :`);
    for (const p of verdict.problems) console.log(`  ${placeOf(p)} : ${visible(p.message)}`);
  } else {
    console.log(`Fichier ${verdict.path} :\n\n${verdict.text}`);
  }
  if (!forge) {
    console.log('Essai à blanc sans la forge : rien n’a été lu ni écrit sur la forge.');
    return 0;
  }
  try {
    const outcome = await applyIssueVerdict(forge, where, issue, verdict, dryRun);
    console.log(outcome.actions.length > 0 ? `${dryRun ? 'À faire' : 'Fait'} :\n${outcome.actions.map(describe).join('\n')}` : 'Rien à changer : la forge est déjà à jour.');
    if (outcome.pullUrl) console.log(`Demande : ${outcome.pullUrl}`);
    if (dryRun) console.log('Essai à blanc : rien n’a été écrit.');
  } catch (error) {
    console.error(forgeErrorMessage(error));
    return 1;
  }
  return 0;
});
