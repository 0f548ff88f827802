// What a change does to the registry, in French, for the maintainer who reviews it:
// entries added, changed and removed; how each provider's and each commons' figures
// move (both sides computed at the same reference date); the validation problems it
// brings or fixes. Pure: scripts/review.ts reads the two trees from Git.
import type { Declaration } from '../../../schemas/declaration.ts';
import { frenchDate } from '../registry/dates.ts';
import { euros as frenchEuros, hours as frenchHours, number as frenchNumber } from '../registry/french.ts';
import { inert, visible } from '../registry/escape.ts';
import type { CommunFigures, Figures, MissionFigures, PrestataireFigures } from '../rules/figures.ts';
import type { LoadResult } from '../registry/read.ts';
import { identityChange, spaceOf, type ChangedFile } from './owners.ts';
import type { Problem } from '../registry/problems.ts';
import type { Entry, Registry } from '../registry/registry.ts';
import { TEMPLATE_EXAMPLES } from './templates.ts';
import { canonical, fieldChanges, showValue, type FieldChange } from './changes.ts';
export { fieldChanges, showValue, type FieldChange } from './changes.ts';
import { changedFacts } from '../registry/history.ts';

export type EntityKind = 'prestataires' | 'missions' | 'communs' | 'declarations' | 'regles' | 'confirmations';
/** « invalide »: the file is still there but no longer valid (its errors are listed). */
export type ChangeKind = 'ajout' | 'modification' | 'suppression' | 'invalide';

export interface EntryChange {
  kind: EntityKind;
  /** Id as in the file name; "<prestataire>/<mission>" for a declaration. */
  id: string;
  change: ChangeKind;
  /** Top-level fields whose value changed (« texte » for the Markdown body); empty unless modified. */
  champs: string[];
  /** Each changed value, old → new, down to the field that changed (« contributions_argent[0].montant_eur »). */
  valeurs: FieldChange[];
  sentence: string;
}


/** A changed file of the pull request, code first. */
export interface ReviewFile extends ChangedFile {
  /** Outside the registry's data (code, configuration, workflows): a maintainer reads it line by line. */
  code: boolean;
}

export type FigureValue = number | string | null;

export interface FigureMove {
  /** Key of the figure in the figures document (argent_verse_eur, situation.statut...). */
  figure: string;
  avant: FigureValue;
  apres: FigureValue;
}

export interface SubjectMoves {
  kind: 'prestataire' | 'commun' | 'mission' | 'reseau';
  id: string;
  nom: string;
  moves: FigureMove[];
  sentence: string;
}

export interface Review {
  date: string;
  /** Every changed file, code first; empty when the caller gave none. */
  files: ReviewFile[];
  entries: EntryChange[];
  /** Declarations added or changed that look unfilled or implausible. */
  alerts: string[];
  figures: SubjectMoves[];
  /** Problems of the new tree that the old one did not have. */
  newProblems: Problem[];
  /** Problems of the old tree that are gone. */
  fixedProblems: Problem[];
  /** Errors and warnings of the new tree, in all. */
  errors: number;
  warnings: number;
}

/** One side of the comparison: a loaded registry, its figures and its problems. */
export interface ReviewSide {
  registry: Registry;
  figures: Figures;
  problems: Problem[];
  /** Ids whose file exists but is invalid (from loadRegistry). */
  invalid?: LoadResult['invalid'];
}

export function reviewChanges(before: ReviewSide, after: ReviewSide, changed: { files: readonly ChangedFile[]; contentPrefix: string } = { files: [], contentPrefix: 'content' }): Review {
  const { added, removed } = problemDifference(before.problems, after.problems);
  const entries = compareRegistries(before.registry, after.registry, { before: before.invalid, after: after.invalid });
  return {
    date: after.figures.date_reference,
    files: reviewFiles(changed.files, changed.contentPrefix),
    entries,
    alerts: [...historyAlerts(before.registry, after.registry), ...identityAlerts(before.registry, after.registry), ...declarationAlerts(after.registry, entries)],
    figures: compareFigures(before.figures, after.figures),
    newProblems: added,
    fixedProblems: removed,
    errors: after.problems.filter((p) => p.severity === 'error').length,
    warnings: after.problems.filter((p) => p.severity === 'warning').length,
  };
}

// ---------------------------------------------------------------------------
// Entries

