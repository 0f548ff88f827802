// A declaration issue (issue form) turned into a pull request: the branch
// declaration/issue-<n> holds the file as npm run declare writes it, one pull request
// per issue, and one answer on the issue in French (the link, or what to fix). Run
// again on the same issue, it updates the same branch and pull request, and writes a
// comment only when the answer changes: running it twice changes nothing.
import { Buffer } from 'node:buffer';
import { DEFAULT_BRANCH } from '../../site.config.mjs';
import { placeOf, replacementText, type FormProblem, type IssueVerdict } from '../domain/contribution/issue-form.ts';
import { escapeMarkdown } from '../domain/contribution/review.ts';
import { isWorkflowBot, type Forge, type ForgeRepository } from './client.ts';

/** The label the issue form puts on its issues (.github/ISSUE_TEMPLATE/declaration.yml). */
export const DECLARATION_LABEL = 'declaration';
/** Hidden first line of the answers written on an issue, to find them again. */
export const ANSWER_MARKER = '<!-- declaration-issue -->';

export interface DeclarationIssue {
  number: number;
  title: string;
  body: string;
  author: { login: string; id: number };
  labels: string[];
  isPullRequest: boolean;
  /**
   * Who last edited the text, when anyone did (null: never edited, or not known, as in a
   * recorded event). An edit by anyone but the author is not the author's declaration.
   */
  lastEditor: string | null;
}

