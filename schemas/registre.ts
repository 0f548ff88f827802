import * as z from 'zod/mini';
import { about } from './shared.ts';

/**
 * Contenu de content/registre.yaml : ce qui vaut pour tout le registre. Seuls les
 * mainteneurs le modifient.
 */
export const registreSchema = z.strictObject({
  exemple: z.boolean().check(
    about(
      'true tant que le contenu est un exemple fictif (aucune personne ni structure réelle n’y déclare quoi que ce soit) : chaque page le dit en pied de page. false (ou le fichier absent) pour le registre du réseau.',
    ),
  ),
});

export type Registre = z.infer<typeof registreSchema>;
