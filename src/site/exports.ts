// The open-data exports of /donnees/: the whole registry as JSON, one CSV per entity
// and per table of figures, and the Frictionless Data Package that describes them.
// Pure functions over the registry and its figures document: the endpoints only
// serialise what these return, and no figure is recomputed here.
import { stringify } from 'csv-stringify/sync';
import { COMMUN_TYPES, type Commun } from '../../schemas/commun.ts';
import { VERSEMENT_STATUTS, type Declaration } from '../../schemas/declaration.ts';
import { CLIENT_TYPES, MISSION_STATUTS, PORTAGES, ROLES, type Mission } from '../../schemas/mission.ts';
import { ADHESION_TARIFS, PRESTATAIRE_TYPES, type Prestataire } from '../../schemas/prestataire.ts';
import { REPOSITORY_URL } from '../../site.config.mjs';
import { absoluteUrl } from './url.ts';
import type { CommunFigures, Figures, Flow, MemberFigures, MissionFigures, PrestataireFigures, YearFigures } from '../domain/rules/figures.ts';
import type { Entry, Registry } from '../domain/registry/registry.ts';
import type { PaymentConfirmation } from '../domain/rules/confirmations.ts';
import type { Confirmation } from '../../schemas/confirmation.ts';
import { frenchDate } from '../domain/registry/dates.ts';
import { MEMBERSHIP_LABELS, RECIPROCITY_LABELS } from '../domain/rules/standing.ts';

/** The licence of the data (the code of the project has its own). */
export const DATA_LICENCE = {
  name: 'ODbL-1.0',
  path: 'https://opendatacommons.org/licenses/odbl/1-0/',
  title: 'Open Database License (ODbL) v1.0',
} as const;

export const DATA_TITLE = 'Communs & Réciprocité : registre ouvert de La Compagnie des Tiers-Lieux';
export const DATA_PUBLISHER = 'La Compagnie des Tiers-Lieux';

/** Several values in one CSV cell (compétences, thèmes...) are joined with this. */
export const LIST_SEPARATOR = ' | ';

export type FieldType = 'string' | 'number' | 'integer' | 'year' | 'date' | 'boolean';
export type Cell = string | number | boolean | null | undefined;

/** What a value must respect, in Table Schema terms (checked by Frictionless tools). */
export interface Constraints {
  required?: boolean;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
}

/** A Table Schema field (https://datapackage.org/standard/table-schema/). */
export interface Field {
  name: string;
  type: FieldType;
  description: string;
  /** `uri` for a link, `email` for an address: a reader can check it is one. */
  format?: 'uri' | 'email';
  constraints?: Constraints;
}

interface Column<R> extends Field {
  value: (row: R) => Cell;
}

