import { z } from 'zod';
import { euros, isoDate, prose, slug } from './shared.ts';

/**
 * Contenu de content/confirmations/<commun>.yaml : l'argent que le commun dit avoir reçu.
 * Seuls les gardiens du commun (ses comptes_forge) modifient ce fichier.
 */
export const confirmationSchema = z.strictObject({
  commun: slug.meta({ description: 'Identifiant du commun qui confirme, égal au nom du fichier sans .yaml.' }),
  confirmations: z
    .array(
      z.strictObject({
        prestataire: slug.meta({ description: 'Prestataire qui a versé (content/prestataires/<id>.md).' }),
        mission: slug.meta({
          description: 'Mission pour laquelle il a versé : la confirmation porte sur les versements au commun de declarations/<prestataire>/<mission>.yaml.',
        }),
        montant_eur: euros.meta({ description: 'Montant reçu, en euros (le total reçu pour cette mission).' }),
        date: isoDate.meta({ description: 'Date de réception (AAAA-MM-JJ).' }),
        note: prose.optional().meta({ description: 'Un mot libre (référence du reçu, moyen de paiement...).' }),
      }),
    )
    .min(1, { error: 'liste_vide' })
    .meta({ description: 'Un versement reçu par ligne : un prestataire, une mission.' }),
});

export type Confirmation = z.infer<typeof confirmationSchema>;
export type ReceivedPayment = Confirmation['confirmations'][number];