/** The issue as the forge gives it (REST API, or the event payload of the workflow). */
export function declarationIssueOf(raw: {
  number: number;
  title: string;
  body?: string | null;
  user?: { login: string; id: number } | null;
  labels?: (string | { name?: string })[];
  pull_request?: unknown;
}): DeclarationIssue {
  return {
    number: raw.number,
    title: raw.title,
    body: raw.body ?? '',
    author: { login: raw.user?.login ?? '', id: raw.user?.id ?? 0 },
    labels: (raw.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
    isPullRequest: Boolean(raw.pull_request),
    lastEditor: null,
  };
}

/** Who edited an issue's text, by GraphQL: the REST API does not say (Comment.editor, userContentEdits). */
const EDITS_QUERY = `query($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    issue(number: $number) {
      author { login }
      editor { login }
      lastEditedAt
      userContentEdits(first: 100) { nodes { editedAt editor { login } } }
    }
  }
}`;

interface Edits {
  repository: { issue: { editor: { login: string } | null; lastEditedAt: string | null; userContentEdits: { nodes: Array<{ editedAt: string; editor: { login: string } | null }> } } | null };
}

/** The login of whoever last edited the issue's text; null when nobody did; « ghost » for a deleted account. */
async function lastEditorOf(forge: Forge, where: ForgeRepository, number: number): Promise<string | null> {
  const { repository } = await forge.graphql<Edits>(EDITS_QUERY, { owner: where.owner, repo: where.repo, number });
  const issue = repository.issue;
  if (!issue?.lastEditedAt) return null;
  const latest = [...issue.userContentEdits.nodes].sort((a, b) => b.editedAt.localeCompare(a.editedAt))[0];
  return (latest ? latest.editor?.login : issue.editor?.login) ?? 'ghost';
}

export async function fetchDeclarationIssue(forge: Forge, where: ForgeRepository, number: number): Promise<DeclarationIssue> {
  const { data } = await forge.rest.issues.get({ ...where, issue_number: number });
  const issue = declarationIssueOf(data as Parameters<typeof declarationIssueOf>[0]);
  return { ...issue, lastEditor: await lastEditorOf(forge, where, number) };
}

/** True when someone other than the author wrote the issue's current text. */
export function isEditedByAnother(issue: DeclarationIssue): boolean {
  return issue.lastEditor !== null && issue.lastEditor.toLowerCase() !== issue.author.login.toLowerCase();
}

export const branchOf = (issue: number) => `declaration/issue-${issue}`;

/** The address GitHub gives a person's commits when their e-mail is private. */
export const noreplyAddress = (author: DeclarationIssue['author']) => `${author.id}+${author.login}@users.noreply.github.com`;

export function commitMessage(issue: DeclarationIssue, verdict: Extract<IssueVerdict, { kind: 'proposition' }>): string {
  return `Déclaration de réciprocité : ${verdict.prestataire} pour ${verdict.mission} (issue #${issue.number})\n\nCo-authored-by: ${issue.author.login} <${noreplyAddress(issue.author)}>\n`;
}

export function pullRequestTitle(verdict: Extract<IssueVerdict, { kind: 'proposition' }>): string {
  return `Déclaration : ${verdict.prestataire} pour ${verdict.mission}`;
}

const FILE_LINE = 'Fichier : ';

/** The declaration a pull request of this command carries, as its body says. */
export function fileOfPullRequest(body: string): string | undefined {
  return body.split('\n').find((line) => line.startsWith(FILE_LINE))?.slice(FILE_LINE.length).replace(/^`|`$/g, '');
}

/**
 * Text shown as code: no Markdown, link or mention in it is rendered. The fence is longer
 * than any run of backticks in the text, so the text cannot close it.
 */
function codeBlock(lines: readonly string[]): string {
  const text = lines.join('\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** What a re-declaration changes, for the pull request and the answer: silent replacing is what it prevents. */
function replacementSection(verdict: Extract<IssueVerdict, { kind: 'proposition' }>): string[] {
  if (!verdict.remplace) return [];
  const { intro, lines } = replacementText(verdict.remplace);
  return [`**Remplace une déclaration existante.** ${intro}`, ...(lines.length > 0 ? ['', codeBlock(lines)] : []), ''];
}

export function pullRequestBody(issue: DeclarationIssue, verdict: Extract<IssueVerdict, { kind: 'proposition' }>): string {
  return [
    `Déclaration proposée par @${issue.author.login} avec le formulaire de l’issue #${issue.number}, écrite par \`npm run proposer\` (le même code que \`npm run declare\`) et vérifiée comme le fait \`npm run validate\`.`,
    '',
    `${FILE_LINE}\`${verdict.path}\``,
    '',
    ...replacementSection(verdict),
    '**Pour les mainteneurs.** Cette demande est ouverte par le robot du dépôt : la vérification « Qui modifie quoi » attend l’approbation d’un mainteneur, et votre approbation relance les vérifications. Vérifiez que le fichier dit bien ce que dit l’issue, puis approuvez et fusionnez.',
    '',
    `Closes #${issue.number}`,
  ].join('\n');
}

/**
 * The problems as a Markdown list. Messages quote what the person wrote (a name, a
 * usage, a link, a reason): escaped, and made inert, so that nothing quoted mentions
 * anyone, refers to an issue or becomes a link in the bot's answer.
 */
function problemList(problems: readonly FormProblem[]): string {
  return problems.map((p) => `- ${placeOf(p)} : ${escapeMarkdown(p.message)}\n  ${escapeMarkdown(p.hint)}`).join('\n');
}

export function errorComment(issue: DeclarationIssue, problems: readonly FormProblem[]): string {
  const n = problems.length;
  return [
    ANSWER_MARKER,
    `Bonjour @${issue.author.login}, merci ! La déclaration ne peut pas encore être proposée : ${n > 1 ? `${n} points sont à corriger` : 'un point est à corriger'}.`,
    '',
    problemList(problems),
    '',
    'Pour corriger : modifiez le texte de cette issue (bouton « … » en haut à droite du premier message, puis « Edit »), puis enregistrez. La vérification repart d’elle-même et vous répond ici.',
  ].join('\n');
}

export function successComment(issue: DeclarationIssue, pullUrl: string, warnings: readonly FormProblem[], verdict?: Extract<IssueVerdict, { kind: 'proposition' }>): string {
  return [
    ANSWER_MARKER,
    `Bonjour @${issue.author.login}, merci ! Votre déclaration est prête et proposée : ${pullUrl}`,
    '',
    ...(verdict ? replacementSection(verdict) : []),
    'Un mainteneur la relit et la fusionne ; elle paraîtra alors sur le site, et cette issue sera fermée. Pour la changer d’ici là, modifiez cette issue : la proposition sera mise à jour.',
    ...(warnings.length > 0 ? ['', `À regarder (n’empêche${warnings.length > 1 ? 'nt' : ''} pas la proposition) :`, problemList(warnings)] : []),
  ].join('\n');
}

/** The answer when the text was last changed by someone else: nothing is proposed from it. */
export function editedByAnotherComment(issue: DeclarationIssue): string {
  return [
    ANSWER_MARKER,
    `Bonjour @${issue.author.login}, le texte de cette issue a été modifié en dernier par un autre compte que le vôtre : le robot n’en tient pas compte, et rien n’a changé dans la proposition.`,
    '',
    'Si ce texte vous convient, enregistrez-le vous-même (bouton « … » en haut à droite du premier message, puis « Edit », puis « Update comment ») : la vérification repartira. Sinon, remettez-y votre déclaration.',
  ].join('\n');
}

export type IssueAction =
  | { kind: 'creer_branche'; branch: string }
  | { kind: 'repartir_de_main'; branch: string; why: 'autres fichiers' | 'sans demande du robot' }
  | { kind: 'ecrire_fichier'; branch: string; path: string }
  | { kind: 'fermer_demande_etrangere'; number: number; author: string }
  | { kind: 'ouvrir_demande' }
  | { kind: 'mettre_a_jour_demande'; number: number }
  | { kind: 'commenter' };

export interface IssueOutcome {
  actions: IssueAction[];
  pullUrl?: string;
  comment?: string;
}

async function exists<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/**
 * The text of the last answer written on the issue by this command, if any: a bot's
 * comment with the marker (a person copying the marker cannot silence the answer).
 */
async function lastAnswer(forge: Forge, where: ForgeRepository, issue: number): Promise<string | undefined> {
  const comments = await forge.paginate(forge.rest.issues.listComments, { ...where, issue_number: issue, per_page: 100 });
  return comments.filter((c) => isWorkflowBot(c.user) && (c.body ?? '').startsWith(ANSWER_MARKER)).at(-1)?.body ?? undefined;
}

/**
 * The branch of the issue, ready to receive the file: created from main when absent;
 * started again from main when it holds anything but this declaration, or when no pull
 * request of the bot carries it (the person changed the provider or the mission, a
 * maintainer closed the request, or someone else made or added to the branch): it then
 * carries exactly one declaration, this one, written by the bot. Says where the file
 * currently is to be read from.
 */
async function branchReady(forge: Forge, where: ForgeRepository, branch: string, path: string, pull: BotPull | undefined, actions: IssueAction[], dryRun: boolean): Promise<{ readFrom: string }> {
  const ref = await exists(forge.rest.git.getRef({ ...where, ref: `heads/${branch}` }));
  const main = await forge.rest.git.getRef({ ...where, ref: `heads/${DEFAULT_BRANCH}` });
  let foreign = false;
  if (ref && pull && fileOfPullRequest(pull.body ?? '') === path) {
    const { data } = await forge.rest.repos.compareCommitsWithBasehead({ ...where, basehead: `${main.data.object.sha}...${ref.data.object.sha}` });
    foreign = (data.files ?? []).some((f) => f.filename !== path);
  }
  const stale = ref !== null && (foreign || !pull || fileOfPullRequest(pull.body ?? '') !== path);
  if (ref && !stale) return { readFrom: branch };
  actions.push(ref ? { kind: 'repartir_de_main', branch, why: foreign || pull ? 'autres fichiers' : 'sans demande du robot' } : { kind: 'creer_branche', branch });
  if (!dryRun) {
    if (ref) await forge.rest.git.updateRef({ ...where, ref: `heads/${branch}`, sha: main.data.object.sha, force: true });
    else await forge.rest.git.createRef({ ...where, ref: `refs/heads/${branch}`, sha: main.data.object.sha });
  }
  // On a branch (re)started from main, the file is read from main (an amended declaration already exists there).
  return { readFrom: DEFAULT_BRANCH };
}

type BotPull = { number: number; title: string; body?: string | null; html_url: string };

/**
 * The open pull request of the issue's branch, if the bot opened it. One opened by
 * anyone else on the bot's branch is closed, with a word on it: the declaration is
 * proposed by the bot's own request, in the issue author's name only.
 */
async function botPull(forge: Forge, where: ForgeRepository, issue: DeclarationIssue, actions: IssueAction[], dryRun: boolean): Promise<BotPull | undefined> {
  const branch = branchOf(issue.number);
  const open = await forge.rest.pulls.list({ ...where, state: 'open', head: `${where.owner}:${branch}`, per_page: 10 });
  for (const other of open.data.filter((p) => !isWorkflowBot(p.user))) {
    actions.push({ kind: 'fermer_demande_etrangere', number: other.number, author: other.user?.login ?? 'ghost' });
    if (!dryRun) {
      await forge.rest.issues.createComment({
        ...where,
        issue_number: other.number,
        body: `La branche \`${branch}\` est celle où le robot propose la déclaration de l’issue #${issue.number} : cette demande, ouverte par un autre compte, est fermée. La déclaration est proposée par une demande du robot, repartie de main.`,
      });
      await forge.rest.pulls.update({ ...where, pull_number: other.number, state: 'closed' });
    }
  }
  return open.data.find((p) => isWorkflowBot(p.user));
}

/**
 * Brings the forge in line with the verdict on the issue. With `dryRun`, only reads:
 * the actions say what would be done. A text last edited by someone other than the
 * issue's author is not acted upon: the author is told, nothing else changes.
 */
export async function applyIssueVerdict(forge: Forge, where: ForgeRepository, issue: DeclarationIssue, verdict: IssueVerdict, dryRun: boolean): Promise<IssueOutcome> {
  const actions: IssueAction[] = [];
  const previous = await lastAnswer(forge, where, issue.number);
  const answer = async (comment: string) => {
    if (previous?.trim() === comment.trim()) return;
    actions.push({ kind: 'commenter' });
    if (!dryRun) await forge.rest.issues.createComment({ ...where, issue_number: issue.number, body: comment });
  };
  if (isEditedByAnother(issue) || verdict.kind === 'erreurs') {
    const comment = isEditedByAnother(issue) ? editedByAnotherComment(issue) : errorComment(issue, (verdict as Extract<IssueVerdict, { kind: 'erreurs' }>).problems);
    await answer(comment);
    return { actions, comment };
  }

  const branch = branchOf(issue.number);
  const title = pullRequestTitle(verdict);
  const body = pullRequestBody(issue, verdict);
  const pull = await botPull(forge, where, issue, actions, dryRun);
  const { readFrom } = await branchReady(forge, where, branch, verdict.path, pull, actions, dryRun);
  const current = await exists(forge.rest.repos.getContent({ ...where, path: verdict.path, ref: readFrom }));
  const file = current && !Array.isArray(current.data) && current.data.type === 'file' ? current.data : null;
  const currentText = file && 'content' in file ? Buffer.from(file.content, 'base64').toString('utf8') : null;
  if (currentText !== verdict.text) {
    actions.push({ kind: 'ecrire_fichier', branch, path: verdict.path });
    if (!dryRun) {
      await forge.rest.repos.createOrUpdateFileContents({
        ...where,
        path: verdict.path,
        branch,
        message: commitMessage(issue, verdict),
        content: Buffer.from(verdict.text, 'utf8').toString('base64'),
        ...(file ? { sha: file.sha } : {}),
      });
    }
  }

  let pullUrl = '(demande à ouvrir)';
  if (!pull) {
    actions.push({ kind: 'ouvrir_demande' });
    if (!dryRun) pullUrl = (await forge.rest.pulls.create({ ...where, title, body, head: branch, base: DEFAULT_BRANCH })).data.html_url;
  } else {
    pullUrl = pull.html_url;
    if (pull.title !== title || (pull.body ?? '').trim() !== body.trim()) {
      actions.push({ kind: 'mettre_a_jour_demande', number: pull.number });
      if (!dryRun) await forge.rest.pulls.update({ ...where, pull_number: pull.number, title, body });
    }
  }
  const comment = successComment(issue, pullUrl, verdict.warnings, verdict);
  await answer(comment);
  return { actions, pullUrl, comment };
}
