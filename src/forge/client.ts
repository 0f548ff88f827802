// The forge's REST API through Octokit: the one place that knows how to reach it.
// The address comes from site.config.mjs (GITHUB_API_URL on the forge's runners), and
// the tests point it at a local server on 127.0.0.1.
import { Octokit } from '@octokit/rest';
import { FORGE_API_URL, REPOSITORY } from '../../site.config.mjs';

export type ForgeRepository = { owner: string; repo: string };

export type Forge = Octokit;

/**
 * The account the workflows write as (GITHUB_TOKEN): the author of the reminders and of
 * the answers on declaration issues. Nobody can register a login ending in « [bot] », and
 * the forge says its type is « Bot ».
 */
export const WORKFLOW_BOT = 'github-actions[bot]';

/** True when the forge says this author is the workflows' bot. */
export function isWorkflowBot(user: { login?: string; type?: string } | null | undefined): boolean {
  return user?.login === WORKFLOW_BOT && user.type === 'Bot';
}

/** owner/name → { owner, repo }; null when it is not of that form. */
export function repositoryOf(name: string = REPOSITORY): ForgeRepository | null {
  const match = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(name);
  return match ? { owner: match[1], repo: match[2] } : null;
}

export function forgeClient(token: string, baseUrl: string = FORGE_API_URL): Forge {
  return new Octokit({
    auth: token,
    baseUrl,
    userAgent: 'communs-reciprocite',
    // Quiet: the commands print their own French report.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

/** A French sentence for a failed request, with what to check. */
export function forgeErrorMessage(error: unknown): string {
  const status = (error as { status?: number }).status;
  if (status === 401) return 'La forge refuse le jeton (401) : vérifiez GITHUB_TOKEN.';
  if (status === 403) return 'La forge refuse l’accès (403) : le jeton n’a pas les droits nécessaires (issues: write pour les rappels ; contents, pull-requests et issues: write pour proposer une déclaration, avec « Allow GitHub Actions to create and approve pull requests » ; administration pour les réglages).';
  if (status === 404) return 'Dépôt introuvable sur la forge (404) : vérifiez GITHUB_REPOSITORY ou --depot.';
  return `La forge n’a pas répondu comme prévu${status ? ` (${status})` : ''} : ${(error as Error).message ?? String(error)}`;
}