const KINDS: Record<EntityKind, { heading: string; noun: string; agreement: '' | 'e' | 'es' }> = {
  prestataires: { heading: 'Prestataires', noun: 'Prestataire', agreement: '' },
  missions: { heading: 'Missions', noun: 'Mission', agreement: 'e' },
  communs: { heading: 'Communs', noun: 'Commun', agreement: '' },
  declarations: { heading: 'Déclarations', noun: 'Déclaration', agreement: 'e' },
  regles: { heading: 'Règles', noun: 'Règles', agreement: 'es' },
  confirmations: { heading: 'Confirmations de réception', noun: 'Confirmations', agreement: 'es' },
};
export const ENTITY_KINDS = Object.keys(KINDS) as EntityKind[];

/** « ajoutée », « devenues invalides »: the participle agreed with the kind's noun. */
function participle(change: ChangeKind, agreement: '' | 'e' | 'es'): string {
  if (change === 'invalide') return `devenu${agreement} invalide${agreement === 'es' ? 's' : ''}`;
  return { ajout: 'ajouté', modification: 'modifié', suppression: 'supprimé' }[change] + agreement;
}

/** Entries keyed by id, per kind. */
function entriesOf(registry: Registry): Record<EntityKind, Map<string, Entry<unknown>>> {
  return {
    prestataires: registry.prestataires as Map<string, Entry<unknown>>,
    missions: registry.missions as Map<string, Entry<unknown>>,
    communs: registry.communs as Map<string, Entry<unknown>>,
    declarations: new Map(registry.declarations.map((d) => [`${d.data.prestataire}/${d.data.mission}`, d as Entry<unknown>])),
    regles: new Map(registry.regles.map((r) => [r.data.en_vigueur_depuis, r as Entry<unknown>])),
    confirmations: registry.confirmations as Map<string, Entry<unknown>>,
  };
}

function changedFields(before: Entry<unknown>, after: Entry<unknown>): string[] {
  const a = before.data as Record<string, unknown>;
  const b = after.data as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const fields = keys.filter((k) => canonical(a[k]) !== canonical(b[k]));
  if (before.body.trim() !== after.body.trim()) fields.push('texte');
  return fields;
}

/** How a reader knows an entry: its name or title, then its id. */
function entryName(kind: EntityKind, id: string, entry: Entry<unknown>, names: (kind: 'prestataires' | 'missions', id: string) => string): string {
  const data = entry.data as { nom?: string; titre?: string; prestataire?: string; mission?: string };
  switch (kind) {
    case 'prestataires':
    case 'communs':
      return `${data.nom} (${id})`;
    case 'missions':
      return `« ${data.titre} » (${id})`;
    case 'declarations':
      return `${names('prestataires', data.prestataire!)} pour « ${names('missions', data.mission!)} » (${id})`;
    case 'regles':
      return `en vigueur depuis le ${frenchDate(id)}`;
    case 'confirmations':
      return `de l’argent et des heures reçus par le commun ${id}`;
  }
}

/**
 * Entries added, changed (with the fields) and removed, kind by kind, ids in order.
 * With the ids of invalid files on each side, an entry whose file is still there but
 * no longer valid is not "removed", and one that was invalid is not "new".
 */
export function compareRegistries(
  before: Registry,
  after: Registry,
  invalid: { before?: LoadResult['invalid']; after?: LoadResult['invalid'] } = {},
): EntryChange[] {
  const a = entriesOf(before);
  const b = entriesOf(after);
  // Names from the new side when there is one, so a renamed provider reads as it is now.
  const names = (kind: 'prestataires' | 'missions', id: string): string => {
    const entry = (b[kind].get(id) ?? a[kind].get(id))?.data as { nom?: string; titre?: string } | undefined;
    return entry?.nom ?? entry?.titre ?? id;
  };
  const changes: EntryChange[] = [];
  for (const kind of ENTITY_KINDS) {
    const ids = [...new Set([...a[kind].keys(), ...b[kind].keys()])].sort((x, y) => x.localeCompare(y));
    for (const id of ids) {
      const old = a[kind].get(id);
      const now = b[kind].get(id);
      const change: ChangeKind = !old ? 'ajout' : now ? 'modification' : invalid.after?.[kind].has(id) ? 'invalide' : 'suppression';
      const champs = old && now ? changedFields(old, now) : [];
      const valeurs = old && now ? fieldChanges(old.data, now.data) : [];
      if (change === 'modification' && champs.length === 0) continue;
      const { noun, agreement } = KINDS[kind];
      const detail = champs.length > 0 ? ` — ${champs.length > 1 ? 'champs' : 'champ'} : ${champs.join(', ')}` : '';
      const why =
        change === 'invalide' ? ' (voir les erreurs plus bas)' : change === 'ajout' && invalid.before?.[kind].has(id) ? ' (le fichier était invalide auparavant)' : '';
      const sentence = `${noun} ${participle(change, agreement)} : ${entryName(kind, id, (now ?? old)!, names)}${detail}${why}.`;
      changes.push({ kind, id, change, champs, valeurs, sentence });
    }
  }
  return changes;
}

