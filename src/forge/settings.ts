// The forge settings the registry's safety relies on (MAINTENANCE.md says why; DESIGN,
// « Trust on the forge »): only the maintainers hold write access (everyone else
// contributes from a fork, the issue form or the /declarer/ form); main protected by a
// required check that only GitHub Actions may report and a maintainer's review
// (CODEOWNERS names the maintainers only); Pages published by the workflow, from main
// only. `npm run reglages-forge` compares them with the forge and prints the difference;
// it changes them only when asked, then reads them back.
//
// Every endpoint and field below was checked against GitHub's REST description, as
// shipped in @octokit/openapi-types (github/rest-api-description): branch protection
// (`required_status_checks.checks[].app_id`), environments and their deployment branch
// policies, collaborators (`affiliation`), repository invitations, workflow permissions,
// the approval fork pull requests need before their workflows run.
import { Buffer } from 'node:buffer';
import type { Forge, ForgeRepository } from './client.ts';
import { DECLARATION_LABEL } from './issue-pr.ts';

/**
 * The id of the GitHub Actions app. A required check bound to it can be reported only by
 * a workflow run, never by a commit status or another app. A fork's pull request runs
 * the fork's own workflows, though: that is why they wait for a maintainer's approval
 * (`forkApproval` below) before running at all. The id is GitHub's, the same on every
 * repository (it is what the forge answers for a check Actions has reported).
 */
export const GITHUB_ACTIONS_APP_ID = 15368;
/** The environment actions/deploy-pages deploys to (publication.yml). */
export const PAGES_ENVIRONMENT = 'github-pages';

type Level = 'admin' | 'maintain' | 'push' | 'triage' | 'pull';
const LEVELS: readonly Level[] = ['pull', 'triage', 'push', 'maintain', 'admin'];

export interface WantedSettings {
  branch: string;
  repository: { has_issues: boolean; delete_branch_on_merge: boolean; allow_auto_merge: boolean };
  protection: {
    required_status_checks: { strict: boolean; checks: Array<{ context: string; app_id: number }> };
    enforce_admins: boolean;
    required_pull_request_reviews: { dismiss_stale_reviews: boolean; require_code_owner_reviews: boolean; required_approving_review_count: number; require_last_push_approval: boolean };
    restrictions: { users: string[]; teams: string[] } | null;
    required_linear_history: boolean;
    allow_force_pushes: boolean;
    allow_deletions: boolean;
    required_conversation_resolution: boolean;
  };
  pages: { build_type: 'workflow' };
  /** The Pages environment: only these branches may deploy to it. */
  environment: { name: string; branches: string[] };
  /**
   * The workflows' token: read-only by default (each workflow asks for what it needs).
   * « Allow GitHub Actions to create and approve pull requests » is one setting on
   * GitHub (changelog of 2022-05-03): the issue bot needs it to open its pull requests.
   * Its approvals count for nothing here: the review main requires is a code owner's,
   * and CODEOWNERS names the maintainers only; check-owners counts only maintainers.
   */
  workflows: { default_workflow_permissions: 'read'; can_approve_pull_request_reviews: true };
  /**
   * A pull request from a fork runs the workflows of the fork (pull_request), so a fork
   * could replace the ci.yml job whose name main requires by one that always succeeds: it
   * would still be reported by GitHub Actions. With « Require approval for all external
   * contributors », no workflow of a fork runs before a maintainer has seen the pull request
   * (its .github/ changes included) and clicked « Approve and run workflows ».
   */
  forkApproval: { approval_policy: 'all_external_contributors' };
  /** The labels the issue forms put on their issues: GitHub puts only those that exist. */
  labels: Array<{ name: string; color: string; description: string }>;
  /** The only accounts with access of their own to the repository: the maintainers. */
  collaborators: Array<{ login: string; permission: 'maintain'; why: string }>;
  /** The one line of .github/CODEOWNERS on main. */
  codeowners: string;
}

