// Every CSV of /donnees/, one description per table: its name, title and
// description, its keys, where its rows come from, and its columns (table-schema.ts
// says how a column is described). The CSV, its spreadsheet copy, the table's
// Table Schema in datapackage.json and the list of columns on /donnees/ all come
// from these descriptions: a new column is one line in its table's `columns`.
// No figure is recomputed here: the figures tables copy the figures document.
import { COMMUN_TYPES, type Commun } from '../../schemas/commun.ts';
import type { Confirmation } from '../../schemas/confirmation.ts';
import { VERSEMENT_STATUTS, type Declaration } from '../../schemas/declaration.ts';
import { CLIENT_TYPES, MISSION_STATUTS, PORTAGES, ROLES, type Mission } from '../../schemas/mission.ts';
import { ADHESION_TARIFS, PRESTATAIRE_TYPES, type Prestataire } from '../../schemas/prestataire.ts';
import { frenchAmount, frenchDate } from '../domain/registry/dates.ts';
import type { Entry, Registry } from '../domain/registry/registry.ts';
import type { InKindConfirmation, PaymentConfirmation } from '../domain/rules/confirmations.ts';
import { byExampleRules, EXAMPLE_RULES_NOTE } from '../domain/rules/example.ts';
import type { CommunFigures, Figures, Flow, MemberFigures, MissionFigures, PrestataireFigures, YearFigures } from '../domain/rules/figures.ts';
import { MEMBERSHIP_LABELS, RECIPROCITY_LABELS, VERDICTS } from '../domain/rules/standing.ts';
import {
  cellsOf, choice, count, date, email, fieldsOf, fk, flag, KEY, key, link, list, prose, proseOf, quantity, SEPARATOR_IN_WORDS, share, text, words, year,
  type Column, type ExportTable, type ForeignKey,
} from './table-schema.ts';
import { absoluteUrl } from './url.ts';

export interface ExportInput {
  registry: Registry;
  figures: Figures;
}

/** What the tables take their rows from: the registry and its figures, sorted as the site lists them. */
interface ExportSource extends ExportInput {
  prestataires: Prestataire[];
  missions: Mission[];
  communs: Commun[];
  /** Those made on or before the reference date (publicDeclarations). */
  declarations: Declaration[];
  /** Every team member of every mission, with their figures. */
  members: Member[];
  /** The team member who made a declaration, with their figures. */
  memberOf: (d: { prestataire: string; mission: string }) => Member | undefined;
  /** True when one of these rules (ids or effective dates, a mission's `regles`) is an example. */
  byExampleRules: (refs: Iterable<string | null | undefined>) => boolean;
  /** The effective date of the rules that judge a mission. */
  rulesOfMission: (mission: string) => string | null;
}

/** One table: the CSV header, its rows and its Table Schema all come from `columns`. */
interface TableDescription<R> {
  /** Resource name; the file is `<name>.csv`. */
  name: string;
  title: string;
  /** A figures table gives the reference date it was computed at. */
  description: string | ((reference: string) => string);
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  rows: (source: ExportSource) => readonly R[];
  columns: Column<R>[];
}

/** A described table, ready to be filled from a registry (its row type stays inside). */
type TableMaker = (source: ExportSource) => ExportTable;

function table<R>({ description, rows, columns, ...keys }: TableDescription<R>): TableMaker {
  return (source) => ({
    ...keys,
    description: typeof description === 'function' ? description(source.figures.date_reference) : description,
    fields: fieldsOf(columns),
    rows: cellsOf(columns, rows(source)),
    prose: proseOf(columns),
  });
}

type Adhesion = Prestataire['adhesions'][number] & { prestataire: string };
type Livrable = Mission['livrables'][number] & { mission: string };
/** A team member with their figures, the rules of their mission and the travel they declared. */
type Member = MemberFigures & { mission: string; regles: string | null; regles_exemple: boolean; distance_km: number | null; frais_deplacement_eur: number | null };
type DeclarationRow = Declaration & { declare: MemberFigures['declare'] };
type Usage = Declaration['communs_utilises'][number] & { prestataire: string; mission: string };
type Money = Declaration['contributions_argent'][number] & {
  prestataire: string;
  mission: string;
  commun_nom: string;
  /** The commons names stewards on the forge, who can confirm. */
  peut_confirmer: boolean;
  etat: PaymentConfirmation | undefined;
  regles_exemple: boolean;
};
type Receipt = Confirmation['confirmations'][number] & { commun: string };
type InKind = Declaration['contributions_nature'][number] & { prestataire: string; mission: string; etat: InKindConfirmation | undefined; peut_confirmer: boolean };
type HoursReceipt = Confirmation['nature'][number] & { commun: string };
type ProviderRow = PrestataireFigures & { date_reference: string };
type CommunYear = CommunFigures['par_annee'][number] & { commun: string; confirme_eur: number };
type MissionRow = MissionFigures & { regles_exemple: boolean };
type CommunRow = CommunFigures & { regles_exemple: boolean };

const RECIPROCITY_STATUSES = Object.keys(RECIPROCITY_LABELS);
/** What a missing declaration is once the mission is over. */
const DUE_STATUSES = RECIPROCITY_STATUSES.filter((s) => s !== 'a_jour' && s !== 'rien_du');

const CONFIRMATION_STATES = ['confirme', 'non_confirme', 'promis'] as const;
const IN_KIND_STATES = ['confirme', 'non_confirme'] as const;

/** The column saying, on each row that judges, whether the rules that judge it are an example (src/domain/rules/example.ts). */
const exampleRulesFlag = <R>(name: string, what: string, value: (row: R) => boolean) =>
  flag<R>(name, `Vrai si ${what} selon des règles d’exemple. ${EXAMPLE_RULES_NOTE}`, value);

/** Each money line of the public declarations, with where it stands (promised, confirmed by its commons or not). */
function moneyLines({ registry, declarations, memberOf, byExampleRules, rulesOfMission }: ExportSource): Money[] {
  return declarations.flatMap((d) => {
    const states = memberOf(d)?.argent ?? [];
    const regles_exemple = byExampleRules([rulesOfMission(d.mission)]);
    return d.contributions_argent.map((c, j) => {
      const commun = registry.communs.get(c.commun)?.data;
      return { prestataire: d.prestataire, mission: d.mission, ...c, commun_nom: commun?.nom ?? c.commun, peut_confirmer: canConfirm(registry, c.commun), etat: states[j], regles_exemple };
    });
  });
}

