// The rules framework in words, for the /regles/ page.
import type { Regles } from '../../schemas/regles.ts';
import { euros, label } from './format.ts';
import { href } from './url.ts';

/** Each rule shown on /regles/, by its key in the rules file (the part after « # » in a rule id). */
const RULE_KEYS = ['reciprocite.tranches', 'reciprocite.valeur_heure_nature_eur', 'delais', 'adhesion', 'portage', 'tarifs_jour_eur', 'marge_solidarite'] as const;

/**
 * Where a rule id such as « 2024-04-01#delais » is written out on /regles/. A key
 * that names a group (« reciprocite ») leads to the first rule of the group.
 */
export function ruleHref(id: string): string {
  const [date, key = ''] = id.split('#');
  const shown = RULE_KEYS.find((k) => k === key) ?? RULE_KEYS.find((k) => k.startsWith(`${key}.`)) ?? key;
  return href(`/regles/#${ruleAnchor(`${date}#${shown}`)}`);
}

/** The id attribute of a rule on /regles/: « 2024-04-01#reciprocite.tranches » -> « regle-2024-04-01-reciprocite-tranches ». */
export const ruleAnchor = (id: string): string => `regle-${id.replace(/[#.]/g, '-')}`;

export function rulesInWords(r: Regles): Array<{ titre: string; texte: string; regle: string }> {
  const brackets = [...r.reciprocite.tranches].sort((a, b) => a.a_partir_de_eur - b.a_partir_de_eur);
  const bracketText = brackets
    .map((b, i) => {
      const next = brackets[i + 1];
      const pct = `${String(b.taux_pct).replace('.', ',')} %`;
      if (!next) return i === 0 ? `${pct} du budget` : `${pct} au-delà de ${euros(b.a_partir_de_eur)}`;
      return i === 0 ? `${pct} du budget jusqu'à ${euros(next.a_partir_de_eur)}` : `${pct} de ${euros(b.a_partir_de_eur)} à ${euros(next.a_partir_de_eur)}`;
    })
    .join(', ');
  const id = (key: (typeof RULE_KEYS)[number]) => `${r.en_vigueur_depuis}#${key}`;
  return [
    {
      titre: 'Réciprocité attendue',
      texte: `Pour une mission, on attend ${bracketText} (chaque taux s'applique à la part du budget comprise dans sa tranche). Chaque membre de l'équipe en porte une part proportionnelle à ce qu'il facture.`,
      regle: id('reciprocite.tranches'),
    },
    {
      titre: 'Contributions en nature',
      texte: `Une heure de contribution en nature à un commun compte pour ${euros(r.reciprocite.valeur_heure_nature_eur)} dans la réciprocité.`,
      regle: id('reciprocite.valeur_heure_nature_eur'),
    },
    {
      titre: 'Délais de déclaration',
      texte: `Chaque membre de l'équipe déclare dans les ${r.delais.declaration_jours} jours qui suivent la fin de la mission ; au-delà, il est en retard. Sans déclaration ${r.delais.hors_cercle_jours} jours après la fin, il sort du cercle des prestataires jusqu'à ce qu'il déclare.`,
      regle: id('delais'),
    },
    {
      titre: 'Adhésion',
      texte: r.adhesion.obligatoire_pour_equipe
        ? `Toutes les parties prenantes adhèrent à la Compagnie : chaque membre d'une équipe a une adhésion valide au début de la mission. Le tarif « ${label('adhesion', r.adhesion.tarif_appels)} » donne accès aux appels.`
        : `L'adhésion n'est pas exigée des membres d'équipe. Le tarif « ${label('adhesion', r.adhesion.tarif_appels)} » donne accès aux appels.`,
      regle: id('adhesion'),
    },
    {
      titre: 'Portage par la Compagnie',
      texte: `La Compagnie ne porte elle-même une réponse que si au moins ${r.portage.minimum_reseau} de ces critères sont remplis : ${r.portage.criteres
        .map((c) => c.libelle)
        .join(' ; ')}. Sinon, l'appel va aux membres.`,
      regle: id('portage'),
    },
    {
      titre: 'Tarifs journaliers par rôle',
      texte: `Plancher : ${euros(r.tarifs_jour_eur.plancher)} ; animation : ${euros(r.tarifs_jour_eur.animation)} ; coordination : ${euros(r.tarifs_jour_eur.coordination)} par jour.`,
      regle: id('tarifs_jour_eur'),
    },
    {
      titre: 'Marge de solidarité',
      texte: `Chaque budget prévoit ${euros(r.marge_solidarite.par_jour_eur)} par jour de contribution, mis en commun pour les frais de déplacement des contributions « plancher », ${
        r.marge_solidarite.repartition === 'egale' ? 'à parts égales' : 'au prorata de leurs jours'
      }.`,
      regle: id('marge_solidarite'),
    },
  ];
}
