import { z } from 'zod';
import { euros, httpUrl, isoDate, label, prose, reason, slug } from './shared.ts';

export const VERSEMENT_STATUTS = ['promis', 'verse'] as const;

/** Contenu de content/declarations/<prestataire>/<mission>.yaml. */
export const declarationSchema = z.strictObject({
  prestataire: slug.meta({ description: 'Vous : identifiant du prestataire, égal au nom du dossier.' }),
  mission: slug.meta({ description: 'Identifiant de la mission, égal au nom du fichier sans .yaml.' }),
  date: isoDate.meta({
    description: 'Date de la première déclaration (AAAA-MM-JJ) : elle ne change pas quand la déclaration est modifiée, pour que le délai se compte toujours à partir d’elle.',
  }),
  modifiee_le: isoDate.optional().meta({
    description: 'Date de la dernière modification (AAAA-MM-JJ), si la déclaration a été complétée ou corrigée après la date ci-dessus.',
  }),
  completee_le: isoDate.optional().meta({
    description:
      'Pour une déclaration faite avant la fin de la mission (provisoire) : le jour où elle a été complétée pour la première fois après la fin (AAAA-MM-JJ). C’est le jour où elle compte ; il ne change plus, même si elle est modifiée ensuite (modifiee_le). Les outils l’écrivent.',
  }),
  communs_utilises: z
    .array(
      z.strictObject({
        commun: slug.meta({ description: 'Identifiant du commun (content/communs/<id>.md).' }),
        usage: prose.meta({ description: 'Comment vous l’avez utilisé pendant la mission.' }),
      }),
    )
    .default([])
    .meta({ description: 'Communs utilisés pendant la mission.' }),
  contributions_argent: z
    .array(
      z.strictObject({
        commun: slug.meta({ description: 'Commun qui reçoit (doit accepter l’argent).' }),
        montant_eur: euros.meta({ description: 'Montant en euros.' }),
        statut: z.enum(VERSEMENT_STATUTS).meta({ description: 'promis ou verse.' }),
        date: isoDate.meta({ description: 'Date du versement, ou date prévue si promis.' }),
        preuve: httpUrl.optional().meta({ description: 'Lien vers un reçu ou une page publique du don.' }),
      }),
    )
    .default([])
    .meta({ description: 'Réciprocité en argent.' }),
  contributions_nature: z
    .array(
      z.strictObject({
        commun: slug.meta({ description: 'Commun enrichi.' }),
        description: prose.meta({ description: 'Ce que vous avez apporté.' }),
        heures: z.number().positive({ error: 'nombre_hors_limites' }).max(2000, { error: 'nombre_hors_limites' })
          .meta({ description: 'Heures passées.' }),
        lien: httpUrl.optional().meta({ description: 'Lien vers la contribution (fiche, commit...).' }),
        date: isoDate.meta({ description: 'Date de la contribution.' }),
      }),
    )
    .default([])
    .meta({ description: 'Réciprocité en nature.' }),
  aucun_commun_utilise: reason.optional().meta({
    description: 'Si vous n’avez utilisé aucun commun pendant la mission : dites-le en une phrase d’au moins trois mots (sinon, listez-les dans communs_utilises).',
  }),
  pourquoi_rien_donne: reason.optional().meta({
    description: 'Si vous n’avez rien donné (ni argent ni nature) : expliquez pourquoi en une phrase d’au moins trois mots.',
  }),
  commentaire: prose.optional().meta({ description: 'Un mot libre.' }),
});

export type Declaration = z.infer<typeof declarationSchema>;
