// Keeps exactly one open forge issue per person and subject, as computed by remindersOn
// (src/domain/contribution/reminders.ts): opens the missing ones, updates those whose text,
// reason or label changed (the same issue when « à déclarer » becomes « en retard », with a
// comment saying so, since an edit alone notifies nobody), closes those whose subject is
// settled. Running it twice changes
// nothing the second time. Issues are found again by their author, the workflows' bot,
// and the hidden marker of their body, not by a label (a label can be dropped by the
// forge or removed by a person). An issue anyone else wrote, marker or not, is never
// adopted, updated or closed: copying the marker gains nothing.
import { parseReminderMarker, REASON_LABELS, REMINDER_LABEL, reminderKey, type Reminder, type ReminderReason } from '../domain/contribution/reminders.ts';
import { forgeErrorMessage, isWorkflowBot, type Forge, type ForgeRepository } from './client.ts';

export { REMINDER_LABEL };

export interface OpenIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
}

/** Why an issue is closed: its subject is settled, it copies another, or whom it is for left the registry. */
export type ClosingReason = 'regle' | 'doublon' | 'disparu';

export type ReminderAction =
  | { kind: 'ouvrir'; reminder: Reminder }
  /** `avant`: the reason the issue said before, when it changed within the subject (à déclarer → en retard). */
  | { kind: 'mettre_a_jour'; reminder: Reminder; issue: OpenIssue; labels: string[]; avant: ReminderReason | null }
  | { kind: 'inchange'; reminder: Reminder; issue: OpenIssue }
  /** Left as it is: nothing known today about its subject (the link report could not be read). */
  | { kind: 'garder'; issue: OpenIssue }
  | { kind: 'fermer'; issue: OpenIssue; why: ClosingReason };

/** The open issues written by `npm run rappels` in the workflow: the bot's, with the marker (pull requests left out). */
export async function openReminderIssues(forge: Forge, where: ForgeRepository): Promise<OpenIssue[]> {
  const issues = await forge.paginate(forge.rest.issues.listForRepo, { ...where, state: 'open', per_page: 100 });
  return issues
    .filter((i) => !i.pull_request && isWorkflowBot(i.user) && parseReminderMarker(i.body))
    .map((i) => ({ number: i.number, title: i.title, body: i.body ?? '', labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean) }))
    .sort((a, b) => a.number - b.number);
}

const REASON_LABEL_SET = new Set<string>(Object.values(REASON_LABELS));

/** The labels an issue should carry: its own others (a maintainer's), « rappel » and the reason's. */
function labelsFor(issue: OpenIssue, reminder: Reminder): string[] {
  return [...new Set([...issue.labels.filter((l) => !REASON_LABEL_SET.has(l) && l !== REMINDER_LABEL), ...reminder.etiquettes])];
}

const sameLabels = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

export interface PlanOptions {
  /** Issues of these reasons are left as they are when no reminder asks for them (their source could not be read). */
  keep?: ReadonlySet<ReminderReason>;
  /** Whether whom the issue is for is still in the registry (a provider, a commons); an issue for one who left is closed as such. */
  exists?: (target: Reminder['cible'], id: string) => boolean;
}

/** What to do so that the open issues match the reminders: a pure comparison, one issue per target and subject. */
export function reminderPlan(reminders: readonly Reminder[], open: readonly OpenIssue[], options: PlanOptions = {}): ReminderAction[] {
  const byKey = new Map<string, OpenIssue>();
  const actions: ReminderAction[] = [];
  for (const issue of open) {
    const key = reminderKey(parseReminderMarker(issue.body)!);
    // Exactly one per target and subject: the oldest stays, a copy is closed.
    if (byKey.has(key)) actions.push({ kind: 'fermer', issue, why: 'doublon' });
    else byKey.set(key, issue);
  }
  const wanted = new Set<string>();
  for (const reminder of reminders) {
    const key = reminderKey(reminder);
    wanted.add(key);
    const issue = byKey.get(key);
    if (!issue) {
      actions.push({ kind: 'ouvrir', reminder });
      continue;
    }
    const labels = labelsFor(issue, reminder);
    const before = parseReminderMarker(issue.body)!.raison;
    if (issue.title !== reminder.titre || issue.body.trim() !== reminder.corps.trim() || !sameLabels(issue.labels, labels)) {
      actions.push({ kind: 'mettre_a_jour', reminder, issue, labels, avant: before !== reminder.raison ? before : null });
    } else {
      actions.push({ kind: 'inchange', reminder, issue });
    }
  }
  for (const [key, issue] of byKey) {
    if (wanted.has(key)) continue;
    const marker = parseReminderMarker(issue.body)!;
    if (options.keep?.has(marker.raison)) actions.push({ kind: 'garder', issue });
    else if (options.exists && marker.cible !== 'mainteneurs' && !options.exists(marker.cible, marker.id)) actions.push({ kind: 'fermer', issue, why: 'disparu' });
    else actions.push({ kind: 'fermer', issue, why: 'regle' });
  }
  return actions;
}

export interface ReminderFailure {
  action: ReminderAction;
  /** Why, in French (forgeErrorMessage). */
  message: string;
}

export interface ReminderNotes {
  /** The comment that closes an issue. */
  closing(why: ClosingReason, issue: OpenIssue): string;
  /** The comment posted when the reason changes within a subject: an edit alone notifies nobody. */
  change(before: ReminderReason, reminder: Reminder): string;
}

/**
 * Carries out a plan on the forge, one action after the other. A refused action (an
 * issue the forge finds too long, a rate limit past the wait allowed) does not stop the
 * others: each failure is returned, so that one provider's reminder never keeps the next
 * ones from being written.
 */
export async function applyReminderPlan(forge: Forge, where: ForgeRepository, plan: readonly ReminderAction[], notes: ReminderNotes): Promise<ReminderFailure[]> {
  const failures: ReminderFailure[] = [];
  for (const action of plan) {
    try {
      if (action.kind === 'ouvrir') {
        await forge.rest.issues.create({ ...where, title: action.reminder.titre, body: action.reminder.corps, labels: action.reminder.etiquettes });
      } else if (action.kind === 'mettre_a_jour') {
        await forge.rest.issues.update({ ...where, issue_number: action.issue.number, title: action.reminder.titre, body: action.reminder.corps, labels: action.labels });
        if (action.avant) await forge.rest.issues.createComment({ ...where, issue_number: action.issue.number, body: notes.change(action.avant, action.reminder) });
      } else if (action.kind === 'fermer') {
        await forge.rest.issues.createComment({ ...where, issue_number: action.issue.number, body: notes.closing(action.why, action.issue) });
        await forge.rest.issues.update({ ...where, issue_number: action.issue.number, state: 'closed', state_reason: action.why === 'regle' ? 'completed' : 'not_planned' });
      }
    } catch (error) {
      failures.push({ action, message: forgeErrorMessage(error) });
    }
  }
  return failures;
}
