// Per mission: the budget by role, who declared, what reciprocity the rules expect and
// what was declared, given and confirmed.
import type { Declaration } from '../../../../schemas/declaration.ts';
import type { Mission } from '../../../../schemas/mission.ts';
import type { Regles } from '../../../../schemas/regles.ts';
import { OPEN_LICENCE } from '../../../../schemas/shared.ts';
import { daysBetween, yearOf } from '../../registry/dates.ts';
import {
  cents,
  deadlinesOf,
  declaredValue,
  dueDeclaration,
  finalDeclarationDate,
  missionBudget,
  missionReferenceDate,
  portageCheck,
  ruleId,
  rulesOn,
  type DeclaredValue,
  type MissionBudget,
} from '../rules.ts';
import { byId, type FiguresBasis } from './basis.ts';
import type { MemberFigures, MissionFigures } from './types.ts';

/** What the members' figures look up, by `${prestataire}/${mission}`. */
interface MemberLookups {
  basis: FiguresBasis;
  declarationOf: Map<string, Declaration>;
  /** Money the commons confirmed receiving, added up. */
  receivedFor: Map<string, number>;
  /** In-kind hours the commons confirmed receiving, added up. */
  hoursFor: Map<string, number>;
}

/** One mission as judged: by the rules in force when it started (the rules of the date when it has none). */
interface JudgedMission {
  mission: Mission;
  regles: Regles | undefined;
  budget: MissionBudget | null;
  deadlines: ReturnType<typeof deadlinesOf>;
}

/**
 * Who a deliverable counts for: its authors (`auteurs`), or, when it names none, the lead
 * provider who carries the mission (nobody in particular when the network carries it).
 * Never the whole team: each provider is judged on their own work.
 */
export function deliverableAuthors(mission: Pick<Mission, 'portage'>, livrable: Mission['livrables'][number]): string[] {
  if (livrable.auteurs) return livrable.auteurs;
  return mission.portage.type !== 'reseau' && mission.portage.chef_de_file ? [mission.portage.chef_de_file] : [];
}

/** Every mission's figures, sorted by id. */
export function missionFigures(basis: FiguresBasis): MissionFigures[] {
  const declarationOf = new Map(basis.declarations.map((d) => [`${d.prestataire}/${d.mission}`, d]));
  const receivedFor = new Map<string, number>();
  for (const r of basis.recus) receivedFor.set(`${r.prestataire}/${r.mission}`, (receivedFor.get(`${r.prestataire}/${r.mission}`) ?? 0) + r.compte_eur);
  const hoursFor = new Map<string, number>();
  for (const r of basis.recus_nature) hoursFor.set(`${r.prestataire}/${r.mission}`, (hoursFor.get(`${r.prestataire}/${r.mission}`) ?? 0) + r.compte_heures);
  const lookups: MemberLookups = { basis, declarationOf, receivedFor, hoursFor };
  const missions = [...basis.registry.missions.values()].map(({ data: mission }) => figuresOfMission(mission, lookups));
  return missions.sort(byId);
}

