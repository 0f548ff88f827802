// Checks across files: references, team membership, portage, and the soft rules
// (deadlines, expected reciprocity) reported as warnings. One function per kind of file
// (rules, missions, providers' standing, declarations; confirmations.ts for the receipts),
// over a context computed once.
import { makeProblem, problemsIn, type FileProblems, type Problem } from '../registry/problems.ts';
import type { Entry, Registry } from '../registry/registry.ts';
import type { Declaration } from '../../../schemas/declaration.ts';
import type { Mission } from '../../../schemas/mission.ts';
import type { Regles } from '../../../schemas/regles.ts';
import { suggest } from '../registry/schema-issues.ts';
import { declaredValue, missionBudget, missionReferenceDate, portageCheck, ruleId, rulesOn } from './rules.ts';
import { addDays, frenchAmount, frenchDate, yearOf } from '../registry/dates.ts';
import { ADHESION_TARIF_LABELS, midSentence } from '../registry/french.ts';

import { declaredBy, missionsOf, situationOn } from './standing.ts';
import { checkConfirmations } from './confirmations.ts';
import { profileProblems } from './profiles.ts';

export interface CheckOptions {
  date: string;
  /** Ids whose file exists but failed validation: not reported again as unknown. */
  invalid: Record<'prestataires' | 'missions' | 'communs' | 'declarations' | 'regles' | 'confirmations', Set<string>>;
}

/** What every check reads, computed once per call. */
interface CheckContext extends CheckOptions {
  registry: Registry;
  reglesData: Regles[];
  /** The known ids, for the suggestions of an unknown one. */
  ids: { communs: string[]; prestataires: string[]; missions: string[] };
  /** Each provider's declarations, indexed once on first use. */
  declarationsOf: (prestataire: string) => Array<Entry<Declaration>>;
}

function declarationIndex(registry: Registry): (prestataire: string) => Array<Entry<Declaration>> {
  let index: Map<string, Array<Entry<Declaration>>> | null = null;
  return (prestataire) => {
    if (!index) {
      index = new Map();
      for (const d of registry.declarations) {
        const list = index.get(d.data.prestataire);
        if (list) list.push(d);
        else index.set(d.data.prestataire, [d]);
      }
    }
    return index.get(prestataire) ?? [];
  };
}

function checkContext(registry: Registry, { date, invalid }: CheckOptions): CheckContext {
  return {
    registry,
    date,
    invalid,
    reglesData: registry.regles.map((r) => r.data),
    ids: { communs: [...registry.communs.keys()], prestataires: [...registry.prestataires.keys()], missions: [...registry.missions.keys()] },
    declarationsOf: declarationIndex(registry),
  };
}

export function checkRegistry(registry: Registry, options: CheckOptions): Problem[] {
  const context = checkContext(registry, options);
  return [
    ...rulesFileProblems(context),
    ...missionProblems(context),
    ...standingProblems(context),
    ...declarationProblems(context),
    ...profileProblems(registry, context.reglesData),
    ...checkConfirmations(registry, options.invalid, options.date),
  ];
}

/**
 * The checks of checkRegistry that place problems in declaration files: the declarations'
 * own (references, team, rules, plausible figures) and the receipts' (confirmations.ts),
 * the others judging rules, missions and profiles only (tests/domain/checks.test.ts
 * compares the two on every fixture). A draft declaration is checked by these alone
 * (contribution/declaration-file.ts): the /declarer/ form bundles no mission check.
 */
export function declarationChecks(registry: Registry, options: CheckOptions): Problem[] {
  return [...declarationProblems(checkContext(registry, options)), ...checkConfirmations(registry, options.invalid, options.date)];
}

// --- Rules files ------------------------------------------------------------------------

