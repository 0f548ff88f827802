import { z } from 'zod';
import { ROLES } from './mission.ts';
import { ADHESION_TARIFS } from './prestataire.ts';
import { euros, httpUrl, isoDate, label, prose, ruleCode, slug } from './shared.ts';

export const SOLIDARITE_BASES = ['jours_beneficiaires', 'jours_equipe'] as const;
export const SOLIDARITE_REPARTITIONS = ['prorata_jours', 'egale', 'frais_declares', 'distance'] as const;
export const SOLIDARITE_RESTES = ['client', 'reseau'] as const;
/** What the membership grace period counts: see adhesion.grace_compte. */
export const GRACE_COMPTES = ['adhesion_echue', 'mission_sans_adhesion'] as const;

const jours = z.number().int({ error: 'entier_attendu' }).min(0, { error: 'nombre_hors_limites' });
const taux = z.number().min(0, { error: 'nombre_hors_limites' }).max(100, { error: 'nombre_hors_limites' });

/** Comptes de forge d'une fiche, au plus, quand aucune règle ne dit autrement (une structure : quelques personnes). */
export const COMPTES_FORGE_MAX = 5;
/** Durée d'une période d'adhésion, au plus, en jours, quand aucune règle ne dit autrement (deux ans, année bissextile comprise). */
export const ADHESION_JOURS_MAX = 731;

