// Starting files for contributors, with commented examples. Used by the site's
// "Déclarer ma réciprocité" links and by npm run declare. The declaration is refused
// until it says something (declaration_vide): a file left as it is declares nothing.

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
#    usage: Fiches méthode pour préparer les ateliers.

# Ce que vous avez donné en argent : statut « verse » (avec un lien de preuve) ou « promis ».
contributions_argent: []
#  - commun: compagnie-des-tiers-lieux
#    montant_eur: 150
#    statut: verse
#    date: "${date}"
#    preuve: https://exemple.org/recu

# Ce que vous avez donné en nature : heures passées à améliorer un commun.
contributions_nature: []
#  - commun: movilab
#    description: Mise à jour de la fiche « gouvernance partagée ».
#    heures: 3
#    lien: https://exemple.org/fiche
#    date: "${date}"

# Seulement si les listes ci-dessus restent vides : une phrase chacune.
# aucun_commun_utilise: Mission de coordination pure, sans outil ni méthode partagés.
# pourquoi_rien_donne: Mission déficitaire ; je contribuerai en nature à la prochaine.
`;
}

export function prestataireTemplate(id: string, date: string): string {
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
adhesions:
  - du: "${date}"
    au: "${date.slice(0, 4)}-12-31"
    tarif: acteur_economique
---
Présentez-vous en quelques phrases : votre parcours, vos façons de travailler, vos liens avec les tiers-lieux.
`;
}
