// Who may change what. Each provider owns their profile and their declarations folder,
// through the forge handles of their `comptes_forge`; each commons' stewards (its
// `comptes_forge`) own its receipts, confirmations/<commun>.yaml, where no provider may
// confirm their own payment; the maintainers listed in .github/mainteneurs.yaml own
// everything, and alone may change the rules, that list, CODEOWNERS and the workflows
// (DESIGN, « Trust on the forge »). Only maintainers hold write access on the forge and
// CODEOWNERS names them only: this check, run from main's code as the required check on
// a pull request's changed files, is what decides who may change which file. An
// identity (a forge account added to or replacing one in a profile) is a maintainer's
// decision. Pure: the scripts read Git and the files.
import * as z from 'zod/mini';
import type { Mission } from '../../../schemas/mission.ts';
import { prestataireSchema } from '../../../schemas/prestataire.ts';
import { changedFacts } from '../registry/history.ts';
import { finalDeclarationDate } from '../rules/rules.ts';
import type { LoadResult } from '../registry/read.ts';
import { parseYamlFile } from '../registry/parse.ts';

export const MAINTAINERS_FILE = '.github/mainteneurs.yaml';
export const CODEOWNERS_FILE = '.github/CODEOWNERS';

// A forge handle, exactly as a provider's comptes_forge accepts it.
const handle = prestataireSchema.shape.comptes_forge.def.innerType.def.element;
const maintainersSchema = z.strictObject({ mainteneurs: z.array(handle).check(z.minLength(1)) });

/** GitHub handles are case-insensitive: @Alice and @alice are the same person. */
export const sameHandle = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const includesHandle = (list: readonly string[], h: string) => list.some((x) => sameHandle(x, h));

export function isHandle(value: string): boolean {
  return handle.safeParse(value).success;
}

/**
 * A forge app's account, such as github-actions[bot], which opens the pull requests of
 * declaration issues (npm run proposer). It is nobody's comptes_forge: everything it
 * proposes waits for a maintainer's approval.
 */
export function isBotAccount(value: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\[bot\]$/.test(value);
}

/** The maintainers' handles from the text of .github/mainteneurs.yaml, or why it cannot be read. */
export function maintainersFrom(text: string): { ok: true; mainteneurs: string[] } | { ok: false; message: string } {
  const parsed = parseYamlFile(text);
  if (!parsed.ok) return { ok: false, message: `${MAINTAINERS_FILE}:${parsed.at.line}:${parsed.at.column} : YAML illisible (${parsed.code}).` };
  const result = maintainersSchema.safeParse(parsed.data);
  if (!result.success) {
    return { ok: false, message: `${MAINTAINERS_FILE} : attendu « mainteneurs: » suivi d'une liste non vide de comptes de forge (lettres, chiffres et tirets).` };
  }
  return { ok: true, mainteneurs: result.data.mainteneurs };
}

/** What the registry says about ownership: each provider's handles, and which profiles exist. */
export interface Owners {
  /** comptes_forge of each valid profile, by provider id. */
  comptes: Map<string, string[]>;
  /** Ids with a profile file, valid or not: an invalid profile is not "new". */
  profils: Set<string>;
  /**
   * Membership periods of each valid profile, as canonical JSON: recorded by the
   * association, so a change to them needs a maintainer even in one's own profile.
   */
  adhesions?: Map<string, string>;
  /** comptes_forge of each valid commons (its stewards), by commons id. */
  gardiens?: Map<string, string[]>;
  /** Each valid confirmations file's lines (money, then hours under `…/nature`), by commons: `${prestataire}/${mission}/${file}` → canonical JSON. */
  confirmations?: Map<string, Map<string, string>>;
  /**
   * Each valid mission, by id: the facts of a finished one (budget, team, days, dates,
   * status) change only with a correction note and a maintainer's approval.
   */
  missions?: Map<string, Mission>;
  /** The date of each valid declaration, by `${prestataire}/${mission}`: an amendment keeps the first one. */
  datesDeclarations?: Map<string, string>;
  /**
   * For each valid declaration made before its mission's end (provisional), the day it was
   * first completed after the end, by `${prestataire}/${mission}`: the day it counts, which
   * a later amendment keeps (completee_le).
   */
  completionsDeclarations?: Map<string, string>;
}

