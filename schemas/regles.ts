import * as z from 'zod/mini';
import { ROLES } from './mission.ts';
import { ADHESION_TARIFS } from './prestataire.ts';
import { about, ADHESION_JOURS_MAX, COMPTES_FORGE_MAX, euros, httpUrl, isoDate, label, prose, reason, ruleCode, slug } from './shared.ts';

export const SOLIDARITE_BASES = ['jours_beneficiaires', 'jours_equipe'] as const;
export const SOLIDARITE_REPARTITIONS = ['prorata_jours', 'egale', 'frais_declares', 'distance'] as const;
export const SOLIDARITE_RESTES = ['client', 'reseau'] as const;
/** What the membership grace period counts: see adhesion.grace_compte. */
export const GRACE_COMPTES = ['adhesion_echue', 'mission_sans_adhesion'] as const;

const jours = z.number().check(z.int({ error: 'entier_attendu' }), z.minimum(0, { error: 'nombre_hors_limites' }));
const taux = z.number().check(z.minimum(0, { error: 'nombre_hors_limites' }), z.maximum(100, { error: 'nombre_hors_limites' }));
/** A whole number between min and max (each refused with its code). */
const wholeBetween = (min: number, max: number) =>
  z.number().check(z.int({ error: 'entier_attendu' }), z.minimum(min, { error: 'nombre_hors_limites' }), z.maximum(max, { error: 'nombre_hors_limites' }));


