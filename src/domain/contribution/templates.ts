// Starting files for contributors, with commented examples. Used by the site's
// "Déclarer ma réciprocité" links and by npm run declare. The declaration is refused
// until it says something (declaration_vide): a file left as it is declares nothing.

/** The template's example texts and links: a declaration that still holds them was not filled in (npm run review says so). */
export const TEMPLATE_EXAMPLES = {
  usage: 'Fiches méthode pour préparer les ateliers.',
  preuve: 'https://exemple.org/recu',
  description: 'Mise à jour de la fiche « gouvernance partagée ».',
  lien: 'https://exemple.org/fiche',
};

export function declarationTemplate(prestataire: string, mission: string, date: string): string {
  return `# yaml-language-server: $schema=../../../schemas/json/declaration.json
# Déclaration de réciprocité : ${prestataire} pour la mission ${mission}.
# Remplacez les [] par vos lignes (exemples en commentaire), puis validez.
# Tel quel, ce fichier est refusé : une déclaration dit quelque chose. Si vous n'avez
# utilisé aucun commun ou rien donné, dites-le (aucun_commun_utilise, pourquoi_rien_donne).
prestataire: ${prestataire}
mission: ${mission}
date: "${date}"

# Communs utilisés pendant la mission (identifiants sur la page /communs/ du site).
communs_utilises: []
#  - commun: movilab
#    usage: ${TEMPLATE_EXAMPLES.usage}

# Ce que vous avez donné en argent : statut « verse » (avec un lien de preuve) ou « promis ».
contributions_argent: []
#  - commun: compagnie-des-tiers-lieux
#    montant_eur: 150
#    statut: verse
#    date: "${date}"
#    preuve: ${TEMPLATE_EXAMPLES.preuve}

# Ce que vous avez donné en nature : heures passées à améliorer un commun.
contributions_nature: []
#  - commun: movilab
#    description: ${TEMPLATE_EXAMPLES.description}
#    heures: 3
#    lien: ${TEMPLATE_EXAMPLES.lien}
#    date: "${date}"

# Seulement si les listes ci-dessus restent vides : une phrase chacune.
# aucun_commun_utilise: Mission de coordination pure, sans outil ni méthode partagés.
# pourquoi_rien_donne: Mission déficitaire ; je contribuerai en nature à la prochaine.
`;
}

export function prestataireTemplate(id: string): string {
  return `---
# yaml-language-server: $schema=../../schemas/json/prestataire.json
id: ${id}
nom: Votre nom ou celui de votre structure
type: independant # independant, cooperative, association, entreprise ou tiers_lieu
territoire: Votre territoire d'intervention
competences:
  - votre première compétence
comptes_forge:
  - votre-identifiant-sur-la-forge
# Vos périodes d'adhésion sont enregistrées par l'association (un mainteneur les ajoute) :
# laissez cette liste vide, votre demande passera ainsi au vert toute seule.
adhesions: []
---
Présentez-vous en quelques phrases : votre parcours, vos façons de travailler, vos liens avec les tiers-lieux.
`;
}
