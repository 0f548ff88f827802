import * as z from 'zod/mini';
import { about, eurosOrZero, httpUrl, isoDate, label, licence, prose, reason, ruleCode, slug } from './shared.ts';

export const MISSION_STATUTS = ['appel', 'attribuee', 'en_cours', 'terminee', 'abandonnee'] as const;
export const ROLES = ['plancher', 'animation', 'coordination'] as const;
export const PORTAGES = ['membre', 'consortium', 'reseau'] as const;
export const CLIENT_TYPES = ['tiers_lieu', 'collectivite', 'bailleur_social', 'association', 'entreprise', 'etat'] as const;

export const membreEquipeSchema = z.strictObject({
  prestataire: slug.check(about('Identifiant du prestataire (content/prestataires/<id>.md).')),
  role: z.enum(ROLES).check(about('Rôle : plancher, animation ou coordination.')),
  jours: z
    .number()
    .check(z.positive({ error: 'nombre_hors_limites' }), z.maximum(1000, { error: 'nombre_hors_limites' }), about('Jours de contribution prévus.')),
  frais_deplacement_eur: z
    .optional(eurosOrZero)
    .check(about('Frais de déplacement engagés (pour le partage de la marge de solidarité « frais_declares »).')),
  distance_km: z
    .optional(z.number().check(z.minimum(0, { error: 'nombre_hors_limites' }), z.maximum(5000, { error: 'nombre_hors_limites' })))
    .check(about('Distance aller du domicile au lieu de la mission (pour le partage « distance »).')),
});

/**
 * The facts of a mission that, once it is finished, change only with a correction note and
 * a maintainer's approval (DESIGN, Fairness): they make the expected reciprocity and the deadlines.
 */
export const FAITS_MISSION = ['budget_eur', 'equipe', 'debut', 'fin', 'statut'] as const;

export const correctionSchema = z.strictObject({
  date: isoDate.check(about('Date de la correction (AAAA-MM-JJ).')),
  raison: reason.check(about('Pourquoi les faits de la mission terminée changent, en une phrase (erreur de saisie, avenant signé…).')),
  champs: z
    .optional(z.array(z.enum(FAITS_MISSION)).check(z.minLength(1, { error: 'liste_vide' })))
    .check(about('Les faits corrigés : budget_eur, equipe, debut, fin ou statut (tous, si la liste est absente).')),
});

export const livrableSchema = z.strictObject({
  titre: label.check(about('Titre du livrable.')),
  url: httpUrl.check(about('Où le trouver.')),
  licence: licence.check(about('Licence du livrable (identifiant SPDX, ou « proprietaire »).')),
  auteurs: z
    .optional(z.array(slug).check(z.minLength(1, { error: 'liste_vide' })))
    .check(
      about(
        'Les membres de l’équipe qui ont produit ce livrable (identifiants de prestataires). Il compte pour eux seuls ; sans cette liste, pour le chef de file seul (pour personne quand le réseau porte la mission).',
      ),
    ),
});

/** Front matter de content/missions/<id>.md ; le corps Markdown décrit la mission. */
export const missionSchema = z.strictObject({
  id: slug.check(about('Identifiant, égal au nom du fichier sans .md.')),
  titre: label.check(about('Intitulé de la mission.')),
  client: z.strictObject({
    nom: label.check(about('Commanditaire (tiers-lieu, collectivité, bailleur social...).')),
    type: z.enum(CLIENT_TYPES).check(about('Nature du commanditaire.')),
  }),
  territoire: label.check(about('Territoire de la mission.')),
  themes: z._default(z.array(label), []).check(about('Thèmes (gouvernance, modèle économique...).')),
  statut: z.enum(MISSION_STATUTS).check(about('appel, attribuee, en_cours, terminee ou abandonnee.')),
  date_appel: z.optional(isoDate).check(about("Date de publication de l'appel.")),
  date_limite_reponse: z.optional(isoDate).check(about("Date limite pour répondre à l'appel.")),
  debut: z.optional(isoDate).check(about('Début de la mission (obligatoire dès le statut attribuee).')),
  fin: z.optional(isoDate).check(about('Fin de la mission (obligatoire au statut terminee).')),
  abandon: z
    .optional(
      z.strictObject({
        date: isoDate.check(about('Jour où la mission a été arrêtée (AAAA-MM-JJ), avant sa fin.')),
        raison: reason.check(about('Pourquoi elle a été arrêtée, en une phrase.')),
      }),
    )
    .check(
      about('Obligatoire au statut abandonnee : quand et pourquoi la mission a été arrêtée. Une mission finie ne s’abandonne pas : ses déclarations restent dues.'),
    ),
  budget_eur: eurosOrZero.check(about('Budget total de la mission, en euros HT ; 0 pour un compagnonnage non facturé.')),
  portage: z.strictObject({
    type: z.enum(PORTAGES).check(about('membre, consortium, ou reseau (la Compagnie chef de file).')),
    chef_de_file: z.optional(slug).check(about('Prestataire chef de file (membre ou consortium).')),
    criteres: z._default(z.array(ruleCode), []).check(about('Critères de portage remplis (obligatoires si reseau).')),
    justification: z.optional(prose).check(about('Pourquoi la Compagnie porte elle-même la réponse.')),
  }),
  reponse: z
    .optional(
      z.strictObject({
        url: z.optional(httpUrl).check(about('Formulaire ou page où déposer une réponse.')),
        email: z
          .optional(z.email({ error: 'type_invalide' }).check(z.maxLength(200, { error: 'texte_trop_long' })))
          .check(about('Adresse à laquelle envoyer une réponse.')),
        consignes: z.optional(prose).check(about('Ce que la réponse doit contenir (équipe, rôles, références...).')),
      }),
    )
    .check(about("Pour un appel : comment y répondre. Sans ce champ, le site renvoie vers le contact de l'association.")),
  equipe: z._default(z.array(membreEquipeSchema), []).check(about("L'équipe et le rôle de chacun.")),
  livrables: z._default(z.array(livrableSchema), []).check(about('Livrables publiés, avec leur licence.')),
  bilan: z
    .optional(
      z.strictObject({
        ce_qui_a_marche: prose.check(about('Ce qui a bien fonctionné.')),
        a_ameliorer: prose.check(about('Ce qui est à améliorer la prochaine fois.')),
      }),
    )
    .check(about('Retour d’expérience, une fois la mission terminée.')),
  corrections: z._default(z.array(correctionSchema), []).check(
    about(
      'Les corrections des faits d’une mission terminée (budget, équipe, jours, dates, statut), les plus anciennes d’abord : chacune ajoutée à la fin, jamais effacée, et approuvée par un mainteneur. Le site les montre sur la page de la mission.',
    ),
  ),
});

export type Mission = z.infer<typeof missionSchema>;
export type MembreEquipe = z.infer<typeof membreEquipeSchema>;
export type Role = (typeof ROLES)[number];
export type Correction = z.infer<typeof correctionSchema>;
export type FaitMission = (typeof FAITS_MISSION)[number];
