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
import type { ReceivedPayment } from '../../../schemas/confirmation.ts';
import type { Declaration } from '../../../schemas/declaration.ts';
import { addDays, frenchAmount, frenchDate } from '../registry/dates.ts';
import { byText } from '../registry/order.ts';
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
  | {
      etat: 'confirme';
      /** The commons' receipt (which may cover several lines of the declaration). */
      recu: Receipt;
      /** Received − declared « verse » to this commons on this mission (0 when they agree). */
      ecart_eur: number;
    }
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

export type ConfirmationState = PaymentConfirmation['etat'];

export interface Confirmations {
  /** By `${prestataire}/${mission}`, one state per line of contributions_argent. */
  etats: Map<string, PaymentConfirmation[]>;
  /** Receipts that match money declared « verse », each counted once. */
  recus: Receipt[];
}

const key = (prestataire: string, mission: string) => `${prestataire}/${mission}`;

/** The receipts dated on or before the date, first one kept for each provider, mission and commons. */
function receiptsOn(registry: Registry, date: string): Map<string, Receipt> {
  const receipts = new Map<string, Receipt>();
  for (const entry of registry.confirmations.values()) {
    const { commun } = entry.data;
    if (!registry.communs.has(commun)) continue;
    for (const c of entry.data.confirmations) {
      const id = `${key(c.prestataire, c.mission)}/${commun}`;
      if (c.date > date || receipts.has(id)) continue;
      receipts.set(id, { commun, prestataire: c.prestataire, mission: c.mission, montant_eur: c.montant_eur, compte_eur: c.montant_eur, date: c.date, ...(c.note ? { note: c.note } : {}), fichier: entry.file });
    }
  }
  return receipts;
}

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

/**
 * The confirmation state of every money line of the declarations made on or before the
 * date, and the receipts that count. The delay is the rules' delais.confirmation_jours,
 * by the rules of the mission (those in force when it started).
 */
export function confirmationsOn(registry: Registry, date: string): Confirmations {
  const receipts = receiptsOn(registry, date);
  const reglesData = registry.regles.map((r) => r.data);
  const etats = new Map<string, PaymentConfirmation[]>();
  const counted = new Set<Receipt>();
  for (const { data: d } of registry.declarations) {
    if (d.date > date) continue;
    const mission = registry.missions.get(d.mission)?.data;
    const reference = mission ? missionReferenceDate(mission) : undefined;
    etats.set(
      key(d.prestataire, d.mission),
      d.contributions_argent.map((c): PaymentConfirmation => {
        if (moneyStateOn(c, date) !== 'verse') return { etat: 'promis' };
        const recu = receipts.get(`${key(d.prestataire, d.mission)}/${c.commun}`);
        if (recu) {
          const declared = paidTo(d, c.commun, date);
          recu.compte_eur = Math.min(recu.montant_eur, declared);
          counted.add(recu);
          return { etat: 'confirme', recu, ecart_eur: cents(recu.montant_eur - declared) };
        }
        const regles = rulesOn(reglesData, reference ?? c.date);
        const canConfirm = (registry.communs.get(c.commun)?.data.comptes_forge.length ?? 0) > 0;
        const echeance = canConfirm && regles ? addDays(c.date, regles.delais.confirmation_jours) : null;
        return { etat: 'non_confirme', peut_confirmer: canConfirm, echeance, attendue: echeance !== null && echeance < date, regle: regles ? ruleId(regles, 'delais') : null };
      }),
    );
  }
  const recus = [...counted].sort((a, b) => byText(a.commun, b.commun) || byText(a.prestataire, b.prestataire) || byText(a.mission, b.mission));
  return { etats, recus };
}

type Invalid = { prestataires: Set<string>; missions: Set<string>; communs: Set<string>; declarations: Set<string> };

