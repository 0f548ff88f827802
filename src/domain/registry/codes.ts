// Every problem the registry can report, with its stable code, its French message
// and the hint that tells a contributor how to fix it. Tests and CI rely on the codes;
// the site's /contribuer/erreurs/ page lists them all with their example.
import { firstInvisible } from '../../../schemas/shared.ts';
import { codePoint } from './escape.ts';
import type { Params } from './problem-parts.ts';

const codePointOf = (char: string | null) => (char ? codePoint(char) : 'U+????');

interface CodeEntry {
  severity: 'error' | 'warning';
  /** True when the problem only exists relative to the reference date (see npm run figures). */
  relativeToDate?: boolean;
  message: (p: Params) => string;
  hint: string | ((p: Params) => string);
  /** A line a contributor might write that gets this code. */
  example: string;
}

const LAYOUT_HINT =
  'Les fichiers attendus : prestataires/<id>.md, missions/<id>.md, communs/<id>.md, declarations/<prestataire>/<mission>.yaml, regles/<AAAA-MM-JJ>.yaml, confirmations/<commun>.yaml.';
const suggestion = (p: Params) => (p.suggestion ? ` Vouliez-vous dire « ${p.suggestion} » ?` : '');

export const CODES = {
  // --- reading the file ---
  fichier_hors_structure: {
    severity: 'error',
    message: (p) => `Ce fichier n'est pas à sa place dans le registre (${p.detail}).`,
    hint: LAYOUT_HINT,
    example: 'content/declarations/ma-declaration.yaml',
  },
  lien_symbolique: {
    severity: 'error',
    message: () => 'Ce fichier est un lien symbolique : il est refusé.',
    hint: 'Copiez le contenu dans un vrai fichier au bon endroit.',
    example: 'content/prestataires/moi.md -> /etc/passwd',
  },
  fichier_illisible: {
    severity: 'error',
    message: (p) => `Ce fichier ne peut pas être lu (${p.detail}).`,
    hint: 'Vérifiez qu’il s’agit d’un fichier ordinaire, lisible, et non d’un dossier ou d’un lien.',
    example: 'un fichier sans droit de lecture',
  },
  fichier_trop_gros: {
    severity: 'error',
    message: (p) => `Ce fichier fait ${p.taille} octets, au-delà de la limite de ${p.limite}.`,
    hint: 'Une déclaration ou une fiche tient en quelques kilo-octets : raccourcissez le texte et mettez les documents longs en lien.',
    example: 'un fichier de 5 Mo',
  },
  encodage_invalide: {
    severity: 'error',
    message: () => "Ce fichier n'est pas encodé en UTF-8.",
    hint: 'Enregistrez-le en UTF-8 (dans votre éditeur : « Enregistrer avec l’encodage » > UTF-8).',
    example: 'un fichier enregistré en Latin-1',
  },
  front_matter_absent: {
    severity: 'error',
    message: () => 'Le fichier doit commencer par une ligne « --- » suivie des champs en YAML, puis une autre ligne « --- ».',
    hint: 'Copiez le début d’un fichier voisin : la première ligne est exactement ---.',
    example: 'titre: Ma mission (sans --- au-dessus)',
  },
  front_matter_langage: {
    severity: 'error',
    message: (p) => `L'en-tête est déclaré en « ${p.langage} » : seul le YAML est accepté.`,
    hint: 'Remplacez la première ligne par exactement --- (sans rien après).',
    example: '---js',
  },
  yaml_syntaxe: {
    severity: 'error',
    message: (p) => `Le YAML est mal formé : ${p.detail}.`,
    hint: 'Vérifiez l’indentation (des espaces, pas de tabulations), les deux-points après chaque clé et les guillemets.',
    example: 'montant_eur 150   (il manque « : »)',
  },
  yaml_cle_dupliquee: {
    severity: 'error',
    message: (p) => `La clé « ${p.cle} » apparaît deux fois.`,
    hint: 'Gardez une seule fois chaque clé : supprimez ou renommez le doublon.',
    example: 'date: "2025-01-10"\ndate: "2025-02-10"',
  },
  yaml_trop_complexe: {
    severity: 'error',
    message: (p) => `Le YAML est trop complexe pour être lu sans risque : ${p.detail}.`,
    hint: 'Écrivez les valeurs directement, sans alias (*nom) en cascade ni imbrication profonde.',
    example: 'a: &a [*b, *b, *b] ... (alias en cascade)',
  },
  yaml_alias: {
    severity: 'error',
    message: (p) => `Les ancres et alias YAML (&nom, *nom) ne sont pas acceptés : ${p.detail} se trouve ici.`,
    hint: 'Écrivez chaque valeur en entier à l’endroit où elle sert, sans « & » ni « * » devant un nom (entre guillemets, « R&D » reste possible).',
    example: 'a: &liste [...]\nb: *liste',
  },
  cle_interdite: {
    severity: 'error',
    message: (p) => `La clé « ${p.cle} » est interdite.`,
    hint: 'Ces noms de clés servent à attaquer les programmes qui lisent le fichier : supprimez-la.',
    example: '__proto__: { admin: true }',
  },
  yaml_racine: {
    severity: 'error',
    message: () => 'Le contenu doit être une liste de champs « clé: valeur ».',
    hint: 'Copiez un fichier voisin comme modèle.',
    example: '- une liste au lieu de champs',
  },
  // --- the Markdown body (src/domain/registry/markdown.ts) ---
  corps_trop_long: {
    severity: 'error',
    message: (p) => `Le texte (Markdown, sous l'en-tête) est trop long : ${p.detail}.`,
    hint: 'Une fiche se lit en quelques paragraphes : raccourcissez le texte et mettez les documents longs en lien.',
    example: 'une présentation de 30 000 caractères',
  },
  corps_caracteres: {
    severity: 'error',
    message: (p) => `Le texte (Markdown, sous l'en-tête) contient ${p.detail} : il se lirait autrement qu'il n'est écrit.`,
    hint: 'Retapez ce passage au clavier au lieu de le coller (les caractères invisibles ou de contrôle ne se voient pas dans un éditeur).',
    example: 'Présentation.\u202e (un caractère qui retourne la suite du texte)',
  },
  corps_trop_imbrique: {
    severity: 'error',
    message: (p) => `Le texte imbrique trop de citations (« > ») ou de listes les unes dans les autres : plus de ${p.limite} niveaux.`,
    hint: 'Mettez les citations et les listes les unes après les autres plutôt que les unes dans les autres.',
    example: '> > > > > > > > > citation',
  },
  corps_trop_complexe: {
    severity: 'error',
    message: (p) => `Le texte (Markdown) est trop complexe pour être affiché sans risque : ${p.detail}.`,
    hint: 'Séparez les paragraphes par une ligne vide et retirez les symboles répétés ; pour montrer du code, entourez-le de deux lignes ```.',
    example: '**************************************** (des milliers d’astérisques)',
  },
  // --- shape of a field (schemas/) ---
  champ_manquant: {
    severity: 'error',
    message: (p) => `Le champ « ${p.champ} » est obligatoire.`,
    hint: (p) => `Ajoutez « ${p.champ}: ... » (voir le modèle dans schemas/json/${p.entite}.json).`,
    example: 'une déclaration sans « date »',
  },
  type_invalide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit être ${p.attendu} (reçu : ${p.recu}).`,
    hint: 'Les nombres s’écrivent sans guillemets (150), les dates entre guillemets ("2025-03-01"), les listes avec des tirets.',
    example: 'montant_eur: "cent euros"',
  },
  cle_inconnue: {
    severity: 'error',
    message: (p) => `Clé inconnue « ${p.cle} ».${suggestion(p)}`,
    hint: (p) => `Corrigez l’orthographe ou supprimez la clé. Clés possibles ici : ${p.possibles}.`,
    example: 'montnt_eur: 150',
  },
  valeur_invalide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » vaut « ${p.recu} », ce qui n'est pas une valeur possible.${suggestion(p)}`,
    hint: (p) => `Valeurs possibles : ${p.possibles}.`,
    example: 'statut: verse_partiellement',
  },
  identifiant_invalide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit être un identifiant en minuscules, chiffres et tirets (reçu : « ${p.recu} »).`,
    hint: 'Exemple : atelier-des-communs. Pas d’accents, d’espaces, de majuscules ni de « / ».',
    example: 'prestataire: Atelier Ouvert',
  },
  code_regle_invalide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit être un code en minuscules et soulignés (reçu : « ${p.recu} »).`,
    hint: 'Exemple : logique_communs. Reprenez le code tel qu’il est écrit dans le fichier de règles.',
    example: 'criteres: [Logique communs]',
  },
  identifiant_trop_long: {
    severity: 'error',
    message: (p) => `« ${p.champ} » dépasse 80 caractères.`,
    hint: 'Choisissez un identifiant plus court.',
    example: 'id: un-identifiant-tres-tres-long-...',
  },
  date_format: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit être une date AAAA-MM-JJ (reçu : « ${p.recu} »).`,
    hint: 'Écrivez la date entre guillemets, par exemple "2025-03-14".',
    example: 'date: 14/03/2025',
  },
  date_inexistante: {
    severity: 'error',
    message: (p) => `« ${p.champ} » : le ${p.recu} n'existe pas dans le calendrier.`,
    hint: 'Vérifiez le jour et le mois (février a 28 ou 29 jours).',
    example: 'date: "2025-02-30"',
  },
  montant_non_positif: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit être positif (reçu ${p.recu}).`,
    hint: 'Indiquez le montant versé ou promis, en euros, sans signe moins.',
    example: 'montant_eur: -150',
  },
  montant_centimes: {
    severity: 'error',
    message: (p) => `« ${p.champ} » a plus de deux décimales (reçu ${p.recu}).`,
    hint: 'Un montant en euros s’arrête au centime : 120.50, pas 120.505.',
    example: 'montant_eur: 120.505',
  },
  lien_invalide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit être un lien web complet en http ou https (reçu : « ${p.recu} »).`,
    hint: 'Copiez l’adresse depuis la barre du navigateur : elle commence par https://.',
    example: 'preuve: javascript:alert(1)',
  },
  lien_identifiants: {
    severity: 'error',
    message: (p) => `« ${p.champ} » contient un identifiant avant « @ » (reçu : « ${p.recu} ») : un tel lien mène à l’adresse écrite après le « @ », pas à celle qu’on lit au début.`,
    hint: 'Copiez l’adresse depuis la barre du navigateur, sans nom d’utilisateur ni mot de passe : https://site.example/page.',
    example: 'preuve: https://banque.example@autre.example/recu',
  },
  texte_vide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » est vide.`,
    hint: 'Écrivez quelques mots, ou supprimez la ligne si le champ est facultatif.',
    example: 'usage: ""',
  },
  texte_trop_long: {
    severity: 'error',
    message: (p) => `« ${p.champ} » est trop long.`,
    hint: 'Raccourcissez : un nom tient en 200 caractères, une description en 5 000. Le détail va dans le corps du fichier ou en lien.',
    example: 'nom: (300 caractères)',
  },
  texte_bidi: {
    severity: 'error',
    message: (p) => `« ${p.champ} » contient des caractères invisibles qui inversent le sens du texte.`,
    hint: 'Retapez le texte au clavier au lieu de le coller.',
    example: 'nom: "Atelier\u202eeriatnevni"',
  },
  texte_invisible: {
    severity: 'error',
    message: (p) => `« ${p.champ} » contient un caractère invisible (${codePointOf(firstInvisible(String(p.recu ?? '')))}) : deux noms identiques à l’œil seraient différents pour le registre.`,
    hint: 'Retapez le texte au clavier au lieu de le coller (les espaces de largeur nulle et les traits d’union conditionnels ne se voient pas).',
    example: 'nom: "Alice\u200bConseil"',
  },
  raison_trop_courte: {
    severity: 'error',
    message: (p) => `« ${p.champ} » ne dit pas pourquoi : « ${p.recu} » n’est pas une phrase.`,
    hint: 'Écrivez une vraie phrase d’au moins trois mots qui dit pourquoi, par exemple « Mission de coordination pure, sans outil ni méthode partagés. » ; un point, un tiret ou « RAS » ne suffisent pas.',
    example: 'aucun_commun_utilise: "."',
  },
  texte_non_nfc: {
    severity: 'error',
    message: (p) => `« ${p.champ} » écrit des lettres accentuées en deux caractères (une lettre, puis un accent qui s’y combine) : identique à l’œil, ce texte serait différent pour le registre, sa recherche et ses exports.`,
    hint: 'Retapez les lettres accentuées au clavier (é, è, à, ç…) au lieu de les coller ; un éditeur peut aussi enregistrer le texte en « NFC ».',
    example: 'nom: "E\u0301quipe" (« E » suivi d’un accent aigu combinant)',
  },
  nom_sosie: {
    severity: 'error',
    message: (p) => `Le nom « ${p.nom} » se confond avec « ${p.autre} » (${p.autre_fichier}) : ${p.raison}.`,
    hint: 'Choisissez un nom qui se distingue à l’œil des prestataires et des communs déjà inscrits ; s’il s’agit de la même structure, modifiez sa fiche au lieu d’en créer une autre.',
    example: 'nom: "Аlice Conseil" (un « А » cyrillique)',
  },
  licence_invalide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » n'est pas un identifiant de licence (reçu : « ${p.recu} »).`,
    hint: 'Utilisez l’identifiant SPDX : CC-BY-SA-4.0, CC-BY-4.0, CC0-1.0, AGPL-3.0-or-later... ou « proprietaire ».',
    example: 'licence: Creative Commons',
  },
  liste_vide: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit contenir au moins un élément.`,
    hint: 'Ajoutez au moins une ligne commençant par « - ».',
    example: 'competences: []',
  },
  compte_forge_invalide: {
    severity: 'error',
    message: (p) => `« ${p.recu} » n'est pas un identifiant de compte valide.`,
    hint: 'Indiquez votre identifiant sur la forge, sans @ ni adresse : par exemple marie-dupont.',
    example: 'comptes_forge: ["@marie"]',
  },
  comptes_forge_trop_nombreux: {
    severity: 'error',
    message: (p) => `« comptes_forge » liste ${p.nombre} comptes : les règles en permettent ${p.max} par fiche (${p.source}).`,
    hint: 'Gardez les comptes des personnes qui parlent au nom de cette fiche (déclarer, confirmer, recevoir les rappels) : quelques-unes. Chaque compte ajouté est approuvé par un mainteneur ; le nombre est fixé par les règles (plausibilite.comptes_forge_max).',
    example: 'comptes_forge: (304 comptes)',
  },
  adhesion_trop_longue: {
    severity: 'error',
    message: (p) => `La période d’adhésion du ${p.du} au ${p.au} dure ${p.jours} jours : les règles en permettent ${p.max} au plus.`,
    hint: 'Une adhésion se renouvelle : écrivez une période par adhésion payée (du 1er janvier au 31 décembre, par exemple), et vérifiez l’année de fin.',
    example: 'adhesions:\n  - du: "2024-01-01"\n    au: "2099-12-31"',
  },
  nombre_hors_limites: {
    severity: 'error',
    message: (p) => `« ${p.champ} » vaut ${p.recu}, hors des limites permises.`,
    hint: 'Vérifiez le nombre : positif, et d’un ordre de grandeur réaliste (voir la description du champ dans schemas/json/).',
    example: 'heures: -3',
  },
  entier_attendu: {
    severity: 'error',
    message: (p) => `« ${p.champ} » doit être un nombre entier (reçu ${p.recu}).`,
    hint: 'Écrivez un nombre sans virgule.',
    example: 'declaration_jours: 30.5',
  },
  schema_autre: {
    severity: 'error',
    message: (p) => `« ${p.champ} » n'est pas valide : ${p.detail}.`,
    hint: 'Comparez avec un fichier voisin ou le modèle dans schemas/json/.',
    example: '',
  },
  // --- across files ---
  id_nom_fichier: {
    severity: 'error',
    message: (p) => `« ${p.champ} » vaut « ${p.recu} » mais le fichier s'appelle « ${p.attendu} ».`,
    hint: (p) => `Écrivez ${p.champ}: ${p.attendu}, ou renommez le fichier.`,
    example: 'content/prestataires/atelier-ouvert.md avec id: atelier',
  },
  id_duplique: {
    severity: 'error',
    message: (p) => `L'identifiant « ${p.id} » est déjà utilisé par ${p.autre}.`,
    hint: 'Chaque fiche a un identifiant unique : choisissez-en un autre.',
    example: 'deux fiches avec id: atelier-ouvert',
  },
  prestataire_inconnu: {
    severity: 'error',
    message: (p) => `Aucun prestataire « ${p.id} » dans prestataires/.${suggestion(p)}`,
    hint: 'Vérifiez l’identifiant, ou ajoutez d’abord la fiche du prestataire.',
    example: 'prestataire: atelier-ouver',
  },
  mission_inconnue: {
    severity: 'error',
    message: (p) => `Aucune mission « ${p.id} » dans missions/.${suggestion(p)}`,
    hint: 'Le nom du fichier de déclaration est l’identifiant de la mission : vérifiez-le.',
    example: 'mission: diagnostic-lile',
  },
  commun_inconnu: {
    severity: 'error',
    message: (p) => `Aucun commun « ${p.id} » dans communs/.${suggestion(p)}`,
    hint: 'Vérifiez l’identifiant dans la liste des communs, ou proposez d’abord la fiche du commun.',
    example: 'commun: movilabb',
  },
  declarant_hors_equipe: {
    severity: 'error',
    message: (p) => `« ${p.prestataire} » ne fait pas partie de l'équipe de la mission « ${p.mission} ».`,
    hint: 'Seuls les membres de l’équipe déclarent pour une mission. Si vous y avez participé, demandez d’abord l’ajout à l’équipe dans le fichier de la mission.',
    example: 'declarations/quelqu-un-d-autre/mission.yaml',
  },
  equipe_doublon: {
    severity: 'error',
    message: (p) => `« ${p.prestataire} » apparaît deux fois dans l'équipe.`,
    hint: 'Une ligne par membre : additionnez les jours si la personne a deux rôles, et gardez le rôle principal.',
    example: 'equipe: [{prestataire: a, ...}, {prestataire: a, ...}]',
  },
  adhesion_manquante: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » n'avait pas d'adhésion valide le ${p.date}, début de la mission.`,
    hint: 'Toutes les parties prenantes adhèrent à la Compagnie : ajoutez la période d’adhésion dans la fiche du prestataire (adhesions). Ce n’est pas bloquant.',
    example: 'un membre d’équipe sans adhésion couvrant la date de début',
  },
  adhesion_tarif_appels: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » a répondu à un appel sans adhésion au tarif « ${p.tarif} » au ${p.date}, début de la mission.`,
    hint: 'Les règles réservent l’accès aux appels à ce tarif d’adhésion : corrigez le tarif dans la fiche du prestataire (adhesions) s’il est erroné.',
    example: 'une mission issue d’un appel (date_appel) avec un membre au tarif individuel',
  },
  budget_ecart: {
    severity: 'warning',
    message: (p) =>
      `Le budget (${p.budget} €) diffère des honoraires selon les règles (${p.honoraires} €) plus la marge de solidarité (${p.pot} €) : écart de ${p.ecart} €.`,
    hint: 'Vérifiez budget_eur, les jours et les rôles de l’équipe ; l’écart est affiché sur la page de la mission.',
    example: 'budget_eur: 9500 pour 7 750 € d’honoraires et 400 € de marge',
  },
  portage_criteres: {
    severity: 'error',
    message: (p) => `Mission portée par le réseau : critères de portage remplis, ${p.nombre} sur ${p.minimum} exigés.`,
    hint: (p) => `Citez dans portage.criteres les critères remplis (${p.possibles}), ou confiez la mission à un membre.`,
    example: 'portage: { type: reseau, criteres: [structurant] }',
  },
  portage_critere_inconnu: {
    severity: 'error',
    message: (p) => `Critère de portage inconnu « ${p.id} ».${suggestion(p)}`,
    hint: (p) => `Critères possibles : ${p.possibles}.`,
    example: 'criteres: [structurel]',
  },
  portage_justification: {
    severity: 'error',
    message: () => 'Une mission portée par le réseau doit dire pourquoi (portage.justification).',
    hint: 'Expliquez en une phrase pourquoi aucun membre ne pouvait porter la réponse.',
    example: 'portage: { type: reseau, criteres: [...] } sans justification',
  },
  chef_de_file_manquant: {
    severity: 'error',
    message: (p) => `Un portage « ${p.type} » doit nommer son chef de file (portage.chef_de_file).`,
    hint: 'Indiquez l’identifiant du prestataire qui porte la réponse ; il fait partie de l’équipe.',
    example: 'portage: { type: membre }',
  },
  chef_de_file_hors_equipe: {
    severity: 'error',
    message: (p) => `Le chef de file « ${p.id} » ne fait pas partie de l'équipe.`,
    hint: 'Ajoutez-le à l’équipe ou corrigez l’identifiant.',
    example: 'chef_de_file: quelqu-un-d-autre',
  },
  livrable_auteur_hors_equipe: {
    severity: 'error',
    message: (p) => `« ${p.id} », auteur du livrable « ${p.titre} », ne fait pas partie de l'équipe de la mission.`,
    hint: 'Un livrable compte pour ses auteurs, membres de l’équipe : corrigez l’identifiant, ou ajoutez ce prestataire à l’équipe.',
    example: 'auteurs: [quelqu-un-d-autre]',
  },
  dates_incoherentes: {
    severity: 'error',
    message: (p) => `La fin (${p.fin}) est avant le début (${p.debut}).`,
    hint: 'Vérifiez les deux dates.',
    example: 'debut: "2025-05-01"\nfin: "2025-03-01"',
  },
  mission_terminee_future: {
    severity: 'warning',
    relativeToDate: true,
    message: (p) => `La mission est « terminee » mais sa fin (${p.fin}) est après la date de référence (${p.date}).`,
    hint: 'Vérifiez la date de fin, ou laissez la mission « en_cours » jusqu’à sa fin réelle.',
    example: 'statut: terminee\nfin: "2099-06-30"',
  },
  date_manquante_statut: {
    severity: 'error',
    message: (p) => `Une mission au statut « ${p.statut} » doit avoir une date « ${p.champ} ».`,
    hint: 'Ajoutez la date (AAAA-MM-JJ entre guillemets) ou corrigez le statut.',
    example: 'statut: terminee sans fin',
  },
  equipe_vide: {
    severity: 'error',
    message: (p) => `Une mission au statut « ${p.statut} » doit avoir une équipe.`,
    hint: 'Listez les membres dans « equipe » avec leur rôle et leurs jours.',
    example: 'statut: en_cours, equipe: []',
  },
  regles_nom_fichier: {
    severity: 'error',
    message: (p) => `en_vigueur_depuis vaut « ${p.recu} » mais le fichier s'appelle « ${p.attendu}.yaml ».`,
    hint: 'Le nom du fichier de règles est sa date d’effet.',
    example: 'regles/2024-04-01.yaml avec en_vigueur_depuis: "2024-05-01"',
  },
  regles_tranches: {
    severity: 'error',
    message: () => 'Les tranches de réciprocité doivent commencer à 0 € et être rangées par montant croissant.',
    hint: 'La première tranche a a_partir_de_eur: 0, chaque suivante un montant plus grand.',
    example: 'tranches: [{a_partir_de_eur: 5000, ...}]',
  },
  regles_delais: {
    severity: 'error',
    message: () => 'Le délai de sortie du cercle doit être au moins égal au délai de déclaration.',
    hint: 'hors_cercle_jours ≥ declaration_jours.',
    example: 'declaration_jours: 90, hors_cercle_jours: 30',
  },
  regles_retroactives: {
    severity: 'error',
    message: (p) => `Ces règles s'appliquent depuis le ${p.depuis}, avant leur adoption le ${p.adoptees}, sans dire pourquoi.`,
    hint: 'Ajoutez « retroactivite: » avec la raison de cet effet rétroactif (elle est affichée sur /regles/), ou choisissez une date d’effet après l’adoption.',
    example: 'en_vigueur_depuis: "2025-01-01" et adoptees_le: "2026-11-01"',
  },
  regles_entree_retroactive: {
    severity: 'error',
    message: (p) =>
      `Ces règles s'appliquent depuis le ${p.depuis}, avant d'entrer au registre (au plus tôt le ${p.entree}, jour de cette vérification ; adoptées le ${p.adoptees} selon le fichier) : elles sont rétroactives, sans dire pourquoi.`,
    hint: 'Une règle compte comme adoptée le jour où elle entre au registre, quelle que soit « adoptees_le » : datez son effet (en_vigueur_depuis, et le nom du fichier) après la fusion, ou ajoutez « retroactivite: » avec la raison de cet effet rétroactif (elle sera dite sur chaque verdict qu’elle change).',
    example: 'regles/2026-05-01.yaml ajouté le 20 novembre 2026 avec adoptees_le: "2026-04-20"',
  },
  regles_reecrites: {
    severity: 'error',
    message: (p) => `Ces règles sont en vigueur depuis le ${p.depuis} : ce changement les ${p.action}, et réécrirait les verdicts déjà rendus.`,
    hint: 'Une règle en vigueur ne se modifie pas : remettez ce fichier tel qu’il était et ajoutez un nouveau fichier regles/<AAAA-MM-JJ>.yaml, daté du jour où le changement prend effet (avec « retroactivite: » et sa raison s’il s’applique avant son adoption).',
    example: 'changer declaration_jours dans regles/2024-04-01.yaml au lieu d’ajouter regles/2027-01-01.yaml',
  },
  mission_terminee_modifiee: {
    severity: 'error',
    message: (p) =>
      p.supprime
        ? `La mission « ${p.mission} » ${p.etat ?? 'était terminée'} : ce changement supprime ou renomme son fichier, et ses faits avec.`
        : `La mission « ${p.mission} » ${p.etat ?? 'était terminée'} : « ${p.champ} » change (${p.avant} → ${p.apres}) sans note de correction.`,
    hint: (p) =>
      p.supprime
        ? 'Une mission terminée reste au registre : remettez son fichier. Si elle n’a jamais eu lieu, ajoutez une correction (statut abandonnee) et demandez à un mainteneur.'
        : 'Les faits d’une mission terminée, ou finie selon ses dates (sa fin passée, encore « en_cours » ou « attribuee » : le délai de déclaration court depuis sa fin), ne changent qu’avec une note (budget, équipe, jours, dates, statut ; l’abandonner aussi, seule la passer en « terminee » n’en demande pas) : ajoutez à la fin de « corrections: » une entrée avec date et raison (et champs, facultatif), par exemple « - date: "2026-12-01" / raison: Avenant signé le 20 novembre, deux jours de plus. ». Un mainteneur approuve ensuite la demande.',
    example: 'budget_eur: 20600 → 23400 dans une mission terminée, sans « corrections: »',
  },
  correction_incomplete: {
    severity: 'error',
    message: (p) => `La correction ajoutée (${p.date}) ne nomme pas « ${p.champ} » dans ses champs, qui change pourtant (${p.avant} → ${p.apres}).`,
    hint: (p) => `Ajoutez ${p.champ} à « champs: » de la correction, ou retirez la liste « champs: » (la correction vaut alors pour tous les faits), ou remettez « ${p.champ} » comme avant.`,
    example: 'corrections: [{date: "2026-12-01", raison: …, champs: [fin]}] alors que budget_eur change aussi',
  },
  corrections_reecrites: {
    severity: 'error',
    message: (p) => `La mission « ${p.mission} » : la correction n° ${p.numero} (${p.date}) est ${p.action} ; les corrections passées sont l’histoire de la mission.`,
    hint: 'Remettez les corrections existantes telles qu’elles étaient, dans le même ordre, et ajoutez la nouvelle à la fin de la liste.',
    example: 'effacer ou réécrire une ligne de « corrections: »',
  },
  regles_absentes: {
    severity: 'error',
    message: (p) => `Aucune règle n'est en vigueur au ${p.date}.`,
    hint: 'Ajoutez un fichier regles/<AAAA-MM-JJ>.yaml dont la date d’effet précède cette date.',
    example: 'une mission qui commence avant le premier fichier de règles',
  },
  mission_non_commencee: {
    severity: 'error',
    relativeToDate: true,
    message: (p) => `La mission « ${p.mission} » n'a pas commencé (${p.raison}) : on ne peut pas encore déclarer.`,
    hint: 'Déclarez une fois la mission commencée ; vérifiez sa date de début.',
    example: 'une déclaration pour une mission qui commence le mois prochain',
  },
  mission_pas_en_cours: {
    severity: 'error',
    message: (p) => `La mission « ${p.mission} » est au statut « ${p.statut} » : on ne déclare qu'une mission commencée.`,
    hint: 'Déclarez une fois la mission en cours ou terminée (son fichier dit alors « statut: en_cours » et sa date de début).',
    example: 'une déclaration pour une mission au statut appel',
  },
  argent_refuse: {
    severity: 'error',
    message: (p) => `Le commun « ${p.commun} » n'accepte pas de contributions en argent.`,
    hint: 'Contribuez-y en nature (contributions_nature), ou versez à un commun qui accepte l’argent.',
    example: 'contributions_argent: [{commun: un-commun-sans-caisse, ...}]',
  },
  declaration_date_future: {
    severity: 'error',
    relativeToDate: true,
    message: (p) => `La déclaration est datée du ${p.date}, après la date de référence (${p.reference}).`,
    hint: 'Datez la déclaration du jour où vous l’écrivez.',
    example: 'date: "2099-01-01"',
  },
  modification_avant_declaration: {
    severity: 'error',
    message: (p) => `La déclaration est modifiée le ${p.modifiee}, avant la date de la première déclaration (${p.date}).`,
    hint: 'modifiee_le est le jour de la dernière modification, après « date » : la date de la première déclaration, qui ne change pas. Remettez les deux dates dans l’ordre.',
    example: 'date: "2026-07-24", modifiee_le: "2026-01-10"',
  },
  modification_future: {
    severity: 'error',
    relativeToDate: true,
    message: (p) => `La déclaration est modifiée le ${p.modifiee}, après la date de référence (${p.reference}).`,
    hint: 'modifiee_le est le jour où vous modifiez la déclaration : aujourd’hui, pas une date à venir.',
    example: 'modifiee_le: "2099-01-01"',
  },
  completion_incoherente: {
    severity: 'error',
    message: (p) => `completee_le (${p.completee}) ne peut pas être le jour où cette déclaration provisoire a été complétée : ${p.detail}.`,
    hint: 'completee_le est le jour où une déclaration faite avant la fin de la mission a été complétée pour la première fois après la fin : entre la fin et modifiee_le. npm run declare, le formulaire et l’issue l’écrivent ; à la main, corrigez-le ou retirez-le.',
    example: 'date: "2025-06-15", modifiee_le: "2025-07-10", completee_le: "2025-06-20"',
  },
  declaration_avant_debut: {
    severity: 'error',
    message: (p) => `La déclaration est datée du ${p.date}, avant le début de la mission (${p.debut}).`,
    hint: 'Datez la déclaration du jour où vous l’écrivez : on déclare une mission commencée.',
    example: 'date: "2020-01-01" pour une mission commencée en 2026',
  },
  declaration_vide: {
    severity: 'error',
    message: () => 'La déclaration ne dit rien : aucun commun utilisé, aucune contribution en argent ni en nature.',
    hint:
      'Listez les communs utilisés (communs_utilises) et ce que vous avez donné (contributions_argent, contributions_nature). ' +
      'Si vous n’avez utilisé aucun commun, écrivez-le : aucun_commun_utilise: « … » ; si vous n’avez rien donné, dites pourquoi : pourquoi_rien_donne: « … ».',
    example: 'prestataire, mission et date seulement',
  },
  versement_futur: {
    severity: 'error',
    relativeToDate: true,
    message: (p) => `Un versement marqué « verse » est daté du ${p.date}, après la date de référence (${p.reference}).`,
    hint: 'Un versement à venir est « promis » : passez statut à promis, ou corrigez la date du versement.',
    example: 'statut: verse, date: "2099-06-01"',
  },
  // --- plausible figures: bounds are rule data (regles/<date>.yaml#plausibilite), relative to the mission ---
  argent_disproportionne: {
    severity: 'error',
    message: (p) =>
      `La déclaration donne ${p.total} € en argent (promis et versé), plus de ${p.pct} % du budget de la mission « ${p.mission} » (${p.budget} €, soit ${p.borne} € au plus).`,
    hint: (p) =>
      `Vérifiez les montants (un zéro de trop ?) : ils sont en euros. La borne est plausibilite.argent_part_budget_max_pct = ${p.pct}, fixée dans ${p.regles}#plausibilite (règles de la mission).`,
    example: 'montant_eur: 65000 pour une mission de 6 500 €',
  },
  heures_disproportionnees: {
    severity: 'error',
    message: (p) =>
      `La déclaration compte ${p.heures} h de contributions en nature, plus de ${p.max} h par jour de mission de « ${p.prestataire} » (${p.jours} j, soit ${p.borne} h au plus).`,
    hint: (p) =>
      `Vérifiez les heures : « heures » compte des heures, pas des minutes. La borne est plausibilite.heures_par_jour_max = ${p.max}, fixée dans ${p.regles}#plausibilite (règles de la mission).`,
    example: 'heures: 120 pour 2 jours de mission',
  },
  promesse_lointaine: {
    severity: 'error',
    message: (p) =>
      `Le versement promis à « ${p.commun} » est prévu le ${p.date}, plus de ${p.annees} ans après ${p.repere} de la mission (${p.depuis}).`,
    hint: (p) =>
      `Une promesse se tient dans les années qui suivent la mission : corrigez l’année (au plus tard le ${p.limite}). La borne est plausibilite.promesse_annees_max = ${p.annees}, fixée dans ${p.regles}#plausibilite (règles de la mission).`,
    example: 'statut: promis, date: "2075-01-01"',
  },
  date_improbable: {
    severity: 'error',
    message: (p) => `« ${p.champ} » est daté de l’année ${p.annee}, avant ${p.min} : la date est improbable.`,
    hint: (p) =>
      `Vérifiez l’année (AAAA-MM-JJ, quatre chiffres). La borne est plausibilite.annee_min = ${p.min}, fixée dans ${p.regles}#plausibilite (règles de la mission).`,
    example: 'date: "0000-01-01"',
  },
  montant_ecriture: {
    severity: 'error',
    message: (p) => `« montant_eur » doit être écrit en chiffres décimaux (reçu « ${p.recu} »).`,
    hint: 'Écrivez le montant en euros avec au plus deux décimales après un point : 1000, 120.50 ; pas 1e3, 0x10 ni .5.',
    example: 'montant_eur: 1e3',
  },
  // --- receipts confirmed by the commons (confirmations/<commun>.yaml) ---
  confirmation_doublon: {
    severity: 'error',
    message: (p) => `Le versement de « ${p.prestataire} » pour « ${p.mission} » est déjà confirmé plus haut (confirmation n° ${p.ligne}).`,
    hint: 'Une seule confirmation par prestataire et par mission : indiquez le total reçu pour cette mission sur une ligne, et supprimez l’autre.',
    example: 'deux lignes « prestataire: alice-conseil, mission: mission-42 »',
  },
  confirmation_sans_declaration: {
    severity: 'error',
    message: (p) => `Aucune déclaration de « ${p.prestataire} » pour « ${p.mission} » : rien à confirmer pour « ${p.commun} ».`,
    hint: (p) => `Vérifiez le prestataire et la mission (la déclaration est declarations/${p.prestataire}/${p.mission}.yaml) ; si le prestataire n’a pas encore déclaré, attendez sa déclaration pour confirmer.`,
    example: 'une confirmation pour une mission que le prestataire n’a pas déclarée',
  },
  confirmation_sans_versement: {
    severity: 'error',
    message: (p) => `La déclaration de « ${p.prestataire} » pour « ${p.mission} » ne déclare aucun argent à « ${p.commun} » : rien à confirmer.`,
    hint: (p) => `Vérifiez la mission : ${p.fichier} ne cite pas « ${p.commun} » dans contributions_argent. Si l’argent est bien arrivé, demandez au prestataire de l’ajouter à sa déclaration.`,
    example: 'une confirmation pour une déclaration qui ne donne qu’en nature',
  },
  confirmation_avant_mission: {
    severity: 'error',
    message: (p) => `La réception est datée du ${p.date}, avant le début de la mission « ${p.mission} » (${p.debut}).`,
    hint: 'Datez la confirmation du jour où l’argent est arrivé sur le compte du commun (AAAA-MM-JJ) : la réciprocité d’une mission se verse une fois celle-ci commencée.',
    example: 'date: "2020-01-01" pour une mission commencée en 2026',
  },
  confirmation_future: {
    severity: 'warning',
    relativeToDate: true,
    message: (p) => `La réception est datée du ${p.date}, après la date de référence (${p.reference}) : elle ne compte pas encore.`,
    hint: 'Confirmez l’argent une fois reçu, daté du jour de sa réception ; vérifiez l’année.',
    example: 'date: "2099-06-01"',
  },
  // Warning, not error: the declaration and the confirmation belong to different people (the
  // provider, the stewards), and neither can fix the other's file; the site shows both amounts.
  confirmation_superieure: {
    severity: 'error',
    message: (p) => `Le commun confirme avoir reçu ${p.recu} € de « ${p.prestataire} » pour « ${p.mission} », plus que les ${p.declare} € que la déclaration dit versés.`,
    hint: (p) => `Une confirmation porte sur les versements d’une déclaration : elle ne peut pas dire plus. Écrivez le montant reçu pour cette mission ; si le prestataire a versé davantage, il corrige d’abord ${p.fichier}.`,
    example: 'montant_eur: 8000 pour un versement déclaré de 80 €',
  },
  confirmation_montant_different: {
    severity: 'warning',
    message: (p) => `Le commun confirme avoir reçu ${p.recu} € de « ${p.prestataire} » pour « ${p.mission} », moins que les ${p.declare} € que la déclaration dit versés.`,
    hint: (p) => `Vérifiez le montant reçu (frais de la plateforme ? versement en plusieurs fois ?). Si la déclaration se trompe, le prestataire corrige ${p.fichier} ; le site montre les deux montants, et seul le montant reçu compte comme confirmé.`,
    example: 'montant_eur: 90 pour un versement déclaré de 100 €',
  },
  confirmation_promesse: {
    severity: 'warning',
    message: (p) => `« ${p.commun} » confirme avoir reçu ${p.montant} € le ${p.date} (${p.fichier}), mais ce versement est encore déclaré « promis ».`,
    hint: 'Passez statut à verse et datez le versement : il sera alors compté comme versé et confirmé.',
    example: 'statut: promis pour un versement que le commun a confirmé',
  },
  confirmation_attendue: {
    severity: 'warning',
    relativeToDate: true,
    message: (p) => `Le versement de ${p.montant} € à « ${p.commun} » du ${p.date} n’est pas confirmé par le commun : la confirmation était attendue au plus tard le ${p.echeance}.`,
    hint: (p) =>
      `Les gardiens du commun (${p.gardiens}) confirment l’argent reçu dans confirmations/${p.commun}.yaml. Si le versement n’est pas arrivé, vérifiez-le avec eux ; le délai est delais.confirmation_jours des règles de la mission.`,
    example: 'un versement déclaré il y a six mois, jamais confirmé',
  },
  // --- soft rules: warnings never fail the run ---
  declaration_a_faire: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » doit déclarer sa réciprocité pour « ${p.mission} » au plus tard le ${p.echeance}.`,
    hint: (p) => `Créez declarations/${p.prestataire}/${p.mission}.yaml (npm run declare).`,
    example: 'une mission terminée depuis peu, sans déclaration',
  },
  declaration_en_retard: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » n'a pas déclaré pour « ${p.mission} », attendue au plus tard le ${p.echeance}.`,
    hint: (p) => `Créez declarations/${p.prestataire}/${p.mission}.yaml (npm run declare). Après le ${p.dernier_delai}, défaillant : hors du cercle.`,
    example: 'une mission terminée depuis plus de 60 jours, sans déclaration',
  },
  declaration_defaillante: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » n'a toujours pas déclaré pour « ${p.mission} » (dernier délai : le ${p.dernier_delai}) : défaillant, hors du cercle.`,
    hint: (p) => `Déclarez (declarations/${p.prestataire}/${p.mission}.yaml) pour revenir dans le cercle.`,
    example: 'une mission terminée depuis plus de 180 jours, sans déclaration',
  },
  reciprocite_insuffisante: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » a déclaré ${p.declare} € de réciprocité pour « ${p.mission} »${p.echu ?? ''}, en dessous des ${p.attendu} € attendus.`,
    hint: 'Ce n’est pas bloquant : complétez si vous le pouvez, en argent ou en nature (une heure compte selon les règles).',
    example: 'une déclaration de 10 € pour une mission de 30 000 €',
  },
  promesse_echue: {
    severity: 'warning',
    message: (p) => `Le versement promis de ${p.montant} € à « ${p.commun} » était prévu le ${p.date} : promesse échue, elle ne compte plus comme donnée.`,
    hint: 'Une fois versé, passez statut à verse, datez le versement et ajoutez le lien de preuve.',
    example: 'statut: promis, date: "2025-01-01"',
  },
  abandon_incomplet: {
    severity: 'error',
    message: () => 'Une mission au statut « abandonnee » dit quand et pourquoi elle a été arrêtée.',
    hint: 'Ajoutez abandon.date (le jour de l’arrêt, AAAA-MM-JJ) et abandon.raison (une phrase) : sans eux, l’abandon arrêterait en silence l’horloge des déclarations.',
    example: 'statut: abandonnee\nabandon:\n  date: "2025-06-02"\n  raison: Arrêtée d’un commun accord après la première séance.',
  },
  abandon_apres_fin: {
    severity: 'error',
    message: (p) => `La mission est arrêtée le ${p.date}, après sa fin (${p.fin}) : une mission finie ne s'abandonne pas.`,
    hint: 'Une mission menée jusqu’à sa fin est « terminee », et ses déclarations restent dues. Si elle a vraiment été arrêtée plus tôt, corrigez abandon.date ou la fin.',
    example: 'fin: "2025-06-30"\nabandon: {date: "2025-09-01", ...}',
  },
  mission_fin_depassee: {
    severity: 'warning',
    relativeToDate: true,
    message: (p) => `La mission est encore « ${p.statut} » alors que sa fin (${p.fin}) est passée au ${p.date} : les déclarations de l'équipe sont dues depuis cette fin.`,
    hint: 'Passez le statut à « terminee » (avec son bilan), ou reportez la date de fin si la mission continue. Le statut seul n’arrête pas l’horloge des déclarations.',
    example: 'statut: en_cours\nfin: "2025-06-30" au 2025-12-01',
  },
  equipe_hors_cercle: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » est hors du cercle au début de la mission (${p.debut}) : ${p.raison}`,
    hint: (p) => `Les règles (${p.regle}) disent qu’un prestataire hors du cercle ne rejoint pas une nouvelle équipe tant qu’il n’a pas régularisé sa situation : retirez-le de l’équipe, ou qu’il régularise d’abord.`,
    example: 'une équipe avec un prestataire défaillant sur une mission précédente',
  },
  equipe_hors_cercle_refusee: {
    severity: 'error',
    message: (p) => `« ${p.prestataire} » est hors du cercle au début de la mission (${p.debut}) : ${p.raison}`,
    hint: (p) => `Les règles (${p.regle}) refusent un prestataire hors du cercle dans une nouvelle équipe : qu’il régularise d’abord (sa déclaration, son adhésion), ou retirez-le de l’équipe.`,
    example: 'une équipe avec un prestataire défaillant, avec cercle.nouvelles_equipes: refuser',
  },
  solidarite_donnee_manquante: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » bénéficie de la marge de solidarité, partagée ici selon « ${p.repartition} », mais son « ${p.champ} » manque : il n'en reçoit rien.`,
    hint: (p) => `Ajoutez ${p.champ} à sa ligne d’équipe ; sans lui, sa part du pot reste non distribuée (voir « reste » sur la page de la mission).`,
    example: 'repartition: distance et une ligne d’équipe sans distance_km',
  },
  bilan_manquant: {
    severity: 'warning',
    message: () => 'Mission terminée sans bilan (ce qui a marché, ce qui est à améliorer).',
    hint: 'Ajoutez bilan.ce_qui_a_marche et bilan.a_ameliorer : ils nourrissent l’amélioration continue des accompagnements.',
    example: 'statut: terminee sans bilan',
  },
  adhesion_absente: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » n'a pas d'adhésion en cours au ${p.date}. ${p.raison}`,
    hint: 'Renouvelez l’adhésion (tarif acteur économique pour accéder aux appels) et ajoutez la période à la fiche.',
    example: 'adhesions terminées l’an dernier',
  },
} satisfies Record<string, CodeEntry>;

export type Code = keyof typeof CODES;
