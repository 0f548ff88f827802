// Money received, as the commons says it. A provider declares « versé » (what they say);
// the stewards of the commons confirm « reçu » in confirmations/<commun>.yaml, a file
// only they may change (owners.ts). Open Collective books money only once the host has
// received it (shared/reviews/peers.md, receiver-side confirmation): here both are shown
// side by side, and a payment left unconfirmed past the delay of the rules is a warning.
//
// One confirmation confirms the payment lines of a declaration to that commons
// (declarations/<prestataire>/<mission>.yaml, every « verse » line to it), so that a
// steward confirms what arrived for a mission without matching line by line. It says what
// was declared, never more: a receipt larger than the declared payment is an error, and
// the figures count as « confirmé » at most what was declared (a steward cannot inflate a
// provider's or a commons' figures: forge-trust.md, L4).
//
// In-kind hours are confirmed the same way, in the « nature » list of the same files
// (Open Collective #1895 asks for it since 2019: peers.md): one line per provider and
// mission gives the hours the commons received for all the in-kind contributions of the
// declaration to it, counted at most as declared. Unlike money, an unconfirmed hour is
// never a warning: a commons cannot check hours against a bank statement, and a warning
// the provider cannot act on would only stain their file.
import type { Confirmation, ReceivedHours, ReceivedPayment } from '../../../schemas/confirmation.ts';
import type { Declaration } from '../../../schemas/declaration.ts';
import { addDays, frenchAmount, frenchDate } from '../registry/dates.ts';
import { hours } from '../registry/french.ts';
import { byText } from '../registry/order.ts';
import type { Code } from '../registry/codes.ts';
import { problemsIn, type FileProblems, type Problem } from '../registry/problems.ts';
import type { Entry, Registry } from '../registry/registry.ts';
import { cents, missionReferenceDate, moneyStateOn, ruleId, rulesOn } from './rules.ts';
import { suggest } from '../registry/schema-issues.ts';

/** One receipt a commons confirmed. */
export interface Receipt {
  commun: string;
  prestataire: string;
  mission: string;
  /** Received, in euros (for every « verse » line of the declaration to this commons), as the commons wrote it. */
  montant_eur: number;
  /** What counts as confirmed: the amount received, at most the amount the declaration says was paid. */
  compte_eur: number;
  date: string;
  note?: string;
  /** confirmations/<commun>.yaml */
  fichier: string;
}

/** Where one money line of a declaration stands on the reference date. */
export type PaymentConfirmation =
  | { etat: 'promis' }
  | ({
      etat: 'confirme';
      /** The commons' receipt (which may cover several lines of the declaration). */
      recu: Receipt;
      /** Received − declared « verse » to this commons on this mission (0 when they agree). */
      ecart_eur: number;
      /** Declared « verse » to this commons on this mission: what the receipt covers. */
      declare_eur: number;
      /** This line's part of what counts as confirmed (see ReceiptGroup). */
      confirme_eur: number;
    } & ReceiptGroup)
  | {
      etat: 'non_confirme';
      /** The commons names stewards with forge accounts: it can confirm in its file. */
      peut_confirmer: boolean;
      /** Last day to confirm before the warning (payment date + confirmation delay); null when it cannot confirm. */
      echeance: string | null;
      /** True once the reference date is past the deadline. */
      attendue: boolean;
      regle: string | null;
    };

/**
 * A receipt covers every line of the declaration to its commons (for money, every line
 * paid by then): the group of (provider, mission, commons), never one line. The site says
 * so, and says « en partie » when the commons received less than was declared; each line
 * gets its part of what counts, line after line in the order of the declaration, so that
 * the parts add up to what counts (compte_eur, compte_heures) and a sum over lines never
 * counts a receipt twice.
 */
export interface ReceiptGroup {
  /** Lines of the declaration the receipt covers (1 when it confirms one line). */
  lignes: number;
  /** True when what counts is less than what was declared: the lines are confirmed in part. */
  partiel: boolean;
}

