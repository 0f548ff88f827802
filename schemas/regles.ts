import { z } from 'zod';
import { ADHESION_TARIFS } from './prestataire.ts';
import { euros, httpUrl, isoDate, label, prose, ruleCode, slug } from './shared.ts';

const jours = z.number().int({ error: 'entier_attendu' }).min(0, { error: 'nombre_hors_limites' });
const taux = z.number().min(0, { error: 'nombre_hors_limites' }).max(100, { error: 'nombre_hors_limites' });

/** Contenu de content/regles/<date d'effet>.yaml : le cadre de règles de l'association. */
export const reglesSchema = z.strictObject({
  en_vigueur_depuis: isoDate.meta({ description: "Date d'effet, égale au nom du fichier." }),
  adoptees_le: isoDate.meta({ description: 'Date de la décision.' }),
  source: httpUrl.optional().meta({ description: 'Lien vers le débat ou le compte rendu qui a décidé ces règles.' }),
  resume: prose.meta({ description: 'Ce qui change, en une phrase.' }),
  reciprocite: z.strictObject({
    tranches: z
      .array(
        z.strictObject({
          a_partir_de_eur: z.number().min(0, { error: 'nombre_hors_limites' }).meta({ description: 'Début de la tranche (euros de budget).' }),
          taux_pct: taux.meta({ description: 'Part du budget attendue en réciprocité dans cette tranche, en %.' }),
        }),
      )
      .min(1, { error: 'liste_vide' })
      .meta({ description: 'Tranches progressives : chaque taux s’applique à la part du budget comprise dans sa tranche.' }),
    valeur_heure_nature_eur: euros.meta({ description: 'Valeur d’une heure de contribution en nature, en euros.' }),
  }),
  delais: z.strictObject({
    declaration_jours: jours.meta({ description: 'Jours après la fin de mission pour déclarer ; au-delà, le prestataire est en retard.' }),
    hors_cercle_jours: jours.meta({ description: 'Jours après la fin de mission sans déclaration au-delà desquels il sort du cercle.' }),
  }),
  adhesion: z.strictObject({
    obligatoire_pour_equipe: z.boolean().meta({ description: "Chaque membre d'équipe doit adhérer au début de la mission." }),
    tarif_appels: z.enum(ADHESION_TARIFS).meta({ description: 'Tarif d’adhésion qui donne accès aux appels.' }),
  }),
  portage: z.strictObject({
    criteres: z
      .array(z.strictObject({ id: ruleCode, libelle: label }))
      .min(1, { error: 'liste_vide' })
      .meta({ description: 'Critères qui permettent à la Compagnie de porter une réponse.' }),
    minimum_reseau: z.number().int({ error: 'entier_attendu' }).min(1, { error: 'nombre_hors_limites' })
      .meta({ description: 'Nombre de critères à remplir pour un portage par le réseau.' }),
  }),
  tarifs_jour_eur: z.strictObject({
    plancher: euros,
    animation: euros,
    coordination: euros,
  }).meta({ description: 'Tarif journalier par rôle, en euros HT.' }),
  marge_solidarite: z.strictObject({
    par_jour_eur: z.number().min(0, { error: 'nombre_hors_limites' }).meta({ description: 'Marge budgétée par jour de contribution.' }),
    repartition: z.enum(['prorata_jours', 'egale']).meta({ description: 'Partage du pot entre contributions plancher.' }),
  }),
  reseau: slug.meta({ description: 'Identifiant du commun qui représente le réseau lui-même.' }),
});

export type Regles = z.infer<typeof reglesSchema>;