export function ownersOf(result: Pick<LoadResult, 'registry' | 'invalid'>): Owners {
  const profiles = [...result.registry.prestataires.values()].map((p) => p.data);
  const comptes = new Map(profiles.map((p) => [p.id, p.comptes_forge]));
  const adhesions = new Map(profiles.map((p) => [p.id, JSON.stringify(p.adhesions.map((a) => [a.du, a.au, a.tarif]))]));
  const gardiens = new Map([...result.registry.communs.values()].map((c) => [c.data.id, c.data.comptes_forge]));
  // By commons, its files together (confirmations/<commun>.yaml and confirmations/<commun>/*.yaml).
  const confirmations = new Map<string, Map<string, string>>();
  for (const c of result.registry.confirmations.values()) {
    let lines = confirmations.get(c.data.commun);
    if (!lines) confirmations.set(c.data.commun, (lines = new Map()));
    for (const line of c.data.confirmations) lines.set(`${line.prestataire}/${line.mission}/${c.file}`, JSON.stringify([line.montant_eur, line.date, line.note ?? null]));
    // Hours are confirmed the same way, and no more by the provider who gave them.
    for (const line of c.data.nature) lines.set(`${line.prestataire}/${line.mission}/${c.file}/nature`, JSON.stringify([line.heures, line.date, line.note ?? null]));
  }
  const missions = new Map([...result.registry.missions].map(([id, m]) => [id, m.data]));
  const datesDeclarations = new Map(result.registry.declarations.map((d) => [`${d.data.prestataire}/${d.data.mission}`, d.data.date]));
  const completionsDeclarations = new Map<string, string>();
  for (const { data: d } of result.registry.declarations) {
    const fin = missions.get(d.mission)?.fin;
    // The day it counts whatever the reference date (finalDeclarationDate), for a provisional one only.
    const completed = fin && d.date < fin ? finalDeclarationDate(d, { fin }, '9999-12-31') : null;
    if (completed) completionsDeclarations.set(`${d.prestataire}/${d.mission}`, completed);
  }
  return { comptes, profils: new Set([...comptes.keys(), ...result.invalid.prestataires]), adhesions, gardiens, confirmations, missions, datesDeclarations, completionsDeclarations };
}

const at = (handles: readonly string[]) => handles.map((h) => `@${h}`).join(' ');

// ---------------------------------------------------------------------------
// The ownership check

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface ChangedFile {
  status: ChangeStatus;
  /** Path in the repository (the new path of a rename or copy). */
  path: string;
  /** Old path of a rename or copy. */
  from?: string;
}

/** Whose space a path is in. */
export type Space =
  | { kind: 'prestataire'; id: string; profil: boolean }
  /** A commons' receipts (confirmations/<id>.yaml): its stewards'. */
  | { kind: 'commun'; id: string }
  /** Rules, the maintainers list, CODEOWNERS, workflows: a maintainer's decision. */
  | { kind: 'mainteneurs'; what: string }
  /** Missions, commons and any other registry file: the association's data, which make the standings. */
  | { kind: 'registre'; what: string }
  /** Everything outside the content: code, configuration, documents. */
  | { kind: 'code' };

export interface OwnershipInput {
  /** The pull request's author (with or without @). */
  author: string;
  /** Maintainers as listed at the base: nobody makes themselves one in their own change. */
  mainteneurs: readonly string[];
  /** Ownership at the base: an author cannot add themselves to someone else's profile. */
  base: Owners;
  /** Ownership in the changed tree, read only for profiles the change creates. */
  head: Owners;
  files: readonly ChangedFile[];
  /** Folder of the content in the repository ("content"). */
  contentPrefix: string;
  /**
   * Handles that approved the pull request at its current commit (from the forge's
   * reviews): a maintainer's approval lets a change that needs one through.
   */
  approvals?: readonly string[];
  /**
   * Accounts a provider's profile listed at some point of the base's history, by provider
   * (read from Git by the script, for the providers whose payments the change confirms):
   * an account taken off a profile in one pull request still may not confirm that
   * provider's payment in the next.
   */
  formerAccounts?: ReadonlyMap<string, readonly string[]>;
}