export interface ForeignKey {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

/** One CSV file: its Table Schema and its rows, cell for cell in field order. */
export interface ExportTable {
  /** Resource name; the file is `<name>.csv`. */
  name: string;
  title: string;
  description: string;
  fields: Field[];
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  rows: Cell[][];
}

export interface ExportInput {
  registry: Registry;
  figures: Figures;
}

const list = (values: readonly string[] | undefined): string | null => (values && values.length > 0 ? values.join(LIST_SEPARATOR) : null);

function table<R>(
  meta: Omit<ExportTable, 'fields' | 'rows'>,
  columns: Column<R>[],
  items: readonly R[],
): ExportTable {
  return {
    ...meta,
    fields: columns.map(({ value: _, ...field }) => field),
    rows: items.map((item) => columns.map((c) => c.value(item))),
  };
}

type FieldExtra = Pick<Field, 'format' | 'constraints'>;

function col<R>(name: string, type: FieldType, description: string, value: (row: R) => Cell, extra: FieldExtra = {}): Column<R> {
  return { name, type, description, ...extra, value };
}

/** An identifier or a key part: never empty. */
const KEY: FieldExtra = { constraints: { required: true } };
/** Amounts, hours, days and counts are never negative. */
const AMOUNT: FieldExtra = { constraints: { minimum: 0 } };
const URI: FieldExtra = { format: 'uri' };
const EMAIL: FieldExtra = { format: 'email' };
const oneOf = (values: readonly string[], required = false): FieldExtra => ({ constraints: { ...(required ? { required } : {}), enum: values } });

const RECIPROCITY_STATUSES = Object.keys(RECIPROCITY_LABELS);
/** What a missing declaration is once the mission is over. */
const DUE_STATUSES = RECIPROCITY_STATUSES.filter((s) => s !== 'a_jour' && s !== 'rien_du');

const CONFIRMATION_STATES = ['confirme', 'non_confirme', 'promis'] as const;

/** A money line's confirmation in words, as the site writes it. */
function paymentInWords(c: { statut: string; etat: PaymentConfirmation | undefined }, commun: string): string {
  if (c.statut === 'promis' || c.etat?.etat === 'promis') return 'promis';
  if (c.etat?.etat === 'confirme') return `versé, confirmé par ${commun} le ${frenchDate(c.etat.recu.date)}`;
  return 'versé, non confirmé';
}

const fk = (field: string, resource: string): ForeignKey => ({ fields: field, reference: { resource, fields: 'id' } });

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
export function publicReceipts(registry: Registry, figures: Figures): Array<Confirmation['confirmations'][number] & { commun: string }> {
  return [...registry.confirmations.values()]
    .sort((a, b) => a.data.commun.localeCompare(b.data.commun))
    .flatMap((e) => e.data.confirmations.filter((r) => r.date <= figures.date_reference).map((r) => ({ commun: e.data.commun, ...r })));
}

const sortedById = <T extends { id: string }>(entries: Iterable<Entry<T>>): Entry<T>[] =>
  [...entries].sort((a, b) => a.data.id.localeCompare(b.data.id));

/** Every CSV of /donnees/, in the order the page lists them. */
export function exportTables({ registry, figures }: ExportInput): ExportTable[] {
  const prestataires = sortedById(registry.prestataires.values()).map((e) => e.data);
  const missions = sortedById(registry.missions.values()).map((e) => e.data);
  const communs = sortedById(registry.communs.values()).map((e) => e.data);
  const declarations = publicDeclarations(registry, figures);
  const members = figures.missions.flatMap((m) => m.membres.map((membre) => ({ mission: m.id, ...membre })));
  const memberOf = new Map(members.map((m) => [`${m.prestataire}/${m.mission}`, m]));
  const nameOfCommun = (id: string) => registry.communs.get(id)?.data.nom ?? id;
  const declared = (d: Declaration) => memberOf.get(`${d.prestataire}/${d.mission}`)?.declare ?? null;

  type Adhesion = { prestataire: string; du: string; au: string; tarif: string };
  type Livrable = { mission: string; titre: string; url: string; licence: string };
  type Usage = { prestataire: string; mission: string; commun: string; usage: string };
  type Money = Declaration['contributions_argent'][number] & { prestataire: string; mission: string; etat: PaymentConfirmation | undefined };
  type Receipt = Confirmation['confirmations'][number] & { commun: string };
  type InKind = Declaration['contributions_nature'][number] & { prestataire: string; mission: string };
  type Member = MemberFigures & { mission: string };
  type CommunYear = CommunFigures['argent_par_annee'][number] & { commun: string };

  return [
    table<Prestataire>(
      {
        name: 'prestataires',
        title: 'Prestataires',
        description: 'Un prestataire par ligne : consultant·e ou structure qui réalise des missions d’accompagnement.',
        primaryKey: ['id'],
      },
      [
        col('id', 'string', 'Identifiant du prestataire.', (p) => p.id, KEY),
        col('nom', 'string', 'Nom de la personne ou de la structure.', (p) => p.nom),
        col('type', 'string', 'Forme : independant, cooperative, association, entreprise ou tiers_lieu.', (p) => p.type, oneOf(PRESTATAIRE_TYPES, true)),
        col('territoire', 'string', 'Territoire d’intervention principal.', (p) => p.territoire),
        col('competences', 'string', `Compétences ou thèmes, séparés par « ${LIST_SEPARATOR.trim()} ».`, (p) => list(p.competences)),
        col('site', 'string', 'Site web.', (p) => p.site, URI),
        col('comptes_forge', 'string', `Comptes sur la forge autorisés à modifier le profil, séparés par « ${LIST_SEPARATOR.trim()} ».`, (p) => list(p.comptes_forge)),
        col('resume', 'string', 'Présentation en une ou deux phrases.', (p) => p.resume),
        col('page', 'string', 'Page du prestataire sur le site.', (p) => absoluteUrl(`/prestataires/${p.id}/`), URI),
      ],
      prestataires,
    ),
    table<Adhesion>(
      {
        name: 'adhesions',
        title: 'Adhésions',
        description: 'Une période d’adhésion à l’association par ligne.',
        foreignKeys: [fk('prestataire', 'prestataires')],
      },
      [
        col('prestataire', 'string', 'Identifiant du prestataire.', (a) => a.prestataire, KEY),
        col('du', 'date', 'Premier jour couvert par l’adhésion.', (a) => a.du, KEY),
        col('au', 'date', 'Dernier jour couvert par l’adhésion.', (a) => a.au, KEY),
        col('tarif', 'string', 'Tarif : acteur_economique, structure ou individuel.', (a) => a.tarif, oneOf(ADHESION_TARIFS, true)),
      ],
      prestataires.flatMap((p) => p.adhesions.map((a) => ({ prestataire: p.id, ...a }))),
    ),
    table<Mission>(
      {
        name: 'missions',
        title: 'Missions',
        description: 'Une mission d’accompagnement par ligne, de l’appel à la fin.',
        primaryKey: ['id'],
        foreignKeys: [fk('portage_chef_de_file', 'prestataires')],
      },
      [
        col('id', 'string', 'Identifiant de la mission.', (m) => m.id, KEY),
        col('titre', 'string', 'Intitulé de la mission.', (m) => m.titre),
        col('client_nom', 'string', 'Commanditaire.', (m) => m.client.nom),
        col('client_type', 'string', 'Nature du commanditaire : tiers_lieu, collectivite, bailleur_social, association, entreprise ou etat.', (m) => m.client.type, oneOf(CLIENT_TYPES, true)),
        col('territoire', 'string', 'Territoire de la mission.', (m) => m.territoire),
        col('themes', 'string', `Thèmes, séparés par « ${LIST_SEPARATOR.trim()} ».`, (m) => list(m.themes)),
        col('statut', 'string', 'Statut : appel, attribuee, en_cours, terminee ou abandonnee.', (m) => m.statut, oneOf(MISSION_STATUTS, true)),
        col('date_appel', 'date', 'Date de publication de l’appel.', (m) => m.date_appel),
        col('date_limite_reponse', 'date', 'Date limite pour répondre à l’appel.', (m) => m.date_limite_reponse),
        col('reponse_url', 'string', 'Pour un appel : formulaire ou page où déposer une réponse.', (m) => m.reponse?.url, URI),
        col('reponse_email', 'string', 'Pour un appel : adresse à laquelle envoyer une réponse.', (m) => m.reponse?.email, EMAIL),
        col('reponse_consignes', 'string', 'Pour un appel : ce que la réponse doit contenir (équipe, rôles, références…).', (m) => m.reponse?.consignes),
        col('debut', 'date', 'Début de la mission.', (m) => m.debut),
        col('fin', 'date', 'Fin de la mission.', (m) => m.fin),
        col('budget_eur', 'number', 'Budget total, en euros HT.', (m) => m.budget_eur, AMOUNT),
        col('portage_type', 'string', 'Qui porte la réponse : membre, consortium ou reseau.', (m) => m.portage.type, oneOf(PORTAGES, true)),
        col('portage_chef_de_file', 'string', 'Identifiant du prestataire chef de file.', (m) => m.portage.chef_de_file),
        col('portage_criteres', 'string', `Critères de portage par le réseau remplis, séparés par « ${LIST_SEPARATOR.trim()} ».`, (m) => list(m.portage.criteres)),
        col('portage_justification', 'string', 'Pourquoi la Compagnie porte elle-même la réponse.', (m) => m.portage.justification),
        col('bilan_ce_qui_a_marche', 'string', 'Retour d’expérience : ce qui a bien fonctionné.', (m) => m.bilan?.ce_qui_a_marche),
        col('bilan_a_ameliorer', 'string', 'Retour d’expérience : ce qui est à améliorer.', (m) => m.bilan?.a_ameliorer),
        col('page', 'string', 'Page de la mission sur le site.', (m) => absoluteUrl(`/missions/${m.id}/`), URI),
      ],
      missions,
    ),
    table<Member>(
      {
        name: 'equipes',
        title: 'Équipes des missions',
        description: 'Un membre d’équipe par ligne : son rôle, ses jours, son montant, sa part de la marge de solidarité et la réciprocité attendue de lui selon les règles de la mission.',
        foreignKeys: [fk('mission', 'missions'), fk('prestataire', 'prestataires')],
      },
      [
        col('mission', 'string', 'Identifiant de la mission.', (m) => m.mission, KEY),
        col('prestataire', 'string', 'Identifiant du prestataire.', (m) => m.prestataire, KEY),
        col('role', 'string', 'Rôle : plancher, animation ou coordination.', (m) => m.role, oneOf(ROLES, true)),
        col('jours', 'number', 'Jours de contribution prévus.', (m) => m.jours, AMOUNT),
        col('montant_eur', 'number', 'Jours × tarif journalier du rôle, en euros HT.', (m) => m.montant_eur, AMOUNT),
        col('part_solidarite_eur', 'number', 'Part de la marge de solidarité (contributions plancher), en euros.', (m) => m.part_solidarite_eur, AMOUNT),
        col('reciprocite_attendue_eur', 'number', 'Réciprocité attendue de ce membre selon les règles, en euros.', (m) => m.reciprocite_attendue_eur, AMOUNT),
        col('a_declare', 'boolean', 'Le membre a-t-il déclaré sa réciprocité pour cette mission ?', (m) => m.a_declare),
        col('reciprocite_declaree_eur', 'number', 'Réciprocité déclarée (argent versé et promis, heures en nature valorisées), en euros ; vide sans déclaration.', (m) => m.declare?.total_eur ?? null, AMOUNT),
        col('date_declaration', 'date', 'Date de la déclaration.', (m) => m.date_declaration),
        col('echeance_declaration', 'date', 'Sans déclaration, une fois la mission terminée : dernier jour pour déclarer à temps.', (m) => m.echeance?.date ?? m.tardive?.echeance ?? null),
        col('statut_declaration', 'string', 'Sans déclaration, une fois la mission terminée : a_declarer, en_retard ou defaillant.', (m) => m.echeance?.statut ?? null, oneOf(DUE_STATUSES)),
        col('jours_de_retard', 'integer', 'Déclaration faite après l’échéance : jours de retard.', (m) => m.tardive?.jours_de_retard ?? null, AMOUNT),
        col('manque_eur', 'number', 'Mission terminée : ce qui manque pour atteindre l’attendu (une promesse échue ne compte pas), en euros.', (m) => m.manque_eur, AMOUNT),
      ],
      members,
    ),
    table<Livrable>(
      {
        name: 'livrables',
        title: 'Livrables',
        description: 'Un livrable publié par ligne, avec sa licence.',
        foreignKeys: [fk('mission', 'missions')],
      },
      [
        col('mission', 'string', 'Identifiant de la mission.', (l) => l.mission, KEY),
        col('titre', 'string', 'Titre du livrable.', (l) => l.titre),
        col('url', 'string', 'Où le trouver.', (l) => l.url, URI),
        col('licence', 'string', 'Licence (identifiant SPDX, ou « proprietaire »).', (l) => l.licence),
      ],
      missions.flatMap((m) => m.livrables.map((l) => ({ mission: m.id, ...l }))),
    ),
    table<Commun>(
      {
        name: 'communs',
        title: 'Communs',
        description: 'Un commun par ligne : wiki, méthode, outil, logiciel, données ou le réseau lui-même, et comment y contribuer.',
        primaryKey: ['id'],
      },
      [
        col('id', 'string', 'Identifiant du commun.', (c) => c.id, KEY),
        col('nom', 'string', 'Nom du commun.', (c) => c.nom),
        col('type', 'string', 'Nature : reseau, wiki, outil, logiciel, methode ou donnees.', (c) => c.type, oneOf(COMMUN_TYPES, true)),
        col('description', 'string', 'Ce qu’est le commun.', (c) => c.description),
        col('site', 'string', 'Adresse du commun.', (c) => c.site, URI),
        col('licence', 'string', 'Licence (identifiant SPDX).', (c) => c.licence),
        col('gardiens', 'string', `Qui prend soin du commun, séparés par « ${LIST_SEPARATOR.trim()} ».`, (c) => list(c.gardiens)),
        col('comptes_forge', 'string', `Comptes sur la forge des gardiens, qui confirment l’argent reçu, séparés par « ${LIST_SEPARATOR.trim()} ».`, (c) => list(c.comptes_forge)),
        col('accepte_argent', 'boolean', 'Le commun accepte-t-il des contributions en argent ?', (c) => c.contribution_argent.accepte),
        col('contribution_argent_url', 'string', 'Page de contribution en argent.', (c) => c.contribution_argent.url, URI),
        col('contribution_argent_plateforme', 'string', 'Plateforme de contribution en argent.', (c) => c.contribution_argent.plateforme),
        col('contribution_nature', 'string', 'Comment contribuer en nature.', (c) => c.contribution_nature.description),
        col('contribution_nature_url', 'string', 'Page pour commencer à contribuer en nature.', (c) => c.contribution_nature.url, URI),
        col('page', 'string', 'Page du commun sur le site.', (c) => absoluteUrl(`/communs/${c.id}/`), URI),
      ],
      communs,
    ),
    table<Declaration>(
      {
        name: 'declarations',
        title: 'Déclarations de réciprocité',
        description: 'Une déclaration par ligne (un prestataire, une mission), avec ce qu’elle rend aux communs.',
        primaryKey: ['prestataire', 'mission'],
        foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions')],
      },
      [
        col('prestataire', 'string', 'Identifiant du prestataire qui déclare.', (d) => d.prestataire, KEY),
        col('mission', 'string', 'Identifiant de la mission.', (d) => d.mission, KEY),
        col('date', 'date', 'Date de la déclaration.', (d) => d.date, KEY),
        col('communs_utilises', 'string', `Communs utilisés pendant la mission, séparés par « ${LIST_SEPARATOR.trim()} » (détail dans communs_utilises.csv).`, (d) => list(d.communs_utilises.map((u) => u.commun))),
        col('verse_eur', 'number', 'Argent versé aux communs, en euros.', (d) => declared(d)?.verse_eur ?? null, AMOUNT),
        col('promis_eur', 'number', 'Argent promis aux communs, en euros.', (d) => declared(d)?.promis_eur ?? null, AMOUNT),
        col('nature_heures', 'number', 'Heures de contribution en nature.', (d) => declared(d)?.nature_heures ?? null, AMOUNT),
        col('nature_eur', 'number', 'Heures en nature valorisées selon les règles de la mission, en euros.', (d) => declared(d)?.nature_eur ?? null, AMOUNT),
        col('total_eur', 'number', 'Réciprocité déclarée : versé + promis + nature valorisée, en euros.', (d) => declared(d)?.total_eur ?? null, AMOUNT),
        col('commentaire', 'string', 'Un mot libre du prestataire.', (d) => d.commentaire),
        col('page', 'string', 'Page de la mission sur le site.', (d) => absoluteUrl(`/missions/${d.mission}/`), URI),
      ],
      declarations,
    ),
    table<Usage>(
      {
        name: 'communs_utilises',
        title: 'Communs utilisés',
        description: 'Un commun utilisé pendant une mission par ligne, et comment.',
        foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions'), fk('commun', 'communs')],
      },
      [
        col('prestataire', 'string', 'Identifiant du prestataire qui déclare.', (u) => u.prestataire, KEY),
        col('mission', 'string', 'Identifiant de la mission.', (u) => u.mission, KEY),
        col('commun', 'string', 'Identifiant du commun utilisé.', (u) => u.commun, KEY),
        col('usage', 'string', 'Comment il a été utilisé.', (u) => u.usage),
      ],
      declarations.flatMap((d) => d.communs_utilises.map((u) => ({ prestataire: d.prestataire, mission: d.mission, ...u }))),
    ),
    table<Money>(
      {
        name: 'contributions_argent',
        title: 'Contributions en argent',
        description: 'Une contribution en argent à un commun par ligne, versée ou promise.',
        foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions'), fk('commun', 'communs')],
      },
      [
        col('prestataire', 'string', 'Identifiant du prestataire qui contribue.', (c) => c.prestataire, KEY),
        col('mission', 'string', 'Identifiant de la mission.', (c) => c.mission, KEY),
        col('commun', 'string', 'Identifiant du commun qui reçoit.', (c) => c.commun, KEY),
        col('montant_eur', 'number', 'Montant en euros.', (c) => c.montant_eur, AMOUNT),
        col('statut', 'string', 'promis ou verse.', (c) => c.statut, oneOf(VERSEMENT_STATUTS, true)),
        col('date', 'date', 'Date du versement, ou date prévue si promis.', (c) => c.date),
        col('preuve', 'string', 'Lien vers un reçu ou une page publique du don.', (c) => c.preuve, URI),
        col('confirmation', 'string', 'Confirmation par le commun : confirme (versé, reçu selon le commun), non_confirme (versé selon le prestataire seulement) ou promis.', (c) => c.etat?.etat ?? null, oneOf(CONFIRMATION_STATES)),
        col('confirmation_libelle', 'string', 'La confirmation en mots, comme sur le site.', (c) => paymentInWords(c, nameOfCommun(c.commun))),
        col('confirmation_date', 'date', 'Date de réception confirmée par le commun.', (c) => (c.etat?.etat === 'confirme' ? c.etat.recu.date : null)),
        col('confirmation_montant_eur', 'number', 'Montant que le commun confirme avoir reçu pour cette mission, en euros.', (c) => (c.etat?.etat === 'confirme' ? c.etat.recu.montant_eur : null), AMOUNT),
        col('confirmation_attendue', 'boolean', 'Versé, non confirmé après le délai des règles (delais.confirmation_jours) ; vide si rien n’est attendu.', (c) => (c.etat?.etat === 'non_confirme' ? c.etat.attendue : null)),
      ],
      declarations.flatMap((d) => {
        const states = memberOf.get(`${d.prestataire}/${d.mission}`)?.argent ?? [];
        return d.contributions_argent.map((c, j) => ({ prestataire: d.prestataire, mission: d.mission, ...c, etat: states[j] }));
      }),
    ),
    table<Receipt>(
      {
        name: 'confirmations',
        title: 'Confirmations de réception',
        description: 'Un versement reçu par ligne, tel que le commun le confirme (confirmations/<commun>.yaml, écrit par ses gardiens).',
        foreignKeys: [fk('commun', 'communs'), fk('prestataire', 'prestataires'), fk('mission', 'missions')],
      },
      [
        col('commun', 'string', 'Identifiant du commun qui confirme.', (r) => r.commun, KEY),
        col('prestataire', 'string', 'Identifiant du prestataire qui a versé.', (r) => r.prestataire, KEY),
        col('mission', 'string', 'Identifiant de la mission.', (r) => r.mission, KEY),
        col('montant_eur', 'number', 'Montant reçu, en euros.', (r) => r.montant_eur, AMOUNT),
        col('date', 'date', 'Date de réception.', (r) => r.date),
        col('note', 'string', 'Note du commun.', (r) => r.note),
      ],
      publicReceipts(registry, figures),
    ),
    table<InKind>(
      {
        name: 'contributions_nature',
        title: 'Contributions en nature',
        description: 'Une contribution en nature à un commun par ligne (une fiche améliorée, du code...).',
        foreignKeys: [fk('prestataire', 'prestataires'), fk('mission', 'missions'), fk('commun', 'communs')],
      },
      [
        col('prestataire', 'string', 'Identifiant du prestataire qui contribue.', (c) => c.prestataire, KEY),
        col('mission', 'string', 'Identifiant de la mission.', (c) => c.mission, KEY),
        col('commun', 'string', 'Identifiant du commun enrichi.', (c) => c.commun, KEY),
        col('description', 'string', 'Ce qui a été apporté.', (c) => c.description),
        col('heures', 'number', 'Heures passées.', (c) => c.heures, AMOUNT),
        col('lien', 'string', 'Lien vers la contribution.', (c) => c.lien, URI),
        col('date', 'date', 'Date de la contribution.', (c) => c.date),
      ],
      declarations.flatMap((d) => d.contributions_nature.map((c) => ({ prestataire: d.prestataire, mission: d.mission, ...c }))),
    ),
    table<PrestataireFigures>(
      {
        name: 'figures_prestataires',
        title: 'Chiffres par prestataire',
        description: `Calculés au ${figures.date_reference} selon les règles : adhésion, réciprocité et place dans le cercle, chacune avec ses raisons ; taux de déclaration ; attendu et donné sur les mêmes missions (terminées), les missions en cours à part.`,
        primaryKey: ['id'],
        foreignKeys: [fk('id', 'prestataires')],
      },
      [
        col('id', 'string', 'Identifiant du prestataire.', (p) => p.id, KEY),
        col('nom', 'string', 'Nom du prestataire.', (p) => p.nom),
        col('date_reference', 'date', 'Date à laquelle la situation et les chiffres sont calculés.', () => figures.date_reference),
        col('adhesion', 'string', 'Adhésion : adherent, adhesion_echue ou jamais_adherent.', (p) => p.situation.adhesion.statut, oneOf(Object.keys(MEMBERSHIP_LABELS), true)),
        col('adhesion_libelle', 'string', 'Adhésion en mots, avec ses dates.', (p) => `${MEMBERSHIP_LABELS[p.situation.adhesion.statut]} : ${p.situation.adhesion.raison}`),
        col('adhesion_jusqu_au', 'date', 'Fin de l’adhésion en cours.', (p) => p.situation.adhesion.jusqu_au),
        col('adhesion_echue_depuis', 'date', 'Premier jour sans adhésion, si elle est échue.', (p) => p.situation.adhesion.echue_depuis),
        col('adhesion_tarif', 'string', 'Tarif de l’adhésion en cours.', (p) => p.situation.adhesion.tarif),
        col('reciprocite', 'string', 'Réciprocité : rien_du (rien n’est encore dû), a_jour, a_declarer, en_retard ou defaillant.', (p) => p.situation.reciprocite.statut, oneOf(RECIPROCITY_STATUSES, true)),
        col('reciprocite_libelle', 'string', 'Réciprocité en mots.', (p) => RECIPROCITY_LABELS[p.situation.reciprocite.statut]),
        col('reciprocite_raisons', 'string', `Raisons, la plus grave d’abord, séparées par « ${LIST_SEPARATOR.trim()} ».`, (p) => list(p.situation.reciprocite.raisons)),
        col('hors_cercle', 'boolean', 'Hors du cercle : la conséquence que les règles attachent à la défaillance ou à une adhésion échue depuis trop longtemps.', (p) => p.situation.cercle.hors_cercle),
        col('hors_cercle_raisons', 'string', `Pourquoi hors du cercle, séparé par « ${LIST_SEPARATOR.trim()} » ; vide sinon.`, (p) => list(p.situation.cercle.raisons)),
        col('missions', 'string', `Missions du prestataire, séparées par « ${LIST_SEPARATOR.trim()} ».`, (p) => list(p.missions)),
        col('missions_terminees', 'integer', 'Missions terminées à la date de référence : le périmètre de l’attendu et du déclaré.', (p) => p.missions_terminees, AMOUNT),
        col('declarations_dues', 'integer', 'Déclarations dues : missions terminées dont l’échéance est passée.', (p) => p.declarations_dues, AMOUNT),
        col('declarations_faites', 'integer', 'Déclarations faites parmi celles qui sont dues.', (p) => p.declarations_faites, AMOUNT),
        col('taux_declaration', 'number', 'Déclarations faites / dues, entre 0 et 1 ; vide quand rien n’est encore dû.', (p) => p.taux_declaration, { constraints: { minimum: 0, maximum: 1 } }),
        col('reciprocite_attendue_eur', 'number', 'Réciprocité attendue sur les missions terminées, selon les règles de chacune, arrondie selon les règles, en euros.', (p) => p.reciprocite_attendue_eur, AMOUNT),
        col('reciprocite_declaree_eur', 'number', 'Réciprocité donnée sur les mêmes missions : versé + promis (non échu) + nature valorisée, en euros.', (p) => p.reciprocite_declaree_eur, AMOUNT),
        col('manque_eur', 'number', 'Somme, mission par mission, de ce qui manque pour atteindre l’attendu, en euros.', (p) => p.manque_eur, AMOUNT),
        col('argent_verse_eur', 'number', 'Argent versé aux communs (missions terminées), en euros.', (p) => p.argent_verse_eur, AMOUNT),
        col('argent_confirme_eur', 'number', 'Dont l’argent que les communs confirment avoir reçu (missions terminées), en euros.', (p) => p.argent_confirme_eur, AMOUNT),
        col('argent_promis_eur', 'number', 'Argent promis pour une date à venir (missions terminées), en euros.', (p) => p.argent_promis_eur, AMOUNT),
        col('promesses_echues_eur', 'number', 'Argent promis pour une date passée et pas versé (missions terminées) : ne compte pas comme donné.', (p) => p.promesses_echues_eur, AMOUNT),
        col('nature_heures', 'number', 'Heures de contribution en nature (missions terminées).', (p) => p.nature_heures, AMOUNT),
        col('nature_eur', 'number', 'Heures en nature valorisées, en euros (missions terminées).', (p) => p.nature_eur, AMOUNT),
        col('en_cours_missions', 'integer', 'Missions pas encore terminées.', (p) => p.en_cours.missions, AMOUNT),
        col('en_cours_declaree_eur', 'number', 'Réciprocité déjà déclarée sur les missions pas encore terminées, en euros.', (p) => p.en_cours.reciprocite_declaree_eur, AMOUNT),
        col('livrables_ouverts', 'integer', 'Livrables sous licence ouverte dans ses missions.', (p) => p.livrables_ouverts, AMOUNT),
        col('communs_contribues', 'string', `Communs auxquels il a contribué, séparés par « ${LIST_SEPARATOR.trim()} ».`, (p) => list(p.communs_contribues)),
      ],
      figures.prestataires,
    ),
    table<MissionFigures>(
      {
        name: 'figures_missions',
        title: 'Chiffres par mission',
        description: `Calculés au ${figures.date_reference} selon les règles en vigueur au début de chaque mission : budget par rôle, marge de solidarité, réciprocité attendue et déclarée.`,
        primaryKey: ['id'],
        foreignKeys: [fk('id', 'missions')],
      },
      [
        col('id', 'string', 'Identifiant de la mission.', (m) => m.id, KEY),
        col('titre', 'string', 'Intitulé de la mission.', (m) => m.titre),
        col('statut', 'string', 'Statut de la mission.', (m) => m.statut, oneOf(MISSION_STATUTS, true)),
        col('annee', 'year', 'Année de référence de la mission.', (m) => m.annee),
        col('regles', 'date', 'Date d’effet des règles appliquées.', (m) => m.regles),
        col('jours', 'number', 'Jours de contribution de l’équipe.', (m) => m.budget?.total_jours ?? null, AMOUNT),
        col('montant_roles_eur', 'number', 'Somme des jours × tarif de chaque rôle, en euros HT.', (m) => m.budget?.total_roles_eur ?? null, AMOUNT),
        col('pot_solidarite_eur', 'number', 'Marge de solidarité : jours des bénéficiaires (ou de l’équipe, selon les règles) × marge par jour, en euros.', (m) => m.budget?.solidarite.pot_eur ?? null, AMOUNT),
        col('reste_solidarite_eur', 'number', 'Part du pot non distribuée (elle va où les règles le disent), en euros.', (m) => m.budget?.solidarite.reste_eur ?? null, AMOUNT),
        col('ecart_budget_eur', 'number', 'Budget − (honoraires selon les règles + marge) : ce que les règles n’expliquent pas, en euros.', (m) => m.budget?.ecart_budget_eur ?? null, AMOUNT),
        col('reciprocite_attendue_eur', 'number', 'Réciprocité attendue de la mission, en euros.', (m) => m.reciprocite.attendue_eur, AMOUNT),
        col('reciprocite_declaree_eur', 'number', 'Réciprocité déclarée par l’équipe, en euros.', (m) => m.reciprocite.declaree_eur, AMOUNT),
        col('argent_verse_eur', 'number', 'Argent versé, en euros.', (m) => m.reciprocite.versee_eur, AMOUNT),
        col('argent_confirme_eur', 'number', 'Dont l’argent que les communs confirment avoir reçu, en euros.', (m) => m.reciprocite.confirmee_eur, AMOUNT),
        col('argent_promis_eur', 'number', 'Argent promis pour une date à venir, en euros.', (m) => m.reciprocite.promise_eur, AMOUNT),
        col('promesses_echues_eur', 'number', 'Argent promis pour une date passée et pas versé, en euros.', (m) => m.reciprocite.promesses_echues_eur, AMOUNT),
        col('nature_heures', 'number', 'Heures en nature.', (m) => m.reciprocite.nature_heures, AMOUNT),
        col('nature_eur', 'number', 'Heures en nature valorisées, en euros.', (m) => m.reciprocite.nature_eur, AMOUNT),
        col('declarants', 'string', `Membres qui ont déclaré, séparés par « ${LIST_SEPARATOR.trim()} ».`, (m) => list(m.declarants)),
        col('non_declarants', 'string', `Membres qui n’ont pas déclaré, séparés par « ${LIST_SEPARATOR.trim()} ».`, (m) => list(m.non_declarants)),
        col('livrables_ouverts', 'integer', 'Livrables sous licence ouverte.', (m) => m.livrables_ouverts, AMOUNT),
        col('portage_conforme', 'boolean', 'Le portage respecte-t-il les critères des règles ?', (m) => m.portage?.conforme ?? null),
      ],
      figures.missions,
    ),
    table<CommunFigures>(
      {
        name: 'figures_communs',
        title: 'Chiffres par commun',
        description: `Calculés au ${figures.date_reference} : argent et heures reçus, missions qui l’ont utilisé, contributeurs.`,
        primaryKey: ['id'],
        foreignKeys: [fk('id', 'communs')],
      },
      [
        col('id', 'string', 'Identifiant du commun.', (c) => c.id, KEY),
        col('nom', 'string', 'Nom du commun.', (c) => c.nom),
        col('argent_verse_eur', 'number', 'Argent déclaré versé par les prestataires, en euros.', (c) => c.argent_verse_eur, AMOUNT),
        col('argent_confirme_eur', 'number', 'Argent que le commun confirme avoir reçu, en euros.', (c) => c.argent_confirme_eur, AMOUNT),
        col('versements_confirmes', 'integer', 'Versements déclarés que le commun a confirmés.', (c) => c.versements.confirmes, AMOUNT),
        col('versements_non_confirmes', 'integer', 'Versements déclarés que le commun n’a pas confirmés.', (c) => c.versements.non_confirmes, AMOUNT),
        col('versements_attendus', 'integer', 'Dont ceux non confirmés après le délai des règles.', (c) => c.versements.attendus, AMOUNT),
        col('argent_promis_eur', 'number', 'Argent promis, en euros.', (c) => c.argent_promis_eur, AMOUNT),
        col('nature_heures', 'number', 'Heures de contribution en nature reçues.', (c) => c.nature_heures, AMOUNT),
        col('missions', 'string', `Missions qui l’ont utilisé, séparées par « ${LIST_SEPARATOR.trim()} ».`, (c) => list(c.missions)),
        col('contributeurs', 'string', `Prestataires qui y ont contribué, séparés par « ${LIST_SEPARATOR.trim()} ».`, (c) => list(c.contributeurs)),
      ],
      figures.communs,
    ),
    table<CommunYear>(
      {
        name: 'figures_communs_annees',
        title: 'Argent reçu par commun et par année',
        description: `Calculé au ${figures.date_reference}, par année de versement (ou de promesse).`,
        primaryKey: ['commun', 'annee'],
        foreignKeys: [fk('commun', 'communs')],
      },
      [
        col('commun', 'string', 'Identifiant du commun.', (y) => y.commun, KEY),
        col('annee', 'year', 'Année.', (y) => y.annee, KEY),
        col('verse_eur', 'number', 'Argent déclaré versé cette année-là, en euros.', (y) => y.verse_eur, AMOUNT),
        col('confirme_eur', 'number', 'Argent que le commun confirme avoir reçu cette année-là, en euros.', (y) => y.confirme_eur, AMOUNT),
        col('promis_eur', 'number', 'Argent promis pour cette année-là, en euros.', (y) => y.promis_eur, AMOUNT),
      ],
      figures.communs.flatMap((c) => c.argent_par_annee.map((y) => ({ commun: c.id, ...y }))),
    ),
    table<YearFigures>(
      {
        name: 'figures_annees',
        title: 'Totaux du réseau par année',
        description: `Calculés au ${figures.date_reference}.`,
        primaryKey: ['annee'],
      },
      [
        col('annee', 'year', 'Année.', (y) => y.annee, KEY),
        col('missions_commencees', 'integer', 'Missions commencées cette année-là.', (y) => y.missions_commencees, AMOUNT),
        col('budget_missions_eur', 'number', 'Budget des missions commencées, en euros HT.', (y) => y.budget_missions_eur, AMOUNT),
        col('declarations', 'integer', 'Déclarations faites cette année-là.', (y) => y.declarations, AMOUNT),
        col('argent_verse_eur', 'number', 'Argent versé aux communs, en euros.', (y) => y.argent_verse_eur, AMOUNT),
        col('argent_confirme_eur', 'number', 'Argent que les communs confirment avoir reçu cette année-là, en euros.', (y) => y.argent_confirme_eur, AMOUNT),
        col('argent_promis_eur', 'number', 'Argent promis aux communs pour cette année, à une date à venir, en euros.', (y) => y.argent_promis_eur, AMOUNT),
        col('promesses_echues_eur', 'number', 'Argent promis pour une date passée de cette année et pas versé, en euros.', (y) => y.promesses_echues_eur, AMOUNT),
        col('nature_heures', 'number', 'Heures de contribution en nature.', (y) => y.nature_heures, AMOUNT),
      ],
      figures.reseau.par_annee,
    ),
    table<Flow>(
      {
        name: 'figures_flux',
        title: 'Flux des prestataires vers les communs',
        description: `Calculés au ${figures.date_reference} : ce que chaque prestataire a rendu à chaque commun.`,
        primaryKey: ['prestataire', 'commun'],
        foreignKeys: [fk('prestataire', 'prestataires'), fk('commun', 'communs')],
      },
      [
        col('prestataire', 'string', 'Identifiant du prestataire.', (f) => f.prestataire, KEY),
        col('commun', 'string', 'Identifiant du commun.', (f) => f.commun, KEY),
        col('verse_eur', 'number', 'Argent versé, en euros.', (f) => f.verse_eur, AMOUNT),
        col('promis_eur', 'number', 'Argent promis, en euros.', (f) => f.promis_eur, AMOUNT),
        col('nature_heures', 'number', 'Heures en nature.', (f) => f.nature_heures, AMOUNT),
      ],
      figures.reseau.flux,
    ),
  ];
}

const CSV_OPTIONS = { header: true, record_delimiter: 'windows', escape_formulas: true } as const;

/**
 * RFC 4180 CSV (UTF-8, comma, CRLF, a header line). Every text cell that a
 * spreadsheet would read as a formula (= + - @, tab, CR, and their full-width
 * forms) gets a leading apostrophe: csv-stringify's `escape_formulas`, which leaves
 * numbers alone; so does one where such a character follows spaces or invisible ones. Booleans are written true/false, as Table Schema reads them.
 */
export function toCsv(t: ExportTable): string {
  return stringify(t.rows, {
    ...CSV_OPTIONS,
    columns: t.fields.map((f) => f.name),
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      string: neutraliseFormulaAfterInvisible,
    },
  });
}

