// Checks of the profiles against the rules: how many forge accounts a profile may list
// (who speaks for a provider or a commons is a maintainer's decision, and a few people,
// not hundreds: forge-trust.md, H2), and how long one membership period may last (an
// implausible period would keep a provider « adhérent » for ever). Both are facts of
// the files, never of the reference date: the most recent rules give the number of
// accounts (a profile has no date), the rules in force when a period starts its length.
import type { Regles } from '../../../schemas/regles.ts';
import { ADHESION_JOURS_MAX, COMPTES_FORGE_MAX } from '../../../schemas/shared.ts';
import { daysBetween, frenchDate } from '../registry/dates.ts';
import { problemsIn, type Problem } from '../registry/problems.ts';
import type { Registry } from '../registry/registry.ts';
import { rulesOn } from './rules.ts';

/** The number of accounts a profile may list: the most recent rules', or the default. */
function accountsMax(reglesData: readonly Regles[]): { max: number; source: string } {
  const latest = [...reglesData].sort((a, b) => a.en_vigueur_depuis.localeCompare(b.en_vigueur_depuis)).at(-1);
  return latest
    ? { max: latest.plausibilite.comptes_forge_max, source: `règles du ${frenchDate(latest.en_vigueur_depuis)}` }
    : { max: COMPTES_FORGE_MAX, source: 'valeur par défaut' };
}

export function profileProblems(registry: Registry, reglesData: readonly Regles[]): Problem[] {
  const problems: Problem[] = [];
  const { max, source } = accountsMax(reglesData);
  for (const entry of [...registry.prestataires.values(), ...registry.communs.values()]) {
    const count = entry.data.comptes_forge.length;
    if (count > max) problemsIn(entry, problems).at(['comptes_forge'], 'comptes_forge_trop_nombreux', { nombre: count, max, source });
  }
  for (const entry of registry.prestataires.values()) {
    entry.data.adhesions.forEach((period, i) => {
      const limit = rulesOn(reglesData, period.du)?.plausibilite.adhesion_jours_max ?? ADHESION_JOURS_MAX;
      const days = daysBetween(period.du, period.au) + 1;
      if (days > limit) {
        problemsIn(entry, problems).at(['adhesions', i, 'au'], 'adhesion_trop_longue', { du: frenchDate(period.du), au: frenchDate(period.au), jours: days, max: limit });
      }
    });
  }
  for (const entry of registry.prestataires.values()) {
    for (const [i, former] of (entry.data.anciens_ids ?? []).entries()) {
      const other = registry.prestataires.get(former);
      if (other) problemsIn(entry, problems).at(['anciens_ids', i], 'ancien_id_pris', { id: former, autre: other.file });
    }
  }
  // Nobody starts a mission after leaving the network.
  for (const entry of registry.missions.values()) {
    const debut = entry.data.debut;
    if (!debut) continue;
    entry.data.equipe.forEach((membre, i) => {
      const depart = registry.prestataires.get(membre.prestataire)?.data.depart;
      if (depart && depart.le < debut) {
        const nom = registry.prestataires.get(membre.prestataire)!.data.nom;
        problemsIn(entry, problems).at(['equipe', i, 'prestataire'], 'equipe_apres_depart', { nom, debut: frenchDate(debut), depart: frenchDate(depart.le) });
      }
    });
  }
  return problems;
}