export interface Verdict {
  /** The path judged (for a rename, each side is judged). */
  file: string;
  status: ChangeStatus;
  /** For a rename or copy: which side of it this path is. */
  side?: 'origine' | 'destination';
  space: Space;
  allowed: boolean;
  /**
   * True when a maintainer must review this change (code, rules, missions, commons,
   * memberships, someone else's space): it is allowed only once one has approved.
   */
  needsMaintainer: boolean;
  /** Refused only until a maintainer approves (as opposed to a change in someone else's space). */
  awaitingApproval?: boolean;
  /** Why, in French: one sentence naming the file, the owner and what to do. */
  message: string;
}

/** The space of a repository path: a provider's, the maintainers', the registry's data, or code. */
export function spaceOf(path: string, contentPrefix: string): Space {
  const content = contentPrefix ? `${contentPrefix}/` : '';
  if (path.startsWith(content)) {
    const rest = path.slice(content.length);
    const profile = /^prestataires\/([^/]+)\.md$/.exec(rest);
    if (profile) return { kind: 'prestataire', id: profile[1], profil: true };
    const declaration = /^declarations\/([^/]+)\/./.exec(rest);
    if (declaration) return { kind: 'prestataire', id: declaration[1], profil: false };
    const receipts = /^confirmations\/([^/]+?)(?:\.yaml|\/[^/]+\.yaml)$/.exec(rest);
    if (receipts) return { kind: 'commun', id: receipts[1] };
    if (rest.startsWith('regles/')) return { kind: 'mainteneurs', what: "les règles de l'association" };
    if (rest.startsWith('missions/')) return { kind: 'registre', what: 'une mission : son équipe, ses dates et son statut font les situations des prestataires' };
    if (rest.startsWith('communs/')) return { kind: 'registre', what: 'un commun : ses gardiens et leurs comptes de forge (qui confirment l’argent reçu), sa licence et ses moyens de contribuer' };
    if (rest === 'registre.yaml') return { kind: 'mainteneurs', what: 'ce qui vaut pour tout le registre (un exemple fictif ou le registre du réseau)' };
    if (content) return { kind: 'registre', what: 'un fichier du registre' };
  }
  if (path === MAINTAINERS_FILE) return { kind: 'mainteneurs', what: 'la liste des mainteneurs' };
  if (path === CODEOWNERS_FILE) return { kind: 'mainteneurs', what: 'la liste des relecteurs (CODEOWNERS : les mainteneurs seuls)' };
  if (path.startsWith('.github/workflows/')) return { kind: 'mainteneurs', what: "l'intégration continue" };
  return { kind: 'code' };
}

const VERBS: Record<ChangeStatus, string> = {
  A: 'le créer',
  M: 'le modifier',
  D: 'le supprimer',
  R: 'le renommer ni le déplacer',
  C: 'le créer',
  T: 'le modifier',
};

/** What every verdict of one check shares: who asks, who may approve, what the change creates. */
interface Judging {
  readonly input: OwnershipInput;
  /** The author's handle, without @. */
  readonly author: string;
  readonly isMaintainer: boolean;
  /** A maintainer who approved the pull request, if any. */
  readonly approver: string | undefined;
  /** Paths the change creates (added, copied or renamed to). */
  readonly created: ReadonlySet<string>;
  /** "un mainteneur (@a @b)": who to ask. */
  readonly maintainersNote: string;
  readonly needsReview: string;
}

/** One path being judged: what each of its verdict's sentences needs. */
interface Judged {
  readonly file: string;
  readonly status: ChangeStatus;
  readonly side?: Verdict['side'];
  readonly space: Space;
  /** "le modifier", "le renommer ni le déplacer"…: what the author may not do. */
  readonly verb: string;
}

/**
 * Judges every changed path. A provider may change their own space (profile and
 * declarations, owned through the comptes_forge of the base profile; a profile the
 * change creates must list the author itself), except the membership periods, which
 * the association records. Everything else (code, workflows, rules, missions,
 * commons, someone else's space) needs a maintainer: the author is one, or one has
 * approved the pull request.
 */
