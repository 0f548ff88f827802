// « Comment c'est calculé » : every judged figure of a mission or a provider written
// out as arithmetic on the real numbers, with the rule that produced it, so that a
// person judged by the site can redo the sum by hand. Pure text from the figures
// document: nothing is recomputed here, numbers are only written out.
import type { Regles } from '../../../schemas/regles.ts';
import { addDays as addDaysText, frenchDate } from '../registry/dates.ts';
import { count, euros as eur } from '../registry/french.ts';
import type { MemberFigures, MissionFigures, PrestataireFigures } from './figures.ts';
import type { Registry } from '../registry/registry.ts';
import { bracketParts, ruleId, type MissionBudget } from './rules.ts';

export interface Explanation {
  titre: string;
  /** One line of arithmetic each. */
  lignes: string[];
  /** The rule id ("2024-04-01#delais"), linked to /regles/. */
  regle: string | null;
}

const num = (n: number) => String(n).replace('.', ',');
const ROLE_WORDS = { plancher: 'plancher', animation: 'animation', coordination: 'coordination' } as const;
/** How each split of the solidarity pool reads in a sentence (also on /regles/). */
export const SPLIT_WORDS: Record<Regles['marge_solidarite']['repartition'], string> = {
  prorata_jours: 'au prorata des jours',
  egale: 'à parts égales',
  frais_declares: 'selon les frais de déplacement déclarés',
  distance: 'au prorata des jours × kilomètres (plus à ceux qui viennent de plus loin)',
};
const rounding = (step: number) => (step === 1 ? 'à l’euro' : step === 0.01 ? 'au centime' : `à ${num(step)} €`);

/**
 * The arithmetic of a budget: fees by role, the solidarity pool, the budget against them,
 * and the expected reciprocity with each member's share. A mission's page shows it, and
 * the calculator (/calculer/, npm run calculer) for a team still to be quoted.
 */