function rulesFileProblems({ registry, invalid, ids }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of registry.regles) {
    const here = problemsIn(entry, problems);
    const brackets = entry.data.reciprocite.tranches;
    if (brackets[0].a_partir_de_eur !== 0 || brackets.some((b, i) => i > 0 && b.a_partir_de_eur <= brackets[i - 1].a_partir_de_eur)) {
      here.at(['reciprocite', 'tranches'], 'regles_tranches');
    }
    if (entry.data.delais.hors_cercle_jours < entry.data.delais.declaration_jours) {
      here.at(['delais', 'hors_cercle_jours'], 'regles_delais');
    }
    // Rules cannot rewrite the past silently: an effective date before the adoption says why.
    if (entry.data.en_vigueur_depuis < entry.data.adoptees_le && !entry.data.retroactivite) {
      here.at(['en_vigueur_depuis'], 'regles_retroactives', { depuis: frenchDate(entry.data.en_vigueur_depuis), adoptees: frenchDate(entry.data.adoptees_le) });
    }
    if (!registry.communs.has(entry.data.reseau) && !invalid.communs.has(entry.data.reseau)) {
      here.at(['reseau'], 'commun_inconnu', { id: entry.data.reseau, suggestion: suggest(entry.data.reseau, ids.communs) });
    }
  }
  return problems;
}

// --- Missions ---------------------------------------------------------------------------

function missionProblems(context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of context.registry.missions.values()) {
    const here = problemsIn(entry, problems);
    checkMissionFacts(here, entry.data, context);
    checkMissionRules(here, entry.data, context);
  }
  return problems;
}

/** What needs no rules: dates and status, the team, who carries the response. */
function checkMissionFacts(here: FileProblems, mission: Mission, { registry, invalid, ids, date }: CheckContext): void {
  const started = mission.statut === 'en_cours' || mission.statut === 'terminee' || mission.statut === 'attribuee';
  if (started && !mission.debut) here.at(['statut'], 'date_manquante_statut', { statut: mission.statut, champ: 'debut' });
  if (mission.statut === 'terminee' && !mission.fin) here.at(['statut'], 'date_manquante_statut', { statut: mission.statut, champ: 'fin' });
  // Finished, yet ending after the reference date: a warning (time alone will settle it).
  if (mission.statut === 'terminee' && mission.fin && mission.fin > date) here.at(['fin'], 'mission_terminee_future', { fin: frenchDate(mission.fin), date: frenchDate(date) });
  if (mission.debut && mission.fin && mission.fin < mission.debut) here.at(['fin'], 'dates_incoherentes', { debut: mission.debut, fin: mission.fin });
  if (started && mission.equipe.length === 0) here.at(['equipe'], 'equipe_vide', { statut: mission.statut });
  if (mission.statut === 'terminee' && !mission.bilan) here.at(['statut'], 'bilan_manquant');
  if (mission.statut === 'abandonnee' && !mission.abandon) here.at(['statut'], 'abandon_incomplet');
  if (mission.abandon && mission.fin && mission.abandon.date > mission.fin) here.at(['abandon', 'date'], 'abandon_apres_fin', { date: frenchDate(mission.abandon.date), fin: frenchDate(mission.fin) });

  const seen = new Set<string>();
  mission.equipe.forEach((member, i) => {
    if (seen.has(member.prestataire)) here.at(['equipe', i, 'prestataire'], 'equipe_doublon', { prestataire: member.prestataire });
    seen.add(member.prestataire);
    if (!registry.prestataires.has(member.prestataire) && !invalid.prestataires.has(member.prestataire)) {
      here.at(['equipe', i, 'prestataire'], 'prestataire_inconnu', { id: member.prestataire, suggestion: suggest(member.prestataire, ids.prestataires) });
    }
  });

  mission.livrables.forEach((livrable, i) => {
    (livrable.auteurs ?? []).forEach((id, j) => {
      if (!seen.has(id)) here.at(['livrables', i, 'auteurs', j], 'livrable_auteur_hors_equipe', { id, titre: livrable.titre });
    });
  });

  const { portage } = mission;
  if (portage.type !== 'reseau') {
    if (portage.chef_de_file && !registry.prestataires.has(portage.chef_de_file) && !invalid.prestataires.has(portage.chef_de_file)) {
      here.at(['portage', 'chef_de_file'], 'prestataire_inconnu', { id: portage.chef_de_file, suggestion: suggest(portage.chef_de_file, ids.prestataires) });
    }
    if (!portage.chef_de_file && started) here.at(['portage'], 'chef_de_file_manquant', { type: portage.type });
    else if (portage.chef_de_file && mission.equipe.length > 0 && !seen.has(portage.chef_de_file)) here.at(['portage', 'chef_de_file'], 'chef_de_file_hors_equipe', { id: portage.chef_de_file });
  } else if (!portage.justification) {
    here.at(['portage'], 'portage_justification');
  }
}