export function ownershipVerdicts(input: OwnershipInput): Verdict[] {
  const judging = judgingOf(input);
  const verdicts = input.files.flatMap((f) =>
    f.from !== undefined && f.status === 'R'
      ? [judge(judging, f.from, f.status, 'origine'), judge(judging, f.path, f.status, 'destination')]
      : [judge(judging, f.path, f.status)],
  );
  return isBotAccount(judging.author) ? botVerdicts(verdicts) : verdicts;
}

/**
 * The issue bot (npm run proposer) proposes one declaration file, nothing else: anything
 * more on its pull request is refused outright, a maintainer's approval or not (someone
 * else's commits on the bot's branch: forge-trust.md, M4).
 */
function botVerdicts(verdicts: Verdict[]): Verdict[] {
  const declarations = verdicts.filter((v) => v.space.kind === 'prestataire' && !v.space.profil && v.status !== 'D' && !v.side);
  const single = declarations.length === 1 && verdicts.length === 1;
  if (single) return verdicts;
  return verdicts.map((v) => ({
    ...v,
    allowed: false,
    awaitingApproval: false,
    message: `${v.file} : une demande du robot des issues de déclaration ne porte qu'un fichier de déclaration ; celle-ci en change ${verdicts.length} (ou autre chose qu'une déclaration) : fermez-la ; une modification de l'issue la fait rouvrir par le robot, repartie de main.`,
  }));
}

function judgingOf(input: OwnershipInput): Judging {
  const author = input.author.replace(/^@/, '');
  const maintainersNote = input.mainteneurs.length > 0 ? `un mainteneur (${at(input.mainteneurs)})` : 'un mainteneur';
  return {
    input,
    author,
    isMaintainer: includesHandle(input.mainteneurs, author),
    approver: (input.approvals ?? []).find((h) => includesHandle(input.mainteneurs, h.replace(/^@/, ''))),
    created: new Set(input.files.filter((f) => f.status === 'A' || f.status === 'C' || f.status === 'R').map((f) => f.path)),
    maintainersNote,
    needsReview: `relecture d'un mainteneur obligatoire : la vérification passera au vert quand ${maintainersNote} aura approuvé la demande`,
  };
}

/** The verdict on one path (one side of a rename), by the space it is in. */
function judge(judging: Judging, file: string, status: ChangeStatus, side?: Verdict['side']): Verdict {
  const space = spaceOf(file, judging.input.contentPrefix);
  const path: Judged = { file, status, side, space, verb: side ? VERBS.R : VERBS[status] };
  if (space.kind === 'code') return maintainersVerdict(judging, path, 'code ou configuration du projet, relecture du code obligatoire');
  if (space.kind === 'commun') return receiptsVerdict(judging, path, space.id);
  if (space.kind === 'registre') return maintainersVerdict(judging, path, correctionNote(judging, file) ?? space.what);
  if (space.kind === 'mainteneurs') return maintainersVerdict(judging, path, `réservé aux mainteneurs (${space.what})`);
  return providerVerdict(judging, path, space.id, space.profil);
}

function verdictOn({ file, status, side, space }: Judged, allowed: boolean, needsMaintainer: boolean, message: string): Verdict {
  return { file, status, ...(side ? { side } : {}), space, allowed, needsMaintainer, message };
}

/** A change only a maintainer may make or approve. */
function maintainersVerdict(judging: Judging, path: Judged, why: string): Verdict {
  const { author, approver } = judging;
  if (judging.isMaintainer) return verdictOn(path, true, true, `${path.file} : ${why} ; @${author} est mainteneur.`);
  if (approver) return verdictOn(path, true, true, `${path.file} : ${why} ; approuvé par @${approver.replace(/^@/, '')} (mainteneur).`);
  return { ...verdictOn(path, false, true, `${path.file} : ${why} ; ${judging.needsReview}.`), awaitingApproval: true };
}

/** What changed lines of a commons' file confirm, in French: money, hours (keys ending in /nature), or both. */
function receiptWords(keys: string[]): { one: string; own: string } {
  const hours = keys.some((k) => k.endsWith('/nature'));
  const money = keys.some((k) => !k.endsWith('/nature'));
  if (hours && money) return { one: 'un versement et des heures', own: 'son propre versement ni ses propres heures' };
  return hours ? { one: 'des heures', own: 'ses propres heures' } : { one: 'un versement', own: 'son propre versement' };
}