// ---------------------------------------------------------------------------
// Files and alerts

/** The changed files, code and workflows first (a maintainer must read them), then the data, each in path order. */
export function reviewFiles(files: readonly ChangedFile[], contentPrefix: string): ReviewFile[] {
  const isCode = (path: string) => {
    const space = spaceOf(path, contentPrefix);
    return space.kind === 'code' || (space.kind === 'mainteneurs' && !path.startsWith(contentPrefix ? `${contentPrefix}/` : ''));
  };
  return files
    .map((f) => ({ ...f, code: isCode(f.path) || (f.from !== undefined && isCode(f.from)) }))
    .sort((a, b) => Number(b.code) - Number(a.code) || a.path.localeCompare(b.path));
}

const EXAMPLE_TEXTS = new Set(Object.values(TEMPLATE_EXAMPLES));
// The template's own example host (the sample content uses *.example.org subdomains, which are fine).
const EXAMPLE_HOST = /^https?:\/\/(www\.)?(exemple|example)\.(org|com|net|fr)(\/|$)/i;

/** Why a declaration looks left as the template's example, or implausible (an empty one is refused by the validator: declaration_vide). */
function suspicions(declaration: Declaration, budget: number | undefined): string[] {
  const found: string[] = [];
  const texts = [
    ...declaration.communs_utilises.map((c) => c.usage),
    ...declaration.contributions_nature.map((c) => c.description),
    ...declaration.contributions_argent.map((c) => c.preuve ?? ''),
    ...declaration.contributions_nature.map((c) => c.lien ?? ''),
  ];
  if (texts.some((t) => EXAMPLE_TEXTS.has(t))) found.push('elle garde un texte d’exemple du modèle');
  const links = texts.filter((t) => EXAMPLE_HOST.test(t));
  if (links.length > 0) found.push(`lien d’exemple : ${links[0]}`);
  const money = declaration.contributions_argent.reduce((sum, c) => sum + c.montant_eur, 0);
  if (budget !== undefined && money > budget) found.push(`${euros(money)} déclarés en argent, plus que le budget de la mission (${euros(budget)})`);
  const hours = declaration.contributions_nature.reduce((sum, c) => sum + c.heures, 0);
  if (hours > 500) found.push(`${hours} heures en nature pour une seule mission`);
  return found;
}

/** « @a, @b et 3 autres »: accounts named, at most five. */
function accounts(handles: readonly string[]): string {
  const named = handles.slice(0, 5).map((h) => `@${h}`).join(', ');
  return handles.length > 5 ? `${named} et ${handles.length - 5} autres` : named;
}

/**
 * « Changement d'identité »: a forge account added to (or replacing one in) a provider's
 * profile or a commons' stewards says who may speak for them, declare, confirm money and
 * be reminded; a maintainer decides it (check-owners waits for one). One sentence per
 * profile or commons whose accounts gain one.
 */
export function identityAlerts(before: Registry, after: Registry): string[] {
  const alerts: string[] = [];
  for (const [folder, who] of [['prestataires', 'comptes_forge'], ['communs', 'gardiens (comptes_forge)']] as const) {
    for (const [id, entry] of after[folder]) {
      const was = before[folder].get(id)?.data.comptes_forge;
      const now = entry.data.comptes_forge;
      const added = identityChange(was ?? [], now);
      if (added.length === 0) continue;
      const removed = (was ?? []).filter((h) => !now.some((x) => x.toLowerCase() === h.toLowerCase()));
      const change = was ? `${who} ajoute ${accounts(added)}${removed.length > 0 ? `, retire ${accounts(removed)}` : ''}` : `nouvelle fiche, ${who} : ${accounts(added)}`;
      alerts.push(`Changement d'identité : ${entry.data.nom} (${id}) — ${change} (${now.length} compte${now.length > 1 ? 's' : ''} en tout). Un mainteneur décide qui parle en son nom.`);
    }
  }
  return alerts;
}

