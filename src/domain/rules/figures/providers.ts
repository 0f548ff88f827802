// Per provider: missions, declaration rate, money given against money expected on the
// same missions, in-kind hours, commons contributed to, and the situation (standing.ts).
import type { Declaration } from '../../../../schemas/declaration.ts';
import type { Prestataire } from '../../../../schemas/prestataire.ts';
import { cents, type DeclaredValue } from '../rules.ts';
import { missionsOf, situationOn, verdictOf } from '../standing.ts';
import { byId, type FiguresBasis } from './basis.ts';
import type { GivenFigures, MemberFigures, MissionFigures, PrestataireFigures } from './types.ts';
import { givenByYear } from './years.ts';

/** Every provider's figures, sorted by id, from the missions' figures. */
export function providerFigures(basis: FiguresBasis, missions: readonly MissionFigures[]): PrestataireFigures[] {
  const missionById = new Map(missions.map((m) => [m.id, m]));
  const declarationsBy = new Map<string, Declaration[]>();
  for (const d of basis.declarations) {
    const list = declarationsBy.get(d.prestataire);
    if (list) list.push(d);
    else declarationsBy.set(d.prestataire, [d]);
  }
  const prestataires = [...basis.registry.prestataires.values()].map(({ data: p }) =>
    figuresOfProvider(p, basis, missionById, declarationsBy.get(p.id) ?? []),
  );
  return prestataires.sort(byId);
}

function figuresOfProvider(
  p: Prestataire,
  { registry, date, declared }: FiguresBasis,
  missionById: Map<string, MissionFigures>,
  mineGiven: readonly Declaration[],
): PrestataireFigures {
  const own = missionsOf(registry, p.id).map((m) => missionById.get(m.id)!);
  const mine = (m: MissionFigures) => m.membres.find((x) => x.prestataire === p.id)!;
  // The same scope on both sides: what is expected and what was given, on the missions finished on the date.
  const isFinished = (m: MissionFigures) => mine(m).manque_eur !== null;
  const finished = own.filter(isFinished);
  const ongoing = own.filter((m) => !isFinished(m));
  const values = (list: MissionFigures[]) => list.map(mine);
  const sum = (list: MissionFigures[], pick: (m: MemberFigures) => number) => cents(list.reduce((s, m) => s + pick(mine(m)), 0));
  const communs = new Set([...mineGiven.flatMap((d) => d.contributions_argent.map((c) => c.commun)), ...mineGiven.flatMap((d) => d.contributions_nature.map((c) => c.commun))]);
  const situation = situationOn(p, registry, date, declared);
  const dueIds = new Set(situation.reciprocite.dues);
  const doneForDue = [...dueIds].filter((id) => declared.has(`${p.id}/${id}`)).length;
  return {
    id: p.id,
    nom: p.nom,
    missions: own.map((m) => m.id),
    missions_terminees: finished.length,
    declarations_dues: dueIds.size,
    declarations_faites: doneForDue,
    taux_declaration: dueIds.size > 0 ? Math.round((doneForDue / dueIds.size) * 10_000) / 10_000 : null,
    reciprocite_attendue_eur: sum(finished, (x) => x.reciprocite_attendue_eur),
    ...givenOn(values(finished)),
    manque_eur: sum(finished, (x) => x.manque_eur ?? 0),
    part_reseau_attendue_eur: sum(finished, (x) => x.part_reseau_attendue_eur),
    au_reseau_eur: sum(finished, (x) => x.declare?.au_reseau_eur ?? 0),
    en_cours: { missions: ongoing.length, ...givenOn(values(ongoing)) },
    // Their own deliverables only, never the whole team's (deliverableAuthors).
    livrables_ouverts: own.reduce((s, m) => s + mine(m).livrables_ouverts, 0),
    communs_contribues: [...communs].sort(),
    situation,
    verdict: verdictOf(situation),
    par_annee: givenByYear(mineGiven, date),
    regles: [...new Set(own.flatMap((m) => (m.regles ? [`${m.regles}#reciprocite`] : [])))].sort(),
  };
}

/** What a provider gave on a set of missions (their own line in each team). */
function givenOn(members: MemberFigures[]): GivenFigures {
  const values = members.map((m) => m.declare).filter((d): d is DeclaredValue => d !== null);
  const sum = (pick: (d: DeclaredValue) => number) => cents(values.reduce((s, d) => s + pick(d), 0));
  return {
    reciprocite_declaree_eur: sum((d) => d.total_eur),
    argent_verse_eur: sum((d) => d.verse_eur),
    argent_confirme_eur: cents(members.reduce((s, m) => s + m.confirme_eur, 0)),
    argent_promis_eur: sum((d) => d.promis_eur),
    promesses_echues_eur: sum((d) => d.promesse_echue_eur),
    nature_heures: sum((d) => d.nature_heures),
    nature_confirmee_heures: cents(members.reduce((s, m) => s + m.nature_confirmee_heures, 0)),
    nature_eur: sum((d) => d.nature_eur),
  };
}