/**
 * confirmations/<id>.yaml: the commons' stewards confirm what it received. A provider
 * never confirms their own payment, stewards or maintainers alike: that line needs
 * another maintainer's approval.
 */
function receiptsVerdict(judging: Judging, path: Judged, id: string): Verdict {
  const { input, author, approver, maintainersNote } = judging;
  const { file } = path;
  const before = input.base.confirmations?.get(id) ?? new Map<string, string>();
  const after = input.head.confirmations?.get(id) ?? new Map<string, string>();
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
  const own = [...new Set(changed.map((k) => k.split('/')[0]))].filter((p) =>
    includesHandle([...(input.base.comptes.get(p) ?? []), ...(input.head.comptes.get(p) ?? []), ...(input.formerAccounts?.get(p) ?? [])], author),
  );
  if (own.length > 0) {
    const what = receiptWords(changed.filter((k) => own.includes(k.split('/')[0])));
    const why = `${file} : confirme ${what.one} de ${own.join(', ')}, dont @${author} est ou a été un compte ; un prestataire ne confirme pas ${what.own}`;
    if (approver) return verdictOn(path, true, true, `${why} ; approuvé par @${approver.replace(/^@/, '')} (mainteneur).`);
    return { ...verdictOn(path, false, true, `${why} : un gardien du commun l'écrit, ou ${maintainersNote} approuve la demande.`), awaitingApproval: true };
  }
  const stewards = input.base.gardiens?.get(id) ?? [];
  const accounts = stewards.length > 0 ? `gardiens : ${stewards.join(', ')}` : 'aucun gardien avec un compte de forge';
  if (includesHandle(stewards, author)) return verdictOn(path, true, false, `${file} : confirmations de ${id}, dont @${author} est gardien.`);
  if (judging.isMaintainer) return verdictOn(path, true, true, `${file} : confirmations de ${id} (${accounts}) ; @${author} est mainteneur.`);
  if (approver) return verdictOn(path, true, true, `${file} : confirmations de ${id} (${accounts}) ; approuvé par @${approver.replace(/^@/, '')} (mainteneur).`);
  return verdictOn(
    path,
    false,
    true,
    `${file} appartient aux gardiens du commun ${id} (${accounts}) : @${author} ne peut pas ${path.verb}. Seuls les gardiens confirment l'argent et les heures reçus ; demandez-leur, ou à ${maintainersNote}.`,
  );
}

/** A provider's space (profile and declarations): theirs through the base profile's comptes_forge, or a profile the change creates. */
function providerVerdict(judging: Judging, path: Judged, id: string, profil: boolean): Verdict {
  const { input, author, maintainersNote } = judging;
  const { file, verb } = path;
  const mayApprove = judging.isMaintainer || judging.approver;
  const baseAccounts = input.base.comptes.get(id);
  if (baseAccounts) {
    const accounts = baseAccounts.length > 0 ? `comptes : ${baseAccounts.join(', ')}` : 'aucun compte de forge';
    if (includesHandle(baseAccounts, author)) return ownSpaceVerdict(judging, path, id, profil, baseAccounts, `${file} : espace de ${id}, dont @${author} est un compte.`);
    if (mayApprove) return maintainersVerdict(judging, path, `appartient à ${id} (${accounts})`);
    return verdictOn(path, false, true, `${file} appartient à ${id} (${accounts}) : @${author} ne peut pas ${verb}. Demandez à ce prestataire ou à ${maintainersNote}.`);
  }
  const profilePath = `${input.contentPrefix ? `${input.contentPrefix}/` : ''}prestataires/${id}.md`;
  // No valid profile at the base: only a profile this very change creates can own the space.
  if (!input.base.profils.has(id) && judging.created.has(profilePath)) {
    const newAccounts = input.head.comptes.get(id);
    if (newAccounts && includesHandle(newAccounts, author)) {
      return ownSpaceVerdict(judging, path, id, profil, [author], `${file} : espace de ${id}, nouveau profil dont @${author} est un compte.`);
    }
    if (mayApprove) return maintainersVerdict(judging, path, `nouveau profil ${id}`);
    const listed = newAccounts ? (newAccounts.length > 0 ? newAccounts.join(', ') : 'aucun') : 'profil invalide, voir npm run validate';
    return verdictOn(
      path,
      false,
      true,
      `${file} : le nouveau profil ${profilePath} doit lister @${author} dans comptes_forge (comptes : ${listed}) pour que @${author} puisse ${verb}. Ajoutez votre compte, ou demandez à ${maintainersNote}.`,
    );
  }
  if (mayApprove) return maintainersVerdict(judging, path, `espace de ${id}`);
  const why = input.base.profils.has(id) ? "dont le profil n'est pas valide dans la base" : "qui n'a pas de profil dans la base";
  return verdictOn(
    path,
    false,
    true,
    `${file} est dans l'espace de ${id}, ${why} : @${author} ne peut pas ${verb}. Créez le profil ${profilePath} avec votre compte dans comptes_forge dans la même demande, ou demandez à ${maintainersNote}.`,
  );
}