/** One sentence per declaration added or changed that deserves a second look. */
export function declarationAlerts(after: Registry, entries: readonly EntryChange[]): string[] {
  const touched = new Set(entries.filter((e) => e.kind === 'declarations' && (e.change === 'ajout' || e.change === 'modification')).map((e) => e.id));
  return after.declarations
    .filter((d) => touched.has(`${d.data.prestataire}/${d.data.mission}`))
    .flatMap((d) => {
      const found = suspicions(d.data, after.missions.get(d.data.mission)?.data.budget_eur);
      return found.length > 0 ? [`Déclaration ${d.data.prestataire}/${d.data.mission} à regarder : ${found.join(' ; ')}.`] : [];
    });
}

/**
 * What rewrites the past and needs a maintainer's approval: the facts of a mission
 * finished at the base (with the correction note that explains them, or none), and the
 * first date of a declaration.
 */
export function historyAlerts(before: Registry, after: Registry): string[] {
  const alerts: string[] = [];
  for (const [id, old] of before.missions) {
    const now = after.missions.get(id);
    if (old.data.statut !== 'terminee' || !now) continue;
    const facts = changedFacts(old.data, now.data);
    if (facts.length === 0) continue;
    const values = facts.map((f) => `${f} : ${showValue(old.data[f])} → ${showValue(now.data[f])}`).join(' ; ');
    const note = now.data.corrections.slice(old.data.corrections.length).at(-1);
    const why = note ? `note du ${frenchDate(note.date)} : « ${note.raison} »` : 'sans note de correction';
    alerts.push(`Correction d’une mission terminée, ${id} (${values}), ${why} : un mainteneur l’approuve ou la refuse.`);
  }
  const firstDates = new Map(before.declarations.map((d) => [d.file, d.data.date]));
  for (const d of after.declarations) {
    const first = firstDates.get(d.file);
    if (first && first !== d.data.date) alerts.push(`Déclaration ${d.data.prestataire}/${d.data.mission} redatée (${first} → ${d.data.date}) : une déclaration modifiée garde la date de la première, et note le jour du changement dans modifiee_le.`);
  }
  return alerts;
}

// ---------------------------------------------------------------------------
// Figures

// Same typography as the site: 0 or 2 decimals (« 80 € », « 1 987,50 € »), no-break spaces.
const euros = (n: FigureValue) => frenchEuros(Number(n));
const number = (n: FigureValue) => frenchNumber(Number(n));
const hours = (n: FigureValue) => frenchHours(Number(n));
const code = (v: FigureValue) => String(v);

const VOWEL = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;
/** "de" before a proper name, with elision: d'Alice Conseil, du Quai, de La Sucrerie. */
export function ofName(nom: string): string {
  return ofNameParts(nom).join('');
}
/** The same, as the preposition (with its space or apostrophe) and the rest of the name, for a link on the name alone: ['du ', 'Quai']. */
export function ofNameParts(nom: string): [string, string] {
  if (/^Le /.test(nom)) return ['du ', nom.slice(3)];
  if (/^Les /.test(nom)) return ['des ', nom.slice(4)];
  return VOWEL.test(nom) ? ["d'", nom] : ['de ', nom];
}
/** "à" before a proper name: à Movilab, au Wiki, aux Communs. */
export function toName(nom: string): string {
  return toNameParts(nom).join(' ');
}
/** The same, as the preposition and the rest of the name (for a link on the name alone): ['au', 'Wiki']. */
export function toNameParts(nom: string): [string, string] {
  if (/^Le /.test(nom)) return ['au', nom.slice(3)];
  if (/^Les /.test(nom)) return ['aux', nom.slice(4)];
  return ['à', nom];
}

interface FigureSpec<T> {
  figure: string;
  value: (f: T) => FigureValue;
  format: (v: FigureValue) => string;
  /** The figure with its subject, to open the sentence: « la réciprocité versée d'Alice Conseil ». */
  first: (nom: string) => string;
  /** The figure with a possessive, for the clauses that follow: « sa situation ». */
  then: string;
  plural?: boolean;
}

