// The forge settings the registry's safety relies on (MAINTENANCE.md says why):
// main protected (required checks, code-owner review, only maintainers merge), the
// access CODEOWNERS needs (GitHub honours a code owner only with write access), Pages
// published by the workflow. `npm run reglages-forge` compares them with the forge and
// prints the difference; it changes them only when asked.
import type { Owners } from '../domain/contribution/owners.ts';
import type { Forge, ForgeRepository } from './client.ts';
import { DECLARATION_LABEL } from './issue-pr.ts';

export type Permission = 'maintain' | 'push';

export interface WantedSettings {
  branch: string;
  repository: { has_issues: boolean; delete_branch_on_merge: boolean; allow_auto_merge: boolean };
  protection: {
    required_status_checks: { strict: boolean; contexts: string[] };
    enforce_admins: boolean;
    required_pull_request_reviews: { dismiss_stale_reviews: boolean; require_code_owner_reviews: boolean; required_approving_review_count: number; require_last_push_approval: boolean };
    restrictions: { users: string[]; teams: string[] } | null;
    required_linear_history: boolean;
    allow_force_pushes: boolean;
    allow_deletions: boolean;
    required_conversation_resolution: boolean;
  };
  pages: { build_type: 'workflow' };
  /**
   * The workflows' token: read-only by default (each workflow asks for what it needs),
   * and allowed to open pull requests (declaration issues, npm run proposer).
   */
  workflows: { default_workflow_permissions: 'read'; can_approve_pull_request_reviews: true };
  /** The labels the issue forms put on their issues: GitHub puts only those that exist. */
  labels: Array<{ name: string; color: string; description: string }>;
  collaborators: Array<{ login: string; permission: Permission; why: string }>;
}

export interface WantedInput {
  branch: string;
  mainteneurs: readonly string[];
  owners: Owners;
  /** Names of the required checks: the jobs of the pull-request workflow. */
  checks: readonly string[];
  /** Only an organisation's repository can restrict who pushes to a branch. */
  organisation: boolean;
}

export function wantedSettings({ branch, mainteneurs, owners, checks, organisation }: WantedInput): WantedSettings {
  const collaborators = new Map<string, { login: string; permission: Permission; why: string }>();
  for (const login of mainteneurs) collaborators.set(login.toLowerCase(), { login, permission: 'maintain', why: 'mainteneur (.github/mainteneurs.yaml)' });
  for (const [prestataire, handles] of [...owners.comptes].sort(([a], [b]) => a.localeCompare(b))) {
    for (const login of handles) {
      if (!collaborators.has(login.toLowerCase())) collaborators.set(login.toLowerCase(), { login, permission: 'push', why: `propriétaire de code de ${prestataire} (CODEOWNERS)` });
    }
  }
  // Stewards own their commons' receipts (confirmations/<commun>.yaml) in CODEOWNERS: same access.
  for (const [commun, handles] of [...(owners.gardiens ?? new Map<string, string[]>())].sort(([a], [b]) => a.localeCompare(b))) {
    for (const login of handles) {
      if (!collaborators.has(login.toLowerCase())) collaborators.set(login.toLowerCase(), { login, permission: 'push', why: `gardien du commun ${commun} : confirme l’argent reçu (CODEOWNERS)` });
    }
  }
  return {
    branch,
    repository: { has_issues: true, delete_branch_on_merge: true, allow_auto_merge: false },
    protection: {
      required_status_checks: { strict: true, contexts: [...checks] },
      enforce_admins: true,
      required_pull_request_reviews: { dismiss_stale_reviews: true, require_code_owner_reviews: true, required_approving_review_count: 1, require_last_push_approval: true },
      restrictions: organisation ? { users: [...mainteneurs], teams: [] } : null,
      required_linear_history: false,
      allow_force_pushes: false,
      allow_deletions: false,
      required_conversation_resolution: true,
    },
    pages: { build_type: 'workflow' },
    workflows: { default_workflow_permissions: 'read', can_approve_pull_request_reviews: true },
    labels: [{ name: DECLARATION_LABEL, color: '0e8a16', description: 'Déclaration envoyée par le formulaire d’issue (npm run proposer)' }],
    collaborators: [...collaborators.values()],
  };
}

export interface SettingChange {
  /** What, in French. */
  what: string;
  current: string;
  wanted: string;
  apply: (forge: Forge, where: ForgeRepository) => Promise<unknown>;
}

const show = (value: unknown) => (value === undefined || value === null ? 'absent' : JSON.stringify(value));
const enabled = (value: unknown) => Boolean((value as { enabled?: boolean } | undefined)?.enabled);
const status = (error: unknown) => (error as { status?: number }).status;