/**
 * The author's own space: allowed, unless it changes what the association or a maintainer
 * decides: the date a declaration was first made (an amendment keeps it, and notes its own
 * day in modifiee_le); in a profile, Its membership periods are recorded by the association; its
 * forge accounts say who may speak for the provider (declare, confirm, be reminded), so
 * an account added or replacing another (« changement d'identité »), in an existing
 * profile or beyond the author's own in a new one, waits for a maintainer. Taking an
 * account off is the provider's own decision.
 */
function ownSpaceVerdict(judging: Judging, path: Judged, id: string, profil: boolean, accountsBefore: readonly string[], owned: string): Verdict {
  if (path.status === 'D') return verdictOn(path, true, false, owned);
  const { input } = judging;
  if (!profil) {
    // A declaration keeps the date it was first made: an amendment notes its own day in modifiee_le.
    // A provisional one keeps the day it was first completed after the end (completee_le): the day it counts.
    const key = /declarations\/([^/]+\/[^/]+)\.yaml$/.exec(path.file)?.[1] ?? '';
    const changed = (map: 'datesDeclarations' | 'completionsDeclarations') => {
      const before = input.base[map]?.get(key);
      // A new declaration, or one removed (or invalid now): nothing of the past moves.
      if (!before || !input.head.datesDeclarations?.has(key)) return null;
      const after = input.head[map]?.get(key) ?? '(absent)';
      return after === before ? null : `${before} → ${after}`;
    };
    const redated = changed('datesDeclarations');
    const recompleted = changed('completionsDeclarations');
    const reasons = [
      redated ? `la date de la première déclaration change (${redated}) : une déclaration modifiée garde sa date, et note le jour du changement dans modifiee_le` : '',
      recompleted
        ? `le jour où la déclaration provisoire a été complétée après la fin de la mission change (${recompleted}) : c’est le jour où elle compte (completee_le), une modification suivante note seulement son jour dans modifiee_le`
        : '',
    ].filter(Boolean);
    if (reasons.length === 0) return verdictOn(path, true, false, owned);
    return maintainersVerdict(judging, path, `${owned.slice(`${path.file} : `.length).replace(/\.$/, '')}, mais ${reasons.join(' ; et ')}`);
  }
  const reasons: string[] = [];
  const added = identityChange(accountsBefore, input.head.comptes.get(id) ?? []);
  if (added.length > 0) reasons.push(`changement d'identité : comptes_forge ajoute ${shortList(added)}, et qui parle au nom d'un prestataire est décidé par un mainteneur`);
  if ((input.base.adhesions?.get(id) ?? '[]') !== (input.head.adhesions?.get(id) ?? '[]')) reasons.push("ses adhésions (champ adhesions) sont enregistrées par l'association");
  if (reasons.length === 0) return verdictOn(path, true, false, owned);
  // maintainersVerdict names the file itself.
  return maintainersVerdict(judging, path, `${owned.slice(`${path.file} : `.length).replace(/\.$/, '')}, mais ${reasons.join(' ; et ')}`);
}

/** The accounts a profile gains: in `after` and not in `before` (forge handles ignore case). */
export function identityChange(before: readonly string[], after: readonly string[]): string[] {
  return after.filter((h, i) => !includesHandle(before, h) && !includesHandle(after.slice(0, i), h));
}

/** « @a, @b, @c et 301 autres »: a list that stays readable, however long. */
function shortList(handles: readonly string[], shown = 5): string {
  const named = handles.slice(0, shown).map((h) => `@${h}`).join(', ');
  return handles.length > shown ? `${named} et ${handles.length - shown} autres` : named;
}

