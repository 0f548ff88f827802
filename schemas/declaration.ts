import * as z from 'zod/mini';
import { about, euros, httpUrl, isoDate, prose, reason, slug } from './shared.ts';

export const VERSEMENT_STATUTS = ['promis', 'verse'] as const;

/** Contenu de content/declarations/<prestataire>/<mission>.yaml. */
export const declarationSchema = z.strictObject({
  prestataire: slug.check(about('Vous : identifiant du prestataire, égal au nom du dossier.')),
  mission: slug.check(about('Identifiant de la mission, égal au nom du fichier sans .yaml.')),
  date: isoDate.check(
    about('Date de la première déclaration (AAAA-MM-JJ) : elle ne change pas quand la déclaration est modifiée, pour que le délai se compte toujours à partir d’elle.'),
  ),
  modifiee_le: z
    .optional(isoDate)
    .check(about('Date de la dernière modification (AAAA-MM-JJ), si la déclaration a été complétée ou corrigée après la date ci-dessus.')),
  completee_le: z
    .optional(isoDate)
    .check(
      about(
        'Pour une déclaration faite avant la fin de la mission (provisoire) : le jour où elle a été complétée pour la première fois après la fin (AAAA-MM-JJ). C’est le jour où elle compte ; il ne change plus, même si elle est modifiée ensuite (modifiee_le). Les outils l’écrivent.',
      ),
    ),
  communs_utilises: z
    ._default(
      z.array(
        z.strictObject({
          commun: slug.check(about('Identifiant du commun (content/communs/<id>.md).')),
          usage: prose.check(about('Comment vous l’avez utilisé pendant la mission.')),
        }),
      ),
      [],
    )
    .check(about('Communs utilisés pendant la mission.')),
  contributions_argent: z
    ._default(
      z.array(
        z.strictObject({
          commun: slug.check(about('Commun qui reçoit (doit accepter l’argent).')),
          montant_eur: euros.check(about('Montant en euros.')),
          statut: z.enum(VERSEMENT_STATUTS).check(about('promis ou verse.')),
          date: isoDate.check(about('Date du versement, ou date prévue si promis.')),
          preuve: z.optional(httpUrl).check(about('Lien vers un reçu ou une page publique du don.')),
        }),
      ),
      [],
    )
    .check(about('Réciprocité en argent.')),
  contributions_nature: z
    ._default(
      z.array(
        z.strictObject({
          commun: slug.check(about('Commun enrichi.')),
          description: prose.check(about('Ce que vous avez apporté.')),
          heures: z
            .number()
            .check(z.positive({ error: 'nombre_hors_limites' }), z.maximum(2000, { error: 'nombre_hors_limites' }), about('Heures passées.')),
          lien: z.optional(httpUrl).check(about('Lien vers la contribution (fiche, commit...).')),
          date: isoDate.check(about('Date de la contribution.')),
        }),
      ),
      [],
    )
    .check(about('Réciprocité en nature.')),
  aucun_commun_utilise: z
    .optional(reason)
    .check(
      about('Si vous n’avez utilisé aucun commun pendant la mission : dites-le en une phrase d’au moins trois mots (sinon, listez-les dans communs_utilises).'),
    ),
  pourquoi_rien_donne: z
    .optional(reason)
    .check(about('Si vous n’avez rien donné (ni argent ni nature) : expliquez pourquoi en une phrase d’au moins trois mots.')),
  commentaire: z.optional(prose).check(about('Un mot libre.')),
});

export type Declaration = z.infer<typeof declarationSchema>;