/** What the rules of the mission (those in force when it started) say of it: dates, portage criteria, membership, budget. */
function checkMissionRules(here: FileProblems, mission: Mission, context: CheckContext): void {
  const { registry, invalid, date, reglesData } = context;
  const reference = missionReferenceDate(mission) ?? date;
  const regles = rulesOn(reglesData, reference);
  if (!regles) {
    if (registry.regles.length > 0 || invalid.regles.size === 0) here.at([mission.debut ? 'debut' : 'statut'], 'regles_absentes', { date: reference });
    return;
  }
  tooEarly(here, regles, [[['date_appel'], mission.date_appel], [['debut'], mission.debut], [['fin'], mission.fin]]);
  const criteria = regles.portage.criteres.map((c) => c.id);
  const check = portageCheck(mission, regles);
  for (const unknown of check.criteres_inconnus) {
    here.at(['portage', 'criteres', mission.portage.criteres.indexOf(unknown)], 'portage_critere_inconnu', {
      id: unknown,
      suggestion: suggest(unknown, criteria),
      possibles: criteria.join(', '),
    });
  }
  if (!check.conforme) {
    here.at(['portage', 'criteres'], 'portage_criteres', { nombre: check.criteres_remplis.length, minimum: check.minimum, possibles: criteria.join(', ') });
  }
  checkTeamMembership(here, mission, regles, registry);
  checkTeamCircle(here, mission, regles, context);
  checkSolidarityData(here, mission, regles);
  if ((mission.statut === 'en_cours' || mission.statut === 'attribuee') && mission.fin && mission.fin < date) {
    here.at(['fin'], 'mission_fin_depassee', { statut: mission.statut, fin: frenchDate(mission.fin), date: frenchDate(date) });
  }
  const budget = missionBudget(mission, regles);
  if (mission.budget_eur > 0 && mission.equipe.length > 0 && budget.ecart_budget_eur !== 0) {
    here.at(['budget_eur'], 'budget_ecart', {
      budget: frenchAmount(mission.budget_eur),
      honoraires: frenchAmount(budget.total_roles_eur),
      pot: frenchAmount(budget.solidarite.pot_eur),
      ecart: frenchAmount(budget.ecart_budget_eur),
    });
  }
}

// PLIHON, 5 Feb 2024: « dans tous les cas, les parties prenantes doivent adhérer » ; « tu
// veux accéder aux infos sur les marchés qui passent par la Cie ? tu adhères au tarif
// spécial acteur économique ». Warnings: a missing renewal never blocks the registry.
function checkTeamMembership(here: FileProblems, mission: Mission, regles: Regles, registry: Registry): void {
  if (!regles.adhesion.obligatoire_pour_equipe || !mission.debut) return;
  const debut = mission.debut;
  mission.equipe.forEach((member, i) => {
    const prestataire = registry.prestataires.get(member.prestataire)?.data;
    if (!prestataire) return;
    const held = prestataire.adhesions.filter((a) => a.du <= debut && debut <= a.au);
    if (held.length === 0) {
      here.at(['equipe', i, 'prestataire'], 'adhesion_manquante', { prestataire: member.prestataire, date: frenchDate(debut) });
    } else if (mission.date_appel && !held.some((a) => a.tarif === regles.adhesion.tarif_appels)) {
      here.at(['equipe', i, 'prestataire'], 'adhesion_tarif_appels', { prestataire: member.prestataire, tarif: ADHESION_TARIF_LABELS[regles.adhesion.tarif_appels], date: frenchDate(debut) });
    }
  });
}

/**
 * The solidarity pool is split by distance or by declared travel costs: a beneficiary
 * without that figure gets nothing from it, and the pool goes to « reste » unnoticed.
 * Say so, on the member's line.
 */