/** Shares `total` among amounts in order, each at most its own amount: the parts add up to `total` (or to the amounts, if less). */
function sharedInOrder(amounts: number[], total: number): number[] {
  let left = total;
  return amounts.map((amount) => {
    const part = cents(Math.min(amount, Math.max(left, 0)));
    left = cents(left - part);
    return part;
  });
}

export type ConfirmationState = PaymentConfirmation['etat'];

/** Hours a commons confirmed receiving for a provider's mission. */
export interface HoursReceipt {
  commun: string;
  prestataire: string;
  mission: string;
  /** Received, in hours (for every in-kind line of the declaration to this commons), as the commons wrote it. */
  heures: number;
  /** What counts as confirmed: the hours received, at most the hours the declaration gives this commons. */
  compte_heures: number;
  date: string;
  note?: string;
  /** confirmations/<commun>.yaml */
  fichier: string;
}

/** Where one in-kind line of a declaration stands on the reference date. */
export type InKindConfirmation =
  | ({
      etat: 'confirme';
      /** The commons' receipt (which may cover several lines of the declaration). */
      recu: HoursReceipt;
      /** Received − declared hours to this commons on this mission (0 when they agree). */
      ecart_heures: number;
      /** Hours declared to this commons on this mission: what the receipt covers. */
      declare_heures: number;
      /** This line's part of the hours that count as confirmed (see ReceiptGroup). */
      heures_confirmees: number;
    } & ReceiptGroup)
  | {
      etat: 'non_confirme';
      /** The commons names stewards with forge accounts: it can confirm in its file. */
      peut_confirmer: boolean;
    };

export interface Confirmations {
  /** By `${prestataire}/${mission}`, one state per line of contributions_argent. */
  etats: Map<string, PaymentConfirmation[]>;
  /** Receipts that match money declared « verse », each counted once. */
  recus: Receipt[];
  /** By `${prestataire}/${mission}`, one state per line of contributions_nature. */
  etats_nature: Map<string, InKindConfirmation[]>;
  /** Hour receipts that match in-kind hours declared, each counted once. */
  recus_nature: HoursReceipt[];
}

const key = (prestataire: string, mission: string) => `${prestataire}/${mission}`;

/** Each line of a list of the commons' files dated on or before the date, first one kept for each provider, mission and commons. */
function receiptsOn<L extends { prestataire: string; mission: string; date: string; note?: string }, R>(
  registry: Registry,
  date: string,
  list: (c: Confirmation) => L[],
  receipt: (line: L, where: { commun: string; fichier: string }) => R,
): Map<string, R> {
  const receipts = new Map<string, R>();
  for (const entry of registry.confirmations.values()) {
    const { commun } = entry.data;
    if (!registry.communs.has(commun)) continue;
    for (const c of list(entry.data)) {
      const id = `${key(c.prestataire, c.mission)}/${commun}`;
      if (c.date > date || receipts.has(id)) continue;
      receipts.set(id, receipt(c, { commun, fichier: entry.file }));
    }
  }
  return receipts;
}

const moneyReceipt = (c: ReceivedPayment, { commun, fichier }: { commun: string; fichier: string }): Receipt => ({
  commun,
  prestataire: c.prestataire,
  mission: c.mission,
  montant_eur: c.montant_eur,
  compte_eur: c.montant_eur,
  date: c.date,
  ...(c.note ? { note: c.note } : {}),
  fichier,
});

const hoursReceipt = (c: ReceivedHours, { commun, fichier }: { commun: string; fichier: string }): HoursReceipt => ({
  commun,
  prestataire: c.prestataire,
  mission: c.mission,
  heures: c.heures,
  compte_heures: c.heures,
  date: c.date,
  ...(c.note ? { note: c.note } : {}),
  fichier,
});

/**
 * Money declared « verse » to a commons; on a date, only what is paid by then (a « verse »
 * dated later is still to come, as every figure counts it: moneyStateOn).
 */
const paidTo = (declaration: Declaration, commun: string, date?: string) =>
  cents(
    declaration.contributions_argent
      .filter((c) => c.commun === commun && (date === undefined ? c.statut === 'verse' : moneyStateOn(c, date) === 'verse'))
      .reduce((s, c) => s + c.montant_eur, 0),
  );