/** Contenu de content/regles/<date d'effet>.yaml : le cadre de règles de l'association. */
export const reglesSchema = z.strictObject({
  en_vigueur_depuis: isoDate.check(about("Date d'effet, égale au nom du fichier.")),
  adoptees_le: isoDate.check(about("Date de la décision (assemblée, conseil d'administration...).")),
  source: httpUrl.check(about('Lien vers la décision : compte rendu, vote, débat conclu.')),
  retroactivite: z
    .optional(reason)
    .check(about("Obligatoire si en_vigueur_depuis précède adoptees_le : pourquoi ces règles s'appliquent avant d'avoir été adoptées.")),
  exemple: z._default(z.boolean(), false).check(about("true pour des règles d'exemple, qui ne sont pas une décision de l'association (le site le dit).")),
  resume: prose.check(about('Ce qui change, en une phrase.')),
  reciprocite: z.strictObject({
    tranches: z
      .array(
        z.strictObject({
          a_partir_de_eur: z.number().check(z.minimum(0, { error: 'nombre_hors_limites' }), about('Début de la tranche (euros de budget).')),
          taux_pct: taux.check(about('Part du budget attendue en réciprocité dans cette tranche, en %.')),
        }),
      )
      .check(
        z.minLength(1, { error: 'liste_vide' }),
        about('Tranches progressives : chaque taux s’applique à la part du budget comprise dans sa tranche.'),
      ),
    valeur_heure_nature_eur: euros.check(about('Valeur d’une heure de contribution en nature, en euros.')),
    arrondi_eur: z
      ._default(z.number().check(z.positive({ error: 'nombre_hors_limites' }), z.maximum(100, { error: 'nombre_hors_limites' })), 1)
      .check(
        about(
          'Pas d’arrondi des montants attendus (1 = à l’euro, 0.01 = au centime) : l’attendu de la mission, la part du réseau, et les parts des membres, qui font exactement ces totaux (ce qui reste après l’arrondi inférieur va aux plus grands restes).',
        ),
      ),
    part_reseau_pct: z
      ._default(taux, 0)
      .check(about('Part de la réciprocité attendue à rendre au réseau (le commun « reseau ») parce qu’il a apporté la mission, en %.')),
  }),
  delais: z.strictObject({
    declaration_jours: jours.check(about('Jours après la fin de mission pour déclarer ; au-delà, le prestataire est en retard.')),
    hors_cercle_jours: jours.check(about('Jours après la fin de mission sans déclaration au-delà desquels il sort du cercle.')),
    confirmation_jours: z
      ._default(jours, 90)
      .check(
        about(
          'Jours après un versement déclaré « verse » au-delà desquels, sans confirmation des gardiens du commun (confirmations/<commun>.yaml), il est signalé (90 par défaut). Seuls les communs qui ont des comptes_forge peuvent confirmer.',
        ),
      ),
  }),
  adhesion: z.strictObject({
    obligatoire_pour_equipe: z.boolean().check(about("Chaque membre d'équipe doit adhérer au début de la mission.")),
    tarif_appels: z
      .enum(ADHESION_TARIFS)
      .check(about('Tarif d’adhésion qui donne accès aux appels : un membre d’une mission issue d’un appel l’a au début de la mission.')),
    grace_jours: z
      ._default(jours, 90)
      .check(
        about(
          'Jours après la fin d’une adhésion non renouvelée au-delà desquels le prestataire sort du cercle (le sens des règles de 2024, grace_compte: adhesion_echue) ; avec grace_compte: mission_sans_adhesion, jours passés sur une mission sans adhésion.',
        ),
      ),
    grace_compte: z
      ._default(z.enum(GRACE_COMPTES), 'adhesion_echue')
      .check(
        about(
          'Ce que compte grace_jours. adhesion_echue (par défaut : le sens de grace_jours depuis les règles de 2024) : les jours depuis la fin d’une adhésion non renouvelée, avec ou sans mission ; qui n’a jamais adhéré n’en sort pas (l’adhésion exigée d’une équipe n’est qu’un avertissement). mission_sans_adhesion : les jours passés dans l’équipe d’une mission sans adhésion, échue ou jamais prise (la même règle pour les mêmes faits), comptés depuis le début de la mission ou la fin de l’adhésion ; sans mission en cours, une adhésion échue ne fait sortir personne.',
        ),
      ),
    preavis_jours: z
      ._default(jours, 30)
      .check(about('Jours avant la fin d’une adhésion où un rappel le dit au prestataire (30 par défaut) : un avis, qui ne change aucune situation.')),
  }),
  portage: z.strictObject({
    criteres: z
      .array(z.strictObject({ id: ruleCode, libelle: label }))
      .check(z.minLength(1, { error: 'liste_vide' }), about('Critères qui permettent à la Compagnie de porter une réponse.')),
    minimum_reseau: z
      .number()
      .check(z.int({ error: 'entier_attendu' }), z.minimum(1, { error: 'nombre_hors_limites' }), about('Nombre de critères à remplir pour un portage par le réseau.')),
  }),
  tarifs_jour_eur: z
    .strictObject({
      plancher: euros,
      animation: euros,
      coordination: euros,
    })
    .check(about('Tarif journalier par rôle, en euros HT.')),
  marge_solidarite: z.strictObject({
    par_jour_eur: z.number().check(z.minimum(0, { error: 'nombre_hors_limites' }), about('Marge budgétée par jour de contribution.')),
    base: z
      ._default(z.enum(SOLIDARITE_BASES), 'jours_beneficiaires')
      .check(about('Jours qui alimentent le pot : ceux des bénéficiaires (jours_beneficiaires) ou de toute l’équipe (jours_equipe).')),
    beneficiaires: z
      ._default(z.array(z.enum(ROLES)).check(z.minLength(1, { error: 'liste_vide' })), ['plancher'])
      .check(about('Rôles dont les déplacements sont couverts par le pot. Sans bénéficiaire dans l’équipe, pas de pot.')),
    repartition: z
      .enum(SOLIDARITE_REPARTITIONS)
      .check(
        about(
          'Partage du pot : prorata_jours, egale, frais_declares (frais de déplacement déclarés, plafonnés par jour) ou distance (jours × km).',
        ),
      ),
    plafond_par_jour_eur: z
      .optional(z.number().check(z.minimum(0, { error: 'nombre_hors_limites' })))
      .check(about('Avec frais_declares : frais remboursés au plus par jour de contribution.')),
    reste: z
      ._default(z.enum(SOLIDARITE_RESTES), 'client')
      .check(about('Ce que devient le pot non dépensé : non facturé au client (client) ou versé au réseau (reseau).')),
    dans_base_reciprocite: z
      ._default(z.boolean(), false)
      .check(about('Le pot compte-t-il dans le budget sur lequel la réciprocité est attendue ? Non par défaut : il paie des frais.')),
  }),
  reseau: slug.check(about('Identifiant du commun qui représente le réseau lui-même (il reçoit la part du réseau).')),
  /** Ce qu'entraîne « hors du cercle » ; section facultative. */
  cercle: z
    .prefault(
      z.strictObject({
        nouvelles_equipes: z
          ._default(z.enum(['signaler', 'refuser']), 'signaler')
          .check(
            about(
              'Un prestataire hors du cercle au début d’une mission dans l’équipe : signaler (un avertissement aux mainteneurs, par défaut) ou refuser (une erreur : il régularise d’abord).',
            ),
          ),
      }),
      {},
    )
    .check(about('Ce qu’entraîne « hors du cercle » pour les nouvelles équipes. Section facultative.')),
  /** Bornes de vraisemblance, relatives à la mission (jamais à la date du jour) ; section facultative. */
  plausibilite: z
    .prefault(
      z.strictObject({
        /** Part du budget de la mission donnée en argent par une déclaration, au plus, en % (défaut 50). */
        argent_part_budget_max_pct: z
          ._default(z.number().check(z.positive({ error: 'nombre_hors_limites' }), z.maximum(1000, { error: 'nombre_hors_limites' })), 50)
          .check(
            about(
              'Part du budget de la mission qu’une déclaration peut donner en argent (promis et versé), au plus, en % (50 par défaut). Une mission sans budget n’est pas vérifiée.',
            ),
          ),
        /** Heures en nature d'une déclaration par jour de mission du déclarant, au plus (défaut 8). */
        heures_par_jour_max: z
          ._default(z.number().check(z.positive({ error: 'nombre_hors_limites' }), z.maximum(24, { error: 'nombre_hors_limites' })), 8)
          .check(about('Heures de contribution en nature d’une déclaration, au plus, par jour de mission du déclarant (8 par défaut).')),
        /** Années entre la fin de la mission et un versement promis, au plus (défaut 5). */
        promesse_annees_max: z
          ._default(wholeBetween(0, 50), 5)
          .check(
            about('Années au plus entre la fin de la mission (son début si elle n’est pas finie) et la date d’un versement promis (5 par défaut).'),
          ),
        /** Comptes de forge d'une fiche (prestataire ou commun), au plus (défaut 5). */
        comptes_forge_max: z
          ._default(wholeBetween(1, 50), COMPTES_FORGE_MAX)
          .check(
            about(
              `Comptes de forge qu’une fiche de prestataire ou de commun peut lister, au plus (${COMPTES_FORGE_MAX} par défaut) : ceux des personnes qui parlent en son nom. Les règles les plus récentes s’appliquent.`,
            ),
          ),
        /** Durée d'une période d'adhésion, au plus, en jours (défaut 731 : deux ans). */
        adhesion_jours_max: z
          ._default(wholeBetween(1, 3660), ADHESION_JOURS_MAX)
          .check(
            about(
              `Durée d’une période d’adhésion, au plus, en jours, du début à la fin (${ADHESION_JOURS_MAX} par défaut : deux ans) ; les règles en vigueur au début de la période s’appliquent.`,
            ),
          ),
        /** Première année plausible d'une date de mission ou de déclaration (défaut 2000). */
        annee_min: z
          ._default(wholeBetween(1900, 2100), 2000)
          .check(about('Première année plausible pour les dates d’une mission et de ses déclarations (2000 par défaut).')),
      }),
      {},
    )
    .check(
      about(
        'Bornes de vraisemblance des chiffres déclarés, relatives à la mission (son budget, ses jours, sa fin), jamais à la date du jour. Section facultative : chaque champ a sa valeur par défaut.',
      ),
    ),
});

export type Regles = z.infer<typeof reglesSchema>;