function checkSolidarityData(here: FileProblems, mission: Mission, regles: Regles): void {
  const rule = regles.marge_solidarite;
  const field = rule.repartition === 'distance' ? 'distance_km' : rule.repartition === 'frais_declares' ? 'frais_deplacement_eur' : null;
  if (!field || rule.par_jour_eur === 0) return;
  mission.equipe.forEach((member, i) => {
    if (rule.beneficiaires.includes(member.role) && member[field] === undefined) {
      here.at(['equipe', i, 'prestataire'], 'solidarite_donnee_manquante', { prestataire: member.prestataire, champ: field, repartition: rule.repartition });
    }
  });
}

/**
 * What « hors du cercle » entails for a new team, as the rules of the mission say: each
 * member out of the circle the day before the mission starts (or today, for a mission that
 * starts later) is reported: a warning, or an error when the rules refuse them. Known
 * limit: a member who falls out of the circle between today and a later start is refused
 * only once the start has passed.
 */
function checkTeamCircle(here: FileProblems, mission: Mission, regles: Regles, { registry, date, declarationsOf }: CheckContext): void {
  const debut = mission.debut;
  if (!debut || mission.statut === 'appel') return;
  const code = regles.cercle.nouvelles_equipes === 'refuser' ? 'equipe_hors_cercle_refusee' : 'equipe_hors_cercle';
  // A team that starts later is judged now, when it is put together: the warning (or the
  // refusal) comes with the change that adds the member, not on the day the mission starts.
  const eve = debut > date ? date : addDays(debut, -1);
  mission.equipe.forEach((member, i) => {
    const prestataire = registry.prestataires.get(member.prestataire)?.data;
    if (!prestataire) return;
    // The day before the start: a mission is not judged by its own team. Only this
    // provider's declarations are looked at (never the whole registry per member).
    const before = situationOn(prestataire, registry, eve, declaredBy(registry, eve, declarationsOf(member.prestataire)));
    if (!before.cercle.hors_cercle) return;
    here.at(['equipe', i, 'prestataire'], code, { prestataire: member.prestataire, debut: frenchDate(debut), raison: midSentence(before.cercle.raisons[0] ?? ''), regle: ruleId(regles, 'cercle') });
  });
}

// --- Providers' standing ----------------------------------------------------------------

// Soft rules, from the same function that computes situations, so that validate
// and figures agree: declarations due after a mission ends, and membership.
function standingProblems({ registry, date, reglesData }: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const declared = declaredBy(registry, date);
  const needed = rulesOn(reglesData, date)?.adhesion.obligatoire_pour_equipe;
  for (const entry of registry.prestataires.values()) {
    const situation = situationOn(entry.data, registry, date, declared);
    const { adhesion } = situation;
    if (needed && !situation.parti_le && (adhesion.statut === 'adhesion_echue' || (adhesion.statut === 'jamais_adherent' && missionsOf(registry, entry.data.id).length > 0))) {
      problemsIn(entry, problems).at(['adhesions'], 'adhesion_absente', { prestataire: entry.data.id, date: frenchDate(date), raison: adhesion.raison });
    }
    for (const missing of situation.reciprocite.manquantes) {
      const mission = registry.missions.get(missing.mission)!;
      const index = mission.data.equipe.findIndex((m) => m.prestataire === entry.data.id);
      const code = missing.statut === 'a_declarer' ? 'declaration_a_faire' : missing.statut === 'en_retard' ? 'declaration_en_retard' : 'declaration_defaillante';
      problemsIn(mission, problems).at(['equipe', index, 'prestataire'], code, {
        prestataire: entry.data.id,
        mission: missing.mission,
        echeance: frenchDate(missing.echeance),
        dernier_delai: frenchDate(missing.dernier_delai),
      });
    }
  }
  return problems;
}

// --- Declarations -----------------------------------------------------------------------

