import * as z from 'zod/mini';
import { about, forgeHandle, httpUrl, isoDate, label, licence, prose, slug } from './shared.ts';

export const COMMUN_TYPES = ['reseau', 'wiki', 'outil', 'logiciel', 'methode', 'donnees'] as const;

/** Front matter de content/communs/<id>.md ; le corps Markdown décrit le commun. */
export const communSchema = z.strictObject({
  id: slug.check(about('Identifiant, égal au nom du fichier sans .md.')),
  nom: label.check(about('Nom du commun.')),
  type: z.enum(COMMUN_TYPES).check(about('Nature : réseau, wiki, outil, logiciel, méthode, données.')),
  description: prose.check(about('Ce qu’est le commun, en une ou deux phrases.')),
  site: httpUrl.check(about('Adresse du commun.')),
  licence: licence.check(about('Licence (identifiant SPDX).')),
  gardiens: z.array(label).check(z.minLength(1, { error: 'liste_vide' }), about('Qui prend soin du commun.')),
  comptes_forge: z._default(z.array(forgeHandle), []).check(
    about(
      'Comptes sur la forge (GitHub...) des gardiens : eux seuls confirment l’argent reçu par le commun, dans content/confirmations/<id>.yaml. Sans compte, les versements restent « non confirmés ».',
    ),
  ),
  contribution_argent: z
    .strictObject({
      accepte: z.boolean().check(about('Le commun accepte-t-il des contributions en argent ?')),
      url: z.optional(httpUrl).check(about('Page de contribution (HelloAsso, Open Collective...).')),
      plateforme: z.optional(label).check(about('Nom de la plateforme.')),
    })
    .check(about('Comment contribuer en argent (budget contributif).')),
  contribution_nature: z
    .strictObject({
      description: prose.check(about('Comment contribuer en nature (améliorer une fiche, du code...).')),
      url: z.optional(httpUrl).check(about('Page pour commencer.')),
    })
    .check(about('Comment contribuer en nature.')),
  manifeste_financement: z
    .optional(
      z.strictObject({
        type_entite: z
          .enum(['personne', 'groupe', 'organisation', 'autre'])
          .check(about('Qui reçoit l’argent : une personne, un groupe (collectif sans structure), une organisation (association, coopérative…) ou autre.')),
        courriel: z
          .email({ error: 'type_invalide' })
          .check(z.maxLength(200, { error: 'texte_trop_long' }), about('Adresse de contact publique des gardiens, exigée par funding.json.')),
      }),
    )
    .check(
      about(
        'Publier un manifeste funding.json (v1.1.0) pour ce commun, que les financeurs et les annuaires (FLOSS/fund) lisent : il faut une adresse de contact publique. Sans cette section, pas de manifeste.',
      ),
    ),
  fermeture: z
    .optional(
      z.strictObject({
        le: isoDate.check(about('Jour où le commun a fermé (AAAA-MM-JJ).')),
        raison: prose.check(about('Ce qui s’est passé, en une phrase (fin du projet, reprise par un autre commun…).')),
      }),
    )
    .check(about('Le commun a fermé : sa page le dit, elle ne propose plus d’y contribuer, ses liens ne font plus de rappels ; ce qui lui a été rendu reste public.')),
});

export type Commun = z.infer<typeof communSchema>;
