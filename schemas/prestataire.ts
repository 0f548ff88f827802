import * as z from 'zod/mini';
import { about, forgeHandle, httpUrl, isoDate, label, prose, slug } from './shared.ts';

export const PRESTATAIRE_TYPES = ['independant', 'cooperative', 'association', 'entreprise', 'tiers_lieu'] as const;
export const ADHESION_TARIFS = ['acteur_economique', 'structure', 'individuel'] as const;

export const adhesionSchema = z.strictObject({
  /** Premier jour couvert par l'adhésion. */
  du: isoDate.check(about("Premier jour couvert par l'adhésion (AAAA-MM-JJ).")),
  /** Dernier jour couvert par l'adhésion. */
  au: isoDate.check(about("Dernier jour couvert par l'adhésion (AAAA-MM-JJ).")),
  /** Le tarif « acteur économique » donne accès aux appels. */
  tarif: z.enum(ADHESION_TARIFS).check(about("Tarif d'adhésion ; « acteur_economique » donne accès aux appels.")),
});

/** Front matter de content/prestataires/<id>.md ; le corps Markdown est la présentation. */
export const prestataireSchema = z.strictObject({
  id: slug.check(about('Identifiant, égal au nom du fichier sans .md.')),
  anciens_ids: z
    .optional(z.array(slug))
    .check(about('Identifiants d’avant un renommage (npm run renommer) : les anciennes adresses de la fiche et du badge mènent à la nouvelle.')),
  nom: label.check(about('Nom de la personne ou de la structure.')),
  type: z.enum(PRESTATAIRE_TYPES).check(about('Forme : indépendant, coopérative, association, entreprise, tiers-lieu.')),
  territoire: label.check(about("Territoire d'intervention principal (ex. : Métropole européenne de Lille).")),
  competences: z.array(label).check(z.minLength(1, { error: 'liste_vide' }), about('Compétences ou thèmes (ex. : gouvernance, modèle économique).')),
  site: z.optional(httpUrl).check(about('Site web (https://...).')),
  comptes_forge: z
    ._default(z.array(forgeHandle), [])
    .check(about('Identifiants sur la forge (GitHub...) autorisés à modifier ce profil et ses déclarations.')),
  adhesions: z._default(z.array(adhesionSchema), []).check(about("Périodes d'adhésion à l'association.")),
  resume: z.optional(prose).check(about('Présentation en une ou deux phrases.')),
  depart: z
    .optional(
      z.strictObject({
        le: isoDate.check(about('Jour où le prestataire a quitté le réseau (AAAA-MM-JJ).')),
        raison: z.optional(prose).check(about('Pourquoi, en une phrase, si la personne le souhaite.')),
      }),
    )
    .check(about('A quitté le réseau : plus de rappel d’adhésion, plus de mission commencée après ce jour ; ses déclarations passées restent publiques.')),
});

export type Prestataire = z.infer<typeof prestataireSchema>;
export type Adhesion = z.infer<typeof adhesionSchema>;