function declarationProblems(context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  /** Mission budgets by id, computed once for all the team's declarations. */
  const budgets = new Map<string, ReturnType<typeof missionBudget>>();
  for (const entry of context.registry.declarations) {
    const here = problemsIn(entry, problems);
    for (const [at, raw] of undecimalAmounts(entry.yamlText)) problems.push(makeProblem(entry.file, at, 'montant_ecriture', { recu: raw }));
    checkDeclarationReferences(here, entry.data, context);
    const declared = declaredMission(here, entry.data, context);
    if (declared) checkDeclarationRules(here, entry.data, declared, context, budgets);
  }
  return problems;
}

/** The provider, the date and the commons a declaration names, and what each commons accepts. */
function checkDeclarationReferences(here: FileProblems, declaration: Declaration, { registry, invalid, date, ids }: CheckContext): void {
  if (!registry.prestataires.has(declaration.prestataire) && !invalid.prestataires.has(declaration.prestataire)) {
    here.at(['prestataire'], 'prestataire_inconnu', { id: declaration.prestataire, suggestion: suggest(declaration.prestataire, ids.prestataires) });
  }
  if (declaration.date > date) here.at(['date'], 'declaration_date_future', { date: frenchDate(declaration.date), reference: frenchDate(date) });
  // An amendment keeps the first date (lateness counts from it) and says when it was made.
  const modified = declaration.modifiee_le;
  if (modified !== undefined && modified < declaration.date) {
    here.at(['modifiee_le'], 'modification_avant_declaration', { modifiee: frenchDate(modified), date: frenchDate(declaration.date) });
  } else if (modified !== undefined && modified > date) {
    here.at(['modifiee_le'], 'modification_future', { modifiee: frenchDate(modified), reference: frenchDate(date) });
  }

  const checkCommun = (path: Array<string | number>, id: string) => {
    if (!registry.communs.has(id) && !invalid.communs.has(id)) {
      here.at(path, 'commun_inconnu', { id, suggestion: suggest(id, ids.communs) });
      return false;
    }
    return registry.communs.has(id);
  };
  /** A contribution dated after the commons closed: a slip of the date or of the commons, or a reopening to record. */
  const checkOpen = (path: Array<string | number>, c: { commun: string; date: string }) => {
    const fermeture = registry.communs.get(c.commun)?.data.fermeture;
    if (fermeture && c.date > fermeture.le) here.at(path, 'contribution_apres_fermeture', { commun: c.commun, date: frenchDate(c.date), fermeture: frenchDate(fermeture.le) });
  };
  declaration.communs_utilises.forEach((c, i) => checkCommun(['communs_utilises', i, 'commun'], c.commun));
  declaration.contributions_nature.forEach((c, i) => {
    if (checkCommun(['contributions_nature', i, 'commun'], c.commun)) checkOpen(['contributions_nature', i, 'date'], c);
  });
  declaration.contributions_argent.forEach((c, i) => {
    if (!checkCommun(['contributions_argent', i, 'commun'], c.commun)) return;
    checkOpen(['contributions_argent', i, 'date'], c);
    if (!registry.communs.get(c.commun)!.data.contribution_argent.accepte) {
      here.at(['contributions_argent', i, 'commun'], 'argent_refuse', { commun: c.commun });
    }
    if (c.statut === 'promis' && c.date < date) {
      here.at(['contributions_argent', i, 'statut'], 'promesse_echue', { montant: frenchAmount(c.montant_eur), commun: c.commun, date: frenchDate(c.date) });
    }
    if (c.statut === 'verse' && c.date > date) {
      here.at(['contributions_argent', i, 'date'], 'versement_futur', { date: frenchDate(c.date), reference: frenchDate(date) });
    }
  });
}

/**
 * The mission a declaration is for, with the declarant's place in its team and the rules
 * of its start; null, once said why, when the rules cannot judge it (unknown mission or
 * provider, declarant outside the team, mission not started).
 */