/** The commons names stewards on the forge: someone can confirm what it received. */
const canConfirm = (registry: Registry, commun: string) => (registry.communs.get(commun)?.data.comptes_forge.length ?? 0) > 0;

/** A money line's confirmation in words, as the site writes it. */
function paymentInWords(c: { statut: string; etat: PaymentConfirmation | undefined }, commun: string): string {
  if (c.statut === 'promis' || c.etat?.etat === 'promis') return 'promis';
  if (c.etat?.etat === 'confirme' && c.etat.partiel) {
    return `versé, confirmé en partie par ${commun} le ${frenchDate(c.etat.recu.date)} (reçu ${frenchAmount(c.etat.recu.montant_eur)} € sur ${frenchAmount(c.etat.declare_eur)} € déclarés versés pour cette mission)`;
  }
  if (c.etat?.etat === 'confirme') return `versé, confirmé par ${commun} le ${frenchDate(c.etat.recu.date)}`;
  return 'versé, non confirmé';
}

const prestatairesTable = table<Prestataire>({
  name: 'prestataires',
  title: 'Prestataires',
  description: 'Un prestataire par ligne : consultant·e ou structure qui réalise des missions d’accompagnement.',
  primaryKey: ['id'],
  rows: ({ prestataires }) => prestataires,
  columns: [
    key('id', 'Identifiant du prestataire.', (p) => p.id),
    prose('nom', 'Nom de la personne ou de la structure.', (p) => p.nom),
    choice('type', PRESTATAIRE_TYPES, 'Forme : independant, cooperative, association, entreprise ou tiers_lieu.', (p) => p.type),
    prose('territoire', 'Territoire d’intervention principal.', (p) => p.territoire),
    words('competences', `Compétences ou thèmes, séparés par ${SEPARATOR_IN_WORDS}.`, (p) => p.competences),
    link('site', 'Site web.', (p) => p.site),
    list('comptes_forge', `Comptes sur la forge autorisés à modifier le profil, séparés par ${SEPARATOR_IN_WORDS}.`, (p) => p.comptes_forge),
    prose('resume', 'Présentation en une ou deux phrases.', (p) => p.resume),
    link('page', 'Page du prestataire sur le site.', (p) => absoluteUrl(`/prestataires/${p.id}/`)),
  ],
});

const adhesionsTable = table<Adhesion>({
  name: 'adhesions',
  title: 'Adhésions',
  description: 'Une période d’adhésion à l’association par ligne.',
  foreignKeys: [fk('prestataire', 'prestataires')],
  rows: ({ prestataires }) => prestataires.flatMap((p) => p.adhesions.map((a) => ({ prestataire: p.id, ...a }))),
  columns: [
    key('prestataire', 'Identifiant du prestataire.', (a) => a.prestataire),
    date('du', 'Premier jour couvert par l’adhésion.', (a) => a.du, KEY),
    date('au', 'Dernier jour couvert par l’adhésion.', (a) => a.au, KEY),
    choice('tarif', ADHESION_TARIFS, 'Tarif : acteur_economique, structure ou individuel.', (a) => a.tarif),
  ],
});

const missionsTable = table<Mission>({
  name: 'missions',
  title: 'Missions',
  description: 'Une mission d’accompagnement par ligne, de l’appel à la fin.',
  primaryKey: ['id'],
  foreignKeys: [fk('portage_chef_de_file', 'prestataires')],
  rows: ({ missions }) => missions,
  columns: [
    key('id', 'Identifiant de la mission.', (m) => m.id),
    prose('titre', 'Intitulé de la mission.', (m) => m.titre),
    prose('client_nom', 'Commanditaire.', (m) => m.client.nom),
    choice('client_type', CLIENT_TYPES, 'Nature du commanditaire : tiers_lieu, collectivite, bailleur_social, association, entreprise ou etat.', (m) => m.client.type),
    prose('territoire', 'Territoire de la mission.', (m) => m.territoire),
    words('themes', `Thèmes, séparés par ${SEPARATOR_IN_WORDS}.`, (m) => m.themes),
    choice('statut', MISSION_STATUTS, 'Statut : appel, attribuee, en_cours, terminee ou abandonnee.', (m) => m.statut),
    date('date_appel', 'Date de publication de l’appel.', (m) => m.date_appel),
    date('date_limite_reponse', 'Date limite pour répondre à l’appel.', (m) => m.date_limite_reponse),
    link('reponse_url', 'Pour un appel : formulaire ou page où déposer une réponse.', (m) => m.reponse?.url),
    email('reponse_email', 'Pour un appel : adresse à laquelle envoyer une réponse.', (m) => m.reponse?.email),
    prose('reponse_consignes', 'Pour un appel : ce que la réponse doit contenir (équipe, rôles, références…).', (m) => m.reponse?.consignes),
    date('debut', 'Début de la mission.', (m) => m.debut),
    date('fin', 'Fin de la mission.', (m) => m.fin),
    quantity('budget_eur', 'Budget total, en euros HT.', (m) => m.budget_eur),
    choice('portage_type', PORTAGES, 'Qui porte la réponse : membre, consortium ou reseau.', (m) => m.portage.type),
    text('portage_chef_de_file', 'Identifiant du prestataire chef de file.', (m) => m.portage.chef_de_file),
    list('portage_criteres', `Critères de portage par le réseau remplis, séparés par ${SEPARATOR_IN_WORDS}.`, (m) => m.portage.criteres),
    prose('portage_justification', 'Pourquoi le réseau porte lui-même la réponse.', (m) => m.portage.justification),
    prose('bilan_ce_qui_a_marche', 'Retour d’expérience : ce qui a bien fonctionné.', (m) => m.bilan?.ce_qui_a_marche),
    prose('bilan_a_ameliorer', 'Retour d’expérience : ce qui est à améliorer.', (m) => m.bilan?.a_ameliorer),
    link('page', 'Page de la mission sur le site.', (m) => absoluteUrl(`/missions/${m.id}/`)),
  ],
});

