// Every problem the registry can report, with its stable code, its French message
// and the hint that tells a contributor how to fix it. Tests and CI rely on the codes;
// the site's /contribuer/erreurs/ page lists them all with their example. Those a
// declaration can get live in codes-declaration.ts (the /declarer/ form bundles them alone).
import { DECLARATION_CODES, suggestion, type CodeEntry } from './codes-declaration.ts';

const LAYOUT_HINT =
  'Les fichiers attendus : prestataires/<id>.md, missions/<id>.md, communs/<id>.md, declarations/<prestataire>/<mission>.yaml, regles/<AAAA-MM-JJ>.yaml, confirmations/<commun>.yaml.';

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
    hint: (p) =>
      p.dossier === 'confirmations'
        ? 'Environ 1 900 confirmations tiennent dans un fichier : partagez-les dans un dossier du commun, un fichier par année par exemple (confirmations/<commun>/2025.yaml, confirmations/<commun>/2026.yaml, chacun avec « commun: <commun> »).'
        : 'Une déclaration ou une fiche tient en quelques kilo-octets : raccourcissez le texte et mettez les documents longs en lien.',
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
  // --- what a declaration file can be told (codes-declaration.ts): fields, references, rules, plausible figures, receipts ---
  ...DECLARATION_CODES,
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
  equipe_doublon: {
    severity: 'error',
    message: (p) => `« ${p.prestataire} » apparaît deux fois dans l'équipe.`,
    hint: 'Une ligne par membre : additionnez les jours si la personne a deux rôles, et gardez le rôle principal.',
    example: 'equipe: [{prestataire: a, ...}, {prestataire: a, ...}]',
  },
  adhesion_manquante: {
    severity: 'warning',
    message: (p) => `« ${p.prestataire} » n'avait pas d'adhésion valide le ${p.date}, début de la mission.`,
    hint: 'Toutes les parties prenantes adhèrent au réseau : ajoutez la période d’adhésion dans la fiche du prestataire (adhesions). Ce n’est pas bloquant.',
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
  ancien_id_pris: {
    severity: 'error',
    message: (p) => `« ${p.id} », ancien identifiant de cette fiche, est aussi celui de la fiche ${p.autre} : ses adresses ne peuvent pas mener aux deux.`,
    hint: 'Un ancien identifiant (anciens_ids, écrit par npm run renommer) n’est jamais réutilisé : choisissez un autre identifiant pour la nouvelle fiche.',
    example: 'anciens_ids: [claire-vandamme]',
  },
  equipe_apres_depart: {
    severity: 'error',
    message: (p) => `${p.nom} est dans l'équipe d'une mission commencée le ${p.debut}, après son départ du réseau le ${p.depart}.`,
    hint: 'Vérifiez l’identifiant du membre ou la date de début ; si la personne est revenue, retirez « depart » de sa fiche.',
    example: 'equipe:\n  - prestataire: parti-en-2025',
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