function declaredMission(
  here: FileProblems,
  declaration: Declaration,
  { registry, invalid, date, reglesData, ids }: CheckContext,
): { mission: Mission; jours: number; regles: Regles } | null {
  const missionEntry = registry.missions.get(declaration.mission);
  if (!missionEntry) {
    if (!invalid.missions.has(declaration.mission)) {
      here.at(['mission'], 'mission_inconnue', { id: declaration.mission, suggestion: suggest(declaration.mission, ids.missions) });
    }
    return null;
  }
  const mission = missionEntry.data;
  if (!registry.prestataires.has(declaration.prestataire)) return null;
  const member = mission.equipe.find((m) => m.prestataire === declaration.prestataire);
  if (!member) {
    here.at(['prestataire'], 'declarant_hors_equipe', { prestataire: declaration.prestataire, mission: mission.id });
    return null;
  }
  if (mission.statut === 'appel' || mission.statut === 'attribuee' || !mission.debut) {
    here.at(['mission'], 'mission_pas_en_cours', { mission: mission.id, statut: mission.statut });
    return null;
  }
  if (mission.debut > date) {
    here.at(['mission'], 'mission_non_commencee', { mission: mission.id, raison: `début le ${frenchDate(mission.debut)}` });
    return null;
  }
  if (declaration.date < mission.debut) {
    here.at(['date'], 'declaration_avant_debut', { date: frenchDate(declaration.date), debut: frenchDate(mission.debut) });
  }
  checkCompletion(here, declaration, mission);
  const regles = rulesOn(reglesData, mission.debut);
  return regles ? { mission, jours: member.jours, regles } : null;
}

/**
 * completee_le, the day a provisional declaration (made before the mission's end) was first
 * completed after the end, is the day it counts (rules.ts finalDeclarationDate): it lies
 * between the end and the last modification, and only a provisional declaration has one.
 */
function checkCompletion(here: FileProblems, declaration: Declaration, mission: Mission): void {
  const completed = declaration.completee_le;
  if (completed === undefined) return;
  const last = declaration.modifiee_le;
  const detail =
    !mission.fin || declaration.date >= mission.fin
      ? `la déclaration (${frenchDate(declaration.date)}) n’a pas été faite avant la fin de la mission${mission.fin ? ` (${frenchDate(mission.fin)})` : ''}, elle n’était pas provisoire`
      : completed < mission.fin
        ? `c’est avant la fin de la mission (${frenchDate(mission.fin)})`
        : !last || completed > last
          ? `c’est après la dernière modification (${last ? `modifiee_le : ${frenchDate(last)}` : 'modifiee_le absent'})`
          : null;
  if (detail) here.at(['completee_le'], 'completion_incoherente', { completee: frenchDate(completed), detail });
}

/** Plausible figures, and the reciprocity given against the reciprocity expected on a finished mission. */
function checkDeclarationRules(
  here: FileProblems,
  declaration: Declaration,
  { mission, jours, regles }: { mission: Mission; jours: number; regles: Regles },
  { date }: CheckContext,
  budgets: Map<string, ReturnType<typeof missionBudget>>,
): void {
  checkPlausible(here, declaration, mission, jours, regles);
  if (!budgets.has(mission.id)) budgets.set(mission.id, missionBudget(mission, regles));
  const expected = budgets.get(mission.id)!.membres.find((m) => m.prestataire === declaration.prestataire)!.reciprocite_attendue_eur;
  const value = declaredValue(declaration, regles, date);
  const given = value.total_eur;
  if (mission.statut === 'terminee' && given < expected) {
    here.at(['prestataire'], 'reciprocite_insuffisante', {
      prestataire: declaration.prestataire,
      mission: mission.id,
      declare: frenchAmount(given),
      attendu: frenchAmount(expected),
      echu: value.promesse_echue_eur > 0 ? ` (sans compter ${frenchAmount(value.promesse_echue_eur)} € promis pour une date passée et pas versés)` : '',
    });
  }
}

// --- Plausible figures ------------------------------------------------------------------
// Bounds are rule data (regles/<date>.yaml#plausibilite), taken from the rules of the
// mission, and relative to the mission (its budget, its days, its end), never to the
// reference date: time alone never makes a valid registry invalid.

const rulesFile = (regles: Regles) => `regles/${regles.en_vigueur_depuis}.yaml`;

