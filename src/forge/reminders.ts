// Keeps exactly one open forge issue per provider and reason, as computed by
// remindersOn (src/domain/contribution/reminders.ts): opens the missing ones, updates those whose
// text changed, closes those whose situation is settled. Running it twice changes
// nothing the second time. Issues are found again by their author, the workflows' bot,
// and the hidden marker of their body, not by a label (a label can be dropped by the
// forge or removed by a person). An issue anyone else wrote, marker or not, is never
// adopted, updated or closed: copying the marker gains nothing.
import { parseReminderMarker, type Reminder } from '../domain/contribution/reminders.ts';
import { forgeErrorMessage, isWorkflowBot, type Forge, type ForgeRepository } from './client.ts';

export const REMINDER_LABEL = 'rappel';

export interface OpenIssue {
  number: number;
  title: string;
  body: string;
}

export type ReminderAction =
  | { kind: 'ouvrir'; reminder: Reminder }
  | { kind: 'mettre_a_jour'; reminder: Reminder; issue: OpenIssue }
  | { kind: 'inchange'; reminder: Reminder; issue: OpenIssue }
  | { kind: 'fermer'; issue: OpenIssue; why: 'regle' | 'doublon' };

const keyOf = (prestataire: string, raison: string) => `${prestataire}/${raison}`;

/** The open issues written by `npm run rappels` in the workflow: the bot's, with the marker (pull requests left out). */
export async function openReminderIssues(forge: Forge, where: ForgeRepository): Promise<OpenIssue[]> {
  const issues = await forge.paginate(forge.rest.issues.listForRepo, { ...where, state: 'open', per_page: 100 });
  return issues
    .filter((i) => !i.pull_request && isWorkflowBot(i.user) && parseReminderMarker(i.body))
    .map((i) => ({ number: i.number, title: i.title, body: i.body ?? '' }))
    .sort((a, b) => a.number - b.number);
}

/** What to do so that the open issues match the reminders: a pure comparison. */
export function reminderPlan(reminders: readonly Reminder[], open: readonly OpenIssue[]): ReminderAction[] {
  const byKey = new Map<string, OpenIssue>();
  const actions: ReminderAction[] = [];
  for (const issue of open) {
    const marker = parseReminderMarker(issue.body)!;
    const key = keyOf(marker.prestataire, marker.raison);
    // Exactly one per provider and reason: the oldest stays, a copy is closed.
    if (byKey.has(key)) actions.push({ kind: 'fermer', issue, why: 'doublon' });
    else byKey.set(key, issue);
  }
  const wanted = new Set<string>();
  for (const reminder of reminders) {
    const key = keyOf(reminder.prestataire, reminder.raison);
    wanted.add(key);
    const issue = byKey.get(key);
    if (!issue) actions.push({ kind: 'ouvrir', reminder });
    else if (issue.title !== reminder.titre || issue.body.trim() !== reminder.corps.trim()) actions.push({ kind: 'mettre_a_jour', reminder, issue });
    else actions.push({ kind: 'inchange', reminder, issue });
  }
  for (const [key, issue] of byKey) if (!wanted.has(key)) actions.push({ kind: 'fermer', issue, why: 'regle' });
  return actions;
}

export interface ReminderFailure {
  action: ReminderAction;
  /** Why, in French (forgeErrorMessage). */
  message: string;
}

/**
 * Carries out a plan on the forge, one action after the other. A refused action (an
 * issue the forge finds too long, a rate limit) does not stop the others: each failure
 * is returned, so that one provider's reminder never keeps the next ones from being
 * written.
 */
export async function applyReminderPlan(forge: Forge, where: ForgeRepository, plan: readonly ReminderAction[], closingNote: (why: 'regle' | 'doublon', issue: OpenIssue) => string): Promise<ReminderFailure[]> {
  const failures: ReminderFailure[] = [];
  for (const action of plan) {
    try {
      if (action.kind === 'ouvrir') {
        await forge.rest.issues.create({ ...where, title: action.reminder.titre, body: action.reminder.corps, labels: [REMINDER_LABEL] });
      } else if (action.kind === 'mettre_a_jour') {
        await forge.rest.issues.update({ ...where, issue_number: action.issue.number, title: action.reminder.titre, body: action.reminder.corps });
      } else if (action.kind === 'fermer') {
        await forge.rest.issues.createComment({ ...where, issue_number: action.issue.number, body: closingNote(action.why, action.issue) });
        await forge.rest.issues.update({ ...where, issue_number: action.issue.number, state: 'closed', state_reason: action.why === 'doublon' ? 'not_planned' : 'completed' });
      }
    } catch (error) {
      failures.push({ action, message: forgeErrorMessage(error) });
    }
  }
  return failures;
}
