import type { Mission } from '../../schemas/mission.ts';
import type { Prestataire } from '../../schemas/prestataire.ts';
import { frenchDate } from './dates.ts';
import type { Registry } from './registry.ts';
import { dueDeclaration, isMemberOn, missionReferenceDate, ruleId, rulesOn, worstStanding, type DueDeclaration, type Standing } from './rules.ts';

export interface StandingReport {
  statut: Standing;
  /** Each reason in words, worst first. */
  raisons: string[];
  /** Declarations due and not made on the date. */
  manquantes: DueDeclaration[];
  /** True when the rules require membership and the provider holds none on the date. */
  adhesion_manquante: boolean;
  /** Ids of the rules that produced this standing. */
  regles: string[];
}

export const STANDING_LABELS: Record<Standing, string> = {
  a_jour: 'à jour',
  a_declarer: 'déclaration à faire',
  en_retard: 'en retard',
  hors_cercle: 'hors du cercle',
};

const teamIndex = new WeakMap<Registry, Map<string, Mission[]>>();

/** The missions each provider is in the team of, indexed once per registry. */
export function missionsOf(registry: Registry, prestataire: string): Mission[] {
  let index = teamIndex.get(registry);
  if (!index) {
    index = new Map();
    for (const { data: mission } of registry.missions.values()) {
      for (const member of mission.equipe) {
        const list = index.get(member.prestataire);
        if (list) list.push(mission);
        else index.set(member.prestataire, [mission]);
      }
    }
    teamIndex.set(registry, index);
  }
  return index.get(prestataire) ?? [];
}

/** Ids of declarations made on or before a date: "<prestataire>/<mission>". */
export function declaredBy(registry: Registry, date: string): Set<string> {
  return new Set(registry.declarations.filter((d) => d.data.date <= date).map((d) => `${d.data.prestataire}/${d.data.mission}`));
}

/**
 * Whether a provider is up to date on a date, and why: membership (PLIHON: every
 * party is a member) and declarations due after each finished mission (Simon
 * Sarazin: « si on sort du cercle ceux qui ne jouent pas le jeu »).
 */
export function standingOn(prestataire: Prestataire, registry: Registry, date: string, declared = declaredBy(registry, date)): StandingReport {
  const regles = registry.regles.map((r) => r.data);
  const statuses: Standing[] = [];
  const raisons: Array<[Standing, string]> = [];
  const ruleIds = new Set<string>();
  const manquantes: DueDeclaration[] = [];
  let adhesionManquante = false;

  const now = rulesOn(regles, date);
  if (now?.adhesion.obligatoire_pour_equipe) {
    ruleIds.add(ruleId(now, 'adhesion'));
    if (!isMemberOn(prestataire, date)) {
      statuses.push('hors_cercle');
      adhesionManquante = true;
      const last = [...prestataire.adhesions].sort((a, b) => a.au.localeCompare(b.au)).at(-1);
      raisons.push([
        'hors_cercle',
        last && last.au < date
          ? `Adhésion terminée le ${frenchDate(last.au)}, non renouvelée.`
          : last
            ? `Adhésion pas encore commencée (à partir du ${frenchDate(last.du)}).`
            : "Pas d'adhésion à l'association.",
      ]);
    }
  }

  for (const mission of missionsOf(registry, prestataire.id)) {
    if (declared.has(`${prestataire.id}/${mission.id}`)) continue;
    const reference = missionReferenceDate(mission);
    const rules = reference ? rulesOn(regles, reference) : undefined;
    if (!rules) continue;
    const due = dueDeclaration(mission, rules, date);
    if (!due) continue;
    ruleIds.add(due.regle);
    manquantes.push(due);
    statuses.push(due.statut);
    const text =
      due.statut === 'a_declarer'
        ? `Déclaration attendue pour « ${mission.titre} » avant le ${frenchDate(due.echeance)}.`
        : due.statut === 'en_retard'
          ? `Déclaration en retard pour « ${mission.titre} » (attendue avant le ${frenchDate(due.echeance)}).`
          : `Aucune déclaration pour « ${mission.titre} » plus de ${rules.delais.hors_cercle_jours} jours après sa fin (le ${frenchDate(due.fin)}).`;
    raisons.push([due.statut, text]);
  }

  const statut = worstStanding(statuses);
  const order: Standing[] = ['hors_cercle', 'en_retard', 'a_declarer'];
  const sorted = raisons.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([, text]) => text);
  if (sorted.length === 0) sorted.push('Adhésion à jour et toutes les déclarations dues sont faites.');
  return { statut, raisons: sorted, manquantes, adhesion_manquante: adhesionManquante, regles: [...ruleIds].sort() };
}