function figuresOfMission(mission: Mission, lookups: MemberLookups): MissionFigures {
  const { reglesData, inForce, date } = lookups.basis;
  const reference = missionReferenceDate(mission);
  const regles = reference ? rulesOn(reglesData, reference) : inForce;
  const budget = regles ? missionBudget(mission, regles) : null;
  const judged: JudgedMission = { mission, regles, budget, deadlines: regles ? deadlinesOf(mission, regles, date) : null };
  const membres = mission.equipe.map((_, i) => memberFigures(judged, i, lookups));
  const sum = (pick: (d: DeclaredValue) => number) => cents(membres.reduce((s, m) => s + (m.declare ? pick(m.declare) : 0), 0));
  return {
    id: mission.id,
    titre: mission.titre,
    statut: mission.statut,
    annee: reference ? yearOf(reference) : null,
    regles: regles?.en_vigueur_depuis ?? null,
    budget,
    portage: regles ? portageCheck(mission, regles) : null,
    membres,
    reciprocite: {
      attendue_eur: budget?.reciprocite_attendue_eur ?? 0,
      declaree_eur: sum((d) => d.total_eur),
      versee_eur: sum((d) => d.verse_eur),
      confirmee_eur: cents(membres.reduce((s, m) => s + m.confirme_eur, 0)),
      promise_eur: sum((d) => d.promis_eur),
      promesses_echues_eur: sum((d) => d.promesse_echue_eur),
      nature_heures: sum((d) => d.nature_heures),
      nature_confirmee_heures: cents(membres.reduce((s, m) => s + m.nature_confirmee_heures, 0)),
      nature_eur: sum((d) => d.nature_eur),
      part_reseau_attendue_eur: budget?.part_reseau_attendue_eur ?? 0,
      au_reseau_eur: sum((d) => d.au_reseau_eur),
      regle: regles ? ruleId(regles, 'reciprocite') : null,
    },
    declarants: membres.filter((m) => m.a_declare).map((m) => m.prestataire),
    non_declarants: membres.filter((m) => !m.a_declare).map((m) => m.prestataire),
    livrables_ouverts: mission.livrables.filter((l) => OPEN_LICENCE.test(l.licence)).length,
  };
}

/** The i-th member of a mission's team: their share of the budget, their declaration, or what is due. */
function memberFigures({ mission, regles, budget, deadlines }: JudgedMission, i: number, { basis, declarationOf, receivedFor, hoursFor }: MemberLookups): MemberFigures {
  const { date, etats, etats_nature } = basis;
  const m = mission.equipe[i];
  const declaration = declarationOf.get(`${m.prestataire}/${mission.id}`);
  // Made before the end and not completed since: provisional, the declaration is still due.
  const final = declaration ? finalDeclarationDate(declaration, mission, date) : null;
  const due = !final && regles ? dueDeclaration(mission, regles, date) : null;
  const declare = declaration && regles ? declaredValue(declaration, regles, date) : null;
  const expected = budget?.membres[i].reciprocite_attendue_eur ?? 0;
  const late = final && deadlines && final > deadlines.echeance;
  return {
    prestataire: m.prestataire,
    role: m.role,
    jours: m.jours,
    montant_eur: budget?.membres[i].montant_eur ?? 0,
    part_solidarite_eur: budget?.membres[i].part_solidarite_eur ?? 0,
    reciprocite_attendue_eur: expected,
    part_reseau_attendue_eur: budget?.membres[i].part_reseau_attendue_eur ?? 0,
    a_declare: Boolean(declaration),
    date_declaration: declaration?.date ?? null,
    date_modification: declaration?.modifiee_le ?? null,
    declare,
    echeance: due ? { date: due.echeance, dernier_delai: due.dernier_delai, statut: due.statut, regle: due.regle } : null,
    tardive: late ? { echeance: deadlines.echeance, jours_de_retard: daysBetween(deadlines.echeance, final), regle: ruleId(regles!, 'delais') } : null,
    // Amounts are judged only once the declaration is due: 0 until the deadline has passed.
    manque_eur: deadlines ? (date > deadlines.echeance ? cents(Math.max(0, expected - (declare?.total_eur ?? 0))) : 0) : null,
    argent: etats.get(`${m.prestataire}/${mission.id}`) ?? [],
    livrables_ouverts: mission.livrables.filter((l) => OPEN_LICENCE.test(l.licence) && deliverableAuthors(mission, l).includes(m.prestataire)).length,
    confirme_eur: declaration ? cents(receivedFor.get(`${m.prestataire}/${mission.id}`) ?? 0) : 0,
    nature: etats_nature.get(`${m.prestataire}/${mission.id}`) ?? [],
    nature_confirmee_heures: declaration ? cents(hoursFor.get(`${m.prestataire}/${mission.id}`) ?? 0) : 0,
  };
}
