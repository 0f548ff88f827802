// Each person's deadlines (issue 23, point 5), for the calendar and news feeds of the site:
// a provider's declarations to make (at the end of each mission, then the last day before
// « défaillant ») and the end of their membership; a commons' payments to confirm (the day
// the confirmation is expected). Read from the figures: the same dates as the pages.
import type { Declaration } from '../../../schemas/declaration.ts';
import type { Regles } from '../../../schemas/regles.ts';
import { addDays, frenchDate } from '../registry/dates.ts';
import { euros } from '../registry/french.ts';
import type { Registry } from '../registry/registry.ts';
import type { Figures, MissionFigures, PrestataireFigures } from './figures.ts';
import { finalDeclarationDate, missionReferenceDate, ruleId, rulesOn } from './rules.ts';

export interface Deadline {
  /** Stable across builds: a calendar updates the event rather than adding another. */
  uid: string;
  /** The day (AAAA-MM-JJ). */
  date: string;
  titre: string;
  description: string;
  /** The page where it is done or explained, from the site's root. */
  chemin: string;
  /** The rule that sets the date. */
  regle: string | null;
}

const byDate = (a: Deadline, b: Deadline) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);

export interface Deadlines {
  prestataire(id: string): Deadline[];
  commun(id: string): Deadline[];
}

/**
 * Everyone's deadlines on the figures' date, indexed once (10,000 providers must not each
 * search every declaration): for a provider, for each mission of theirs with an end date
 * and a budget whose declaration is not made yet, the day it is due and the last day before
 * « défaillant », and the last day of their current membership; for a commons, each paid
 * line declared to it and not confirmed yet, on the day its confirmation is expected.
 */
export function deadlines(registry: Registry, figures: Figures): Deadlines {
  const declarations = new Map(registry.declarations.map((d) => [`${d.data.prestataire}/${d.data.mission}`, d.data]));
  const providers = new Map(figures.prestataires.map((p) => [p.id, p]));
  const missions = new Map(figures.missions.map((m) => [m.id, m]));
  const regles = registry.regles.map((r) => r.data);
  const toConfirm = new Map<string, Deadline[]>();
  const nameOf = (p: string) => registry.prestataires.get(p)?.data.nom ?? p;
  for (const mf of figures.missions) {
    for (const member of mf.membres) {
      const declaration = declarations.get(`${member.prestataire}/${mf.id}`);
      if (!declaration) continue;
      member.argent.forEach((state, i) => {
        const line = declaration.contributions_argent[i];
        if (!line || state.etat !== 'non_confirme' || !state.peut_confirmer || !state.echeance) return;
        const list = toConfirm.get(line.commun) ?? [];
        list.push({
          uid: `confirmation-${line.commun}-${member.prestataire}-${mf.id}-${i}`,
          date: state.echeance,
          titre: `Confirmer le versement de ${nameOf(member.prestataire)} (${euros(line.montant_eur)})`,
          description: `${nameOf(member.prestataire)} déclare avoir versé ${euros(line.montant_eur)} le ${frenchDate(line.date)} pour la mission « ${mf.titre} ». Les gardiens confirment ce qu’ils ont reçu dans content/confirmations/${line.commun}.yaml, au plus tard le ${frenchDate(state.echeance)}.`,
          chemin: `/communs/${line.commun}/`,
          regle: state.regle,
        });
        toConfirm.set(line.commun, list);
      });
    }
  }
  return {
    prestataire: (id) => providerDeadlines(registry, regles, figures.date_reference, providers.get(id), missions, declarations),
    commun: (id) => [...(toConfirm.get(id) ?? [])].sort(byDate),
  };
}

function providerDeadlines(
  registry: Registry,
  regles: readonly Regles[],
  date: string,
  provider: PrestataireFigures | undefined,
  missions: ReadonlyMap<string, MissionFigures>,
  declarations: ReadonlyMap<string, Declaration>,
): Deadline[] {
  if (!provider) return [];
  const id = provider.id;
  const out: Deadline[] = [];
  for (const missionId of provider.missions) {
    const mission = registry.missions.get(missionId)?.data;
    const mf = missions.get(missionId);
    const start = mission && missionReferenceDate(mission);
    const rules = start ? rulesOn(regles, start) : undefined;
    if (!mission || !mf || !rules || !mission.fin || mission.budget_eur === 0 || mission.statut === 'appel' || mission.statut === 'abandonnee') continue;
    const declaration = declarations.get(`${id}/${missionId}`);
    if (declaration && finalDeclarationDate(declaration, mission, date)) continue;
    const me = mf.membres.find((m) => m.prestataire === id);
    const expected = me ? ` (réciprocité attendue : ${euros(me.reciprocite_attendue_eur)})` : '';
    const due = addDays(mission.fin, rules.delais.declaration_jours);
    const last = addDays(mission.fin, rules.delais.hors_cercle_jours);
    const chemin = `/missions/${missionId}/`;
    out.push({
      uid: `declaration-${id}-${missionId}`,
      date: due,
      titre: `Déclarer la mission « ${mission.titre} »`,
      description: `Fin de la mission le ${frenchDate(mission.fin)} + ${rules.delais.declaration_jours} jours : déclarer les communs utilisés et ce qui leur a été rendu au plus tard le ${frenchDate(due)}${expected}.`,
      chemin,
      regle: ruleId(rules, 'delais'),
    });
    out.push({
      uid: `dernier-delai-${id}-${missionId}`,
      date: last,
      titre: `Dernier délai pour déclarer « ${mission.titre} »`,
      description: `Fin de la mission le ${frenchDate(mission.fin)} + ${rules.delais.hors_cercle_jours} jours : sans déclaration après le ${frenchDate(last)}, la situation devient « défaillant ».`,
      chemin,
      regle: ruleId(rules, 'delais'),
    });
  }
  const membership = provider.situation.adhesion;
  if (membership.statut === 'adherent' && membership.jusqu_au && !provider.situation.parti_le) {
    // A renewal already recorded carries the membership on: the deadline is the end of the chain.
    const periods = registry.prestataires.get(id)?.data.adhesions ?? [];
    let end = membership.jusqu_au;
    for (let next = periods.find((a) => a.du <= addDays(end, 1) && a.au > end); next; next = periods.find((a) => a.du <= addDays(end, 1) && a.au > end)) end = next.au;
    out.push({
      uid: `adhesion-${id}-${end}`,
      date: end,
      titre: 'Fin de l’adhésion au réseau',
      description: `L’adhésion court jusqu’au ${frenchDate(end)} inclus : la renouveler pour rester dans le cercle.`,
      chemin: `/prestataires/${id}/`,
      regle: membership.regle,
    });
  }
  return out.sort(byDate);
}