/** Contenu de content/regles/<date d'effet>.yaml : le cadre de règles de l'association. */
export const reglesSchema = z.strictObject({
  en_vigueur_depuis: isoDate.meta({ description: "Date d'effet, égale au nom du fichier." }),
  adoptees_le: isoDate.meta({ description: "Date de la décision (assemblée, conseil d'administration...)." }),
  source: httpUrl.meta({ description: 'Lien vers la décision : compte rendu, vote, débat conclu.' }),
  retroactivite: prose.optional().meta({
    description: "Obligatoire si en_vigueur_depuis précède adoptees_le : pourquoi ces règles s'appliquent avant d'avoir été adoptées.",
  }),
  exemple: z.boolean().default(false).meta({
    description: "true pour des règles d'exemple, qui ne sont pas une décision de l'association (le site le dit).",
  }),
  resume: prose.meta({ description: 'Ce qui change, en une phrase.' }),
  reciprocite: z.strictObject({
    tranches: z
      .array(
        z.strictObject({
          a_partir_de_eur: z.number().min(0, { error: 'nombre_hors_limites' }).meta({ description: 'Début de la tranche (euros de budget).' }),
          taux_pct: taux.meta({ description: 'Part du budget attendue en réciprocité dans cette tranche, en %.' }),
        }),
      )
      .min(1, { error: 'liste_vide' })
      .meta({ description: 'Tranches progressives : chaque taux s’applique à la part du budget comprise dans sa tranche.' }),
    valeur_heure_nature_eur: euros.meta({ description: 'Valeur d’une heure de contribution en nature, en euros.' }),
    arrondi_eur: z.number().positive({ error: 'nombre_hors_limites' }).max(100, { error: 'nombre_hors_limites' }).default(1).meta({
      description:
        'Pas d’arrondi des montants attendus (1 = à l’euro, 0.01 = au centime) : l’attendu de la mission, la part du réseau, et les parts des membres, qui font exactement ces totaux (ce qui reste après l’arrondi inférieur va aux plus grands restes).',
    }),
    part_reseau_pct: taux.default(0).meta({
      description: 'Part de la réciprocité attendue à rendre au réseau (le commun « reseau ») parce qu’il a apporté la mission, en %.',
    }),
  }),
  delais: z.strictObject({
    declaration_jours: jours.meta({ description: 'Jours après la fin de mission pour déclarer ; au-delà, le prestataire est en retard.' }),
    hors_cercle_jours: jours.meta({ description: 'Jours après la fin de mission sans déclaration au-delà desquels il sort du cercle.' }),
    confirmation_jours: jours.default(90).meta({
      description:
        'Jours après un versement déclaré « verse » au-delà desquels, sans confirmation des gardiens du commun (confirmations/<commun>.yaml), il est signalé (90 par défaut). Seuls les communs qui ont des comptes_forge peuvent confirmer.',
    }),
  }),
  adhesion: z.strictObject({
    obligatoire_pour_equipe: z.boolean().meta({ description: "Chaque membre d'équipe doit adhérer au début de la mission." }),
    tarif_appels: z.enum(ADHESION_TARIFS).meta({
      description: 'Tarif d’adhésion qui donne accès aux appels : un membre d’une mission issue d’un appel l’a au début de la mission.',
    }),
    grace_jours: jours.default(90).meta({
      description:
        'Jours après la fin d’une adhésion non renouvelée au-delà desquels le prestataire sort du cercle (le sens des règles de 2024, grace_compte: adhesion_echue) ; avec grace_compte: mission_sans_adhesion, jours passés sur une mission sans adhésion.',
    }),
    grace_compte: z.enum(GRACE_COMPTES).default('adhesion_echue').meta({
      description:
        'Ce que compte grace_jours. adhesion_echue (par défaut : le sens de grace_jours depuis les règles de 2024) : les jours depuis la fin d’une adhésion non renouvelée, avec ou sans mission ; qui n’a jamais adhéré n’en sort pas (l’adhésion exigée d’une équipe n’est qu’un avertissement). mission_sans_adhesion : les jours passés dans l’équipe d’une mission sans adhésion, échue ou jamais prise (la même règle pour les mêmes faits), comptés depuis le début de la mission ou la fin de l’adhésion ; sans mission en cours, une adhésion échue ne fait sortir personne.',
    }),
  }),
  portage: z.strictObject({
    criteres: z
      .array(z.strictObject({ id: ruleCode, libelle: label }))
      .min(1, { error: 'liste_vide' })
      .meta({ description: 'Critères qui permettent à la Compagnie de porter une réponse.' }),
    minimum_reseau: z.number().int({ error: 'entier_attendu' }).min(1, { error: 'nombre_hors_limites' })
      .meta({ description: 'Nombre de critères à remplir pour un portage par le réseau.' }),
  }),
  tarifs_jour_eur: z.strictObject({
    plancher: euros,
    animation: euros,
    coordination: euros,
  }).meta({ description: 'Tarif journalier par rôle, en euros HT.' }),
  marge_solidarite: z.strictObject({
    par_jour_eur: z.number().min(0, { error: 'nombre_hors_limites' }).meta({ description: 'Marge budgétée par jour de contribution.' }),
    base: z.enum(SOLIDARITE_BASES).default('jours_beneficiaires').meta({
      description: 'Jours qui alimentent le pot : ceux des bénéficiaires (jours_beneficiaires) ou de toute l’équipe (jours_equipe).',
    }),
    beneficiaires: z.array(z.enum(ROLES)).min(1, { error: 'liste_vide' }).default(['plancher']).meta({
      description: 'Rôles dont les déplacements sont couverts par le pot. Sans bénéficiaire dans l’équipe, pas de pot.',
    }),
    repartition: z.enum(SOLIDARITE_REPARTITIONS).meta({
      description:
        'Partage du pot : prorata_jours, egale, frais_declares (frais de déplacement déclarés, plafonnés par jour) ou distance (jours × km).',
    }),
    plafond_par_jour_eur: z.number().min(0, { error: 'nombre_hors_limites' }).optional().meta({
      description: 'Avec frais_declares : frais remboursés au plus par jour de contribution.',
    }),
    reste: z.enum(SOLIDARITE_RESTES).default('client').meta({
      description: 'Ce que devient le pot non dépensé : non facturé au client (client) ou versé au réseau (reseau).',
    }),
    dans_base_reciprocite: z.boolean().default(false).meta({
      description: 'Le pot compte-t-il dans le budget sur lequel la réciprocité est attendue ? Non par défaut : il paie des frais.',
    }),
  }),
  reseau: slug.meta({ description: 'Identifiant du commun qui représente le réseau lui-même (il reçoit la part du réseau).' }),
  /** Ce qu'entraîne « hors du cercle » ; section facultative. */
  cercle: z
    .strictObject({
      nouvelles_equipes: z.enum(['signaler', 'refuser']).default('signaler').meta({
        description:
          'Un prestataire hors du cercle au début d’une mission dans l’équipe : signaler (un avertissement aux mainteneurs, par défaut) ou refuser (une erreur : il régularise d’abord).',
      }),
    })
    .prefault({})
    .meta({ description: 'Ce qu’entraîne « hors du cercle » pour les nouvelles équipes. Section facultative.' }),
  /** Bornes de vraisemblance, relatives à la mission (jamais à la date du jour) ; section facultative. */
  plausibilite: z
    .strictObject({
      /** Part du budget de la mission donnée en argent par une déclaration, au plus, en % (défaut 50). */
      argent_part_budget_max_pct: z.number().positive({ error: 'nombre_hors_limites' }).max(1000, { error: 'nombre_hors_limites' }).default(50).meta({
        description: 'Part du budget de la mission qu’une déclaration peut donner en argent (promis et versé), au plus, en % (50 par défaut). Une mission sans budget n’est pas vérifiée.',
      }),
      /** Heures en nature d'une déclaration par jour de mission du déclarant, au plus (défaut 8). */
      heures_par_jour_max: z.number().positive({ error: 'nombre_hors_limites' }).max(24, { error: 'nombre_hors_limites' }).default(8).meta({
        description: 'Heures de contribution en nature d’une déclaration, au plus, par jour de mission du déclarant (8 par défaut).',
      }),
      /** Années entre la fin de la mission et un versement promis, au plus (défaut 5). */
      promesse_annees_max: z.number().int({ error: 'entier_attendu' }).min(0, { error: 'nombre_hors_limites' }).max(50, { error: 'nombre_hors_limites' }).default(5).meta({
        description: 'Années au plus entre la fin de la mission (son début si elle n’est pas finie) et la date d’un versement promis (5 par défaut).',
      }),
      /** Comptes de forge d'une fiche (prestataire ou commun), au plus (défaut 5). */
      comptes_forge_max: z.number().int({ error: 'entier_attendu' }).min(1, { error: 'nombre_hors_limites' }).max(50, { error: 'nombre_hors_limites' }).default(COMPTES_FORGE_MAX).meta({
        description: `Comptes de forge qu’une fiche de prestataire ou de commun peut lister, au plus (${COMPTES_FORGE_MAX} par défaut) : ceux des personnes qui parlent en son nom. Les règles les plus récentes s’appliquent.`,
      }),
      /** Durée d'une période d'adhésion, au plus, en jours (défaut 731 : deux ans). */
      adhesion_jours_max: z.number().int({ error: 'entier_attendu' }).min(1, { error: 'nombre_hors_limites' }).max(3660, { error: 'nombre_hors_limites' }).default(ADHESION_JOURS_MAX).meta({
        description: `Durée d’une période d’adhésion, au plus, en jours, du début à la fin (${ADHESION_JOURS_MAX} par défaut : deux ans) ; les règles en vigueur au début de la période s’appliquent.`,
      }),
      /** Première année plausible d'une date de mission ou de déclaration (défaut 2000). */
      annee_min: z.number().int({ error: 'entier_attendu' }).min(1900, { error: 'nombre_hors_limites' }).max(2100, { error: 'nombre_hors_limites' }).default(2000).meta({
        description: 'Première année plausible pour les dates d’une mission et de ses déclarations (2000 par défaut).',
      }),
    })
    .prefault({})
    .meta({
      description: 'Bornes de vraisemblance des chiffres déclarés, relatives à la mission (son budget, ses jours, sa fin), jamais à la date du jour. Section facultative : chaque champ a sa valeur par défaut.',
    }),
});

export type Regles = z.infer<typeof reglesSchema>;