export interface WantedInput {
  branch: string;
  mainteneurs: readonly string[];
  /** Names of the required checks: the jobs of the pull-request workflow. */
  checks: readonly string[];
  /** Only an organisation's repository can restrict who pushes to a branch. */
  organisation: boolean;
}

export function wantedSettings({ branch, mainteneurs, checks, organisation }: WantedInput): WantedSettings {
  const unique = mainteneurs.filter((m, i) => mainteneurs.findIndex((x) => x.toLowerCase() === m.toLowerCase()) === i);
  return {
    branch,
    repository: { has_issues: true, delete_branch_on_merge: true, allow_auto_merge: false },
    protection: {
      required_status_checks: { strict: true, checks: checks.map((context) => ({ context, app_id: GITHUB_ACTIONS_APP_ID })) },
      enforce_admins: true,
      required_pull_request_reviews: { dismiss_stale_reviews: true, require_code_owner_reviews: true, required_approving_review_count: 1, require_last_push_approval: true },
      restrictions: organisation ? { users: [...unique], teams: [] } : null,
      required_linear_history: false,
      allow_force_pushes: false,
      allow_deletions: false,
      required_conversation_resolution: true,
    },
    pages: { build_type: 'workflow' },
    environment: { name: PAGES_ENVIRONMENT, branches: [branch] },
    workflows: { default_workflow_permissions: 'read', can_approve_pull_request_reviews: true },
    forkApproval: { approval_policy: 'all_external_contributors' },
    labels: [{ name: DECLARATION_LABEL, color: '0e8a16', description: 'Déclaration envoyée par le formulaire d’issue (npm run proposer)' }],
    collaborators: unique.map((login) => ({ login, permission: 'maintain', why: 'mainteneur (.github/mainteneurs.yaml)' })),
    codeowners: `* ${unique.map((m) => `@${m}`).join(' ')}`,
  };
}

export interface SettingChange {
  /** What, in French. */
  what: string;
  current: string;
  wanted: string;
  /** How to change it; absent when the command cannot (a maintainer does it by hand, as `wanted` says). */
  apply?: (forge: Forge, where: ForgeRepository) => Promise<unknown>;
}

export interface SettingsPlan {
  /** What differs. */
  changes: SettingChange[];
  /** What is as wanted but worth saying (an invitation sent and not yet accepted). */
  notes: string[];
}

const show = (value: unknown) => (value === undefined || value === null ? 'absent' : JSON.stringify(value));
const enabled = (value: unknown) => Boolean((value as { enabled?: boolean } | undefined)?.enabled);
const status = (error: unknown) => (error as { status?: number }).status;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The answer of a GET, or null when the forge says 404. */
async function found<T>(request: Promise<{ data: T }>): Promise<T | null> {
  try {
    return (await request).data;
  } catch (error) {
    if (status(error) === 404) return null;
    throw error;
  }
}

type Protection = WantedSettings['protection'];

/** GitHub's answer for a protected branch, in the shape it accepts (only the fields set here). */
function protectionAsSet(current: Record<string, unknown>): Protection {
  const checks = current.required_status_checks as { strict?: boolean; contexts?: string[]; checks?: Array<{ context: string; app_id: number | null }> } | undefined;
  const reviews = current.required_pull_request_reviews as Partial<Protection['required_pull_request_reviews']> | undefined;
  const restrictions = current.restrictions as { users?: Array<{ login: string }>; teams?: Array<{ slug: string }> } | undefined;
  return {
    // A check whose app_id is null may be reported by anyone: shown as such, it differs.
    required_status_checks: { strict: Boolean(checks?.strict), checks: (checks?.checks ?? []).map((c) => ({ context: c.context, app_id: c.app_id as number })) },
    enforce_admins: enabled(current.enforce_admins),
    required_pull_request_reviews: {
      dismiss_stale_reviews: Boolean(reviews?.dismiss_stale_reviews),
      require_code_owner_reviews: Boolean(reviews?.require_code_owner_reviews),
      required_approving_review_count: reviews?.required_approving_review_count ?? 0,
      require_last_push_approval: Boolean(reviews?.require_last_push_approval),
    },
    restrictions: restrictions ? { users: (restrictions.users ?? []).map((u) => u.login), teams: (restrictions.teams ?? []).map((t) => t.slug) } : null,
    required_linear_history: enabled(current.required_linear_history),
    allow_force_pushes: enabled(current.allow_force_pushes),
    allow_deletions: enabled(current.allow_deletions),
    required_conversation_resolution: enabled(current.required_conversation_resolution),
  };
}