const equipesTable = table<Member>({
  name: 'equipes',
  title: 'Équipes des missions',
  description: 'Un membre d’équipe par ligne : son rôle, ses jours, son montant, sa part de la marge de solidarité et la réciprocité attendue de lui selon les règles de la mission.',
  foreignKeys: [fk('mission', 'missions'), fk('prestataire', 'prestataires')],
  rows: ({ members }) => members,
  columns: [
    key('mission', 'Identifiant de la mission.', (m) => m.mission),
    key('prestataire', 'Identifiant du prestataire.', (m) => m.prestataire),
    choice('role', ROLES, 'Rôle : plancher, animation ou coordination.', (m) => m.role),
    quantity('jours', 'Jours de contribution prévus.', (m) => m.jours),
    quantity('montant_eur', 'Jours × tarif journalier du rôle, en euros HT.', (m) => m.montant_eur),
    quantity('part_solidarite_eur', 'Part de la marge de solidarité (contributions plancher) selon les règles, en euros ; le registre n’enregistre pas son versement.', (m) => m.part_solidarite_eur),
    quantity('distance_km', 'Distance aller déclarée du domicile au lieu de la mission, en kilomètres ; vide si elle n’est pas déclarée.', (m) => m.distance_km),
    quantity('frais_deplacement_eur', 'Frais de déplacement déclarés, en euros ; vides s’ils ne sont pas déclarés.', (m) => m.frais_deplacement_eur),
    quantity('reciprocite_attendue_eur', 'Réciprocité attendue de ce membre selon les règles, en euros.', (m) => m.reciprocite_attendue_eur),
    flag('a_declare', 'Le membre a-t-il déclaré sa réciprocité pour cette mission ?', (m) => m.a_declare),
    quantity('reciprocite_declaree_eur', 'Réciprocité déclarée (argent versé et promis, heures en nature valorisées), en euros ; vide sans déclaration.', (m) => m.declare?.total_eur ?? null),
    date('date_declaration', 'Date de la déclaration.', (m) => m.date_declaration),
    date('echeance_declaration', 'Sans déclaration, une fois la mission terminée : dernier jour pour déclarer à temps.', (m) => m.echeance?.date ?? m.tardive?.echeance ?? null),
    choice('statut_declaration', DUE_STATUSES, 'Sans déclaration, une fois la mission terminée : a_declarer, en_retard ou defaillant.', (m) => m.echeance?.statut ?? null, 'optional'),
    count('jours_de_retard', 'Déclaration faite après l’échéance : jours de retard.', (m) => m.tardive?.jours_de_retard ?? null),
    quantity('manque_eur', 'Mission terminée : ce qui manque pour atteindre l’attendu (une promesse échue ne compte pas), en euros.', (m) => m.manque_eur),
    date('regles', 'Date d’effet des règles de la mission, qui fixent l’attendu, l’échéance et la situation de la déclaration.', (m) => m.regles),
    exampleRulesFlag('regles_exemple', 'l’attendu, l’échéance et la situation de la déclaration sont calculés', (m) => m.regles_exemple),
  ],
});

const livrablesTable = table<Livrable>({
  name: 'livrables',
  title: 'Livrables',
  description: 'Un livrable publié par ligne, avec sa licence.',
  foreignKeys: [fk('mission', 'missions')],
  rows: ({ missions }) => missions.flatMap((m) => m.livrables.map((l) => ({ mission: m.id, ...l }))),
  columns: [
    key('mission', 'Identifiant de la mission.', (l) => l.mission),
    prose('titre', 'Titre du livrable.', (l) => l.titre),
    link('url', 'Où le trouver.', (l) => l.url),
    text('licence', 'Licence (identifiant SPDX, ou « proprietaire »).', (l) => l.licence),
  ],
});

const communsTable = table<Commun>({
  name: 'communs',
  title: 'Communs',
  description: 'Un commun par ligne : wiki, méthode, outil, logiciel, données ou le réseau lui-même, et comment y contribuer.',
  primaryKey: ['id'],
  rows: ({ communs }) => communs,
  columns: [
    key('id', 'Identifiant du commun.', (c) => c.id),
    prose('nom', 'Nom du commun.', (c) => c.nom),
    choice('type', COMMUN_TYPES, 'Nature : reseau, wiki, outil, logiciel, methode ou donnees.', (c) => c.type),
    prose('description', 'Ce qu’est le commun.', (c) => c.description),
    link('site', 'Adresse du commun.', (c) => c.site),
    text('licence', 'Licence (identifiant SPDX).', (c) => c.licence),
    words('gardiens', `Qui prend soin du commun, séparés par ${SEPARATOR_IN_WORDS}.`, (c) => c.gardiens),
    list('comptes_forge', `Comptes sur la forge des gardiens, qui confirment l’argent reçu, séparés par ${SEPARATOR_IN_WORDS}.`, (c) => c.comptes_forge),
    flag('accepte_argent', 'Le commun accepte-t-il des contributions en argent ?', (c) => c.contribution_argent.accepte),
    link('contribution_argent_url', 'Page de contribution en argent.', (c) => c.contribution_argent.url),
    prose('contribution_argent_plateforme', 'Plateforme de contribution en argent.', (c) => c.contribution_argent.plateforme),
    prose('contribution_nature', 'Comment contribuer en nature.', (c) => c.contribution_nature.description),
    link('contribution_nature_url', 'Page pour commencer à contribuer en nature.', (c) => c.contribution_nature.url),
    link('page', 'Page du commun sur le site.', (c) => absoluteUrl(`/communs/${c.id}/`)),
  ],
});

const declarationsTable = table<DeclarationRow>({
  name: 'declarations',
  title: 'Déclarations de réciprocité',
  description: 'Une déclaration par ligne (un prestataire, une mission), avec ce qu’elle rend aux communs.',
  primaryKey: ['prestataire', 'mission'],
  foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions')],
  rows: ({ declarations, memberOf }) => declarations.map((d) => ({ ...d, declare: memberOf(d)?.declare ?? null })),
  columns: [
    key('prestataire', 'Identifiant du prestataire qui déclare.', (d) => d.prestataire),
    key('mission', 'Identifiant de la mission.', (d) => d.mission),
    date('date', 'Date de la déclaration.', (d) => d.date, KEY),
    list('communs_utilises', `Communs utilisés pendant la mission, séparés par ${SEPARATOR_IN_WORDS} (détail dans communs_utilises.csv).`, (d) => d.communs_utilises.map((u) => u.commun)),
    quantity('verse_eur', 'Argent versé aux communs, en euros.', (d) => d.declare?.verse_eur ?? null),
    quantity('promis_eur', 'Argent promis aux communs, en euros.', (d) => d.declare?.promis_eur ?? null),
    quantity('nature_heures', 'Heures de contribution en nature.', (d) => d.declare?.nature_heures ?? null),
    quantity('nature_eur', 'Heures en nature valorisées selon les règles de la mission, en euros.', (d) => d.declare?.nature_eur ?? null),
    quantity('total_eur', 'Réciprocité déclarée : versé + promis + nature valorisée, en euros.', (d) => d.declare?.total_eur ?? null),
    prose('commentaire', 'Un mot libre du prestataire.', (d) => d.commentaire),
    link('page', 'Page de la mission sur le site.', (d) => absoluteUrl(`/missions/${d.mission}/`)),
  ],
});

