// The watch over the scheduled workflows (publication, reminders), run at the end of each
// scheduled run (npm run veille):
// - it keeps the workflow enabled: GitHub disables a public repository's scheduled
//   workflows after 60 days without activity, silently. Enabling it again through the
//   API (PUT …/actions/workflows/<file>/enable, the permission « actions: write ») each
//   day keeps it from being disabled, without a commit (as liskin/gh-workflow-keepalive);
// - a failed run opens one issue for the maintainers, or adds the new failure to the one
//   already open (a comment, which notifies them); a run that succeeds again closes it,
//   saying so. Found again by its author (the workflows' bot) and its hidden marker.
import { frenchDate } from '../domain/registry/dates.ts';
import { escapeMarkdown } from '../domain/contribution/review.ts';
import { isWorkflowBot, type Forge, type ForgeRepository } from './client.ts';

export const WATCH_LABEL = 'flux en échec';

/** The hidden marker of a workflow's failure issue. */
export function watchMarker(workflow: string): string {
  return `<!-- veille-flux flux=${workflow} -->`;
}

export interface WatchRun {
  /** The workflow's file, e.g. publication.yml. */
  workflow: string;
  result: 'echec' | 'reussite';
  /** The run's page on the forge. */
  link: string;
  date: string;
  mainteneurs: readonly string[];
}

export type WatchOutcome = 'ouverte' | 'completee' | 'fermee' | 'rien';

/** Enables the workflow again (keeps it from being disabled after 60 quiet days). */
export async function keepEnabled(forge: Forge, where: ForgeRepository, workflow: string): Promise<void> {
  await forge.rest.actions.enableWorkflow({ ...where, workflow_id: workflow });
}

/** Opens, completes or closes the one failure issue of the workflow; what it did. */
export async function reportRun(forge: Forge, where: ForgeRepository, run: WatchRun): Promise<WatchOutcome> {
  const marker = watchMarker(run.workflow);
  const issues = await forge.paginate(forge.rest.issues.listForRepo, { ...where, state: 'open', per_page: 100 });
  const open = issues.filter((i) => !i.pull_request && isWorkflowBot(i.user) && (i.body ?? '').includes(marker)).sort((a, b) => a.number - b.number)[0];
  const name = escapeMarkdown(run.workflow);
  if (run.result === 'echec') {
    if (open) {
      await forge.rest.issues.createComment({ ...where, issue_number: open.number, body: `Nouvel échec le ${frenchDate(run.date)} : ${run.link}` });
      return 'completee';
    }
    const hello = run.mainteneurs.length > 0 ? `Bonjour ${run.mainteneurs.map((m) => `@${m}`).join(', ')},` : 'Bonjour,';
    await forge.rest.issues.create({
      ...where,
      title: `Le flux ${run.workflow} a échoué`,
      labels: [WATCH_LABEL],
      body: [
        marker,
        hello,
        '',
        `Le passage programmé du flux \`${name}\` a échoué le ${frenchDate(run.date)} : ${run.link}`,
        '',
        'Tant qu’il échoue, le site garde sa dernière publication (la situation de chacun ne change plus de date) ou les rappels ne partent plus. Ouvrez le lien pour lire l’étape en erreur ; MAINTENANCE.md (« Quand un flux échoue ») dit quoi regarder.',
        '',
        '---',
        'Chaque nouvel échec s’ajoute ici en commentaire ; l’issue se ferme toute seule au premier passage réussi (`npm run veille`).',
      ].join('\n'),
    });
    return 'ouverte';
  }
  if (!open) return 'rien';
  await forge.rest.issues.createComment({ ...where, issue_number: open.number, body: `Le flux \`${name}\` a de nouveau réussi le ${frenchDate(run.date)} : ${run.link}. Cette issue est fermée.` });
  await forge.rest.issues.update({ ...where, issue_number: open.number, state: 'closed', state_reason: 'completed' });
  return 'fermee';
}
