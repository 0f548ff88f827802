import { z } from 'zod';
import { forgeHandle, httpUrl, isoDate, label, prose, slug } from './shared.ts';

export const PRESTATAIRE_TYPES = ['independant', 'cooperative', 'association', 'entreprise', 'tiers_lieu'] as const;
export const ADHESION_TARIFS = ['acteur_economique', 'structure', 'individuel'] as const;
/** The rates in words, for messages and pages. */
export const ADHESION_TARIF_LABELS: Record<(typeof ADHESION_TARIFS)[number], string> = {
  acteur_economique: 'acteur économique',
  structure: 'structure',
  individuel: 'individuel',
};

export const adhesionSchema = z.strictObject({
  /** Premier jour couvert par l'adhésion. */
  du: isoDate.meta({ description: "Premier jour couvert par l'adhésion (AAAA-MM-JJ)." }),
  /** Dernier jour couvert par l'adhésion. */
  au: isoDate.meta({ description: "Dernier jour couvert par l'adhésion (AAAA-MM-JJ)." }),
  /** Le tarif « acteur économique » donne accès aux appels. */
  tarif: z.enum(ADHESION_TARIFS).meta({ description: "Tarif d'adhésion ; « acteur_economique » donne accès aux appels." }),
});

/** Front matter de content/prestataires/<id>.md ; le corps Markdown est la présentation. */
export const prestataireSchema = z.strictObject({
  id: slug.meta({ description: 'Identifiant, égal au nom du fichier sans .md.' }),
  nom: label.meta({ description: 'Nom de la personne ou de la structure.' }),
  type: z.enum(PRESTATAIRE_TYPES).meta({ description: 'Forme : indépendant, coopérative, association, entreprise, tiers-lieu.' }),
  territoire: label.meta({ description: "Territoire d'intervention principal (ex. : Métropole européenne de Lille)." }),
  competences: z.array(label).min(1, { error: 'liste_vide' }).meta({ description: 'Compétences ou thèmes (ex. : gouvernance, modèle économique).' }),
  site: httpUrl.optional().meta({ description: 'Site web (https://...).' }),
  comptes_forge: z.array(forgeHandle).default([])
    .meta({ description: 'Identifiants sur la forge (GitHub...) autorisés à modifier ce profil et ses déclarations.' }),
  adhesions: z.array(adhesionSchema).default([]).meta({ description: "Périodes d'adhésion à l'association." }),
  resume: prose.optional().meta({ description: 'Présentation en une ou deux phrases.' }),
});

export type Prestataire = z.infer<typeof prestataireSchema>;
export type Adhesion = z.infer<typeof adhesionSchema>;