export function explainBudget(b: MissionBudget, regles: Regles, who: (prestataire: string) => string, { appel = false, budget = 'déclaré' } = {}): Explanation[] {
  const out: Explanation[] = [];
  if (b.roles.length > 0) {
    out.push({
      titre: 'Honoraires selon les tarifs',
      lignes: [...b.roles.map((r) => `${ROLE_WORDS[r.role]} : ${num(r.jours)} j × ${eur(r.tarif_jour_eur)} = ${eur(r.montant_eur)}`), `total : ${eur(b.total_roles_eur)}`],
      regle: b.regles.tarifs,
    });
  }
  const pool = b.solidarite;
  const poolLines =
    pool.pot_eur === 0
      ? [b.membres.length === 0 ? 'Pas encore d’équipe : pas de pot pour l’instant.' : `Aucun membre ${pool.beneficiaires.map((r) => ROLE_WORDS[r]).join(' ni ')} dans l’équipe : pas de pot.`]
      : [
          `${eur(pool.par_jour_eur)} × ${num(pool.jours)} jours ${pool.base === 'jours_equipe' ? 'de l’équipe' : pool.beneficiaires.map((r) => ROLE_WORDS[r]).join(', ')} = ${eur(pool.pot_eur)}, partagés ${SPLIT_WORDS[pool.repartition]}${pool.plafond_par_jour_eur !== null && pool.repartition === 'frais_declares' ? ` (au plus ${eur(pool.plafond_par_jour_eur)} par jour)` : ''} :`,
          ...b.membres.filter((x) => x.part_solidarite_eur > 0).map((x) => `${who(x.prestataire)} : ${eur(x.part_solidarite_eur)}`),
          `reste ${eur(pool.reste_eur)} : ${pool.reste === 'reseau' ? 'versé au réseau' : 'non facturé au client'}`,
        ];
  out.push({ titre: 'Marge de solidarité (déplacements)', lignes: poolLines, regle: b.regles.solidarite });
  out.push({
    titre: 'Budget',
    // Without a team there are no fees yet to compare the budget with.
    lignes: b.membres.length === 0 ? [`${eur(b.budget_eur)} annoncé ; pas encore d’équipe : les honoraires selon les tarifs se calculeront avec elle`] : [
      `${eur(b.budget_eur)} ${budget} ; honoraires ${eur(b.total_roles_eur)} + marge ${eur(pool.pot_eur)} = ${eur(b.total_roles_eur + pool.pot_eur)}`,
      b.budget_eur === 0
        ? 'compagnonnage non facturé (budget 0) : rien n’est attendu, et il n’y a pas d’écart à expliquer'
        : b.ecart_budget_eur === 0
          ? 'le budget correspond aux règles'
          : `écart non expliqué par les règles : ${eur(b.ecart_budget_eur)}`,
    ],
    regle: b.regles.tarifs,
  });
  const parts = bracketParts(b.base_reciprocite_eur, regles);
  out.push({
    titre: appel ? 'Réciprocité qui sera attendue si la mission se fait' : 'Réciprocité attendue',
    lignes: [
      pool.dans_base_reciprocite
        ? `base : le budget, ${eur(b.base_reciprocite_eur)}`
        : `base : budget ${eur(b.budget_eur)} − marge ${eur(pool.pot_eur)} = ${eur(b.base_reciprocite_eur)} (la marge paie des frais)`,
      parts.length === 0 ? 'rien n’est attendu sur une base nulle' : `${parts.map((p) => `${num(p.taux_pct)} % × ${eur(p.assiette_eur)}`).join(' + ')} = ${eur(b.reciprocite_exacte_eur)}`,
      `arrondi ${rounding(b.arrondi_eur)} : ${eur(b.reciprocite_attendue_eur)}, dont ${num(regles.reciprocite.part_reseau_pct)} % pour le réseau : ${eur(b.part_reseau_attendue_eur)}`,
      ...b.membres.map(
        (x) =>
          `${who(x.prestataire)} : ${eur(b.reciprocite_attendue_eur)} × ${eur(x.montant_eur)} / ${eur(b.total_roles_eur)} → ${eur(x.reciprocite_attendue_eur)}`,
      ),
      b.membres.length > 1
        ? `les parts, arrondies ${rounding(b.arrondi_eur)} elles aussi, font exactement ${eur(b.reciprocite_attendue_eur)} (réseau : ${eur(b.part_reseau_attendue_eur)}) : ce qui reste après l’arrondi inférieur va, ${b.arrondi_eur === 1 ? 'euro par euro' : b.arrondi_eur === 0.01 ? 'centime par centime' : `par ${num(b.arrondi_eur)} €`}, aux plus grands restes (à égalité, par ordre alphabétique des prestataires)`
        : null,
    ].filter((line): line is string => line !== null),
    regle: b.regles.reciprocite,
  });
  return out;
}

/** The arithmetic of a mission: fees, pool, budget, expected reciprocity and each member's share. */
export function explainMission(m: MissionFigures, registry: Registry): Explanation[] {
  const b = m.budget;
  if (!b) return [];
  const regles = registry.regles.find((r) => r.data.en_vigueur_depuis === m.regles)!.data;
  const who = (id: string) => registry.prestataires.get(id)?.data.nom ?? id;
  const out = explainBudget(b, regles, who, { appel: m.statut === 'appel' });
  const finished = m.membres.find((x) => x.echeance || x.tardive || x.manque_eur !== null);
  const mission = registry.missions.get(m.id)!.data;
  if (finished && mission.fin) {
    out.push({
      titre: 'Délais de déclaration',
      lignes: [
        `fin le ${frenchDate(mission.fin)} + ${regles.delais.declaration_jours} jours : à déclarer au plus tard le ${frenchDate(addDaysText(mission.fin, regles.delais.declaration_jours))}`,
        `fin + ${regles.delais.hors_cercle_jours} jours : défaillant après le ${frenchDate(addDaysText(mission.fin, regles.delais.hors_cercle_jours))}`,
      ],
      regle: ruleId(regles, 'delais'),
    });
  }
  return out;
}

/** A rate as the site shows it, to the tenth, half up: 2 / 3 → « 66,7 % », never floored to 66. */
export function ratePercent(ratio: number): string {
  const tenths = Math.round(ratio * 1000 + 1e-9);
  return `${Math.floor(tenths / 10)}${tenths % 10 === 0 ? '' : `,${tenths % 10}`}\u00a0%`;
}

/**
 * Hours in kind and what they count for, with the value of an hour the rules set
 * (regles.valeur_heure_nature_eur, the same for every line of one declaration):
 * « 4 h en nature à 40 € l’heure (160 €) ».
 */