type Protection = WantedSettings['protection'];

/** GitHub's answer for a protected branch, in the shape it accepts (only the fields set here). */
function protectionAsSet(current: Record<string, unknown>): Protection {
  const checks = current.required_status_checks as { strict?: boolean; contexts?: string[] } | undefined;
  const reviews = current.required_pull_request_reviews as Partial<Protection['required_pull_request_reviews']> | undefined;
  const restrictions = current.restrictions as { users?: Array<{ login: string }>; teams?: Array<{ slug: string }> } | undefined;
  return {
    required_status_checks: { strict: Boolean(checks?.strict), contexts: [...(checks?.contexts ?? [])] },
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

/** The settings that differ from the wanted ones, each with how to change it. Reads only. */
export async function settingsPlan(forge: Forge, where: ForgeRepository, wanted: WantedSettings): Promise<SettingChange[]> {
  const changes: SettingChange[] = [];
  const { data: repository } = await forge.rest.repos.get(where);
  for (const [key, value] of Object.entries(wanted.repository) as Array<[keyof WantedSettings['repository'], boolean]>) {
    if (repository[key] !== value) {
      changes.push({ what: `Dépôt : ${key}`, current: show(repository[key]), wanted: show(value), apply: (f, w) => f.rest.repos.update({ ...w, [key]: value }) });
    }
  }

  let protection: Protection | null = null;
  try {
    protection = protectionAsSet((await forge.rest.repos.getBranchProtection({ ...where, branch: wanted.branch })).data as unknown as Record<string, unknown>);
  } catch (error) {
    if (status(error) !== 404) throw error;
  }
  if (JSON.stringify(protection) !== JSON.stringify(wanted.protection)) {
    changes.push({
      what: `Protection de la branche ${wanted.branch}`,
      current: protection ? show(protection) : 'aucune',
      wanted: show(wanted.protection),
      apply: (f, w) => f.rest.repos.updateBranchProtection({ ...w, branch: wanted.branch, ...wanted.protection }),
    });
  }

  let pages: { build_type?: string } | null = null;
  try {
    pages = (await forge.rest.repos.getPages(where)).data as { build_type?: string };
  } catch (error) {
    if (status(error) !== 404) throw error;
  }
  if (pages?.build_type !== wanted.pages.build_type) {
    changes.push({
      what: 'GitHub Pages : source',
      current: pages ? show(pages.build_type) : 'Pages non activé',
      wanted: show(wanted.pages.build_type),
      apply: (f, w) => (pages ? f.rest.repos.updateInformationAboutPagesSite({ ...w, build_type: 'workflow' }) : f.rest.repos.createPagesSite({ ...w, build_type: 'workflow' })),
    });
  }

  const { data: workflows } = await forge.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(where);
  const workflowsNow = { default_workflow_permissions: workflows.default_workflow_permissions, can_approve_pull_request_reviews: workflows.can_approve_pull_request_reviews };
  if (JSON.stringify(workflowsNow) !== JSON.stringify(wanted.workflows)) {
    changes.push({
      what: 'Jeton des flux (Settings → Actions → General → Workflow permissions)',
      current: show(workflowsNow),
      wanted: show(wanted.workflows),
      apply: (f, w) => f.rest.actions.setGithubActionsDefaultWorkflowPermissionsRepository({ ...w, ...wanted.workflows }),
    });
  }

  for (const label of wanted.labels) {
    try {
      await forge.rest.issues.getLabel({ ...where, name: label.name });
    } catch (error) {
      if (status(error) !== 404) throw error;
      changes.push({ what: `Étiquette « ${label.name} »`, current: 'absente', wanted: show(label), apply: (f, w) => f.rest.issues.createLabel({ ...w, ...label }) });
    }
  }

  const current = await forge.paginate(forge.rest.repos.listCollaborators, { ...where, per_page: 100 });
  const granted = new Map(current.map((c) => [c.login.toLowerCase(), c.permissions]));
  for (const { login, permission, why } of wanted.collaborators) {
    const has = granted.get(login.toLowerCase());
    const enough = permission === 'push' ? has?.push || has?.maintain || has?.admin : has?.maintain || has?.admin;
    if (!enough) {
      changes.push({
        what: `Accès de @${login} (${why})`,
        current: has ? show(has) : 'aucun',
        wanted: permission,
        apply: (f, w) => f.rest.repos.addCollaborator({ ...w, username: login, permission }),
      });
    }
  }
  return changes;
}
