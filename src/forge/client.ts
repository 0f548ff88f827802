// The forge's REST API through Octokit: the one place that knows how to reach it.
// The address comes from site.config.mjs (GITHUB_API_URL on the forge's runners), and
// the tests point it at a local server on 127.0.0.1.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { FORGE_API_URL, REPOSITORY } from '../../site.config.mjs';

export type ForgeRepository = { owner: string; repo: string };

/**
 * Octokit with GitHub's recommended pacing and retries (@octokit/plugin-throttling: writes
 * one at a time, a second apart; a rate limit is waited for when the forge says how long,
 * within RATE_LIMIT_WAIT_MAX; @octokit/plugin-retry: a 429 or a server error is asked
 * again, after 1 then 4 s).
 */
const ForgeOctokit = Octokit.plugin(throttling, retry);

export type Forge = InstanceType<typeof ForgeOctokit>;

/** The longest wait for a rate limit, in seconds: beyond it, the request fails and says when to retry. */
export const RATE_LIMIT_WAIT_MAX = 120;
/** How many times a request that met a rate limit is sent again. */
const RATE_LIMIT_RETRIES = 2;

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
  const wait = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < RATE_LIMIT_RETRIES && retryAfter <= RATE_LIMIT_WAIT_MAX;
  return new ForgeOctokit({
    auth: token,
    baseUrl,
    userAgent: 'communs-reciprocite',
    // Quiet: the commands print their own French report.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: { onRateLimit: wait, onSecondaryRateLimit: wait },
    retry: { retries: 2 },
  });
}

/** True for GitHub's answers to too many requests: 429, or a 403 saying a rate limit was exceeded. */
function rateLimited(error: unknown): boolean {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined> } };
  if (e.status === 429) return true;
  return e.status === 403 && (/rate limit/i.test(e.message ?? '') || e.response?.headers?.['x-ratelimit-remaining'] === '0');
}

/** A French sentence for a failed request, with what to check. */
export function forgeErrorMessage(error: unknown): string {
  const status = (error as { status?: number }).status;
  if (rateLimited(error)) {
    const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ?? {};
    const reset = Number(headers['x-ratelimit-reset']);
    const after = Number(headers['retry-after']);
    const when = reset > 0 ? ` jusqu’à ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : after > 0 ? ` ${after} s` : '';
    return `La forge limite le nombre de demandes (${status}) et demande d’attendre${when}, plus que les ${RATE_LIMIT_WAIT_MAX} s permises : le reste sera fait au prochain passage (relancez plus tard).`;
  }
  if (status === 401) return 'La forge refuse le jeton (401) : vérifiez GITHUB_TOKEN.';
  if (status === 403) return 'La forge refuse l’accès (403) : le jeton n’a pas les droits nécessaires (issues: write pour les rappels ; contents, pull-requests et issues: write pour proposer une déclaration, avec « Allow GitHub Actions to create and approve pull requests » ; pour les réglages, un jeton « fine-grained » aux droits Administration, Environments, Pages et Issues en écriture, Contents en lecture : MAINTENANCE.md).';
  if (status === 404) return 'Dépôt introuvable sur la forge (404) : vérifiez GITHUB_REPOSITORY ou --depot.';
  return `La forge n’a pas répondu comme prévu${status ? ` (${status})` : ''} : ${(error as Error).message ?? String(error)}`;
}