// escape_formulas looks at the first character only; a spreadsheet may skip spaces and
// invisible characters (U+200B, U+2060...) before it reads « = »: the same apostrophe.
const FORMULA_AFTER_INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}]+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

function neutraliseFormulaAfterInvisible(value: string): string {
  return FORMULA_AFTER_INVISIBLE.test(value) ? `'${value}` : value;
}

/**
 * The same table for a French spreadsheet opened with a double click: a UTF-8 byte
 * order mark (without it Excel reads the accents as Windows-1252), « ; » between
 * cells (the list separator of a French system), a decimal comma, oui/non.
 * Dates stay AAAA-MM-JJ, which Excel in French reads as dates.
 */
export function toSpreadsheetCsv(t: ExportTable): string {
  return stringify(t.rows, {
    ...CSV_OPTIONS,
    bom: true,
    delimiter: ';',
    columns: t.fields.map((f) => f.name),
    cast: {
      boolean: (value) => (value ? 'oui' : 'non'),
      number: (value) => String(value).replace('.', ','),
      string: neutraliseFormulaAfterInvisible,
    },
  });
}

/** The whole registry as written, with the figures document, for registre.json. */
export function registryDocument({ registry, figures }: ExportInput) {
  const withText = <T extends { id: string }>(entries: Iterable<Entry<T>>) =>
    sortedById(entries).map((e) => ({ ...e.data, texte_markdown: e.body }));
  return {
    licence: DATA_LICENCE,
    date_reference: figures.date_reference,
    source: {
      titre: DATA_TITLE,
      editeur: DATA_PUBLISHER,
      url: absoluteUrl('/donnees/'),
      depot: REPOSITORY_URL,
      citation: citation(figures.date_reference),
    },
    regles: registry.regles.map((r) => r.data),
    prestataires: withText(registry.prestataires.values()),
    missions: withText(registry.missions.values()),
    communs: withText(registry.communs.values()),
    declarations: publicDeclarations(registry, figures),
    confirmations: publicReceipts(registry, figures),
    figures,
  };
}