// Money first, then activity, then the standing that sums it up (DESIGN: "a transparent
// breakdown, not an opaque score").
const PRESTATAIRE_FIGURES: FigureSpec<PrestataireFigures>[] = [
  { figure: 'argent_verse_eur', value: (f) => f.argent_verse_eur, format: euros, first: (n) => `la réciprocité versée ${ofName(n)}`, then: 'sa réciprocité versée' },
  { figure: 'argent_promis_eur', value: (f) => f.argent_promis_eur, format: euros, first: (n) => `la réciprocité promise ${ofName(n)}`, then: 'sa réciprocité promise' },
  { figure: 'nature_heures', value: (f) => f.nature_heures, format: hours, first: (n) => `les heures données en nature ${ofName(n)}`, then: 'ses heures données en nature', plural: true },
  { figure: 'reciprocite_declaree_eur', value: (f) => f.reciprocite_declaree_eur, format: euros, first: (n) => `la réciprocité déclarée (argent et nature) ${ofName(n)}`, then: 'sa réciprocité déclarée (argent et nature)' },
  { figure: 'reciprocite_attendue_eur', value: (f) => f.reciprocite_attendue_eur, format: euros, first: (n) => `la réciprocité attendue ${ofName(n)}`, then: 'sa réciprocité attendue' },
  { figure: 'declarations_faites', value: (f) => `${f.declarations_faites} sur ${f.declarations_dues}`, format: code, first: (n) => `les déclarations faites ${ofName(n)}`, then: 'ses déclarations faites', plural: true },
  { figure: 'missions', value: (f) => f.missions.length, format: number, first: (n) => `le nombre de missions ${ofName(n)}`, then: 'son nombre de missions' },
  { figure: 'livrables_ouverts', value: (f) => f.livrables_ouverts, format: number, first: (n) => `le nombre de livrables sous licence ouverte ${ofName(n)}`, then: 'son nombre de livrables sous licence ouverte' },
  { figure: 'communs_contribues', value: (f) => f.communs_contribues.length, format: number, first: (n) => `le nombre de communs soutenus par ${n}`, then: 'son nombre de communs soutenus' },
  { figure: 'situation.reciprocite.statut', value: (f) => f.situation.reciprocite.statut, format: code, first: (n) => `la situation de réciprocité ${ofName(n)}`, then: 'sa situation de réciprocité' },
  { figure: 'situation.adhesion.statut', value: (f) => f.situation.adhesion.statut, format: code, first: (n) => `l'adhésion ${ofName(n)}`, then: 'son adhésion' },
  { figure: 'situation.cercle.hors_cercle', value: (f) => (f.situation.cercle.hors_cercle ? 'hors du cercle' : 'dans le cercle'), format: code, first: (n) => `la place dans le cercle ${ofName(n)}`, then: 'sa place dans le cercle' },
];

const MISSION_FIGURES: FigureSpec<MissionFigures & { nom: string }>[] = [
  { figure: 'budget.total_roles_eur', value: (f) => f.budget?.total_roles_eur ?? null, format: euros, first: (n) => `le montant facturé par l'équipe de ${n}`, then: "le montant facturé par l'équipe" },
  { figure: 'reciprocite.attendue_eur', value: (f) => f.reciprocite.attendue_eur, format: euros, first: (n) => `la réciprocité attendue pour ${n}`, then: 'la réciprocité attendue' },
  { figure: 'reciprocite.declaree_eur', value: (f) => f.reciprocite.declaree_eur, format: euros, first: (n) => `la réciprocité déclarée pour ${n}`, then: 'la réciprocité déclarée' },
  { figure: 'declarants', value: (f) => `${f.declarants.length} sur ${f.membres.length}`, format: code, first: (n) => `les déclarations faites pour ${n}`, then: 'les déclarations faites', plural: true },
  { figure: 'statut', value: (f) => f.statut, format: code, first: (n) => `le statut de ${n}`, then: 'son statut' },
];

