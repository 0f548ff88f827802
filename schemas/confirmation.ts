import * as z from 'zod/mini';
import { about, euros, isoDate, prose, slug } from './shared.ts';

/**
 * Contenu de content/confirmations/<commun>.yaml, ou d'un fichier du dossier du commun
 * (content/confirmations/<commun>/<nom>.yaml, par exemple un par année, quand un seul ne
 * suffit plus) : l'argent que le commun dit avoir reçu (confirmations) et les heures en
 * nature qu'il dit avoir reçues (nature).
 * Seuls les gardiens du commun (ses comptes_forge) modifient ce fichier.
 */
export const confirmationSchema = z
  .strictObject({
    commun: slug.check(about('Identifiant du commun qui confirme : le nom du fichier sans .yaml, ou celui de son dossier.')),
    confirmations: z
      ._default(
        z.array(
          z.strictObject({
            prestataire: slug.check(about('Prestataire qui a versé (content/prestataires/<id>.md).')),
            mission: slug.check(
              about('Mission pour laquelle il a versé : la confirmation porte sur les versements au commun de declarations/<prestataire>/<mission>.yaml.'),
            ),
            montant_eur: euros.check(about('Montant reçu, en euros (le total reçu pour cette mission).')),
            date: isoDate.check(about('Date de réception (AAAA-MM-JJ).')),
            note: z.optional(prose).check(about('Un mot libre (référence du reçu, moyen de paiement...).')),
          }),
        ),
        [],
      )
      .check(about('L’argent reçu : un versement par ligne, un prestataire, une mission.')),
    nature: z
      ._default(
        z.array(
          z.strictObject({
            prestataire: slug.check(about('Prestataire qui a donné de son temps (content/prestataires/<id>.md).')),
            mission: slug.check(
              about('Mission au titre de laquelle il l’a donné : la confirmation porte sur les contributions en nature au commun de declarations/<prestataire>/<mission>.yaml.'),
            ),
            heures: z
              .number()
              .check(z.positive({ error: 'nombre_hors_limites' }), z.maximum(2000, { error: 'nombre_hors_limites' }), about('Heures reçues (le total pour cette mission).')),
            date: isoDate.check(about('Date à laquelle le commun a reçu la contribution, ou de sa dernière partie (AAAA-MM-JJ).')),
            note: z.optional(prose).check(about('Un mot libre (ce qui a été reçu, où le voir...).')),
          }),
        ),
        [],
      )
      .check(about('Le temps reçu en nature : une ligne par prestataire et par mission.')),
  })
  .check(z.refine((c) => c.confirmations.length + c.nature.length > 0, { error: 'confirmations_vides', path: ['confirmations'] }));

export type Confirmation = z.infer<typeof confirmationSchema>;
export type ReceivedPayment = Confirmation['confirmations'][number];
export type ReceivedHours = Confirmation['nature'][number];
