// A declaration issue (issue form) turned into a pull request: the branch
// declaration/issue-<n> holds the file as npm run declare writes it, one pull request
// per issue, and one answer on the issue in French (the link, or what to fix). Run
// again on the same issue, it updates the same branch and pull request, and writes a
// comment only when the answer changes: running it twice changes nothing.
import { Buffer } from 'node:buffer';
import { DEFAULT_BRANCH } from '../../site.config.mjs';
import { placeOf, type FormProblem, type IssueVerdict } from '../domain/contribution/issue-form.ts';
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
  };
}

export async function fetchDeclarationIssue(forge: Forge, where: ForgeRepository, number: number): Promise<DeclarationIssue> {
  const { data } = await forge.rest.issues.get({ ...where, issue_number: number });
  return declarationIssueOf(data as Parameters<typeof declarationIssueOf>[0]);
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

export function pullRequestBody(issue: DeclarationIssue, verdict: Extract<IssueVerdict, { kind: 'proposition' }>): string {
  return [
    `Déclaration proposée par @${issue.author.login} avec le formulaire de l’issue #${issue.number}, écrite par \`npm run proposer\` (le même code que \`npm run declare\`) et vérifiée comme le fait \`npm run validate\`.`,
    '',
    `${FILE_LINE}\`${verdict.path}\``,
    '',
    '**Pour les mainteneurs.** Cette demande est ouverte par le robot du dépôt : la vérification « Qui modifie quoi » attend l’approbation d’un mainteneur, et votre approbation relance les vérifications. Vérifiez que le fichier dit bien ce que dit l’issue, puis approuvez et fusionnez.',
    '',
    `Closes #${issue.number}`,
  ].join('\n');
}

function problemList(problems: readonly FormProblem[]): string {
  return problems.map((p) => `- ${placeOf(p)} : ${p.message}\n  ${p.hint}`).join('\n');
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

export function successComment(issue: DeclarationIssue, pullUrl: string, warnings: readonly FormProblem[]): string {
  return [
    ANSWER_MARKER,
    `Bonjour @${issue.author.login}, merci ! Votre déclaration est prête et proposée : ${pullUrl}`,
    '',
    'Un mainteneur la relit et la fusionne ; elle paraîtra alors sur le site, et cette issue sera fermée. Pour la changer d’ici là, modifiez cette issue : la proposition sera mise à jour.',
    ...(warnings.length > 0 ? ['', `À regarder (n’empêche${warnings.length > 1 ? 'nt' : ''} pas la proposition) :`, problemList(warnings)] : []),
  ].join('\n');
}

export type IssueAction =
  | { kind: 'creer_branche'; branch: string }
  | { kind: 'repartir_de_main'; branch: string }
  | { kind: 'ecrire_fichier'; branch: string; path: string }
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
 * Brings the forge in line with the verdict on the issue. With `dryRun`, only reads:
 * the actions say what would be done.
 */
export async function applyIssueVerdict(forge: Forge, where: ForgeRepository, issue: DeclarationIssue, verdict: IssueVerdict, dryRun: boolean): Promise<IssueOutcome> {
  const actions: IssueAction[] = [];
  const previous = await lastAnswer(forge, where, issue.number);
  const answer = async (comment: string) => {
    if (previous?.trim() === comment.trim()) return;
    actions.push({ kind: 'commenter' });
    if (!dryRun) await forge.rest.issues.createComment({ ...where, issue_number: issue.number, body: comment });
  };
  if (verdict.kind === 'erreurs') {
    const comment = errorComment(issue, verdict.problems);
    await answer(comment);
    return { actions, comment };
  }

  const branch = branchOf(issue.number);
  const title = pullRequestTitle(verdict);
  const body = pullRequestBody(issue, verdict);
  const open = await forge.rest.pulls.list({ ...where, state: 'open', head: `${where.owner}:${branch}`, per_page: 10 });
  const pull = open.data[0];
  const ref = await exists(forge.rest.git.getRef({ ...where, ref: `heads/${branch}` }));
  // The branch starts again from main when it holds another file (the person changed the
  // provider or the mission) or no pull request is open (closed by a maintainer): it
  // then carries exactly one declaration, this one.
  const stale = ref !== null && (!pull || fileOfPullRequest(pull.body ?? '') !== verdict.path);
  if (!ref || stale) {
    actions.push(ref ? { kind: 'repartir_de_main', branch } : { kind: 'creer_branche', branch });
    if (!dryRun) {
      const main = await forge.rest.git.getRef({ ...where, ref: `heads/${DEFAULT_BRANCH}` });
      if (ref) await forge.rest.git.updateRef({ ...where, ref: `heads/${branch}`, sha: main.data.object.sha, force: true });
      else await forge.rest.git.createRef({ ...where, ref: `refs/heads/${branch}`, sha: main.data.object.sha });
    }
  }
  // On a branch (re)started from main, the file is read from main (an amended declaration already exists there).
  const current = await exists(forge.rest.repos.getContent({ ...where, path: verdict.path, ref: ref && !stale ? branch : DEFAULT_BRANCH }));
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
  const comment = successComment(issue, pullUrl, verdict.warnings);
  await answer(comment);
  return { actions, pullUrl, comment };
}