const COMMUN_FIGURES: FigureSpec<CommunFigures>[] = [
  { figure: 'argent_verse_eur', value: (f) => f.argent_verse_eur, format: euros, first: (n) => `l'argent versé ${toName(n)}`, then: "l'argent versé" },
  { figure: 'argent_promis_eur', value: (f) => f.argent_promis_eur, format: euros, first: (n) => `l'argent promis ${toName(n)}`, then: "l'argent promis" },
  { figure: 'nature_heures', value: (f) => f.nature_heures, format: hours, first: (n) => `les heures reçues en nature par ${n}`, then: 'ses heures reçues en nature', plural: true },
  { figure: 'missions', value: (f) => f.missions.length, format: number, first: (n) => `le nombre de missions qui utilisent ${n}`, then: 'son nombre de missions utilisatrices' },
  { figure: 'contributeurs', value: (f) => f.contributeurs.length, format: number, first: (n) => `le nombre de contributeurs ${ofName(n)}`, then: 'son nombre de contributeurs' },
];

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function movesOf<T extends { id: string; nom: string }>(kind: SubjectMoves['kind'], specs: FigureSpec<T>[], before: T[], after: T[]): SubjectMoves[] {
  const old = new Map(before.map((f) => [f.id, f]));
  const result: SubjectMoves[] = [];
  for (const now of after) {
    const was = old.get(now.id);
    if (!was) continue; // a new entry is listed with the entries; it has no "before"
    const moved = specs.filter((s) => s.value(was) !== s.value(now));
    if (moved.length === 0) continue;
    const clauses = moved.map((s, i) => {
      const subject = i === 0 ? capitalize(s.first(now.nom)) : s.then;
      return `${subject} ${s.plural ? 'passent' : 'passe'} de ${s.format(s.value(was))} à ${s.format(s.value(now))}`;
    });
    result.push({
      kind,
      id: now.id,
      nom: now.nom,
      moves: moved.map((s) => ({ figure: s.figure, avant: s.value(was), apres: s.value(now) })),
      sentence: `${clauses.join(' ; ')}.`,
    });
  }
  return result;
}

/** The network's totals and yearly figures as one subject, each figure with its own label. */
function networkSpecs(before: Figures, after: Figures): FigureSpec<NetworkSubject>[] {
  const years = [...new Set([...before.reseau.par_annee, ...after.reseau.par_annee].map((y) => y.annee))].sort();
  const total = (key: keyof Figures['reseau']['totaux'], label: string, format: (v: FigureValue) => string): FigureSpec<NetworkSubject> => ({
    figure: `totaux.${key}`,
    value: (f) => f.reseau.totaux[key],
    format,
    first: () => label,
    then: label,
  });
  const yearly = (annee: number, key: 'budget_missions_eur' | 'declarations' | 'argent_verse_eur', label: string, format: (v: FigureValue) => string): FigureSpec<NetworkSubject> => ({
    figure: `par_annee.${annee}.${key}`,
    value: (f) => f.reseau.par_annee.find((y) => y.annee === annee)?.[key] ?? 0,
    format,
    first: () => `${label} en ${annee}`,
    then: `${label} en ${annee}`,
  });
  const adhesions = Object.keys(after.reseau.situations.adhesion) as Array<keyof Figures['reseau']['situations']['adhesion']>;
  const reciprocites = Object.keys(after.reseau.situations.reciprocite) as Array<keyof Figures['reseau']['situations']['reciprocite']>;
  const count = (figure: string, label: string, value: (f: NetworkSubject) => number): FigureSpec<NetworkSubject> => ({ figure, value, format: number, first: () => label, then: label });
  return [
    total('declarations', 'le nombre de déclarations du réseau', number),
    total('argent_verse_eur', "l'argent versé aux communs par tout le réseau", euros),
    total('argent_promis_eur', "l'argent promis aux communs par tout le réseau", euros),
    total('nature_heures', 'les heures données en nature dans tout le réseau', hours),
    ...years.flatMap((y) => [
      yearly(y, 'budget_missions_eur', 'le budget des missions commencées', euros),
      yearly(y, 'declarations', 'le nombre de déclarations', number),
      yearly(y, 'argent_verse_eur', "l'argent versé", euros),
    ]),
    // Every standing that moves, facet by facet (issue 13: review shows them all).
    ...adhesions.map((s) => count(`situations.adhesion.${s}`, `le nombre de prestataires en adhésion ${s}`, (f) => f.reseau.situations.adhesion[s] ?? 0)),
    ...reciprocites.map((s) => count(`situations.reciprocite.${s}`, `le nombre de prestataires en réciprocité ${s}`, (f) => f.reseau.situations.reciprocite[s] ?? 0)),
    count('situations.hors_cercle', 'le nombre de prestataires hors du cercle', (f) => f.reseau.situations.hors_cercle),
  ];
}

type NetworkSubject = { id: string; nom: string; reseau: Figures['reseau'] };

/** Per provider, per commons, per mission, then for the whole network: each figure that moved, and one French sentence each. */
export function compareFigures(before: Figures, after: Figures): SubjectMoves[] {
  const named = (f: Figures) => f.missions.map((m) => ({ ...m, nom: `« ${m.titre} »` }));
  const network = (f: Figures): NetworkSubject[] => [{ id: 'reseau', nom: 'le réseau', reseau: f.reseau }];
  return [
    ...movesOf('prestataire', PRESTATAIRE_FIGURES, before.prestataires, after.prestataires),
    ...movesOf('commun', COMMUN_FIGURES, before.communs, after.communs),
    ...movesOf('mission', MISSION_FIGURES, named(before), named(after)),
    ...movesOf('reseau', networkSpecs(before, after), network(before), network(after)),
  ];
}

