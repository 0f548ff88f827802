import * as z from 'zod/mini';
import { about, euros, isoDate, prose, slug } from './shared.ts';

/**
 * Contenu de content/confirmations/<commun>.yaml, ou d'un fichier du dossier du commun
 * (content/confirmations/<commun>/<nom>.yaml, par exemple un par année, quand un seul ne
 * suffit plus) : l'argent que le commun dit avoir reçu.
 * Seuls les gardiens du commun (ses comptes_forge) modifient ce fichier.
 */
export const confirmationSchema = z.strictObject({
  commun: slug.check(about('Identifiant du commun qui confirme : le nom du fichier sans .yaml, ou celui de son dossier.')),
  confirmations: z
    .array(
      z.strictObject({
        prestataire: slug.check(about('Prestataire qui a versé (content/prestataires/<id>.md).')),
        mission: slug.check(
          about('Mission pour laquelle il a versé : la confirmation porte sur les versements au commun de declarations/<prestataire>/<mission>.yaml.'),
        ),
        montant_eur: euros.check(about('Montant reçu, en euros (le total reçu pour cette mission).')),
        date: isoDate.check(about('Date de réception (AAAA-MM-JJ).')),
        note: z.optional(prose).check(about('Un mot libre (référence du reçu, moyen de paiement...).')),
      }),
    )
    .check(z.minLength(1, { error: 'liste_vide' }), about('Un versement reçu par ligne : un prestataire, une mission.')),
});

export type Confirmation = z.infer<typeof confirmationSchema>;
export type ReceivedPayment = Confirmation['confirmations'][number];