const communsUtilisesTable = table<Usage>({
  name: 'communs_utilises',
  title: 'Communs utilisés',
  description: 'Un commun utilisé pendant une mission par ligne, et comment.',
  foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions'), fk('commun', 'communs')],
  rows: ({ declarations }) => declarations.flatMap((d) => d.communs_utilises.map((u) => ({ prestataire: d.prestataire, mission: d.mission, ...u }))),
  columns: [
    key('prestataire', 'Identifiant du prestataire qui déclare.', (u) => u.prestataire),
    key('mission', 'Identifiant de la mission.', (u) => u.mission),
    key('commun', 'Identifiant du commun utilisé.', (u) => u.commun),
    prose('usage', 'Comment il a été utilisé.', (u) => u.usage),
  ],
});

const contributionsArgentTable = table<Money>({
  name: 'contributions_argent',
  title: 'Contributions en argent',
  description: 'Une contribution en argent à un commun par ligne, versée ou promise.',
  foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions'), fk('commun', 'communs')],
  rows: moneyLines,
  columns: [
    key('prestataire', 'Identifiant du prestataire qui contribue.', (c) => c.prestataire),
    key('mission', 'Identifiant de la mission.', (c) => c.mission),
    key('commun', 'Identifiant du commun qui reçoit.', (c) => c.commun),
    quantity('montant_eur', 'Montant en euros.', (c) => c.montant_eur),
    choice('statut', VERSEMENT_STATUTS, 'promis ou verse.', (c) => c.statut),
    date('date', 'Date du versement, ou date prévue si promis.', (c) => c.date),
    link('preuve', 'Lien vers un reçu ou une page publique du don.', (c) => c.preuve),
    choice('confirmation', CONFIRMATION_STATES, 'Confirmation par le commun : confirme (versé, reçu selon le commun, en entier ou en partie : voir confirmation_partielle), non_confirme (versé selon le prestataire seulement ; voir peut_confirmer) ou promis.', (c) => c.etat?.etat ?? null, 'optional'),
    prose('confirmation_libelle', 'La confirmation en mots, comme sur le site.', (c) => paymentInWords(c, c.commun_nom)),
    date('confirmation_date', 'Date de réception confirmée par le commun.', (c) => (c.etat?.etat === 'confirme' ? c.etat.recu.date : null)),
    quantity('confirmation_montant_eur', 'Montant que le commun confirme avoir reçu pour cette mission, en euros : pour tous les versements de la déclaration à ce commun, le même sur chacune de ces lignes (ne pas l’additionner : additionner montant_confirme_eur).', (c) => (c.etat?.etat === 'confirme' ? c.etat.recu.montant_eur : null)),
    quantity('confirmation_montant_declare_eur', 'Montant déclaré versé à ce commun pour cette mission (toutes les lignes versées de la déclaration à ce commun), que la confirmation couvre, en euros.', (c) => (c.etat?.etat === 'confirme' ? c.etat.declare_eur : null)),
    flag('confirmation_partielle', 'Vrai si le commun confirme avoir reçu moins que confirmation_montant_declare_eur : les versements qu’elle couvre sont confirmés en partie.', (c) => (c.etat?.etat === 'confirme' ? c.etat.partiel : null)),
    quantity('montant_confirme_eur', 'Part de cette ligne dans ce qui compte comme confirmé (le reçu, au plus le déclaré, réparti ligne après ligne dans l’ordre de la déclaration), en euros : la colonne s’additionne.', (c) => (c.etat?.etat === 'confirme' ? c.etat.confirme_eur : null)),
    flag('peut_confirmer', 'Vrai si le commun nomme des gardiens sur la forge, qui peuvent confirmer ; faux : ce commun n’a pas de gardien, un versement y reste non confirmé sans que personne ne puisse le confirmer.', (c) => c.peut_confirmer),
    flag('confirmation_attendue', 'Versé, non confirmé après le délai des règles (delais.confirmation_jours) ; vide si rien n’est attendu.', (c) => (c.etat?.etat === 'non_confirme' ? c.etat.attendue : null)),
    exampleRulesFlag('regles_exemple', 'la promesse échue et la confirmation attendue sont jugées', (c) => c.regles_exemple),
  ],
});

const confirmationsTable = table<Receipt>({
  name: 'confirmations',
  title: 'Confirmations de réception',
  description: 'Un versement reçu par ligne, tel que le commun le confirme (confirmations/<commun>.yaml, écrit par ses gardiens).',
  foreignKeys: [fk('commun', 'communs'), fk('prestataire', 'prestataires'), fk('mission', 'missions')],
  rows: ({ registry, figures }) => publicReceipts(registry, figures),
  columns: [
    key('commun', 'Identifiant du commun qui confirme.', (r) => r.commun),
    key('prestataire', 'Identifiant du prestataire qui a versé.', (r) => r.prestataire),
    key('mission', 'Identifiant de la mission.', (r) => r.mission),
    quantity('montant_eur', 'Montant reçu, en euros.', (r) => r.montant_eur),
    date('date', 'Date de réception.', (r) => r.date),
    prose('note', 'Note du commun.', (r) => r.note),
  ],
});

