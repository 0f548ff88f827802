import { z } from 'zod';
import { forgeHandle, httpUrl, label, licence, prose, slug } from './shared.ts';

export const COMMUN_TYPES = ['reseau', 'wiki', 'outil', 'logiciel', 'methode', 'donnees'] as const;

/** Front matter de content/communs/<id>.md ; le corps Markdown décrit le commun. */
export const communSchema = z.strictObject({
  id: slug.meta({ description: 'Identifiant, égal au nom du fichier sans .md.' }),
  nom: label.meta({ description: 'Nom du commun.' }),
  type: z.enum(COMMUN_TYPES).meta({ description: 'Nature : réseau, wiki, outil, logiciel, méthode, données.' }),
  description: prose.meta({ description: 'Ce qu’est le commun, en une ou deux phrases.' }),
  site: httpUrl.meta({ description: 'Adresse du commun.' }),
  licence: licence.meta({ description: 'Licence (identifiant SPDX).' }),
  gardiens: z.array(label).min(1, { error: 'liste_vide' }).meta({ description: 'Qui prend soin du commun.' }),
  comptes_forge: z.array(forgeHandle).default([]).meta({
    description:
      'Comptes sur la forge (GitHub...) des gardiens : eux seuls confirment l’argent reçu par le commun, dans content/confirmations/<id>.yaml. Sans compte, les versements restent « non confirmés ».',
  }),
  contribution_argent: z
    .strictObject({
      accepte: z.boolean().meta({ description: 'Le commun accepte-t-il des contributions en argent ?' }),
      url: httpUrl.optional().meta({ description: 'Page de contribution (HelloAsso, Open Collective...).' }),
      plateforme: label.optional().meta({ description: 'Nom de la plateforme.' }),
    })
    .meta({ description: 'Comment contribuer en argent (budget contributif).' }),
  contribution_nature: z
    .strictObject({
      description: prose.meta({ description: 'Comment contribuer en nature (améliorer une fiche, du code...).' }),
      url: httpUrl.optional().meta({ description: 'Page pour commencer.' }),
    })
    .meta({ description: 'Comment contribuer en nature.' }),
});

export type Commun = z.infer<typeof communSchema>;