/** The cross-file checks of confirmations/<commun>.yaml, and the payments still awaiting one. */
export function checkConfirmations(registry: Registry, invalid: Invalid, date: string): Problem[] {
  return [...confirmationFileProblems(registry, invalid, date), ...awaitedConfirmations(registry, date)];
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
  // One confirmation per provider and mission in a commons, across all its files.
  const seenIn = new Map<string, Map<string, { file: string; i: number }>>();
  for (const entry of registry.confirmations.values()) {
    const { commun } = entry.data;
    const here = problemsIn(entry, problems);
    if (!registry.communs.has(commun)) {
      if (!invalid.communs.has(commun)) here.at(['commun'], 'commun_inconnu', { id: commun, suggestion: suggest(commun, communIds) });
      continue;
    }
    let seen = seenIn.get(commun);
    if (!seen) seenIn.set(commun, (seen = new Map()));
    entry.data.confirmations.forEach((c, i) => {
      const id = key(c.prestataire, c.mission);
      const first = seen.get(id);
      if (first) {
        const ligne = first.file === entry.file ? `${first.i + 1}` : `${first.i + 1} de ${first.file}`;
        here.at(['confirmations', i, 'mission'], 'confirmation_doublon', { prestataire: c.prestataire, mission: c.mission, ligne });
        return;
      }
      seen.set(id, { file: entry.file, i });
      checkConfirmationLine(here, c, i, { commun, file: entry.file }, context);
    });
  }
  return problems;
}

/** One line of confirmations/<commun>.yaml against the provider, the mission and the money the declaration says was paid. */
function checkConfirmationLine(here: FileProblems, c: ReceivedPayment, i: number, { commun, file }: { commun: string; file: string }, context: LineContext): void {
  const { registry, invalid, date, ids } = context;
  const at = (field: string) => ['confirmations', i, field];
  if (c.date > date) here.at(at('date'), 'confirmation_future', { date: frenchDate(c.date), reference: frenchDate(date) });
  const knownPrestataire = registry.prestataires.has(c.prestataire);
  if (!knownPrestataire && !invalid.prestataires.has(c.prestataire)) {
    here.at(at('prestataire'), 'prestataire_inconnu', { id: c.prestataire, suggestion: suggest(c.prestataire, ids.prestataires) });
  }
  const mission = registry.missions.get(c.mission)?.data;
  if (!mission && !invalid.missions.has(c.mission)) {
    here.at(at('mission'), 'mission_inconnue', { id: c.mission, suggestion: suggest(c.mission, ids.missions) });
  }
  if (!knownPrestataire || !mission) return;
  if (mission.debut && c.date < mission.debut) {
    here.at(at('date'), 'confirmation_avant_mission', { date: frenchDate(c.date), mission: c.mission, debut: frenchDate(mission.debut) });
  }
  const id = key(c.prestataire, c.mission);
  const declaration = context.declarations.get(id);
  if (!declaration) {
    if (!invalid.declarations.has(id)) here.at(at('mission'), 'confirmation_sans_declaration', { prestataire: c.prestataire, mission: c.mission, commun });
    return;
  }
  const lines = declaration.data.contributions_argent.map((m, j) => ({ ...m, j })).filter((m) => m.commun === commun);
  if (lines.length === 0) {
    here.at(at('mission'), 'confirmation_sans_versement', { prestataire: c.prestataire, mission: c.mission, commun, fichier: declaration.file });
    return;
  }
  const paid = paidTo(declaration.data, commun);
  if (paid === 0) {
    // The commons says the money arrived; the provider still lists it as promised: theirs to update.
    for (const line of lines) {
      problemsIn(declaration, context.problems).at(['contributions_argent', line.j, 'statut'], 'confirmation_promesse', {
        commun,
        montant: frenchAmount(c.montant_eur),
        date: frenchDate(c.date),
        fichier: file,
      });
    }
    return;
  }
  if (cents(c.montant_eur - paid) > 0) {
    here.at(at('montant_eur'), 'confirmation_superieure', {
      recu: frenchAmount(c.montant_eur),
      declare: frenchAmount(paid),
      prestataire: c.prestataire,
      mission: c.mission,
      fichier: declaration.file,
    });
  } else if (cents(c.montant_eur - paid) !== 0) {
    here.at(at('montant_eur'), 'confirmation_montant_different', {
      recu: frenchAmount(c.montant_eur),
      declare: frenchAmount(paid),
      prestataire: c.prestataire,
      mission: c.mission,
      fichier: declaration.file,
    });
  }
}

/** Payments still awaiting their receipt past the delay, from the same function the figures use. */
function awaitedConfirmations(registry: Registry, date: string): Problem[] {
  const problems: Problem[] = [];
  const { etats } = confirmationsOn(registry, date);
  for (const entry of registry.declarations) {
    const states = etats.get(key(entry.data.prestataire, entry.data.mission));
    states?.forEach((state, j) => {
      if (state.etat !== 'non_confirme' || !state.attendue) return;
      const money = entry.data.contributions_argent[j];
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