/** In-kind hours a declaration gives a commons. */
const hoursTo = (declaration: Declaration, commun: string) =>
  cents(declaration.contributions_nature.filter((c) => c.commun === commun).reduce((s, c) => s + c.heures, 0));

/**
 * The confirmation state of every money line of the declarations made on or before the
 * date, and the receipts that count. The delay is the rules' delais.confirmation_jours,
 * by the rules of the mission (those in force when it started).
 */
export function confirmationsOn(registry: Registry, date: string): Confirmations {
  return { ...moneyConfirmationsOn(registry, date), ...inKindConfirmationsOn(registry, date) };
}

function moneyConfirmationsOn(registry: Registry, date: string): Pick<Confirmations, 'etats' | 'recus'> {
  const receipts = receiptsOn(registry, date, (c) => c.confirmations, moneyReceipt);
  const reglesData = registry.regles.map((r) => r.data);
  const etats = new Map<string, PaymentConfirmation[]>();
  const counted = new Set<Receipt>();
  for (const { data: d } of registry.declarations) {
    if (d.date > date) continue;
    const mission = registry.missions.get(d.mission)?.data;
    const reference = mission ? missionReferenceDate(mission) : undefined;
    const paidLines = d.contributions_argent.map((c) => moneyStateOn(c, date) === 'verse');
    const parts = partsByCommons(d.contributions_argent, paidLines, (commun) => receipts.get(`${key(d.prestataire, d.mission)}/${commun}`)?.montant_eur, (c) => c.montant_eur);
    etats.set(
      key(d.prestataire, d.mission),
      d.contributions_argent.map((c, j): PaymentConfirmation => {
        if (!paidLines[j]) return { etat: 'promis' };
        const recu = receipts.get(`${key(d.prestataire, d.mission)}/${c.commun}`);
        if (recu) {
          const declared = paidTo(d, c.commun, date);
          recu.compte_eur = Math.min(recu.montant_eur, declared);
          counted.add(recu);
          const { lignes, part } = parts[j]!;
          return { etat: 'confirme', recu, ecart_eur: cents(recu.montant_eur - declared), declare_eur: declared, confirme_eur: part, lignes, partiel: recu.compte_eur < declared };
        }
        const regles = rulesOn(reglesData, reference ?? c.date);
        const canConfirm = (registry.communs.get(c.commun)?.data.comptes_forge.length ?? 0) > 0;
        const echeance = canConfirm && regles ? addDays(c.date, regles.delais.confirmation_jours) : null;
        return { etat: 'non_confirme', peut_confirmer: canConfirm, echeance, attendue: echeance !== null && echeance < date, regle: regles ? ruleId(regles, 'delais') : null };
      }),
    );
  }
  return { etats, recus: [...counted].sort(byReceipt) };
}

/**
 * For each line of a declaration's list that a receipt may cover (`covered`): how many
 * lines the receipt of its commons covers, and the line's part of what counts (the
 * received quantity, at most the declared one, shared in order). Null for the other lines.
 */
function partsByCommons<C extends { commun: string }>(
  lines: C[],
  covered: boolean[],
  received: (commun: string) => number | undefined,
  amount: (line: C) => number,
): Array<{ lignes: number; part: number } | null> {
  const parts: Array<{ lignes: number; part: number } | null> = lines.map(() => null);
  for (const commun of new Set(lines.map((c) => c.commun))) {
    const group = lines.flatMap((c, j) => (c.commun === commun && covered[j] ? [j] : []));
    const shares = sharedInOrder(group.map((j) => amount(lines[j])), received(commun) ?? 0);
    group.forEach((j, n) => (parts[j] = { lignes: group.length, part: shares[n] }));
  }
  return parts;
}

const byReceipt = (a: { commun: string; prestataire: string; mission: string }, b: typeof a) =>
  byText(a.commun, b.commun) || byText(a.prestataire, b.prestataire) || byText(a.mission, b.mission);