async function repositoryChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const { data: repository } = await forge.rest.repos.get(where);
  return (Object.entries(wanted.repository) as Array<[keyof WantedSettings['repository'], boolean]>)
    .filter(([key, value]) => repository[key] !== value)
    .map(([key, value]) => ({ what: `Dépôt : ${key}`, current: show(repository[key]), wanted: show(value), apply: (f, w) => f.rest.repos.update({ ...w, [key]: value }) }));
}

/**
 * The protection to write, given what the forge holds: the required checks another
 * maintainer added by hand are kept beside ours; push is restricted to the maintainers who
 * have access already (one invited but not yet accepted cannot push anyway: a later run,
 * once accepted, adds them).
 */
function protectionToSet(wanted: WantedSettings, current: Protection | null, access: Access): { protection: Protection; notes: string[] } {
  const ours = wanted.protection.required_status_checks.checks;
  const extra = (current?.required_status_checks.checks ?? []).filter((c) => !ours.some((o) => o.context === c.context));
  const restrictions = wanted.protection.restrictions;
  const pending = (restrictions?.users ?? []).filter((login) => !access.all.get(login.toLowerCase())?.level);
  const protection: Protection = {
    ...wanted.protection,
    required_status_checks: { ...wanted.protection.required_status_checks, checks: [...ours, ...extra] },
    restrictions: restrictions ? { ...restrictions, users: restrictions.users.filter((login) => !pending.includes(login)) } : null,
  };
  const notes = [
    ...extra.map((c) => `Vérification obligatoire « ${c.context} », ajoutée à la main sur ${wanted.branch} : gardée.`),
    ...pending.map((login) => `@${login} pourra pousser sur ${wanted.branch} une fois son invitation acceptée : relancez alors « npm run reglages-forge -- --appliquer ».`),
  ];
  return { protection, notes };
}

async function protectionChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings, access: Access): Promise<SettingsPlan> {
  const current = await found(forge.rest.repos.getBranchProtection({ ...where, branch: wanted.branch }));
  const protection = current ? protectionAsSet(current as unknown as Record<string, unknown>) : null;
  const { protection: toSet, notes } = protectionToSet(wanted, protection, access);
  if (JSON.stringify(protection) === JSON.stringify(toSet)) return { changes: [], notes };
  const changes: SettingChange[] = [
    {
      what: `Protection de la branche ${wanted.branch}`,
      current: protection ? show(protection) : 'aucune',
      wanted: show(toSet),
      // `checks` alone: GitHub refuses `contexts` and `checks` together (422), and
      // `contexts` would bind each check to whichever app reported it last, or to anyone.
      // Octokit's types still list `contexts` as required; GitHub's schema is a oneOf.
      apply: (f, w) => f.rest.repos.updateBranchProtection({ ...w, branch: wanted.branch, ...toSet } as unknown as Parameters<Forge['rest']['repos']['updateBranchProtection']>[0]),
    },
  ];
  return { changes, notes };
}