/** How to cite the data, in French. */
export function citation(date: string): string {
  return `${DATA_PUBLISHER}, « Communs & Réciprocité », données au ${date}, licence ODbL 1.0, ${absoluteUrl('/donnees/')}`;
}

/** The profile the package declares, and is checked against in the tests (Data Package 2.0). */
export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

/**
 * The Frictionless Data Package (https://datapackage.org/standard/data-package/):
 * registre.json as a plain resource, and each CSV as a table resource with its
 * dialect and Table Schema (types, constraints, primary and foreign keys).
 */
export function dataPackage(tables: ExportTable[], date: string) {
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: 'communs-reciprocite',
    title: DATA_TITLE,
    description:
      'Les communs utilisés par les prestataires de La Compagnie des Tiers-Lieux dans leurs missions, et ce qu’ils leur rendent en argent et en nature, avec les chiffres calculés selon les règles de l’association. ' +
      `Une cellule de texte qui commence par = + - @ est précédée d’une apostrophe (protection contre l’injection de formules dans un tableur). Les listes sont séparées par « ${LIST_SEPARATOR.trim()} ».`,
    homepage: absoluteUrl('/donnees/'),
    created: `${date}T00:00:00Z`,
    keywords: ['tiers-lieux', 'communs', 'réciprocité', 'Hauts-de-France'],
    licenses: [DATA_LICENCE],
    sources: [{ title: 'Dépôt Git du registre', path: REPOSITORY_URL }],
    contributors: [{ title: DATA_PUBLISHER, roles: ['publisher'] }],
    resources: [
      {
        name: 'registre',
        path: 'registre.json',
        title: 'Registre complet',
        description: 'Toutes les entités telles qu’écrites, avec le document des chiffres calculés.',
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        licenses: [DATA_LICENCE],
      },
      ...tables.map((t) => ({
        name: t.name,
        type: 'table',
        path: `${t.name}.csv`,
        title: t.title,
        description: t.description,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        licenses: [DATA_LICENCE],
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: t.fields,
          missingValues: [''],
          ...(t.primaryKey ? { primaryKey: t.primaryKey } : {}),
          ...(t.foreignKeys ? { foreignKeys: t.foreignKeys } : {}),
        },
      })),
    ],
  };
}

/**
 * JSON text whose < and > are \u-escaped: the same value for any JSON parser, and
 * no `</script>` or tag if someone pastes it into an HTML page.
 */
export function jsonText(value: unknown, indent: number | undefined = 2): string {
  return JSON.stringify(value, null, indent).replace(/[<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
