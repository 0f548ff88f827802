// A small forge on 127.0.0.1 that speaks the subset of GitHub's REST API the commands
// use (issues, comments, repository settings, branch protection, Pages and its
// environment, collaborators and their invitations, and for the
// issue-to-pull-request path: branch refs, file contents, pull requests), keeps its
// state in memory and records every request, so that the tests run the real Octokit
// client over real HTTP without ever reaching the network.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  comments: string[];
  pull_request?: object;
  /** Who opened it (the issue form's author); the issues the commands open are the workflows' bot's. */
  user?: { login: string; id: number; type?: 'User' | 'Bot' };
  /** Who edited its text, and when (GraphQL userContentEdits); none when it was never edited. */
  edits?: Array<{ login: string; at: string }>;
}

/** A branch: the files it holds (path → text) and its last commit. */
export interface FakeBranch {
  sha: string;
  files: Map<string, string>;
}

export interface FakeCommit {
  sha: string;
  branch: string;
  message: string;
  path: string;
  text: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  html_url: string;
  /** Who opened it: the workflows' bot when a command did. */
  user?: { login: string; type: 'User' | 'Bot' };
  /** Comments written on it (its conversation, as on an issue). */
  comments?: string[];
}

export interface FakeInvitation {
  id: number;
  invitee: { login: string };
  /** As GitHub names them on invitations: read, triage, write, maintain, admin. */
  permissions: string;
  expired: boolean;
}

export interface FakeEnvironment {
  name: string;
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  policies: Array<{ id: number; name: string; type: 'branch' | 'tag' }>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeForge {
  url: string;
  issues: FakeIssue[];
  requests: RecordedRequest[];
  /** Repository settings, branch protections and Pages, as the API returns them. */
  repository: Record<string, unknown>;
  protections: Map<string, unknown>;
  pages: Record<string, unknown> | null;
  /** Direct collaborators and their permission (pull, triage, push, maintain, admin). */
  collaborators: Map<string, string>;
  /** Access given by the organisation (a team, the base role, an owner): listed, but not direct. */
  organisationAccess: Map<string, string>;
  /** Repository invitations not yet accepted (PUT collaborators/<name> sends one). */
  invitations: FakeInvitation[];
  /** The invitee accepts: they become a direct collaborator. */
  accept(login: string): void;
  /** Deployment environments and their branch policies. */
  environments: Map<string, FakeEnvironment>;
  /** Actions › Workflow permissions of the repository. */
  workflowPermissions: Record<string, unknown>;
  /** Actions › Approval for running fork pull request workflows (GitHub's default: first-time contributors). */
  readonly forkApproval: { approval_policy: string };
  labels: Map<string, Record<string, unknown>>;
  /** Branches by name ("main" exists from the start, empty unless a test fills it). */
  branches: Map<string, FakeBranch>;
  commits: FakeCommit[];
  pulls: FakePull[];
  /** Requests that changed something (not GET, nor a GraphQL query). */
  writes(): RecordedRequest[];
  /** From now on, answer writes to matching paths with success and keep nothing (a forge that ignores a setting). */
  ignoreWrites(path: RegExp): void;
  /** From now on, refuse the matching requests with a 422 (as GitHub refuses a body that is too long). */
  refuseWrites(test: (request: RecordedRequest) => boolean): void;
  close(): Promise<void>;
}

const PAGE_SIZE_MAX = 100;
/** The account the token writes as: the workflows' bot, as GitHub describes it. */
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };

export async function startFakeForge(owner: string, repo: string, options: { token?: string; ownerType?: 'Organization' | 'User' } = {}): Promise<FakeForge> {
  const token = options.token ?? 'jeton-de-test';
  let ids = 1000;
  const ignored: RegExp[] = [];
  const refused: Array<(request: RecordedRequest) => boolean> = [];
  const state = {
    issues: [] as FakeIssue[],
    requests: [] as RecordedRequest[],
    repository: { full_name: `${owner}/${repo}`, owner: { login: owner, type: options.ownerType ?? 'Organization' }, default_branch: 'main', private: false, has_issues: true, allow_auto_merge: false, delete_branch_on_merge: false, allow_forking: true } as Record<string, unknown>,
    protections: new Map<string, unknown>(),
    pages: null as Record<string, unknown> | null,
    collaborators: new Map<string, string>(),
    organisationAccess: new Map<string, string>(),
    invitations: [] as FakeInvitation[],
    environments: new Map<string, FakeEnvironment>(),
    branches: new Map<string, FakeBranch>([['main', { sha: 'c0ffee0000000000000000000000000000000000', files: new Map() }]]),
    commits: [] as FakeCommit[],
    pulls: [] as FakePull[],
    workflowPermissions: { default_workflow_permissions: 'read', can_approve_pull_request_reviews: false } as Record<string, unknown>,
    forkApproval: { approval_policy: 'first_time_contributors' },
    labels: new Map<string, Record<string, unknown>>(),
  };
  const newSha = () => (state.commits.length + 1).toString(16).padStart(40, 'a');
  const blobSha = (text: string) => createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0${text}`).digest('hex');
  const pullJson = (p: FakePull) => ({ number: p.number, title: p.title, body: p.body, state: p.state, html_url: p.html_url, user: p.user ?? BOT, head: { ref: p.head, label: `${owner}:${p.head}` }, base: { ref: p.base } });
  const prefix = `/repos/${owner}/${repo}`;

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const issueJson = (i: FakeIssue) => ({
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    labels: i.labels.map((name) => ({ name })),
    user: { type: 'User', ...(i.user ?? { login: 'quelquun', id: 1 }) },
    ...(i.pull_request ? { pull_request: i.pull_request } : {}),
  });

  /**
   * GraphQL, the one query the commands send: an issue's author and who last edited its
   * text (Comment.editor, lastEditedAt, userContentEdits), as GitHub answers it.
   */
  const graphql = (body: { query: string; variables?: Record<string, unknown> }) => {
    const number = Number(body.variables?.number);
    const issue = state.issues.find((i) => i.number === number);
    if (!/repository\(owner: \$owner, name: \$repo\)/.test(body.query) || body.variables?.owner !== owner || body.variables?.repo !== repo) {
      return { data: null, errors: [{ message: 'Could not resolve to a Repository' }] };
    }
    if (!issue) return { data: { repository: { issue: null } }, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to an Issue with the number of ${number}.` }] };
    const edits = issue.edits ?? [];
    const last = edits.at(-1);
    return {
      data: {
        repository: {
          issue: {
            author: { login: (issue.user ?? { login: 'quelquun' }).login },
            editor: last ? { login: last.login } : null,
            lastEditedAt: last?.at ?? null,
            // Newest first, the original text included once edited (as GitHub lists them).
            userContentEdits: { nodes: edits.length ? [...edits].reverse().map((e) => ({ editedAt: e.at, editor: { login: e.login } })) : [] },
          },
        },
      },
    };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string, base: string) => {
    const url = new URL(req.url ?? '/', base);
    const body = raw ? JSON.parse(raw) : undefined;
    state.requests.push({ method: req.method ?? '', path: url.pathname + url.search, body });
    if (req.headers.authorization !== `token ${token}` && req.headers.authorization !== `Bearer ${token}`) {
      return send(res, 401, { message: 'Bad credentials' });
    }
    const path = url.pathname;
    if (req.method !== 'GET' && ignored.some((p) => p.test(path))) return send(res, 200, {});
    if (refused.some((test) => test(state.requests.at(-1)!))) return send(res, 422, { message: 'Validation Failed' });
    if (path === '/graphql' && req.method === 'POST') return send(res, 200, graphql(body));
    if (!path.startsWith(prefix)) return send(res, 404, { message: 'Not Found' });
    const rest = path.slice(prefix.length);

    if (rest === '' && req.method === 'GET') return send(res, 200, state.repository);
    if (rest === '' && req.method === 'PATCH') {
      Object.assign(state.repository, body);
      return send(res, 200, state.repository);
    }
    if (rest === '/issues' && req.method === 'GET') {
      const wanted = url.searchParams.get('state') ?? 'open';
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), PAGE_SIZE_MAX);
      const page = Number(url.searchParams.get('page') ?? 1);
      const all = state.issues.filter((i) => wanted === 'all' || i.state === wanted).sort((a, b) => b.number - a.number);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      return send(res, 200, slice.map(issueJson), headers);
    }
    if (rest === '/issues' && req.method === 'POST') {
      const issue: FakeIssue = {
        number: state.issues.length + 1,
        title: body.title,
        body: body.body ?? '',
        state: 'open',
        state_reason: null,
        labels: body.labels ?? [],
        comments: [],
        user: BOT,
      };
      state.issues.push(issue);
      return send(res, 201, issueJson(issue));
    }
    const issueMatch = /^\/issues\/(\d+)(\/comments)?$/.exec(rest);
    const pullConversation = issueMatch?.[2] ? state.pulls.find((p) => p.number === Number(issueMatch[1])) : undefined;
    if (pullConversation && req.method === 'POST') {
      (pullConversation.comments ??= []).push(body.body);
      return send(res, 201, { id: pullConversation.comments.length, body: body.body, user: BOT });
    }
    if (issueMatch) {
      const issue = state.issues.find((i) => i.number === Number(issueMatch[1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      if (issueMatch[2] && req.method === 'POST') {
        issue.comments.push(body.body);
        return send(res, 201, { id: issue.comments.length, body: body.body, user: BOT });
      }
      if (issueMatch[2] && req.method === 'GET') {
        return send(res, 200, issue.comments.map((text, i) => ({ id: i + 1, body: text, user: BOT })));
      }
      if (!issueMatch[2] && req.method === 'GET') return send(res, 200, issueJson(issue));
      if (!issueMatch[2] && req.method === 'PATCH') {
        for (const key of ['title', 'body', 'state', 'state_reason'] as const) if (key in body) (issue as unknown as Record<string, unknown>)[key] = body[key];
        return send(res, 200, issueJson(issue));
      }
    }
    const protection = /^\/branches\/([^/]+)\/protection$/.exec(rest);
    if (protection) {
      const branch = decodeURIComponent(protection[1]);
      if (req.method === 'GET') {
        return state.protections.has(branch) ? send(res, 200, state.protections.get(branch)) : send(res, 404, { message: 'Branch not protected' });
      }
      if (req.method === 'PUT') {
        const checks = body.required_status_checks;
        // As GitHub (a oneOf in its schema): contexts or checks, never both.
        if (checks && checks.contexts && checks.checks) return send(res, 422, { message: 'Invalid request.\n\nMore than one subschema in "oneOf" matched.' });
        // Stored as GitHub answers a GET: flags as { enabled }, people as { login }; a check
        // set by its name only (contexts) may come from any app, shown as app_id null.
        const required = checks?.checks ?? (checks?.contexts ?? []).map((context: string) => ({ context }));
        const flag = (enabled: boolean) => ({ enabled });
        const stored = {
          required_status_checks: checks && {
            strict: checks.strict,
            contexts: required.map((c: { context: string }) => c.context),
            checks: required.map((c: { context: string; app_id?: number }) => ({ context: c.context, app_id: c.app_id ?? null })),
          },
          enforce_admins: flag(Boolean(body.enforce_admins)),
          required_pull_request_reviews: body.required_pull_request_reviews ?? undefined,
          restrictions: body.restrictions ? { users: body.restrictions.users.map((login: string) => ({ login })), teams: body.restrictions.teams.map((slug: string) => ({ slug })), apps: [] } : undefined,
          required_linear_history: flag(Boolean(body.required_linear_history)),
          allow_force_pushes: flag(Boolean(body.allow_force_pushes)),
          allow_deletions: flag(Boolean(body.allow_deletions)),
          required_conversation_resolution: flag(Boolean(body.required_conversation_resolution)),
        };
        state.protections.set(branch, stored);
        return send(res, 200, stored);
      }
    }
    if (rest === '/pages') {
      if (req.method === 'GET') return state.pages ? send(res, 200, state.pages) : send(res, 404, { message: 'Not Found' });
      if (req.method === 'POST' || req.method === 'PUT') {
        state.pages = { ...(state.pages ?? {}), ...body };
        return send(res, req.method === 'POST' ? 201 : 204, req.method === 'POST' ? state.pages : undefined);
      }
    }
    if (rest === '/collaborators' && req.method === 'GET') {
      const levels = ['pull', 'triage', 'push', 'maintain', 'admin'];
      const direct = url.searchParams.get('affiliation') === 'direct';
      const all = new Map(direct ? [] : state.organisationAccess);
      for (const [login, permission] of state.collaborators) {
        if (!all.has(login) || levels.indexOf(permission) > levels.indexOf(all.get(login)!)) all.set(login, permission);
      }
      const list = [...all].map(([login, permission]) => ({
        login,
        permissions: Object.fromEntries(levels.map((l) => [l, levels.indexOf(l) <= levels.indexOf(permission)])),
        role_name: permission,
      }));
      return send(res, 200, list);
    }
    const collaborator = /^\/collaborators\/([^/]+)$/.exec(rest);
    if (collaborator && req.method === 'PUT') {
      // As GitHub: an existing collaborator's permission changes (204); anyone else is invited (201).
      const login = decodeURIComponent(collaborator[1]);
      const permission = body?.permission ?? 'push';
      if (state.collaborators.has(login)) {
        state.collaborators.set(login, permission);
        return send(res, 204);
      }
      const named: Record<string, string> = { pull: 'read', push: 'write' };
      const invitation: FakeInvitation = { id: ids++, invitee: { login }, permissions: named[permission] ?? permission, expired: false };
      state.invitations = state.invitations.filter((i) => i.invitee.login !== login);
      state.invitations.push(invitation);
      return send(res, 201, invitation);
    }
    if (collaborator && req.method === 'DELETE') {
      state.collaborators.delete(decodeURIComponent(collaborator[1]));
      return send(res, 204);
    }
    if (rest === '/invitations' && req.method === 'GET') return send(res, 200, state.invitations);
    const invitation = /^\/invitations\/(\d+)$/.exec(rest);
    if (invitation) {
      const found = state.invitations.find((i) => i.id === Number(invitation[1]));
      if (!found) return send(res, 404, { message: 'Not Found' });
      if (req.method === 'DELETE') {
        state.invitations = state.invitations.filter((i) => i !== found);
        return send(res, 204);
      }
      if (req.method === 'PATCH') {
        found.permissions = body.permissions;
        return send(res, 200, found);
      }
    }
    const environment = /^\/environments\/([^/]+)(?:\/deployment-branch-policies(?:\/(\d+))?)?$/.exec(rest);
    if (environment) {
      const name = decodeURIComponent(environment[1]);
      const env = state.environments.get(name);
      const policies = rest.includes('/deployment-branch-policies');
      const json = (e: FakeEnvironment) => ({ id: 1, name: e.name, deployment_branch_policy: e.deployment_branch_policy, protection_rules: [] });
      if (!policies && req.method === 'GET') return env ? send(res, 200, json(env)) : send(res, 404, { message: 'Not Found' });
      if (!policies && req.method === 'PUT') {
        const policy = body?.deployment_branch_policy ?? null;
        if (policy && policy.protected_branches === policy.custom_branch_policies) return send(res, 422, { message: 'protected_branches and custom_branch_policies cannot have the same value' });
        const next: FakeEnvironment = { name, deployment_branch_policy: policy, policies: policy?.custom_branch_policies ? (env?.policies ?? []) : [] };
        state.environments.set(name, next);
        return send(res, 200, json(next));
      }
      if (!env) return send(res, 404, { message: 'Not Found' });
      if (policies && !environment[2] && req.method === 'GET') return send(res, 200, { total_count: env.policies.length, branch_policies: env.policies });
      if (policies && !environment[2] && req.method === 'POST') {
        // As GitHub: 404 unless the environment takes custom policies; 303 for a name it already has.
        if (!env.deployment_branch_policy?.custom_branch_policies) return send(res, 404, { message: 'Not Found' });
        if (env.policies.some((p) => p.name === body.name && p.type === (body.type ?? 'branch'))) return send(res, 303);
        const policy = { id: ids++, name: body.name, type: body.type ?? 'branch' };
        env.policies.push(policy);
        return send(res, 200, policy);
      }
      if (policies && environment[2] && req.method === 'DELETE') {
        env.policies = env.policies.filter((p) => p.id !== Number(environment[2]));
        return send(res, 204);
      }
    }
    if (rest === '/actions/permissions/fork-pr-contributor-approval') {
      if (req.method === 'GET') return send(res, 200, state.forkApproval);
      if (req.method === 'PUT') {
        if (!['first_time_contributors_new_to_github', 'first_time_contributors', 'all_external_contributors'].includes(body.approval_policy)) return send(res, 422, { message: 'Invalid approval_policy' });
        state.forkApproval = { approval_policy: body.approval_policy };
        return send(res, 204);
      }
    }
    if (rest === '/actions/permissions/workflow') {
      if (req.method === 'GET') return send(res, 200, state.workflowPermissions);
      if (req.method === 'PUT') {
        Object.assign(state.workflowPermissions, body);
        return send(res, 204);
      }
    }
    const label = /^\/labels\/([^/]+)$/.exec(rest);
    if (label && req.method === 'GET') {
      const found = state.labels.get(decodeURIComponent(label[1]));
      return found ? send(res, 200, found) : send(res, 404, { message: 'Not Found' });
    }
    if (rest === '/labels' && req.method === 'POST') {
      if (state.labels.has(body.name)) return send(res, 422, { message: 'already_exists' });
      state.labels.set(body.name, body);
      return send(res, 201, body);
    }
    // Branches (git refs), files (contents API, one commit per write) and pull requests.
    // Octokit sends the ref as one encoded segment (heads%2Fmain), as GitHub accepts it.
    const ref = /^\/git\/ref\/heads\/(.+)$/.exec(decodeURIComponent(rest));
    if (ref && req.method === 'GET') {
      const name = ref[1];
      const branch = state.branches.get(name);
      return branch ? send(res, 200, { ref: `refs/heads/${name}`, object: { sha: branch.sha, type: 'commit' } }) : send(res, 404, { message: 'Not Found' });
    }
    if (rest === '/git/refs' && req.method === 'POST') {
      const name = String(body.ref).replace(/^refs\/heads\//, '');
      if (state.branches.has(name)) return send(res, 422, { message: 'Reference already exists' });
      const from = [...state.branches.values()].find((b) => b.sha === body.sha);
      if (!from) return send(res, 422, { message: 'Object does not exist' });
      state.branches.set(name, { sha: body.sha, files: new Map(from.files) });
      return send(res, 201, { ref: body.ref, object: { sha: body.sha, type: 'commit' } });
    }
    const moved = /^\/git\/refs\/heads\/(.+)$/.exec(decodeURIComponent(rest));
    if (moved && req.method === 'PATCH') {
      const branch = state.branches.get(moved[1]);
      const to = [...state.branches.values()].find((b) => b.sha === body.sha);
      if (!branch || !to) return send(res, 422, { message: 'Reference does not exist' });
      if (!body.force) return send(res, 422, { message: 'Update is not a fast forward' });
      state.branches.set(moved[1], { sha: body.sha, files: new Map(to.files) });
      return send(res, 200, { ref: `refs/heads/${moved[1]}`, object: { sha: body.sha, type: 'commit' } });
    }
    const contents = /^\/contents\/(.+)$/.exec(rest);
    if (contents) {
      const path = decodeURIComponent(contents[1]);
      if (req.method === 'GET') {
        const branch = state.branches.get(url.searchParams.get('ref') ?? 'main');
        const text = branch?.files.get(path);
        if (text === undefined) return send(res, 404, { message: 'Not Found' });
        return send(res, 200, { type: 'file', path, sha: blobSha(text), encoding: 'base64', content: Buffer.from(text).toString('base64') });
      }
      if (req.method === 'PUT') {
        const branch = state.branches.get(body.branch ?? 'main');
        if (!branch) return send(res, 404, { message: 'Branch not found' });
        const old = branch.files.get(path);
        // As GitHub: updating a file needs the sha of the blob it replaces.
        if (old !== undefined && body.sha !== blobSha(old)) return send(res, 409, { message: 'sha does not match' });
        if (old === undefined && body.sha) return send(res, 422, { message: 'sha given for a new file' });
        const text = Buffer.from(body.content, 'base64').toString('utf8');
        branch.files.set(path, text);
        branch.sha = newSha();
        state.commits.push({ sha: branch.sha, branch: body.branch ?? 'main', message: body.message, path, text });
        return send(res, old === undefined ? 201 : 200, { content: { path, sha: blobSha(text) }, commit: { sha: branch.sha } });
      }
    }
    if (rest === '/pulls' && req.method === 'GET') {
      const wanted = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head');
      return send(res, 200, state.pulls.filter((p) => (wanted === 'all' || p.state === wanted) && (!head || `${owner}:${p.head}` === head)).map(pullJson));
    }
    if (rest === '/pulls' && req.method === 'POST') {
      if (!state.branches.has(body.head)) return send(res, 422, { message: 'head does not exist' });
      if (state.pulls.some((p) => p.state === 'open' && p.head === body.head)) return send(res, 422, { message: 'A pull request already exists' });
      const number = state.issues.length + state.pulls.length + 1;
      const pull: FakePull = { number, title: body.title, body: body.body ?? '', head: body.head, base: body.base, state: 'open', html_url: `https://github.com/${owner}/${repo}/pull/${number}`, user: BOT };
      state.pulls.push(pull);
      return send(res, 201, pullJson(pull));
    }
    const pullMatch = /^\/pulls\/(\d+)$/.exec(rest);
    if (pullMatch && req.method === 'PATCH') {
      const pull = state.pulls.find((p) => p.number === Number(pullMatch[1]));
      if (!pull) return send(res, 404, { message: 'Not Found' });
      for (const key of ['title', 'body', 'state'] as const) if (key in body) (pull as unknown as Record<string, unknown>)[key] = body[key];
      return send(res, 200, pullJson(pull));
    }
    // Two branches compared (base...head, names or shas): the files that differ.
    const compare = /^\/compare\/(.+)\.\.\.(.+)$/.exec(decodeURIComponent(rest));
    if (compare && req.method === 'GET') {
      const find = (ref: string) => state.branches.get(ref) ?? [...state.branches.values()].find((b) => b.sha === ref);
      const [from, to] = [find(compare[1]), find(compare[2])];
      if (!from || !to) return send(res, 404, { message: 'Not Found' });
      const paths = [...new Set([...from.files.keys(), ...to.files.keys()])].filter((p) => from.files.get(p) !== to.files.get(p));
      const files = paths.sort().map((filename) => ({ filename, status: !from.files.has(filename) ? 'added' : !to.files.has(filename) ? 'removed' : 'modified' }));
      return send(res, 200, { status: files.length ? 'ahead' : 'identical', ahead_by: files.length ? 1 : 0, files });
    }
    return send(res, 404, { message: `Not Found (${req.method} ${rest})` });
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      try {
        handle(req, res, raw, `http://${req.headers.host}`);
      } catch (error) {
        send(res, 500, { message: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get issues() {
      return state.issues;
    },
    requests: state.requests,
    repository: state.repository,
    protections: state.protections,
    collaborators: state.collaborators,
    organisationAccess: state.organisationAccess,
    get invitations() {
      return state.invitations;
    },
    accept(login: string) {
      const found = state.invitations.find((i) => i.invitee.login === login);
      if (!found) throw new Error(`pas d'invitation pour ${login}`);
      const levels: Record<string, string> = { read: 'pull', write: 'push' };
      state.collaborators.set(login, levels[found.permissions] ?? found.permissions);
      state.invitations = state.invitations.filter((i) => i !== found);
    },
    environments: state.environments,
    workflowPermissions: state.workflowPermissions,
    get forkApproval() {
      return state.forkApproval;
    },
    labels: state.labels,
    branches: state.branches,
    commits: state.commits,
    pulls: state.pulls,
    get pages() {
      return state.pages;
    },
    writes: () => state.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql'),
    ignoreWrites: (path: RegExp) => void ignored.push(path),
    refuseWrites: (test: (request: RecordedRequest) => boolean) => void refused.push(test),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