/** The confirmation state of every in-kind line of the declarations made on or before the date, and the hour receipts that count. */
function inKindConfirmationsOn(registry: Registry, date: string): Pick<Confirmations, 'etats_nature' | 'recus_nature'> {
  const receipts = receiptsOn(registry, date, (c) => c.nature, hoursReceipt);
  const etats = new Map<string, InKindConfirmation[]>();
  const counted = new Set<HoursReceipt>();
  for (const { data: d } of registry.declarations) {
    if (d.date > date || d.contributions_nature.length === 0) continue;
    const parts = partsByCommons(d.contributions_nature, d.contributions_nature.map(() => true), (commun) => receipts.get(`${key(d.prestataire, d.mission)}/${commun}`)?.heures, (c) => c.heures);
    etats.set(
      key(d.prestataire, d.mission),
      d.contributions_nature.map((c, j): InKindConfirmation => {
        const recu = receipts.get(`${key(d.prestataire, d.mission)}/${c.commun}`);
        if (!recu) return { etat: 'non_confirme', peut_confirmer: (registry.communs.get(c.commun)?.data.comptes_forge.length ?? 0) > 0 };
        const declared = hoursTo(d, c.commun);
        recu.compte_heures = Math.min(recu.heures, declared);
        counted.add(recu);
        const { lignes, part } = parts[j]!;
        return { etat: 'confirme', recu, ecart_heures: cents(recu.heures - declared), declare_heures: declared, heures_confirmees: part, lignes, partiel: recu.compte_heures < declared };
      }),
    );
  }
  return { etats_nature: etats, recus_nature: [...counted].sort(byReceipt) };
}

type Invalid = { prestataires: Set<string>; missions: Set<string>; communs: Set<string>; declarations: Set<string>; confirmations?: Set<string> };

/** The cross-file checks of confirmations/<commun>.yaml, and the payments still awaiting one. */
export function checkConfirmations(registry: Registry, invalid: Invalid, date: string): Problem[] {
  return [...confirmationFileProblems(registry, invalid, date), ...awaitedConfirmations(registry, invalid, date)];
}

/** What one confirmation line is checked against: the registry, and the declarations by provider and mission. */
interface LineContext {
  registry: Registry;
  invalid: Invalid;
  date: string;
  declarations: Map<string, Entry<Declaration>>;
  ids: { prestataires: string[]; missions: string[] };
  /** Problems in a declaration the line points to land here too. */
  problems: Problem[];
}

const earliest = (lines: ReadonlyArray<{ date: string }>) => lines.map((l) => l.date).sort()[0];

/** The two lists of a commons' file: what each line confirms, in which field, against what in the declaration. */
interface ListKind<L> {
  list: 'confirmations' | 'nature';
  lines: (c: Confirmation) => L[];
  /** The field that gives the quantity received, its value, and how it reads in French. */
  field: 'montant_eur' | 'heures';
  received: (line: L) => number;
  say: (n: number) => string;
  /** The lines of the declaration to the commons (with their index), and the quantity declared given. */
  declaredLines: (d: Declaration, commun: string) => number[];
  declared: (d: Declaration, commun: string) => number;
  /** The earliest date of what the declaration says was given to the commons (money paid, hours given). */
  firstGiven: (d: Declaration, commun: string) => string | undefined;
  codes: { doublon: Code; sans: Code; superieure: Code; differente: Code };
  /** Money only: a receipt for money still declared promised is the provider's to update. */
  nothingGiven?: (here: { declaration: Entry<Declaration>; lines: number[]; line: L; file: string; commun: string }, context: LineContext) => void;
}

const MONEY: ListKind<ReceivedPayment> = {
  list: 'confirmations',
  lines: (c) => c.confirmations,
  field: 'montant_eur',
  received: (line) => line.montant_eur,
  say: frenchAmount,
  declaredLines: (d, commun) => d.contributions_argent.flatMap((m, j) => (m.commun === commun ? [j] : [])),
  declared: (d, commun) => paidTo(d, commun),
  firstGiven: (d, commun) => earliest(d.contributions_argent.filter((m) => m.commun === commun && m.statut === 'verse')),
  codes: { doublon: 'confirmation_doublon', sans: 'confirmation_sans_versement', superieure: 'confirmation_superieure', differente: 'confirmation_montant_different' },
  nothingGiven: ({ declaration, lines, line, file, commun }, context) => {
    // The commons says the money arrived; the provider still lists it as promised: theirs to update.
    for (const j of lines) {
      problemsIn(declaration, context.problems).at(['contributions_argent', j, 'statut'], 'confirmation_promesse', {
        commun,
        montant: frenchAmount(line.montant_eur),
        date: frenchDate(line.date),
        fichier: file,
      });
    }
  },
};

