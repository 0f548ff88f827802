// Checks across files: references, team membership, portage, and the soft rules
// (deadlines, expected reciprocity) reported as warnings.
import { makeProblem, problemsIn, type FileProblems, type Problem } from '../registry/problems.ts';
import type { Registry } from '../registry/registry.ts';
import type { Declaration } from '../../../schemas/declaration.ts';
import type { Mission } from '../../../schemas/mission.ts';
import type { Regles } from '../../../schemas/regles.ts';
import { suggest } from '../registry/schema-issues.ts';
import { declaredValue, missionBudget, missionReferenceDate, portageCheck, rulesOn } from './rules.ts';
import { frenchAmount, frenchDate, yearOf } from '../registry/dates.ts';

import { declaredBy, missionsOf, situationOn } from './standing.ts';
import { checkConfirmations } from './confirmations.ts';

export interface CheckOptions {
  date: string;
  /** Ids whose file exists but failed validation: not reported again as unknown. */
  invalid: Record<'prestataires' | 'missions' | 'communs' | 'declarations' | 'regles' | 'confirmations', Set<string>>;
}

export function checkRegistry(registry: Registry, { date, invalid }: CheckOptions): Problem[] {
  const problems: Problem[] = [];
  const reglesData = registry.regles.map((r) => r.data);
  const communIds = [...registry.communs.keys()];
  const prestataireIds = [...registry.prestataires.keys()];
  const missionIds = [...registry.missions.keys()];
  const declared = declaredBy(registry, date);

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
      here.at(['reseau'], 'commun_inconnu', { id: entry.data.reseau, suggestion: suggest(entry.data.reseau, communIds) });
    }
  }

  for (const entry of registry.missions.values()) {
    const mission = entry.data;
    const here = problemsIn(entry, problems);
    const started = mission.statut === 'en_cours' || mission.statut === 'terminee' || mission.statut === 'attribuee';
    if (started && !mission.debut) here.at(['statut'], 'date_manquante_statut', { statut: mission.statut, champ: 'debut' });
    if (mission.statut === 'terminee' && !mission.fin) here.at(['statut'], 'date_manquante_statut', { statut: mission.statut, champ: 'fin' });
    if (mission.debut && mission.fin && mission.fin < mission.debut) here.at(['fin'], 'dates_incoherentes', { debut: mission.debut, fin: mission.fin });
    if (started && mission.equipe.length === 0) here.at(['equipe'], 'equipe_vide', { statut: mission.statut });
    if (mission.statut === 'terminee' && !mission.bilan) here.at(['statut'], 'bilan_manquant');

    const seen = new Set<string>();
    mission.equipe.forEach((member, i) => {
      if (seen.has(member.prestataire)) here.at(['equipe', i, 'prestataire'], 'equipe_doublon', { prestataire: member.prestataire });
      seen.add(member.prestataire);
      if (!registry.prestataires.has(member.prestataire) && !invalid.prestataires.has(member.prestataire)) {
        here.at(['equipe', i, 'prestataire'], 'prestataire_inconnu', { id: member.prestataire, suggestion: suggest(member.prestataire, prestataireIds) });
      }
    });

    const { portage } = mission;
    if (portage.type !== 'reseau') {
      if (portage.chef_de_file && !registry.prestataires.has(portage.chef_de_file) && !invalid.prestataires.has(portage.chef_de_file)) {
        here.at(['portage', 'chef_de_file'], 'prestataire_inconnu', { id: portage.chef_de_file, suggestion: suggest(portage.chef_de_file, prestataireIds) });
      }
      if (!portage.chef_de_file && started) here.at(['portage'], 'chef_de_file_manquant', { type: portage.type });
      else if (portage.chef_de_file && mission.equipe.length > 0 && !seen.has(portage.chef_de_file)) here.at(['portage', 'chef_de_file'], 'chef_de_file_hors_equipe', { id: portage.chef_de_file });
    } else if (!portage.justification) {
      here.at(['portage'], 'portage_justification');
    }

    const reference = missionReferenceDate(mission) ?? date;
    const regles = rulesOn(reglesData, reference);
    if (!regles) {
      if (registry.regles.length > 0 || invalid.regles.size === 0) here.at([mission.debut ? 'debut' : 'statut'], 'regles_absentes', { date: reference });
      continue;
    }
    tooEarly(here, regles, [[['date_appel'], mission.date_appel], [['debut'], mission.debut], [['fin'], mission.fin]]);
    const criteria = regles.portage.criteres.map((c) => c.id);
    const check = portageCheck(mission, regles);
    for (const unknown of check.criteres_inconnus) {
      here.at(['portage', 'criteres', portage.criteres.indexOf(unknown)], 'portage_critere_inconnu', {
        id: unknown,
        suggestion: suggest(unknown, criteria),
        possibles: criteria.join(', '),
      });
    }
    if (!check.conforme) {
      here.at(['portage', 'criteres'], 'portage_criteres', { nombre: check.criteres_remplis.length, minimum: check.minimum, possibles: criteria.join(', ') });
    }
    // PLIHON, 5 Feb 2024: « dans tous les cas, les parties prenantes doivent adhérer » ; « tu
    // veux accéder aux infos sur les marchés qui passent par la Cie ? tu adhères au tarif
    // spécial acteur économique ». Warnings: a missing renewal never blocks the registry.
    if (regles.adhesion.obligatoire_pour_equipe && mission.debut) {
      mission.equipe.forEach((member, i) => {
        const prestataire = registry.prestataires.get(member.prestataire)?.data;
        if (!prestataire) return;
        const held = prestataire.adhesions.filter((a) => a.du <= mission.debut! && mission.debut! <= a.au);
        if (held.length === 0) {
          here.at(['equipe', i, 'prestataire'], 'adhesion_manquante', { prestataire: member.prestataire, date: frenchDate(mission.debut!) });
        } else if (mission.date_appel && !held.some((a) => a.tarif === regles.adhesion.tarif_appels)) {
          here.at(['equipe', i, 'prestataire'], 'adhesion_tarif_appels', { prestataire: member.prestataire, tarif: regles.adhesion.tarif_appels, date: frenchDate(mission.debut!) });
        }
      });
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

  // Soft rules, from the same function that computes situations, so that validate
  // and figures agree: declarations due after a mission ends, and membership.
  for (const entry of registry.prestataires.values()) {
    const situation = situationOn(entry.data, registry, date, declared);
    const { adhesion } = situation;
    const needed = rulesOn(reglesData, date)?.adhesion.obligatoire_pour_equipe;
    if (needed && (adhesion.statut === 'adhesion_echue' || (adhesion.statut === 'jamais_adherent' && missionsOf(registry, entry.data.id).length > 0))) {
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

  const budgets = new Map<string, ReturnType<typeof missionBudget>>();
  for (const entry of registry.declarations) {
    const declaration = entry.data;
    const here = problemsIn(entry, problems);
    for (const [at, raw] of undecimalAmounts(entry.yamlText)) problems.push(makeProblem(entry.file, at, 'montant_ecriture', { recu: raw }));
    const knownPrestataire = registry.prestataires.has(declaration.prestataire);
    if (!knownPrestataire && !invalid.prestataires.has(declaration.prestataire)) {
      here.at(['prestataire'], 'prestataire_inconnu', { id: declaration.prestataire, suggestion: suggest(declaration.prestataire, prestataireIds) });
    }
    if (declaration.date > date) here.at(['date'], 'declaration_date_future', { date: frenchDate(declaration.date), reference: frenchDate(date) });

    const checkCommun = (path: Array<string | number>, id: string) => {
      if (!registry.communs.has(id) && !invalid.communs.has(id)) {
        here.at(path, 'commun_inconnu', { id, suggestion: suggest(id, communIds) });
        return false;
      }
      return registry.communs.has(id);
    };
    declaration.communs_utilises.forEach((c, i) => checkCommun(['communs_utilises', i, 'commun'], c.commun));
    declaration.contributions_nature.forEach((c, i) => checkCommun(['contributions_nature', i, 'commun'], c.commun));
    declaration.contributions_argent.forEach((c, i) => {
      if (!checkCommun(['contributions_argent', i, 'commun'], c.commun)) return;
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

    const missionEntry = registry.missions.get(declaration.mission);
    if (!missionEntry) {
      if (!invalid.missions.has(declaration.mission)) {
        here.at(['mission'], 'mission_inconnue', { id: declaration.mission, suggestion: suggest(declaration.mission, missionIds) });
      }
      continue;
    }
    const mission = missionEntry.data;
    if (!knownPrestataire) continue;
    const member = mission.equipe.find((m) => m.prestataire === declaration.prestataire);
    if (!member) {
      here.at(['prestataire'], 'declarant_hors_equipe', { prestataire: declaration.prestataire, mission: mission.id });
      continue;
    }
    if (mission.statut === 'appel' || mission.statut === 'attribuee' || !mission.debut) {
      here.at(['mission'], 'mission_pas_en_cours', { mission: mission.id, statut: mission.statut });
      continue;
    }
    if (mission.debut > date) {
      here.at(['mission'], 'mission_non_commencee', { mission: mission.id, raison: `début le ${frenchDate(mission.debut)}` });
      continue;
    }
    if (declaration.date < mission.debut) {
      here.at(['date'], 'declaration_avant_debut', { date: frenchDate(declaration.date), debut: frenchDate(mission.debut) });
    }
    const regles = rulesOn(reglesData, mission.debut);
    if (!regles) continue;
    checkPlausible(here, declaration, mission, member.jours, regles);
    if (!budgets.has(mission.id)) budgets.set(mission.id, missionBudget(mission, regles));
    const expected = budgets.get(mission.id)!.membres.find((m) => m.prestataire === declaration.prestataire)!.reciprocite_attendue_eur;
    const given = declaredValue(declaration, regles, date).total_eur;
    if (mission.statut === 'terminee' && given < expected) {
      here.at(['prestataire'], 'reciprocite_insuffisante', {
        prestataire: declaration.prestataire,
        mission: mission.id,
        declare: frenchAmount(given),
        attendu: frenchAmount(expected),
      });
    }
  }
  problems.push(...checkConfirmations(registry, invalid, date));
  return problems;
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