async function pagesChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const pages = (await found(forge.rest.repos.getPages(where))) as { build_type?: string } | null;
  if (pages?.build_type === wanted.pages.build_type) return [];
  return [
    {
      what: 'GitHub Pages : source',
      current: pages ? show(pages.build_type) : 'Pages non activé',
      wanted: show(wanted.pages.build_type),
      apply: (f, w) => (pages ? f.rest.repos.updateInformationAboutPagesSite({ ...w, build_type: 'workflow' }) : f.rest.repos.createPagesSite({ ...w, build_type: 'workflow' })),
    },
  ];
}

/**
 * The Pages environment: only main deploys (a branch pushed by anyone else could
 * otherwise publish its own site through workflow_dispatch). A custom policy naming main,
 * rather than « protected branches », which would follow any branch a rule protects.
 */
async function environmentChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const environment_name = wanted.environment.name;
  const current = await found(forge.rest.repos.getEnvironment({ ...where, environment_name }));
  const policy = current?.deployment_branch_policy ?? null;
  const changes: SettingChange[] = [];
  const named = `Environnement ${environment_name} (Settings → Environments)`;
  if (!policy || policy.protected_branches || !policy.custom_branch_policies) {
    changes.push({
      what: `${named} : branches qui peuvent publier`,
      current: !current ? 'environnement absent' : !policy ? 'toutes les branches' : 'les branches protégées',
      wanted: `« Selected branches » : ${wanted.environment.branches.join(', ')}`,
      apply: (f, w) => f.rest.repos.createOrUpdateEnvironment({ ...w, environment_name, deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } }),
    });
  }
  const policies = policy?.custom_branch_policies
    ? (await forge.rest.repos.listDeploymentBranchPolicies({ ...where, environment_name, per_page: 100 })).data.branch_policies
    : [];
  for (const branch of wanted.environment.branches) {
    if (!policies.some((p) => p.name === branch && (p.type ?? 'branch') === 'branch')) {
      changes.push({ what: `${named} : branche ${branch}`, current: 'absente', wanted: 'peut publier', apply: (f, w) => f.rest.repos.createDeploymentBranchPolicy({ ...w, environment_name, name: branch, type: 'branch' }) });
    }
  }
  for (const p of policies.filter((x) => !(wanted.environment.branches.includes(x.name ?? '') && (x.type ?? 'branch') === 'branch'))) {
    changes.push({
      what: `${named} : ${p.type === 'tag' ? 'étiquette' : 'branche'} « ${p.name} »`,
      current: 'peut publier',
      wanted: 'retirée',
      apply: (f, w) => f.rest.repos.deleteDeploymentBranchPolicy({ ...w, environment_name, branch_policy_id: p.id! }),
    });
  }
  return changes;
}

async function workflowChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const { data: workflows } = await forge.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(where);
  const now = { default_workflow_permissions: workflows.default_workflow_permissions, can_approve_pull_request_reviews: workflows.can_approve_pull_request_reviews };
  if (JSON.stringify(now) === JSON.stringify(wanted.workflows)) return [];
  return [
    {
      what: 'Jeton des flux (Settings → Actions → General → Workflow permissions)',
      current: show(now),
      wanted: show(wanted.workflows),
      apply: (f, w) => f.rest.actions.setGithubActionsDefaultWorkflowPermissionsRepository({ ...w, ...wanted.workflows }),
    },
  ];
}

/** GET and PUT /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval (REST description, 2025). */
async function forkApprovalChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const route = 'GET /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval' as const;
  const current = await found(forge.request(route, where) as Promise<{ data: { approval_policy?: string } }>);
  if (current?.approval_policy === wanted.forkApproval.approval_policy) return [];
  return [
    {
      what: 'Flux des forks (Settings → Actions → General → Approval for running fork pull request workflows from contributors)',
      current: show(current?.approval_policy),
      wanted: `${show(wanted.forkApproval.approval_policy)} : aucun flux d’un fork ne tourne avant qu’un mainteneur ait vu la demande`,
      apply: (f, w) => f.request('PUT /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval', { ...w, ...wanted.forkApproval }),
    },
  ];
}