// ---------------------------------------------------------------------------
// Problems

// A problem is "the same" on both sides if its file, code and message are: an edit
// above it moves its line without making it new.
const problemKey = (p: Problem) => `${p.file}\u0000${p.code}\u0000${p.message}`;

function problemDifference(before: Problem[], after: Problem[]): { added: Problem[]; removed: Problem[] } {
  const minus = (from: Problem[], other: Problem[]) => {
    const counts = new Map<string, number>();
    for (const p of other) counts.set(problemKey(p), (counts.get(problemKey(p)) ?? 0) + 1);
    return from.filter((p) => {
      const n = counts.get(problemKey(p)) ?? 0;
      if (n > 0) counts.set(problemKey(p), n - 1);
      return n === 0;
    });
  };
  return { added: minus(after, before), removed: minus(before, after) };
}

// ---------------------------------------------------------------------------
// Formats

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

// Names, titles and paths come from the pull request: no control character reaches a
// terminal (each is shown as an escape, « \r », « \u001B »), and no Markdown or HTML
// reaches the job summary, an issue or a comment unescaped; nor a mention, an issue
// reference or a bare link (inert).
const plain = visible;
export const escapeMarkdown = (s: string) =>
  inert(
    plain(s)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`),
  );

const STATUS_WORDS: Record<string, string> = { A: 'ajouté', M: 'modifié', D: 'supprimé', R: 'renommé', C: 'copié', T: 'modifié' };
const fileLine = (f: ReviewFile) => `${STATUS_WORDS[f.status] ?? f.status} : ${f.from ? `${f.from} → ` : ''}${f.path}`;

/** The files section: code first, as « relecture du code obligatoire ». */
function fileSections(review: Review): Array<{ heading: string; lines: string[] }> {
  const code = review.files.filter((f) => f.code);
  const data = review.files.filter((f) => !f.code);
  return [
    ...(code.length > 0 ? [{ heading: `Relecture du code obligatoire (${plural(code.length, 'fichier', 'fichiers')} hors des données)`, lines: code.map(fileLine) }] : []),
    ...(data.length > 0 ? [{ heading: `Données du registre (${plural(data.length, 'fichier', 'fichiers')})`, lines: data.map(fileLine) }] : []),
  ];
}

const valueLine = (v: FieldChange) => `${v.champ} : ${showValue(v.avant)} → ${showValue(v.apres)}`;
/** At most this many values per entry: a long list says how many more. */
const MAX_VALUES = 12;
const shownValues = (e: EntryChange) => {
  const lines = e.valeurs.slice(0, MAX_VALUES).map(valueLine);
  if (e.valeurs.length > MAX_VALUES) lines.push(`… et ${e.valeurs.length - MAX_VALUES === 1 ? 'une autre valeur' : `${e.valeurs.length - MAX_VALUES} autres valeurs`}`);
  return lines;
};

function validationVerdict(review: Review): string {
  const verdict = review.errors === 0 ? 'registre valide' : 'registre invalide';
  return `Après le changement : ${plural(review.errors, 'erreur', 'erreurs')}, ${plural(review.warnings, 'avertissement', 'avertissements')} — ${verdict}.`;
}

function problemsHeadline(review: Review): string {
  const errors = review.newProblems.filter((p) => p.severity === 'error').length;
  const warnings = review.newProblems.length - errors;
  if (review.newProblems.length === 0) return 'Aucune nouvelle erreur ni nouvel avertissement.';
  return `${plural(errors, 'nouvelle erreur', 'nouvelles erreurs')}, ${plural(warnings, 'nouvel avertissement', 'nouveaux avertissements')} :`;
}

const fixedLine = (review: Review) =>
  review.fixedProblems.length > 0 ? `${plural(review.fixedProblems.length, 'problème corrigé', 'problèmes corrigés')} par ce changement :` : null;

/** Plain text for a terminal. `base` names the compared revision (e.g. "main (1a2b3c4)"). */
export function formatReviewText(review: Review, base: string): string {
  const lines = [`Revue du registre : changements depuis ${plain(base)}, chiffres au ${frenchDate(review.date)}.`, ''];
  const sections = fileSections(review);
  if (sections.length > 0) {
    lines.push(`Fichiers modifiés (${review.files.length})`);
    for (const section of sections) {
      lines.push(`  ${section.heading}`);
      for (const line of section.lines) lines.push(`    ${plain(line)}`);
    }
    lines.push('');
  }
  lines.push('Entrées');
  if (review.entries.length === 0) lines.push('  Aucune entrée ajoutée, modifiée ou supprimée.');
  for (const kind of ENTITY_KINDS) {
    const changes = review.entries.filter((e) => e.kind === kind);
    if (changes.length === 0) continue;
    lines.push(`  ${KINDS[kind].heading}`);
    for (const e of changes) {
      lines.push(`    ${plain(e.sentence)}`);
      for (const line of shownValues(e)) lines.push(`        ${plain(line)}`);
    }
  }
  if (review.alerts.length > 0) lines.push('', 'À regarder de près', ...review.alerts.map((a) => `  ${plain(a)}`));
  lines.push('', 'Chiffres');
  if (review.figures.length === 0) lines.push('  Aucun chiffre ne bouge.');
  for (const s of review.figures) lines.push(`  ${plain(s.sentence)}`);
  lines.push('', 'Validation', `  ${problemsHeadline(review)}`);
  for (const p of review.newProblems) {
    const label = p.severity === 'warning' ? 'avertissement : ' : '';
    lines.push(`    ${plain(p.file)}:${p.line}:${p.column}  ${label}${plain(p.message)}`);
    lines.push(`        conseil : ${plain(p.hint)} [${p.code}]`);
  }
  const fixed = fixedLine(review);
  if (fixed) lines.push(`  ${fixed}`);
  for (const p of review.fixedProblems) lines.push(`    ${plain(p.file)}  ${plain(p.message)} [${p.code}]`);
  lines.push(`  ${validationVerdict(review)}`);
  return lines.join('\n');
}

/** GitHub-flavoured Markdown for the CI job summary ($GITHUB_STEP_SUMMARY). */
export function formatReviewMarkdown(review: Review, base: string): string {
  const lines = ['## Revue du registre', '', `Changements depuis ${escapeMarkdown(base)}, chiffres au ${frenchDate(review.date)}.`, ''];
  const sections = fileSections(review);
  if (sections.length > 0) {
    lines.push(`### Fichiers modifiés (${review.files.length})`, '');
    for (const section of sections) {
      lines.push(`**${section.heading}**`, '');
      for (const line of section.lines) lines.push(`- ${escapeMarkdown(line)}`);
      lines.push('');
    }
  }
  lines.push('### Entrées', '');
  if (review.entries.length === 0) lines.push('Aucune entrée ajoutée, modifiée ou supprimée.', '');
  for (const kind of ENTITY_KINDS) {
    const changes = review.entries.filter((e) => e.kind === kind);
    if (changes.length === 0) continue;
    lines.push(`**${KINDS[kind].heading}**`, '');
    for (const e of changes) {
      lines.push(`- ${escapeMarkdown(e.sentence)}`);
      for (const line of shownValues(e)) lines.push(`  - ${escapeMarkdown(line)}`);
    }
    lines.push('');
  }
  if (review.alerts.length > 0) lines.push('### À regarder de près', '', ...review.alerts.map((a) => `- ⚠️ ${escapeMarkdown(a)}`), '');
  lines.push('### Chiffres', '');
  if (review.figures.length === 0) lines.push('Aucun chiffre ne bouge.');
  for (const s of review.figures) lines.push(`- ${escapeMarkdown(s.sentence)}`);
  lines.push('', '### Validation', '', problemsHeadline(review));
  if (review.newProblems.length > 0) lines.push('');
  for (const p of review.newProblems) {
    const mark = p.severity === 'error' ? '❌ erreur' : '⚠️ avertissement';
    lines.push(`- ${mark} — ${escapeMarkdown(`${p.file}:${p.line}:${p.column}`)} : ${escapeMarkdown(p.message)} ${escapeMarkdown(p.hint)} (${p.code})`);
  }
  const fixed = fixedLine(review);
  if (fixed) lines.push('', fixed, '');
  for (const p of review.fixedProblems) lines.push(`- ✅ ${escapeMarkdown(p.file)} : ${escapeMarkdown(p.message)} (${p.code})`);
  lines.push('', `**${validationVerdict(review)}**`);
  return lines.join('\n');
}