const contributionsNatureTable = table<InKind>({
  name: 'contributions_nature',
  title: 'Contributions en nature',
  description: 'Une contribution en nature à un commun par ligne (une fiche améliorée, du code...).',
  foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions'), fk('commun', 'communs')],
  rows: ({ registry, declarations, memberOf }) =>
    declarations.flatMap((d) => {
      const states = memberOf(d)?.nature ?? [];
      return d.contributions_nature.map((c, j) => ({ prestataire: d.prestataire, mission: d.mission, ...c, etat: states[j], peut_confirmer: canConfirm(registry, c.commun) }));
    }),
  columns: [
    key('prestataire', 'Identifiant du prestataire qui contribue.', (c) => c.prestataire),
    key('mission', 'Identifiant de la mission.', (c) => c.mission),
    key('commun', 'Identifiant du commun enrichi.', (c) => c.commun),
    prose('description', 'Ce qui a été apporté.', (c) => c.description),
    quantity('heures', 'Heures passées.', (c) => c.heures),
    link('lien', 'Lien vers la contribution.', (c) => c.lien),
    date('date', 'Date de la contribution.', (c) => c.date),
    choice('confirmation', IN_KIND_STATES, 'Confirmation par le commun : confirme (reçu selon le commun, en entier ou en partie : voir confirmation_partielle) ou non_confirme (donné selon le prestataire seulement ; voir peut_confirmer).', (c) => c.etat?.etat ?? null, 'optional'),
    date('confirmation_date', 'Date de réception confirmée par le commun.', (c) => (c.etat?.etat === 'confirme' ? c.etat.recu.date : null)),
    quantity('confirmation_heures', 'Heures que le commun confirme avoir reçues pour cette mission : pour toutes les contributions en nature de la déclaration à ce commun, le même nombre sur chacune de ces lignes (ne pas l’additionner : additionner heures_confirmees).', (c) => (c.etat?.etat === 'confirme' ? c.etat.recu.heures : null)),
    quantity('confirmation_heures_declarees', 'Heures déclarées données à ce commun pour cette mission (toutes les lignes de la déclaration à ce commun), que la confirmation couvre.', (c) => (c.etat?.etat === 'confirme' ? c.etat.declare_heures : null)),
    flag('confirmation_partielle', 'Vrai si le commun confirme avoir reçu moins d’heures que confirmation_heures_declarees : les contributions qu’elle couvre sont confirmées en partie.', (c) => (c.etat?.etat === 'confirme' ? c.etat.partiel : null)),
    quantity('heures_confirmees', 'Part de cette ligne dans les heures qui comptent comme confirmées (le reçu, au plus le déclaré, réparti ligne après ligne dans l’ordre de la déclaration) : la colonne s’additionne.', (c) => (c.etat?.etat === 'confirme' ? c.etat.heures_confirmees : null)),
    flag('peut_confirmer', 'Vrai si le commun nomme des gardiens sur la forge, qui peuvent confirmer ; faux : ce commun n’a pas de gardien, la contribution y reste non confirmée sans que personne ne puisse la confirmer.', (c) => c.peut_confirmer),
  ],
});

const confirmationsNatureTable = table<HoursReceipt>({
  name: 'confirmations_nature',
  title: 'Confirmations d’heures en nature',
  description: 'Des heures en nature reçues par ligne, telles que le commun les confirme (liste « nature » de confirmations/<commun>.yaml, écrite par ses gardiens).',
  foreignKeys: [fk('commun', 'communs'), fk('prestataire', 'prestataires'), fk('mission', 'missions')],
  rows: ({ registry, figures }) => publicHourReceipts(registry, figures),
  columns: [
    key('commun', 'Identifiant du commun qui confirme.', (r) => r.commun),
    key('prestataire', 'Identifiant du prestataire qui a donné de son temps.', (r) => r.prestataire),
    key('mission', 'Identifiant de la mission.', (r) => r.mission),
    quantity('heures', 'Heures reçues (le total pour cette mission).', (r) => r.heures),
    date('date', 'Date de réception.', (r) => r.date),
    prose('note', 'Note du commun.', (r) => r.note),
  ],
});

