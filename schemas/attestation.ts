import * as z from 'zod/mini';
import { about, isoDate, slug } from './shared.ts';

// Not a content file: the shape of a document the site publishes, the yearly attestation
// of a provider (/prestataires/<id>/attestations/<année>.json, issue 23, point 1). Its JSON
// Schema (schemas/json/attestation.json, npm run schemas) is published at
// /schemas/attestation.json; src/site/attestations.ts writes documents of this type.

/** Version of the document's shape: a field removed or changed in meaning is a new major version. */
export const ATTESTATION_VERSION = '1.0.0';

const amount = z.number().check(z.minimum(0));
const hours = z.number().check(z.minimum(0));
const ruleRef = z.strictObject({
  id: z.string().check(about('Identifiant de la règle : date d’effet du fichier de règles et section, par exemple 2024-04-01#reciprocite.')),
  adresse: z.string().check(about('Où la règle est expliquée sur le site.')),
});
const explanation = z.strictObject({
  titre: z.string(),
  lignes: z.array(z.string()).check(about('Le calcul, une ligne par opération, sur les nombres réels.')),
  regle: z.nullable(ruleRef),
});

const given = z.strictObject({
  verse_eur: amount.check(about('Argent que le prestataire déclare avoir versé (au 31 décembre).')),
  confirme_eur: amount.check(about('Dont le commun qui l’a reçu a confirmé la réception (confirmations/<commun>.yaml, tenu par ses gardiens).')),
  non_confirme_eur: amount.check(about('Versé selon le prestataire, pas encore confirmé par le commun : verse_eur − confirme_eur.')),
  promis_eur: amount.check(about('Promis pour une date pas encore passée au 31 décembre.')),
  promesses_echues_eur: amount.check(about('Promis pour une date passée et toujours pas versé : non compté comme donné.')),
  nature_heures: hours.check(about('Heures données en nature, déclarées par le prestataire.')),
  nature_confirmee_heures: hours.check(about('Dont le commun qui les a reçues a confirmé la réception (confirmations/<commun>.yaml, tenu par ses gardiens).')),
  nature_eur: amount.check(about('Ces heures valorisées au taux horaire des règles de la mission.')),
  total_eur: amount.check(about('Ce qui compte comme donné : versé + promis (non échu) + nature valorisée.')),
});

const mission = z.strictObject({
  id: slug,
  titre: z.string(),
  page: z.string(),
  statut: z.enum(['appel', 'attribuee', 'en_cours', 'terminee', 'abandonnee']).check(about('Statut de la mission au 31 décembre, tiré de ses dates (début, fin, abandon) : le registre a pu le changer depuis.')),
  role: z.enum(['plancher', 'animation', 'coordination']),
  jours: z.number(),
  debut: z.nullable(isoDate),
  fin: z.nullable(isoDate),
  abandon: z.nullable(isoDate),
  terminee_au_31_decembre: z.boolean().check(about('Finie (date de fin passée) au 31 décembre : ce qui est attendu d’elle est jugé.')),
  budget_eur: amount,
  honoraires_eur: amount.check(about('Part du prestataire selon les tarifs des règles : jours × tarif de son rôle.')),
  regles: z.nullable(z.string().check(about('Date d’effet des règles qui jugent la mission (celles en vigueur à son début).'))),
  reciprocite_attendue_eur: amount.check(about('Part du prestataire de la réciprocité attendue de la mission, selon ses règles ; 0 quand rien n’est attendu : mission abandonnée, compagnonnage non facturé (budget 0), même avec une déclaration.')),
  jugee_en: z
    .nullable(z.int())
    .check(
      about(
        'Année dont l’attestation compte la mission dans ses totaux, et aucune autre : celle où sa déclaration était due (fin + délai des règles) ; pour une mission qui n’attend rien, l’année où elle s’est arrêtée (abandon, fin d’un compagnonnage) ; null tant qu’elle n’a pas de fin.',
      ),
    ),
  donne: z.nullable(given).check(about('Ce que sa déclaration donne au 31 décembre ; null sans déclaration à cette date.')),
  manque_eur: z.nullable(amount).check(about('Mission terminée : attendu − donné quand c’est positif et l’échéance passée ; null pour une mission pas encore terminée.')),
  declaration: z.strictObject({
    date: z.nullable(isoDate).check(about('Jour où la déclaration a été faite (la première fois) ; null si aucune au 31 décembre.')),
    echeance: z.nullable(isoDate).check(about('Dernier jour pour déclarer (fin + délai des règles) ; null pour une mission pas encore terminée.')),
    statut: z
      .enum(['faite', 'faite_en_retard', 'a_faire', 'en_retard', 'defaillant', 'pas_encore_due', 'non_due'])
      .check(about('Au 31 décembre ; non_due : mission abandonnée, ou compagnonnage non facturé (budget 0), rien n’est attendu.')),
    jours_de_retard: z.nullable(z.int()),
    regle: z.nullable(ruleRef),
  }),
  calcul: z.string().check(about('Le calcul de l’attendu et du donné, en une ligne.')),
});

