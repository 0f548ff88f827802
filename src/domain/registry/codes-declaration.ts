// The codes a declaration file can get: the shape of its fields (the same checks for every
// file's fields), what it says checked across files (provider, mission, commons, dates),
// its plausible figures and the receipts of its payments. Part of the catalogue
// (codes.ts), apart because the /declarer/ form checks a declaration in the browser and
// bundles these alone: the whole catalogue, examples included, weighs 38 Ko minified
// (issue 21: the form's script under 100 Ko). package.json « imports » gives the browser
// this module for « #codes » (tests/site/weight.test.ts: the form's scripts name no other code).
import { firstInvisible } from '../../../schemas/shared.ts';
import { typedDate } from './dates.ts';
import { codePoint } from './escape.ts';
import type { Params } from './problem-parts.ts';

const codePointOf = (char: string | null) => (char ? codePoint(char) : 'U+????');

export interface CodeEntry {
  severity: 'error' | 'warning';
  /** True when the problem only exists relative to the reference date (see npm run figures). */
  relativeToDate?: boolean;
  message: (p: Params) => string;
  hint: string | ((p: Params) => string);
  /** A line a contributor might write that gets this code. */
  example: string;
}

/** « Vouliez-vous dire … ? », when a close id is known. */
export const suggestion = (p: Params) => (p.suggestion ? ` Vouliez-vous dire « ${p.suggestion} » ?` : '');