const HOURS: ListKind<ReceivedHours> = {
  list: 'nature',
  lines: (c) => c.nature,
  field: 'heures',
  received: (line) => line.heures,
  say: hours,
  declaredLines: (d, commun) => d.contributions_nature.flatMap((m, j) => (m.commun === commun ? [j] : [])),
  declared: hoursTo,
  firstGiven: (d, commun) => earliest(d.contributions_nature.filter((m) => m.commun === commun)),
  codes: { doublon: 'nature_doublon', sans: 'nature_sans_contribution', superieure: 'nature_superieure', differente: 'nature_differente' },
};

function confirmationFileProblems(registry: Registry, invalid: Invalid, date: string): Problem[] {
  const problems: Problem[] = [];
  const context: LineContext = {
    registry,
    invalid,
    date,
    declarations: new Map(registry.declarations.map((d) => [key(d.data.prestataire, d.data.mission), d])),
    ids: { prestataires: [...registry.prestataires.keys()], missions: [...registry.missions.keys()] },
    problems,
  };
  const communIds = [...registry.communs.keys()];
  // One confirmation per provider and mission in a commons and a list, across all its files.
  const seenIn = new Map<string, Map<string, { file: string; i: number }>>();
  for (const entry of registry.confirmations.values()) {
    const { commun } = entry.data;
    const here = problemsIn(entry, problems);
    if (!registry.communs.has(commun)) {
      if (!invalid.communs.has(commun)) here.at(['commun'], 'commun_inconnu', { id: commun, suggestion: suggest(commun, communIds) });
      continue;
    }
    for (const kind of [MONEY, HOURS] as ListKind<ReceivedPayment | ReceivedHours>[]) {
      let seen = seenIn.get(`${kind.list}/${commun}`);
      if (!seen) seenIn.set(`${kind.list}/${commun}`, (seen = new Map()));
      checkList(kind, { here, seen, commun, file: entry.file, lines: kind.lines(entry.data) }, context);
    }
  }
  return problems;
}

/** One list of a commons' file: each line once per provider and mission, then checked. */
function checkList<L extends ReceivedPayment | ReceivedHours>(
  kind: ListKind<L>,
  { here, seen, commun, file, lines }: { here: FileProblems; seen: Map<string, { file: string; i: number }>; commun: string; file: string; lines: L[] },
  context: LineContext,
): void {
  lines.forEach((c, i) => {
    const id = key(c.prestataire, c.mission);
    const first = seen.get(id);
    if (first) {
      // « l’entrée n° 2 de la liste « nature » »: the rank in the list, not a line of the file.
      here.at([kind.list, i, 'mission'], kind.codes.doublon, { prestataire: c.prestataire, mission: c.mission, entree: first.i + 1, fichier: first.file === file ? undefined : first.file });
      return;
    }
    seen.set(id, { file, i });
    checkConfirmationLine(kind, here, c, i, { commun, file }, context);
  });
}

/** The provider and the mission a line names: known, and the line dated within the mission. False when either is unknown. */
function lineRefersToKnown(here: FileProblems, c: ReceivedPayment | ReceivedHours, at: (field: string) => (string | number)[], context: LineContext): boolean {
  const { registry, invalid, date, ids } = context;
  const liste = at('date')[0] as string;
  if (c.date > date) here.at(at('date'), 'confirmation_future', { date: frenchDate(c.date), reference: frenchDate(date), liste });
  const knownPrestataire = registry.prestataires.has(c.prestataire);
  if (!knownPrestataire && !invalid.prestataires.has(c.prestataire)) {
    here.at(at('prestataire'), 'prestataire_inconnu', { id: c.prestataire, suggestion: suggest(c.prestataire, ids.prestataires) });
  }
  const mission = registry.missions.get(c.mission)?.data;
  if (!mission && !invalid.missions.has(c.mission)) {
    here.at(at('mission'), 'mission_inconnue', { id: c.mission, suggestion: suggest(c.mission, ids.missions), liste });
  }
  if (!knownPrestataire || !mission) return false;
  if (mission.debut && c.date < mission.debut) {
    here.at(at('date'), 'confirmation_avant_mission', { date: frenchDate(c.date), mission: c.mission, debut: frenchDate(mission.debut) });
  }
  return true;
}