/**
 * The providers whose payments a change confirms or changes, in any commons: the script
 * looks up, for them only, which accounts their profile ever listed (formerAccounts).
 */
export function confirmedPayers(base: Owners, head: Owners): string[] {
  const payers = new Set<string>();
  for (const id of new Set([...(base.confirmations?.keys() ?? []), ...(head.confirmations?.keys() ?? [])])) {
    const before = base.confirmations?.get(id) ?? new Map<string, string>();
    const after = head.confirmations?.get(id) ?? new Map<string, string>();
    for (const key of new Set([...before.keys(), ...after.keys()])) if (before.get(key) !== after.get(key)) payers.add(key.split('/')[0]);
  }
  return [...payers].sort();
}

/**
 * For a mission finished at the base whose facts the change touches: « correction d'une
 * mission terminée », with the facts, so the maintainer knows what they approve. Undefined
 * for any other file.
 */
function correctionNote(judging: Judging, file: string): string | undefined {
  const content = judging.input.contentPrefix ? `${judging.input.contentPrefix}/` : '';
  const id = file.startsWith(content) ? /^missions\/([^/]+)\.md$/.exec(file.slice(content.length))?.[1] : undefined;
  const before = id ? judging.input.base.missions?.get(id) : undefined;
  if (!id || !before || before.statut !== 'terminee') return undefined;
  const after = judging.input.head.missions?.get(id);
  const facts = after ? changedFacts(before, after) : ['fichier supprimé ou déplacé'];
  if (facts.length === 0) return undefined;
  const notes = after ? after.corrections.slice(before.corrections.length) : [];
  const note = notes.length > 0 ? `note : « ${notes.at(-1)!.raison} » (${notes.at(-1)!.date})` : 'sans note de correction (npm run validate la demande)';
  return `correction d'une mission terminée (${facts.join(', ')} ; ${note}) : ses faits ont jugé les prestataires, un mainteneur approuve le changement`;
}

/** The check's report in French: what waits for a maintainer, then what is refused, then a summary. */
export function formatOwnership(verdicts: readonly Verdict[], author: string, base: string): string {
  const who = `@${author.replace(/^@/, '')}`;
  const plain = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const refused = verdicts.filter((v) => !v.allowed);
  const waiting = refused.filter((v) => v.awaitingApproval);
  const files = new Set(verdicts.map((v) => v.file)).size;
  const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  const lines: string[] = [];
  // Code first: it is what a maintainer must read line by line.
  const order = (v: Verdict) => (v.space.kind === 'code' ? 0 : v.space.kind === 'mainteneurs' ? 1 : v.space.kind === 'registre' ? 2 : 3);
  const sorted = [...verdicts].sort((a, b) => order(a) - order(b));
  if (refused.length > 0) {
    for (const v of sorted.filter((x) => !x.allowed)) lines.push(plain(v.message));
    const others = refused.length - waiting.length;
    lines.push(
      '',
      others === 0
        ? `${count(refused.length, 'fichier attend', 'fichiers attendent')} l'approbation d'un mainteneur, sur ${files} depuis ${base} : la demande de ${who} ne peut pas être fusionnée avant.`
        : `${count(refused.length, 'fichier modifié', 'fichiers modifiés')} sans en avoir le droit, sur ${files} depuis ${base} : la demande de ${who} ne peut pas être fusionnée en l'état.`,
    );
    return lines.join('\n');
  }
  for (const v of sorted) lines.push(plain(v.message));
  if (verdicts.length > 0) lines.push('');
  const reviewed = verdicts.filter((v) => v.needsMaintainer).length;
  lines.push(
    files === 0
      ? `Aucun fichier modifié depuis ${base}.`
      : reviewed > 0
        ? `${count(files, 'fichier modifié', 'fichiers modifiés')} depuis ${base}, dont ${count(reviewed, 'relu', 'relus')} par un mainteneur : rien ne bloque la demande de ${who}.`
        : `${count(files, 'fichier modifié', 'fichiers modifiés')} depuis ${base}, tous dans l'espace de ${who} : rien ne bloque sa demande.`,
  );
  return lines.join('\n');
}