export const DECLARATION_CODES = {
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
    hint: (p) =>
      p.nombre
        ? `Écrivez le nombre seul, sans unité : « ${p.champ}: ${p.nombre} » (l’unité est dans le nom du champ : _eur pour les euros, heures pour les heures).`
        : 'Les nombres s’écrivent sans guillemets (150), les dates entre guillemets ("2025-03-01"), les listes avec des tirets.',
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
    // saisie: 'oui' for a date typed in the form, an issue or the terminal, which read JJ/MM/AAAA too (readTypedDate).
    message: (p) =>
      p.saisie === 'oui' ? `« ${p.champ} » n’est pas une date (reçu : « ${p.recu} »).` : `« ${p.champ} » doit être une date AAAA-MM-JJ (reçu : « ${p.recu} »).`,
    hint: (p) => {
      if (p.saisie === 'oui') return 'Écrivez le jour, le mois et l’année, par exemple 14/03/2026 (ou 2026-03-14).';
      const day = typedDate(String(p.recu));
      return day
        ? `Dans un fichier, une date s’écrit AAAA-MM-JJ entre guillemets : ${p.champ}: "${day}".`
        : 'Écrivez la date AAAA-MM-JJ entre guillemets, par exemple "2025-03-14".';
    },
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
  // --- what a declaration says, checked across files ---
  prestataire_inconnu: {
    severity: 'error',
    message: (p) => `Aucun prestataire « ${p.id} » dans prestataires/.${suggestion(p)}`,
    hint: 'Vérifiez l’identifiant, ou ajoutez d’abord la fiche du prestataire.',
    example: 'prestataire: atelier-ouver',
  },
  mission_inconnue: {
    severity: 'error',
    message: (p) => `Aucune mission « ${p.id} » dans missions/.${suggestion(p)}`,
    // Raised in a declaration (its file's name) and on a line of a commons' confirmations file.
    hint: (p) =>
      p.liste === 'confirmations' || p.liste === 'nature'
        ? 'Écrivez l’identifiant de la mission tel qu’il est dans content/missions/<identifiant>.md (la page du commun liste les missions et leurs versements ou heures à confirmer) : vérifiez-le.'
        : 'Le nom du fichier de déclaration est l’identifiant de la mission : vérifiez-le.',
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
  contribution_apres_fermeture: {
    severity: 'warning',
    message: (p) => `Contribution au commun « ${p.commun} » datée du ${p.date}, après sa fermeture le ${p.fermeture}.`,
    hint: 'Vérifiez la date et le commun ; si le commun a repris, ses gardiens retirent « fermeture » de sa fiche.',
    example: 'date: "2026-05-02"   # le commun a fermé le 1er mars 2026',
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
    message: (p) => `Le versement de « ${p.prestataire} » pour « ${p.mission} » est déjà confirmé (l’entrée n° ${p.entree} de la liste « confirmations »${p.fichier ? ` de ${p.fichier}` : ''}).`,
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
    hint: 'Datez la confirmation du jour de la réception (l’argent arrivé sur le compte du commun, ou le temps reçu), AAAA-MM-JJ : la réciprocité d’une mission se donne une fois celle-ci commencée.',
    example: 'date: "2020-01-01" pour une mission commencée en 2026',
  },
  confirmation_avant_don: {
    severity: 'warning',
    message: (p) =>
      `La réception est datée du ${p.date}, avant ${p.liste === 'nature' ? 'la première contribution en nature' : 'le premier versement'} que la déclaration de « ${p.prestataire} » pour « ${p.mission} » date du ${p.don}.`,
    hint: (p) =>
      `L’une des deux dates se trompe : datez la confirmation du jour où le commun a reçu ${p.liste === 'nature' ? 'les heures' : 'l’argent'} ; si c’est la déclaration, c’est au prestataire de la corriger (${p.fichier}).`,
    example: 'date: "2025-07-01" pour un versement déclaré le 10 juillet 2025',
  },
  confirmation_future: {
    severity: 'warning',
    relativeToDate: true,
    message: (p) => `La réception est datée du ${p.date}, après la date de référence (${p.reference}) : elle ne compte pas encore.`,
    hint: (p) =>
      p.liste === 'nature'
        ? 'Confirmez les heures une fois reçues, datées du jour où le commun les a reçues (ou de leur dernière partie) ; vérifiez l’année.'
        : p.liste === 'confirmations'
          ? 'Confirmez l’argent une fois reçu, daté du jour de sa réception ; vérifiez l’année.'
          : 'Confirmez ce que le commun a reçu (l’argent ou les heures) une fois reçu, daté du jour de la réception ; vérifiez l’année.',
    example: 'date: "2099-06-01"',
  },
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
  confirmations_vides: {
    severity: 'error',
    message: () => 'Ce fichier ne confirme rien : ni argent reçu (confirmations) ni heures reçues en nature (nature).',
    hint: 'Ajoutez au moins une ligne sous « confirmations: » (argent) ou sous « nature: » (heures), ou supprimez le fichier.',
    example: 'confirmations: []',
  },
  // --- in-kind hours confirmed by the commons (the « nature » list of the same files) ---
  nature_doublon: {
    severity: 'error',
    message: (p) => `Les heures de « ${p.prestataire} » pour « ${p.mission} » sont déjà confirmées (l’entrée n° ${p.entree} de la liste « nature »${p.fichier ? ` de ${p.fichier}` : ''}).`,
    hint: 'Une seule confirmation d’heures par prestataire et par mission : indiquez le total reçu pour cette mission sur une ligne, et supprimez l’autre.',
    example: 'deux lignes « prestataire: alice-conseil, mission: mission-42 » sous nature',
  },
  nature_sans_contribution: {
    severity: 'error',
    message: (p) => `La déclaration de « ${p.prestataire} » pour « ${p.mission} » ne déclare aucune contribution en nature à « ${p.commun} » : aucune heure à confirmer.`,
    hint: (p) => `Vérifiez la mission : ${p.fichier} ne cite pas « ${p.commun} » dans contributions_nature. Si le temps a bien été donné, demandez au prestataire de l’ajouter à sa déclaration.`,
    example: 'des heures confirmées pour une déclaration qui ne donne qu’en argent',
  },
  nature_superieure: {
    severity: 'error',
    message: (p) => `Le commun confirme avoir reçu ${p.recu} de « ${p.prestataire} » pour « ${p.mission} », plus que les ${p.declare} que la déclaration dit données.`,
    hint: (p) => `Une confirmation porte sur les contributions en nature d’une déclaration : elle ne peut pas dire plus. Écrivez les heures reçues pour cette mission ; si le prestataire a donné davantage, il corrige d’abord ${p.fichier}.`,
    example: 'heures: 400 pour 4 heures déclarées',
  },
  nature_differente: {
    severity: 'warning',
    message: (p) => `Le commun confirme avoir reçu ${p.recu} de « ${p.prestataire} » pour « ${p.mission} », moins que les ${p.declare} que la déclaration dit données.`,
    hint: (p) => `Vérifiez les heures reçues. Si la déclaration se trompe, le prestataire corrige ${p.fichier} ; le site montre les deux, et seules les heures reçues comptent comme confirmées.`,
    example: 'heures: 3 pour 5 heures déclarées',
  },
  confirmation_attendue: {
    severity: 'warning',
    relativeToDate: true,
    message: (p) => `Le versement de ${p.montant} € à « ${p.commun} » du ${p.date} n’est pas confirmé par le commun : la confirmation était attendue au plus tard le ${p.echeance}.`,
    hint: (p) =>
      `Les gardiens du commun (${p.gardiens}) confirment l’argent reçu dans confirmations/${p.commun}.yaml. Si le versement n’est pas arrivé, vérifiez-le avec eux ; le délai est delais.confirmation_jours des règles de la mission.`,
    example: 'un versement déclaré il y a six mois, jamais confirmé',
  },
  // --- soft rules on a declaration: warnings never fail the run ---
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
} satisfies Record<string, CodeEntry>;

/** For « #codes » in the browser (package.json « imports »): the catalogue a declaration needs. */
export { DECLARATION_CODES as CODES };