const figuresPrestatairesTable = table<ProviderRow>({
  name: 'figures_prestataires',
  title: 'Chiffres par prestataire',
  description: (reference) => `Calculés au ${reference} selon les règles : adhésion, réciprocité et place dans le cercle, chacune avec ses raisons ; taux de déclaration ; attendu et donné sur les mêmes missions (terminées), les missions en cours à part.`,
  primaryKey: ['id'],
  foreignKeys: [fk('id', 'prestataires')],
  rows: ({ figures }) => figures.prestataires.map((p) => ({ ...p, date_reference: figures.date_reference })),
  columns: [
    key('id', 'Identifiant du prestataire.', (p) => p.id),
    prose('nom', 'Nom du prestataire.', (p) => p.nom),
    date('date_reference', 'Date à laquelle la situation et les chiffres sont calculés.', (p) => p.date_reference),
    choice('verdict', VERDICTS, 'La situation du prestataire, la même que sur sa page, son badge, la liste et les comptes de l’accueil.', (p) => p.verdict.cle),
    prose('verdict_libelle', 'La situation en mots.', (p) => p.verdict.libelle),
    prose('verdict_raison', 'Pourquoi, avec ses dates ; dit si les règles appliquées sont d’exemple ou rétroactives.', (p) => p.verdict.texte),
    text('verdict_regle', 'La règle qui fonde la situation (fichier de règles#section).', (p) => p.verdict.regle),
    flag('verdict_regles_exemple', 'Vrai si la situation est jugée selon des règles d’exemple, qui ne sont pas une décision de l’association.', (p) => p.verdict.exemple),
    list('verdict_regles_retroactives', `Dates d’effet des règles rétroactives qui fondent la situation, séparées par ${SEPARATOR_IN_WORDS} ; vide s’il n’y en a pas.`, (p) => p.verdict.retroactives),
    choice('adhesion', Object.keys(MEMBERSHIP_LABELS), 'Adhésion : adherent, adhesion_echue ou jamais_adherent.', (p) => p.situation.adhesion.statut),
    prose('adhesion_libelle', 'Adhésion en mots, avec ses dates (la phrase de la page du prestataire).', (p) => p.situation.adhesion.raison),
    date('adhesion_jusqu_au', 'Fin de l’adhésion en cours.', (p) => p.situation.adhesion.jusqu_au),
    date('adhesion_echue_depuis', 'Premier jour sans adhésion, si elle est échue.', (p) => p.situation.adhesion.echue_depuis),
    text('adhesion_tarif', 'Tarif de l’adhésion en cours.', (p) => p.situation.adhesion.tarif),
    choice('reciprocite', RECIPROCITY_STATUSES, 'Réciprocité : rien_du (rien n’est encore dû), a_jour, a_declarer, en_retard ou defaillant.', (p) => p.situation.reciprocite.statut),
    prose('reciprocite_libelle', 'Réciprocité en mots.', (p) => RECIPROCITY_LABELS[p.situation.reciprocite.statut]),
    words('reciprocite_raisons', `Raisons, la plus grave d’abord, séparées par ${SEPARATOR_IN_WORDS}.`, (p) => p.situation.reciprocite.raisons),
    flag('hors_cercle', 'Hors du cercle : la conséquence que les règles attachent à la défaillance ou à une adhésion échue depuis trop longtemps.', (p) => p.situation.cercle.hors_cercle),
    words('hors_cercle_raisons', `Pourquoi hors du cercle, séparé par ${SEPARATOR_IN_WORDS} ; vide sinon.`, (p) => p.situation.cercle.raisons),
    list('missions', `Missions du prestataire, séparées par ${SEPARATOR_IN_WORDS}.`, (p) => p.missions),
    count('missions_terminees', 'Missions terminées à la date de référence : le périmètre de l’attendu et du déclaré.', (p) => p.missions_terminees),
    count('declarations_dues', 'Déclarations dues : missions terminées dont l’échéance est passée.', (p) => p.declarations_dues),
    count('declarations_faites', 'Déclarations faites parmi celles qui sont dues.', (p) => p.declarations_faites),
    share('taux_declaration', 'Déclarations faites / dues, entre 0 et 1 ; vide quand rien n’est encore dû.', (p) => p.taux_declaration),
    quantity('reciprocite_attendue_eur', 'Réciprocité attendue sur les missions terminées, selon les règles de chacune, arrondie selon les règles, en euros.', (p) => p.reciprocite_attendue_eur),
    quantity('reciprocite_declaree_eur', 'Réciprocité donnée sur les mêmes missions : versé + promis (non échu) + nature valorisée, en euros.', (p) => p.reciprocite_declaree_eur),
    quantity('manque_eur', 'Somme, mission par mission, de ce qui manque pour atteindre l’attendu, en euros.', (p) => p.manque_eur),
    quantity('argent_verse_eur', 'Argent versé aux communs (missions terminées), en euros.', (p) => p.argent_verse_eur),
    quantity('argent_confirme_eur', 'Dont l’argent que les communs confirment avoir reçu (missions terminées), en euros.', (p) => p.argent_confirme_eur),
    quantity('argent_promis_eur', 'Argent promis pour une date à venir (missions terminées), en euros.', (p) => p.argent_promis_eur),
    quantity('promesses_echues_eur', 'Argent promis pour une date passée et pas versé (missions terminées) : ne compte pas comme donné.', (p) => p.promesses_echues_eur),
    quantity('nature_heures', 'Heures de contribution en nature (missions terminées).', (p) => p.nature_heures),
    quantity('nature_confirmee_heures', 'Dont les heures que les communs confirment avoir reçues (missions terminées).', (p) => p.nature_confirmee_heures),
    quantity('nature_eur', 'Heures en nature valorisées, en euros (missions terminées).', (p) => p.nature_eur),
    count('en_cours_missions', 'Missions pas encore terminées.', (p) => p.en_cours.missions),
    quantity('en_cours_declaree_eur', 'Réciprocité déjà déclarée sur les missions pas encore terminées, en euros.', (p) => p.en_cours.reciprocite_declaree_eur),
    count('livrables_ouverts', 'Livrables sous licence ouverte dont il est l’auteur (ou, sans auteurs nommés, ceux des missions qu’il mène).', (p) => p.livrables_ouverts),
    list('communs_contribues', `Communs auxquels il a contribué, séparés par ${SEPARATOR_IN_WORDS}.`, (p) => p.communs_contribues),
  ],
});

const figuresMissionsTable = table<MissionRow>({
  name: 'figures_missions',
  title: 'Chiffres par mission',
  description: (reference) => `Calculés au ${reference} selon les règles en vigueur au début de chaque mission : budget par rôle, marge de solidarité, réciprocité attendue et déclarée.`,
  primaryKey: ['id'],
  foreignKeys: [fk('id', 'missions')],
  rows: ({ figures, byExampleRules }) => figures.missions.map((m) => ({ ...m, regles_exemple: byExampleRules([m.regles]) })),
  columns: [
    key('id', 'Identifiant de la mission.', (m) => m.id),
    prose('titre', 'Intitulé de la mission.', (m) => m.titre),
    choice('statut', MISSION_STATUTS, 'Statut de la mission.', (m) => m.statut),
    year('annee', 'Année de référence de la mission.', (m) => m.annee),
    date('regles', 'Date d’effet des règles appliquées.', (m) => m.regles),
    exampleRulesFlag('regles_exemple', 'le budget par rôle, la marge et la réciprocité attendue sont calculés', (m) => m.regles_exemple),
    quantity('jours', 'Jours de contribution de l’équipe.', (m) => m.budget?.total_jours ?? null),
    quantity('montant_roles_eur', 'Somme des jours × tarif de chaque rôle, en euros HT.', (m) => m.budget?.total_roles_eur ?? null),
    quantity('pot_solidarite_eur', 'Marge de solidarité : jours des bénéficiaires (ou de l’équipe, selon les règles) × marge par jour, en euros.', (m) => m.budget?.solidarite.pot_eur ?? null),
    quantity('reste_solidarite_eur', 'Part du pot non distribuée (elle va où les règles le disent), en euros.', (m) => m.budget?.solidarite.reste_eur ?? null),
    quantity('ecart_budget_eur', 'Budget − (honoraires selon les règles + marge) : ce que les règles n’expliquent pas, en euros.', (m) => m.budget?.ecart_budget_eur ?? null),
    quantity('reciprocite_attendue_eur', 'Réciprocité attendue de la mission, en euros.', (m) => m.reciprocite.attendue_eur),
    quantity('reciprocite_declaree_eur', 'Réciprocité déclarée par l’équipe, en euros.', (m) => m.reciprocite.declaree_eur),
    quantity('argent_verse_eur', 'Argent versé, en euros.', (m) => m.reciprocite.versee_eur),
    quantity('argent_confirme_eur', 'Dont l’argent que les communs confirment avoir reçu, en euros.', (m) => m.reciprocite.confirmee_eur),
    quantity('argent_promis_eur', 'Argent promis pour une date à venir, en euros.', (m) => m.reciprocite.promise_eur),
    quantity('promesses_echues_eur', 'Argent promis pour une date passée et pas versé, en euros.', (m) => m.reciprocite.promesses_echues_eur),
    quantity('nature_heures', 'Heures en nature.', (m) => m.reciprocite.nature_heures),
    quantity('nature_confirmee_heures', 'Dont les heures que les communs confirment avoir reçues.', (m) => m.reciprocite.nature_confirmee_heures),
    quantity('nature_eur', 'Heures en nature valorisées, en euros.', (m) => m.reciprocite.nature_eur),
    list('declarants', `Membres qui ont déclaré, séparés par ${SEPARATOR_IN_WORDS}.`, (m) => m.declarants),
    list('non_declarants', `Membres qui n’ont pas déclaré, séparés par ${SEPARATOR_IN_WORDS}.`, (m) => m.non_declarants),
    count('livrables_ouverts', 'Livrables sous licence ouverte.', (m) => m.livrables_ouverts),
    flag('portage_conforme', 'Le portage respecte-t-il les critères des règles ?', (m) => m.portage?.conforme ?? null),
  ],
});