/** One line of a commons' file against the provider, the mission and what the declaration says was given. */
function checkConfirmationLine<L extends ReceivedPayment | ReceivedHours>(
  kind: ListKind<L>,
  here: FileProblems,
  c: L,
  i: number,
  { commun, file }: { commun: string; file: string },
  context: LineContext,
): void {
  const at = (field: string) => [kind.list, i, field];
  if (!lineRefersToKnown(here, c, at, context)) return;
  const id = key(c.prestataire, c.mission);
  const declaration = context.declarations.get(id);
  if (!declaration) {
    if (!context.invalid.declarations.has(id)) here.at(at('mission'), 'confirmation_sans_declaration', { prestataire: c.prestataire, mission: c.mission, commun });
    return;
  }
  const lines = kind.declaredLines(declaration.data, commun);
  if (lines.length === 0) {
    here.at(at('mission'), kind.codes.sans, { prestataire: c.prestataire, mission: c.mission, commun, fichier: declaration.file });
    return;
  }
  const given = kind.declared(declaration.data, commun);
  if (given === 0 && kind.nothingGiven) return kind.nothingGiven({ declaration, lines, line: c, file, commun }, context);
  // Received before anything was given: one of the two dates is wrong (before the mission's start is said already).
  const first = kind.firstGiven(declaration.data, commun);
  const debut = context.registry.missions.get(c.mission)?.data.debut;
  if (first && c.date < first && !(debut && c.date < debut)) {
    here.at(at('date'), 'confirmation_avant_don', { date: frenchDate(c.date), don: frenchDate(first), prestataire: c.prestataire, mission: c.mission, fichier: declaration.file, liste: kind.list });
  }
  const gap = cents(kind.received(c) - given);
  if (gap === 0) return;
  here.at(at(kind.field), gap > 0 ? kind.codes.superieure : kind.codes.differente, {
    recu: kind.say(kind.received(c)),
    declare: kind.say(given),
    prestataire: c.prestataire,
    mission: c.mission,
    fichier: declaration.file,
  });
}

/**
 * Payments still awaiting their receipt past the delay, from the same function the figures use.
 * None for a commons one of whose confirmations files is refused (its error is reported in
 * that file): the receipts it holds are unknown until it is fixed, and a warning on every
 * payment to the commons would send providers after a fault that is not theirs.
 */
function awaitedConfirmations(registry: Registry, invalid: Invalid, date: string): Problem[] {
  const problems: Problem[] = [];
  const { etats } = confirmationsOn(registry, date);
  // confirmations/<commun>.yaml or confirmations/<commun>/<nom>.yaml: the commons is the first name.
  const unreadable = new Set([...(invalid.confirmations ?? [])].map((id) => id.split('/')[0]));
  for (const entry of registry.declarations) {
    const states = etats.get(key(entry.data.prestataire, entry.data.mission));
    states?.forEach((state, j) => {
      if (state.etat !== 'non_confirme' || !state.attendue) return;
      const money = entry.data.contributions_argent[j];
      if (unreadable.has(money.commun)) return;
      const commun = registry.communs.get(money.commun)!.data;
      problemsIn(entry, problems).at(['contributions_argent', j, 'statut'], 'confirmation_attendue', {
        montant: frenchAmount(money.montant_eur),
        commun: money.commun,
        date: frenchDate(money.date),
        echeance: frenchDate(state.echeance!),
        gardiens: commun.comptes_forge.map((h) => `@${h}`).join(', '),
      });
    });
  }
  return problems;
}