export const attestationSchema = z.strictObject({
  $schema: z.string().check(about('Adresse de ce schéma sur le site.')),
  version: z.literal(ATTESTATION_VERSION),
  titre: z.string(),
  adresse: z.string().check(about('Adresse de ce document.')),
  page: z.string().check(about('La page imprimable de la même attestation.')),
  licence: z.strictObject({ nom: z.string(), adresse: z.string() }),
  prestataire: z.strictObject({ id: slug, nom: z.string(), page: z.string() }),
  annee: z.int(),
  date_situation: isoDate.check(about('Le 31 décembre de l’année : tout est calculé à cette date (déclarations, confirmations et promesses datées d’après n’y sont pas).')),
  registre: z.strictObject({
    depot: z.string().check(about('Dépôt de la forge (propriétaire/nom) qui tient le registre et publie le site.')),
    adresse_depot: z.string(),
    commit: z
      .nullable(z.string())
      .check(about('Commit du dépôt dont ce document est tiré ; null pour une construction hors d’un dépôt Git. Le document ne change qu’avec lui : aucune date de construction n’y figure.')),
    date_commit: z.nullable(isoDate),
  }),
  regles: z
    .array(
      z.strictObject({
        en_vigueur_depuis: isoDate,
        resume: z.string(),
        adresse: z.string(),
        en_vigueur_au_31_decembre: z.boolean(),
        retroactive: z.boolean(),
        exemple: z.boolean().check(about('Règles d’exemple, pas une décision de l’association.')),
      }),
    )
    .check(about('Les fichiers de règles qui jugent ce document : ceux des missions et celui en vigueur au 31 décembre.')),
  missions: z.array(mission).check(
    about('Les missions de l’année : le prestataire est dans l’équipe et la mission a couru pendant l’année (du début à la fin ou à l’abandon), ou il l’a déclarée pendant l’année, ou sa déclaration était due pendant l’année.'),
  ),
  totaux: z.strictObject({
    jugees: z
      .strictObject({
        missions: z.int(),
        reciprocite_attendue_eur: amount,
        donne: given,
        manque_eur: amount,
        calcul: z.string(),
      })
      .check(about('Les missions dont la déclaration était due pendant l’année (jugee_en = annee) : chacune est comptée ici et dans aucune autre attestation, si bien que les totaux de plusieurs années s’additionnent.')),
    a_venir: z
      .strictObject({ missions: z.int(), donne: given })
      .check(about('En cours au 31 décembre, ou terminées avec une déclaration due une année suivante : jugées dans une attestation à venir.')),
  }),
  annee_civile: z
    .strictObject({ verse_eur: amount, promis_eur: amount, promesses_echues_eur: amount, nature_heures: hours })
    .check(about('Ce que le prestataire a déclaré donner pendant l’année, par la date de chaque versement, promesse ou don en nature, toutes missions confondues (déclaré, pas confirmé).')),
  situation: z.strictObject({
    cle: z.enum(['defaillant', 'hors_cercle_adhesion', 'en_retard', 'adhesion_a_prendre', 'a_declarer', 'a_jour', 'adhesion_echue', 'rien_du']),
    libelle: z.string(),
    texte: z.string(),
    regle: z.nullable(ruleRef),
    hors_cercle: z.boolean(),
    adhesion: z.strictObject({ statut: z.enum(['adherent', 'adhesion_echue', 'jamais_adherent']), raison: z.string(), regle: z.nullable(ruleRef) }),
    taux_declaration: z.nullable(z.number()),
    explications: z.array(explanation).check(about('Chaque chiffre jugé de la situation, avec sa règle et son calcul, au 31 décembre.')),
  }),
  verification: z.strictObject({
    commande: z.string().check(about('La commande qui vérifie l’attestation de provenance de ce fichier (GitHub CLI) : signé par un flux du dépôt.')),
    commande_stricte: z
      .nullable(z.string())
      .check(about('La même, qui exige aussi le flux de publication, la branche principale et le commit nommé plus haut ; null sans commit connu.')),
    flux: z.string().check(about('Le flux de publication qui atteste ce fichier, tel qu’il était à ce commit.')),
  }),
});

export type Attestation = z.infer<typeof attestationSchema>;
export type AttestationMission = Attestation['missions'][number];
export type AttestationGiven = AttestationMission['donne'] & object;