const figuresCommunsTable = table<CommunRow>({
  name: 'figures_communs',
  title: 'Chiffres par commun',
  description: (reference) => `Calculés au ${reference} : argent et heures reçus, missions qui l’ont utilisé, contributeurs.`,
  primaryKey: ['id'],
  foreignKeys: [fk('id', 'communs')],
  rows: (source) => source.figures.communs.map((c) => ({ ...c, regles_exemple: communByExampleRules(source, c.id) })),
  columns: [
    key('id', 'Identifiant du commun.', (c) => c.id),
    prose('nom', 'Nom du commun.', (c) => c.nom),
    quantity('argent_verse_eur', 'Argent déclaré versé par les prestataires, en euros.', (c) => c.argent_verse_eur),
    quantity('argent_confirme_eur', 'Argent que le commun confirme avoir reçu, en euros.', (c) => c.argent_confirme_eur),
    count('versements_confirmes', 'Versements déclarés que le commun a confirmés en entier.', (c) => c.versements.confirmes),
    count('versements_confirmes_en_partie', 'Versements déclarés que le commun a confirmés en partie (reçu moins que déclaré pour la mission : chacun des versements que la confirmation couvre).', (c) => c.versements.confirmes_en_partie),
    count('versements_non_confirmes', 'Versements déclarés que le commun n’a pas confirmés.', (c) => c.versements.non_confirmes),
    count('versements_attendus', 'Dont ceux non confirmés après le délai des règles.', (c) => c.versements.attendus),
    exampleRulesFlag('regles_exemple', 'les promesses échues et les versements attendus sont jugés', (c) => c.regles_exemple),
    quantity('argent_promis_eur', 'Argent promis pour une date à venir, en euros.', (c) => c.argent_promis_eur),
    quantity('promesses_echues_eur', 'Argent promis pour une date passée et pas versé, en euros (compté à part, comme dans les totaux du réseau).', (c) => c.promesses_echues_eur),
    quantity('nature_heures', 'Heures de contribution en nature déclarées données au commun.', (c) => c.nature_heures),
    quantity('nature_confirmee_heures', 'Heures que le commun confirme avoir reçues.', (c) => c.nature_confirmee_heures),
    count('contributions_nature_confirmees', 'Contributions en nature déclarées que le commun a confirmées en entier.', (c) => c.contributions_nature.confirmees),
    count('contributions_nature_confirmees_en_partie', 'Contributions en nature déclarées que le commun a confirmées en partie (moins d’heures reçues que déclarées pour la mission : chacune des contributions que la confirmation couvre).', (c) => c.contributions_nature.confirmees_en_partie),
    count('contributions_nature_non_confirmees', 'Contributions en nature déclarées que le commun n’a pas confirmées.', (c) => c.contributions_nature.non_confirmees),
    list('missions', `Missions qui l’ont utilisé, séparées par ${SEPARATOR_IN_WORDS}.`, (c) => c.missions),
    list('contributeurs', `Prestataires qui y ont contribué, séparés par ${SEPARATOR_IN_WORDS}.`, (c) => c.contributeurs),
  ],
});

const figuresCommunsAnneesTable = table<CommunYear>({
  name: 'figures_communs_annees',
  title: 'Argent et heures reçus par commun et par année',
  description: (reference) =>
    `Calculé au ${reference} : le déclaré par année de versement (ou de promesse, ou de la contribution en nature), le confirmé par année de réception ; une ligne par année où le commun a reçu de l’argent ou des heures, déclarés ou confirmés.`,
  primaryKey: ['commun', 'annee'],
  foreignKeys: [fk('commun', 'communs')],
  rows: ({ figures }) =>
    figures.communs.flatMap((c) => c.par_annee.map((y) => ({ commun: c.id, ...y, confirme_eur: c.argent_par_annee.find((m) => m.annee === y.annee)?.confirme_eur ?? 0 }))),
  columns: [
    key('commun', 'Identifiant du commun.', (y) => y.commun),
    year('annee', 'Année.', (y) => y.annee, KEY),
    quantity('verse_eur', 'Argent déclaré versé cette année-là, en euros.', (y) => y.verse_eur),
    quantity('confirme_eur', 'Argent que le commun confirme avoir reçu cette année-là, en euros.', (y) => y.confirme_eur),
    quantity('promis_eur', 'Argent promis pour cette année-là, à une date à venir, en euros.', (y) => y.promis_eur),
    quantity('promesses_echues_eur', 'Argent promis pour une date passée de cette année-là et pas versé, en euros.', (y) => y.promesses_echues_eur),
    quantity('nature_heures', 'Heures de contribution en nature déclarées données au commun cette année-là.', (y) => y.nature_heures),
    quantity('nature_confirmee_heures', 'Heures que le commun confirme avoir reçues cette année-là (par année de réception), au plus les heures déclarées pour chaque mission.', (y) => y.nature_confirmee_heures),
  ],
});

