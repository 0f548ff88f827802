import { z } from 'zod';
import { eurosOrZero, httpUrl, isoDate, label, licence, prose, reason, ruleCode, slug } from './shared.ts';

export const MISSION_STATUTS = ['appel', 'attribuee', 'en_cours', 'terminee', 'abandonnee'] as const;
export const ROLES = ['plancher', 'animation', 'coordination'] as const;
export const PORTAGES = ['membre', 'consortium', 'reseau'] as const;
export const CLIENT_TYPES = ['tiers_lieu', 'collectivite', 'bailleur_social', 'association', 'entreprise', 'etat'] as const;

export const membreEquipeSchema = z.strictObject({
  prestataire: slug.meta({ description: 'Identifiant du prestataire (content/prestataires/<id>.md).' }),
  role: z.enum(ROLES).meta({ description: 'Rôle : plancher, animation ou coordination.' }),
  jours: z.number().positive({ error: 'nombre_hors_limites' }).max(1000, { error: 'nombre_hors_limites' })
    .meta({ description: 'Jours de contribution prévus.' }),
  frais_deplacement_eur: eurosOrZero.optional()
    .meta({ description: 'Frais de déplacement engagés (pour le partage de la marge de solidarité « frais_declares »).' }),
  distance_km: z.number().min(0, { error: 'nombre_hors_limites' }).max(5000, { error: 'nombre_hors_limites' }).optional()
    .meta({ description: 'Distance aller du domicile au lieu de la mission (pour le partage « distance »).' }),
});

/**
 * The facts of a mission that, once it is finished, change only with a correction note and
 * a maintainer's approval (DESIGN, Fairness): they make the expected reciprocity and the deadlines.
 */
export const FAITS_MISSION = ['budget_eur', 'equipe', 'debut', 'fin', 'statut'] as const;

export const correctionSchema = z.strictObject({
  date: isoDate.meta({ description: 'Date de la correction (AAAA-MM-JJ).' }),
  raison: reason.meta({ description: 'Pourquoi les faits de la mission terminée changent, en une phrase (erreur de saisie, avenant signé…).' }),
  champs: z.array(z.enum(FAITS_MISSION)).min(1, { error: 'liste_vide' }).optional()
    .meta({ description: 'Les faits corrigés : budget_eur, equipe, debut, fin ou statut (tous, si la liste est absente).' }),
});

export const livrableSchema = z.strictObject({
  titre: label.meta({ description: 'Titre du livrable.' }),
  url: httpUrl.meta({ description: 'Où le trouver.' }),
  licence: licence.meta({ description: 'Licence du livrable (identifiant SPDX, ou « proprietaire »).' }),
  auteurs: z.array(slug).min(1, { error: 'liste_vide' }).optional().meta({
    description:
      'Les membres de l’équipe qui ont produit ce livrable (identifiants de prestataires). Il compte pour eux seuls ; sans cette liste, pour le chef de file seul (pour personne quand le réseau porte la mission).',
  }),
});

/** Front matter de content/missions/<id>.md ; le corps Markdown décrit la mission. */
export const missionSchema = z.strictObject({
  id: slug.meta({ description: 'Identifiant, égal au nom du fichier sans .md.' }),
  titre: label.meta({ description: 'Intitulé de la mission.' }),
  client: z.strictObject({
    nom: label.meta({ description: 'Commanditaire (tiers-lieu, collectivité, bailleur social...).' }),
    type: z.enum(CLIENT_TYPES).meta({ description: 'Nature du commanditaire.' }),
  }),
  territoire: label.meta({ description: 'Territoire de la mission.' }),
  themes: z.array(label).default([]).meta({ description: 'Thèmes (gouvernance, modèle économique...).' }),
  statut: z.enum(MISSION_STATUTS).meta({ description: 'appel, attribuee, en_cours, terminee ou abandonnee.' }),
  date_appel: isoDate.optional().meta({ description: "Date de publication de l'appel." }),
  date_limite_reponse: isoDate.optional().meta({ description: "Date limite pour répondre à l'appel." }),
  debut: isoDate.optional().meta({ description: 'Début de la mission (obligatoire dès le statut attribuee).' }),
  fin: isoDate.optional().meta({ description: 'Fin de la mission (obligatoire au statut terminee).' }),
  abandon: z
    .strictObject({
      date: isoDate.meta({ description: 'Jour où la mission a été arrêtée (AAAA-MM-JJ), avant sa fin.' }),
      raison: prose.meta({ description: 'Pourquoi elle a été arrêtée, en une phrase.' }),
    })
    .optional()
    .meta({ description: 'Obligatoire au statut abandonnee : quand et pourquoi la mission a été arrêtée. Une mission finie ne s’abandonne pas : ses déclarations restent dues.' }),
  budget_eur: eurosOrZero.meta({ description: 'Budget total de la mission, en euros HT ; 0 pour un compagnonnage non facturé.' }),
  portage: z.strictObject({
    type: z.enum(PORTAGES).meta({ description: 'membre, consortium, ou reseau (la Compagnie chef de file).' }),
    chef_de_file: slug.optional().meta({ description: 'Prestataire chef de file (membre ou consortium).' }),
    criteres: z.array(ruleCode).default([]).meta({ description: 'Critères de portage remplis (obligatoires si reseau).' }),
    justification: prose.optional().meta({ description: 'Pourquoi la Compagnie porte elle-même la réponse.' }),
  }),
  reponse: z.strictObject({
    url: httpUrl.optional().meta({ description: 'Formulaire ou page où déposer une réponse.' }),
    email: z.email({ error: 'type_invalide' }).max(200, { error: 'texte_trop_long' }).optional().meta({ description: 'Adresse à laquelle envoyer une réponse.' }),
    consignes: prose.optional().meta({ description: 'Ce que la réponse doit contenir (équipe, rôles, références...).' }),
  }).optional().meta({ description: "Pour un appel : comment y répondre. Sans ce champ, le site renvoie vers le contact de l'association." }),
  equipe: z.array(membreEquipeSchema).default([]).meta({ description: "L'équipe et le rôle de chacun." }),
  livrables: z.array(livrableSchema).default([]).meta({ description: 'Livrables publiés, avec leur licence.' }),
  bilan: z.strictObject({
    ce_qui_a_marche: prose.meta({ description: 'Ce qui a bien fonctionné.' }),
    a_ameliorer: prose.meta({ description: 'Ce qui est à améliorer la prochaine fois.' }),
  }).optional().meta({ description: 'Retour d’expérience, une fois la mission terminée.' }),
  corrections: z.array(correctionSchema).default([]).meta({
    description:
      'Les corrections des faits d’une mission terminée (budget, équipe, jours, dates, statut), les plus anciennes d’abord : chacune ajoutée à la fin, jamais effacée, et approuvée par un mainteneur. Le site les montre sur la page de la mission.',
  }),
});

export type Mission = z.infer<typeof missionSchema>;
export type MembreEquipe = z.infer<typeof membreEquipeSchema>;
export type Role = (typeof ROLES)[number];
export type Correction = z.infer<typeof correctionSchema>;
export type FaitMission = (typeof FAITS_MISSION)[number];