export function inKindValue(heures: number, valeur_eur: number): string {
  return heures > 0 ? `${num(heures)} h en nature à ${eur(Math.round((valeur_eur / heures) * 100) / 100)} l’heure (${eur(valeur_eur)})` : `0 h en nature (${eur(0)})`;
}

/**
 * One member's expected share of a mission and what their declaration gives, in one line:
 * « attendu 50 € = 500 € attendus de la mission × … ; donné 60 € = versé … ; manque … ».
 * The provider's page and the yearly attestation both write it.
 */
export function expectedAndGiven(mf: MissionFigures, me: MemberFigures): string {
  const d = me.declare;
  const given = d
    ? `donné ${eur(d.total_eur)} = versé ${eur(d.verse_eur)} + promis ${eur(d.promis_eur)} + ${inKindValue(d.nature_heures, d.nature_eur)}${d.promesse_echue_eur > 0 ? ` ; promesse échue non comptée : ${eur(d.promesse_echue_eur)}` : ''}`
    : 'rien de déclaré';
  const b = mf.budget;
  const share =
    b && b.total_roles_eur > 0
      ? ` = ${eur(b.reciprocite_attendue_eur)} attendus de la mission × ${eur(me.montant_eur)} d’honoraires / ${eur(b.total_roles_eur)} pour l’équipe (calcul de la mission sur sa page)`
      : '';
  return `attendu ${eur(me.reciprocite_attendue_eur)}${share} ; ${given}${me.manque_eur !== null && me.manque_eur > 0 ? ` ; manque ${eur(me.manque_eur)} (échéance passée)` : ''}`;
}

/** The arithmetic of a provider: membership, each finished mission, the declaration rate and the circle. */
export function explainPrestataire(p: PrestataireFigures, missions: Map<string, MissionFigures>, registry: Registry): Explanation[] {
  const s = p.situation;
  const out: Explanation[] = [{ titre: 'Adhésion', lignes: [s.adhesion.raison], regle: s.adhesion.regle }];
  const title = (id: string) => registry.missions.get(id)?.data.titre ?? id;
  const finishedLines: string[] = [];
  const reciprocityRules = new Set<string>();
  for (const id of p.missions) {
    const mf = missions.get(id)!;
    const me = mf.membres.find((x) => x.prestataire === p.id)!;
    if (me.manque_eur === null) continue;
    if (mf.reciprocite.regle) reciprocityRules.add(mf.reciprocite.regle);
    finishedLines.push(`« ${title(id)} » : ${expectedAndGiven(mf, me)}`);
  }
  if (finishedLines.length > 0) {
    finishedLines.push(
      `total sur ${p.missions_terminees > 1 ? 'les ' : ''}${count(p.missions_terminees, 'mission terminée', 'missions terminées')} : attendu ${eur(p.reciprocite_attendue_eur)}, donné ${eur(p.reciprocite_declaree_eur)}, manque ${eur(p.manque_eur)}`,
    );
  }
  if (p.en_cours.missions > 0) {
    finishedLines.push(`à part, ${count(p.en_cours.missions, 'mission pas encore terminée', 'missions pas encore terminées')} : ${eur(p.en_cours.reciprocite_declaree_eur)} déjà déclarés`);
  }
  if (finishedLines.length > 0) out.push({ titre: 'Attendu et donné, sur les mêmes missions', lignes: finishedLines, regle: [...reciprocityRules].sort()[0] ?? null });
  const rate =
    p.declarations_dues === 0
      ? 'aucune déclaration n’est encore due (échéance passée) : pas de taux'
      : `${count(p.declarations_faites, 'faite')} sur ${count(p.declarations_dues, 'due')} (missions terminées dont l’échéance est passée) = ${ratePercent(p.declarations_faites / p.declarations_dues)} (arrondi au dixième)`;
  out.push({ titre: 'Déclarations', lignes: [rate, ...s.reciprocite.raisons], regle: s.reciprocite.regles[0] ?? null });
  out.push({
    titre: 'Cercle des prestataires',
    lignes: s.cercle.hors_cercle ? s.cercle.raisons : ['Dans le cercle : ni défaillance, ni adhésion échue au-delà du délai de grâce.'],
    regle: s.cercle.regles[0] ?? s.adhesion.regle?.replace('#adhesion', '#cercle') ?? null,
  });
  return out;
}