async function labelChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const changes: SettingChange[] = [];
  for (const label of wanted.labels) {
    if (!(await found(forge.rest.issues.getLabel({ ...where, name: label.name })))) {
      changes.push({ what: `Étiquette « ${label.name} »`, current: 'absente', wanted: show(label), apply: (f, w) => f.rest.issues.createLabel({ ...w, ...label }) });
    }
  }
  return changes;
}

/** CODEOWNERS on main names the maintainers only: per-file ownership is check-owners' job. */
async function codeownersChanges(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const file = await found(forge.rest.repos.getContent({ ...where, path: '.github/CODEOWNERS', ref: wanted.branch }));
  const text = file && !Array.isArray(file) && file.type === 'file' && 'content' in file ? Buffer.from(file.content, 'base64').toString('utf8') : null;
  const rules = (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const words = (line: string) => line.split(/\s+/).map((w) => w.toLowerCase());
  if (rules.length === 1 && JSON.stringify(words(rules[0]).sort()) === JSON.stringify(words(wanted.codeowners).sort())) return [];
  const named = new Set(rules.flatMap((l) => l.split(/\s+/).slice(1)).map((h) => h.toLowerCase()));
  return [
    {
      what: `.github/CODEOWNERS sur ${wanted.branch} (une demande d’un mainteneur : main est protégée)`,
      current: text === null ? 'absent' : `${rules.length} règle${rules.length > 1 ? 's' : ''}, ${named.size} compte${named.size > 1 ? 's' : ''} nommé${named.size > 1 ? 's' : ''}`,
      wanted: `une seule règle, « ${wanted.codeowners} » (les mainteneurs seuls)`,
    },
  ];
}

const levelOf = (permissions: Partial<Record<Level, boolean>> | undefined): Level | null => [...LEVELS].reverse().find((l) => permissions?.[l]) ?? null;
const LEVEL_WORDS: Record<Level, string> = { admin: 'Admin', maintain: 'Maintain', push: 'Write', triage: 'Triage', pull: 'Read' };
const INVITED: Record<string, string> = { admin: 'Admin', maintain: 'Maintain', write: 'Write', triage: 'Triage', read: 'Read' };

interface Access {
  /** Everyone with access, and their level (outside collaborators, direct, through the organisation). */
  all: Map<string, { login: string; level: Level | null }>;
  /** Accounts given access on the repository itself: the command can take it back. */
  direct: Set<string>;
  invitations: Array<{ id: number; login: string; permissions: string; expired: boolean }>;
  /** A person's repository: its owner, always an administrator. */
  owner: string | null;
}

async function accessOf(forge: Forge, where: ForgeRepository): Promise<Access> {
  const { data: repository } = await forge.rest.repos.get(where);
  const all = await forge.paginate(forge.rest.repos.listCollaborators, { ...where, affiliation: 'all', per_page: 100 });
  const direct = await forge.paginate(forge.rest.repos.listCollaborators, { ...where, affiliation: 'direct', per_page: 100 });
  const invitations = await forge.paginate(forge.rest.repos.listInvitations, { ...where, per_page: 100 });
  return {
    all: new Map(all.map((c) => [c.login.toLowerCase(), { login: c.login, level: levelOf(c.permissions) }])),
    direct: new Set(direct.map((c) => c.login.toLowerCase())),
    invitations: invitations.filter((i) => i.invitee).map((i) => ({ id: Number(i.id), login: i.invitee!.login, permissions: i.permissions, expired: Boolean(i.expired) })),
    owner: repository.owner?.type === 'User' ? repository.owner.login : null,
  };
}

/**
 * Access: Maintain for each maintainer (invited once: a pending invitation is not sent
 * again), and nobody else. Direct collaborators who are not maintainers lose their
 * access (they contribute from a fork); access given by the organisation is named, to
 * be taken back in its settings.
 */
function accessPlan(access: Access, wanted: WantedSettings): SettingsPlan {
  const changes: SettingChange[] = [];
  const notes: string[] = [];
  const isMaintainer = (login: string) => wanted.collaborators.some((c) => same(c.login, login));
  for (const { login, permission, why } of wanted.collaborators) {
    const level = access.all.get(login.toLowerCase())?.level ?? null;
    if (level === 'maintain' || level === 'admin') continue;
    const invitation = access.invitations.find((i) => same(i.login, login));
    const invite = (f: Forge, w: ForgeRepository) => f.rest.repos.addCollaborator({ ...w, username: login, permission });
    if (invitation && !invitation.expired && (invitation.permissions === 'maintain' || invitation.permissions === 'admin')) {
      notes.push(`@${login} (${why}) : invitation ${INVITED[invitation.permissions]} envoyée, pas encore acceptée ; elle n’est pas renvoyée.`);
    } else if (invitation && !invitation.expired) {
      changes.push({ what: `Invitation de @${login} (${why})`, current: INVITED[invitation.permissions] ?? invitation.permissions, wanted: 'Maintain', apply: (f, w) => f.rest.repos.updateInvitation({ ...w, invitation_id: invitation.id, permissions: 'maintain' }) });
    } else {
      changes.push({ what: `Accès de @${login} (${why})`, current: invitation ? 'invitation expirée' : level ? LEVEL_WORDS[level] : 'aucun', wanted: 'Maintain (une invitation, à accepter)', apply: invite });
    }
  }
  for (const { login, level } of access.all.values()) {
    if (isMaintainer(login) || !level) continue;
    const current = LEVEL_WORDS[level];
    if (access.owner && same(access.owner, login)) {
      changes.push({ what: `@${login}, propriétaire du dépôt, n’est pas mainteneur`, current, wanted: 'ajoutez ce compte à .github/mainteneurs.yaml, ou transférez le dépôt à l’organisation de l’association' });
    } else if (access.direct.has(login.toLowerCase())) {
      changes.push({ what: `Accès de @${login} (n’est pas mainteneur : contribue depuis sa copie du dépôt, le fork)`, current, wanted: 'aucun', apply: (f, w) => f.rest.repos.removeCollaborator({ ...w, username: login }) });
    } else if (level === 'push' || level === 'maintain' || level === 'admin') {
      changes.push({ what: `Accès de @${login}, donné par l’organisation (équipe, rôle de base ou propriétaire), qui n’est pas mainteneur`, current, wanted: 'à retirer dans les réglages de l’organisation (People, Teams, Member privileges)' });
    }
  }
  for (const invitation of access.invitations.filter((i) => !isMaintainer(i.login))) {
    changes.push({
      what: `Invitation de @${invitation.login} (n’est pas mainteneur)`,
      current: `${INVITED[invitation.permissions] ?? invitation.permissions}${invitation.expired ? ', expirée' : ', en attente'}`,
      wanted: 'retirée',
      apply: (f, w) => f.rest.repos.deleteInvitation({ ...w, invitation_id: invitation.id }),
    });
  }
  return { changes, notes };
}

/** The settings that differ from the wanted ones, each with how to change it. Reads only. */
export async function settingsPlan(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingsPlan> {
  // Access first: the maintainers are invited before the branch is restricted to them.
  const access = await accessOf(forge, where);
  const invitations = accessPlan(access, wanted);
  const protection = await protectionChanges(forge, where, wanted, access);
  const changes = [
    ...invitations.changes,
    ...(await repositoryChanges(forge, where, wanted)),
    ...protection.changes,
    ...(await pagesChanges(forge, where, wanted)),
    ...(await environmentChanges(forge, where, wanted)),
    ...(await workflowChanges(forge, where, wanted)),
    ...(await forkApprovalChanges(forge, where, wanted)),
    ...(await labelChanges(forge, where, wanted)),
    ...(await codeownersChanges(forge, where, wanted)),
  ];
  return { changes, notes: [...invitations.notes, ...protection.notes] };
}