const figuresAnneesTable = table<YearFigures>({
  name: 'figures_annees',
  title: 'Totaux du réseau par année',
  description: (reference) => `Calculés au ${reference}.`,
  primaryKey: ['annee'],
  rows: ({ figures }) => figures.reseau.par_annee,
  columns: [
    year('annee', 'Année.', (y) => y.annee, KEY),
    count('missions_commencees', 'Missions commencées cette année-là.', (y) => y.missions_commencees),
    quantity('budget_missions_eur', 'Budget des missions commencées (hors missions abandonnées), en euros HT.', (y) => y.budget_missions_eur),
    count('declarations', 'Déclarations faites cette année-là.', (y) => y.declarations),
    quantity('argent_verse_eur', 'Argent versé aux communs, en euros.', (y) => y.argent_verse_eur),
    quantity('argent_confirme_eur', 'Argent que les communs confirment avoir reçu cette année-là, en euros.', (y) => y.argent_confirme_eur),
    quantity('argent_promis_eur', 'Argent promis aux communs pour cette année, à une date à venir, en euros.', (y) => y.argent_promis_eur),
    quantity('promesses_echues_eur', 'Argent promis pour une date passée de cette année et pas versé, en euros.', (y) => y.promesses_echues_eur),
    quantity('nature_heures', 'Heures de contribution en nature.', (y) => y.nature_heures),
    quantity('nature_confirmee_heures', 'Heures que les communs confirment avoir reçues cette année-là.', (y) => y.nature_confirmee_heures),
  ],
});

const figuresFluxTable = table<Flow>({
  name: 'figures_flux',
  title: 'Flux des prestataires vers les communs',
  description: (reference) => `Calculés au ${reference} : ce que chaque prestataire a rendu à chaque commun.`,
  primaryKey: ['prestataire', 'commun'],
  foreignKeys: [fk('prestataire', 'prestataires'), fk('commun', 'communs')],
  rows: ({ figures }) => figures.reseau.flux,
  columns: [
    key('prestataire', 'Identifiant du prestataire.', (f) => f.prestataire),
    key('commun', 'Identifiant du commun.', (f) => f.commun),
    quantity('verse_eur', 'Argent versé, en euros.', (f) => f.verse_eur),
    quantity('promis_eur', 'Argent promis, en euros.', (f) => f.promis_eur),
    quantity('nature_heures', 'Heures en nature.', (f) => f.nature_heures),
  ],
});

/** The tables, in the order /donnees/ lists them. */
const EXPORT_TABLES: TableMaker[] = [
  prestatairesTable, adhesionsTable, missionsTable, equipesTable, livrablesTable, communsTable,
  declarationsTable, communsUtilisesTable, contributionsArgentTable, confirmationsTable, contributionsNatureTable, confirmationsNatureTable,
  figuresPrestatairesTable, figuresMissionsTable, figuresCommunsTable, figuresCommunsAnneesTable, figuresAnneesTable, figuresFluxTable,
];

/** Every CSV of /donnees/, in the order the page lists them. */
export function exportTables(input: ExportInput): ExportTable[] {
  const source = exportSource(input);
  return EXPORT_TABLES.map((fill) => fill(source));
}

/** The money to a commons is judged (promises past their date, confirmations awaited) by the rules of the missions it came from. */
function communByExampleRules({ declarations, byExampleRules, rulesOfMission }: ExportSource, commun: string): boolean {
  return byExampleRules(declarations.filter((d) => d.contributions_argent.some((c) => c.commun === commun)).map((d) => rulesOfMission(d.mission)));
}

function exportSource({ registry, figures }: ExportInput): ExportSource {
  const regles = registry.regles.map((r) => r.data);
  const isExample = (refs: Iterable<string | null | undefined>) => byExampleRules(regles, refs);
  const rulesByMission = new Map(figures.missions.map((m) => [m.id, m.regles]));
  const members = figures.missions.flatMap((m) => {
    const team = registry.missions.get(m.id)?.data.equipe ?? [];
    return m.membres.map((membre) => {
      const declared = team.find((x) => x.prestataire === membre.prestataire);
      return {
        mission: m.id,
        regles: m.regles,
        regles_exemple: isExample([m.regles]),
        distance_km: declared?.distance_km ?? null,
        frais_deplacement_eur: declared?.frais_deplacement_eur ?? null,
        ...membre,
      };
    });
  });
  const memberByKey = new Map(members.map((m) => [`${m.prestataire}/${m.mission}`, m]));
  return {
    registry,
    figures,
    prestataires: sortedById(registry.prestataires.values()).map((e) => e.data),
    missions: sortedById(registry.missions.values()).map((e) => e.data),
    communs: sortedById(registry.communs.values()).map((e) => e.data),
    declarations: publicDeclarations(registry, figures),
    members,
    memberOf: (d) => memberByKey.get(`${d.prestataire}/${d.mission}`),
    byExampleRules: isExample,
    rulesOfMission: (mission) => rulesByMission.get(mission) ?? null,
  };
}

/**
 * Declarations made on or before the reference date: the site and the figures do
 * not show later ones yet, and neither do the exports.
 */
export function publicDeclarations(registry: Registry, figures: Figures): Declaration[] {
  return registry.declarations
    .map((d) => d.data)
    .filter((d) => d.date <= figures.date_reference)
    .sort((a, b) => a.prestataire.localeCompare(b.prestataire) || a.mission.localeCompare(b.mission));
}

/** Receipts the commons confirmed, dated on or before the reference date, as the figures count them. */
export function publicReceipts(registry: Registry, figures: Figures): Receipt[] {
  return [...registry.confirmations.values()]
    .sort((a, b) => a.data.commun.localeCompare(b.data.commun))
    .flatMap((e) => e.data.confirmations.filter((r) => r.date <= figures.date_reference).map((r) => ({ commun: e.data.commun, ...r })));
}

/** The hours the commons confirmed in their files, dated on or before the reference date, by commons. */
function publicHourReceipts(registry: Registry, figures: Figures): HoursReceipt[] {
  return [...registry.confirmations.values()]
    .sort((a, b) => a.data.commun.localeCompare(b.data.commun))
    .flatMap((e) => e.data.nature.filter((r) => r.date <= figures.date_reference).map((r) => ({ commun: e.data.commun, ...r })));
}

export const sortedById = <T extends { id: string }>(entries: Iterable<Entry<T>>): Entry<T>[] =>
  [...entries].sort((a, b) => a.data.id.localeCompare(b.data.id));