/** Dates (path, value) before the rules' earliest plausible year: 0000-01-01 is a valid ISO date, not a plausible one. */
function tooEarly(here: FileProblems, regles: Regles, dates: Array<[path: Array<string | number>, value: string | undefined]>): void {
  const min = regles.plausibilite.annee_min;
  for (const [path, value] of dates) {
    if (value && yearOf(value) < min) {
      here.at(path, 'date_improbable', { champ: String(path.at(-1)), annee: value.slice(0, 4), min, regles: rulesFile(regles) });
    }
  }
}

/** The same day some years later (29 February falls back to the 28th). */
function yearsAfter(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const later = `${year}${date.slice(4)}`;
  const y = Number(year);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return later.endsWith('-02-29') && !leap ? `${year}-02-28` : later;
}

function checkPlausible(here: FileProblems, declaration: Declaration, mission: Mission, jours: number, regles: Regles): void {
  const bounds = regles.plausibilite;
  const regle = rulesFile(regles);
  tooEarly(here, regles, [
    [['date'], declaration.date],
    ...declaration.contributions_argent.map((c, i) => [['contributions_argent', i, 'date'], c.date] as [Array<string | number>, string]),
    ...declaration.contributions_nature.map((c, i) => [['contributions_nature', i, 'date'], c.date] as [Array<string | number>, string]),
  ]);

  // A gift larger than a share of the mission's budget is a typo (a zero too many) far more often than generosity.
  const money = declaration.contributions_argent.reduce((sum, c) => sum + c.montant_eur, 0);
  const moneyBound = (mission.budget_eur * bounds.argent_part_budget_max_pct) / 100;
  if (mission.budget_eur > 0 && money > moneyBound + 1e-9) {
    here.at(['contributions_argent'], 'argent_disproportionne', {
      total: frenchAmount(money),
      pct: bounds.argent_part_budget_max_pct,
      mission: mission.id,
      budget: frenchAmount(mission.budget_eur),
      borne: frenchAmount(moneyBound),
      regles: regle,
    });
  }

  const hours = declaration.contributions_nature.reduce((sum, c) => sum + c.heures, 0);
  const hoursBound = jours * bounds.heures_par_jour_max;
  if (hours > hoursBound + 1e-9) {
    here.at(['contributions_nature'], 'heures_disproportionnees', {
      heures: hours,
      max: bounds.heures_par_jour_max,
      prestataire: declaration.prestataire,
      jours,
      borne: hoursBound,
      regles: regle,
    });
  }

  // A promise is kept within some years of the mission, never decades ahead.
  const since = mission.fin ?? mission.debut;
  if (since) {
    const limit = yearsAfter(since, bounds.promesse_annees_max);
    declaration.contributions_argent.forEach((c, i) => {
      if (c.statut === 'promis' && c.date > limit) {
        here.at(['contributions_argent', i, 'date'], 'promesse_lointaine', {
          commun: c.commun,
          date: frenchDate(c.date),
          annees: bounds.promesse_annees_max,
          repere: mission.fin ? 'la fin' : 'le début',
          depuis: frenchDate(since),
          limite: frenchDate(limit),
          regles: regle,
        });
      }
    });
  }
}

// YAML reads 1e3, 0x10, .5, +5 or 0150 as numbers: the schema sees 1000, 16, 0.5... A
// contributor who meant something else would not notice, so amounts are written as plain
// decimals. A linear scan of the raw text (block and flow style); quoted values are
// strings, which the schema already refuses.
const AMOUNT = /(?<=^|[\s{,])montant_eur[ \t]*:[ \t]*([^\s,}\]#]+)/g;
const NUMBER_LIKE = /^[-+]?(?:\.|\d)/;
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

function undecimalAmounts(text: string): Array<[{ line: number; column: number }, string]> {
  const found: Array<[{ line: number; column: number }, string]> = [];
  for (const match of text.matchAll(AMOUNT)) {
    const raw = match[1];
    if (!NUMBER_LIKE.test(raw) || PLAIN_DECIMAL.test(raw)) continue;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    found.push([{ line, column: match.index - before.lastIndexOf('\n') }, raw]);
  }
  return found;
}
