// The rules framework in words, for the /regles/ page.
import type { Regles } from '../../schemas/regles.ts';
import { SPLIT_WORDS } from '../domain/rules/explain.ts';
import { ruleAnchor, ruleId, type RuleKey } from '../domain/rules/rules.ts';
import { euros, label } from './format.ts';

/** Each section of a rules file in words, with its id and the anchor figures link to. */
export function rulesInWords(r: Regles): Array<{ titre: string; texte: string; regle: string; ancre: string }> {
  return rulesSections(r).map((section) => ({ ...section, ancre: ruleAnchor(section.regle) }));
}

function rulesSections(r: Regles): Array<{ titre: string; texte: string; regle: string }> {
  const p = r.plausibilite;
  const brackets = [...r.reciprocite.tranches].sort((a, b) => a.a_partir_de_eur - b.a_partir_de_eur);
  const bracketText = brackets
    .map((b, i) => {
      const next = brackets[i + 1];
      const pct = `${String(b.taux_pct).replace('.', ',')} %`;
      if (!next) return i === 0 ? `${pct} du budget` : `${pct} au-delà de ${euros(b.a_partir_de_eur)}`;
      return i === 0 ? `${pct} du budget jusqu'à ${euros(next.a_partir_de_eur)}` : `${pct} de ${euros(b.a_partir_de_eur)} à ${euros(next.a_partir_de_eur)}`;
    })
    .join(', ');
  const id = (key: RuleKey) => ruleId(r, key);
  const m = r.marge_solidarite;
  const beneficiaries = m.beneficiaires.map((role) => `« ${label('role', role)} »`).join(', ');
  return [
    {
      titre: 'Réciprocité attendue',
      texte: `Pour une mission, on attend ${bracketText} (chaque taux s'applique à la part du budget comprise dans sa tranche). ${
        m.dans_base_reciprocite ? 'Le budget compte la marge de solidarité.' : 'La marge de solidarité est retirée du budget avant le calcul : elle paie des frais.'
      } Chaque membre de l'équipe en porte une part proportionnelle à ses honoraires (jours × tarif). L’attendu de la mission est arrondi ${
        r.reciprocite.arrondi_eur === 1 ? 'à l’euro' : `à ${euros(r.reciprocite.arrondi_eur)}`
      }, comme les parts des membres (et celles du réseau), qui font exactement ce total : ce qui reste après l’arrondi inférieur va, ${
        r.reciprocite.arrondi_eur === 1 ? 'euro par euro' : `par ${euros(r.reciprocite.arrondi_eur)}`
      }, aux plus grands restes, à égalité par ordre alphabétique des prestataires (deux membres de même rôle et de mêmes jours diffèrent d’un pas au plus). L’attendu n’est qu’un repère : la situation d’un prestataire dépend de ses déclarations, pas des montants.`,
      regle: id('reciprocite'),
    },
    {
      titre: 'Part du réseau',
      texte:
        r.reciprocite.part_reseau_pct > 0
          ? `Le réseau a apporté la mission : ${String(r.reciprocite.part_reseau_pct).replace('.', ',')} % de la réciprocité attendue est à lui rendre (commun « ${r.reseau} »), en argent ou en nature.`
          : `Aucune part de la réciprocité n’est réservée au réseau (commun « ${r.reseau} »).`,
      regle: id('reseau'),
    },
    {
      titre: 'Contributions en nature',
      texte: `Une heure de contribution en nature à un commun compte pour ${euros(r.reciprocite.valeur_heure_nature_eur)} dans la réciprocité.`,
      regle: id('nature'),
    },
    {
      titre: 'Délais de déclaration',
      texte: `Chaque membre de l'équipe déclare au plus tard ${r.delais.declaration_jours} jours après la fin de la mission ; au-delà, il est en retard. Sans déclaration ${r.delais.hors_cercle_jours} jours après la fin, il est défaillant pour cette mission jusqu'à ce qu'il déclare. Une déclaration tardive garde la trace de son retard. Une déclaration dit quelque chose : les communs utilisés, ce qui a été donné, ou pourquoi rien. Un versement déclaré « versé » que les gardiens du commun n'ont pas confirmé ${r.delais.confirmation_jours} jours après sa date est signalé (seulement pour les communs dont les gardiens ont un compte sur la forge pour confirmer).`,
      regle: id('delais'),
    },
    {
      titre: 'Hors du cercle',
      texte: `« Hors du cercle » est une conséquence, pas une étiquette : un prestataire en sort s'il est défaillant pour une mission${
        !r.adhesion.obligatoire_pour_equipe
          ? ''
          : r.adhesion.grace_compte === 'mission_sans_adhesion'
            ? `, ou s'il travaille sur une mission sans adhésion depuis plus de ${r.adhesion.grace_jours} jours (adhésion échue ou jamais prise : la même règle pour les mêmes faits)`
            : `, ou si son adhésion n'est pas renouvelée ${r.adhesion.grace_jours} jours après sa fin, avec ou sans mission (qui n'a jamais adhéré n'en sort pas)`
      }. Adhésion et réciprocité sont affichées séparément : un prestataire qui a tout déclaré mais n'a pas renouvelé son adhésion n'est pas présenté comme un prestataire qui n'a pas déclaré${
        r.adhesion.grace_compte === 'mission_sans_adhesion' ? ', et sans mission en cours une adhésion échue ne fait sortir personne du cercle' : ''
      }. ${
        r.cercle.nouvelles_equipes === 'refuser'
          ? 'Un prestataire hors du cercle ne rejoint pas une nouvelle équipe : il régularise d’abord (le registre refuse la mission).'
          : 'Un prestataire hors du cercle au début d’une mission dans son équipe est signalé aux mainteneurs.'
      } Une mission sans budget (compagnonnage) n'attend rien : personne n'y est en retard ni défaillant.`,
      regle: id('cercle'),
    },
    {
      titre: 'Adhésion',
      texte: r.adhesion.obligatoire_pour_equipe
        ? `Toutes les parties prenantes adhèrent au réseau : chaque membre d'une équipe a une adhésion valide au début de la mission (sinon, un avertissement). Le tarif « ${label('adhesion', r.adhesion.tarif_appels)} » donne accès aux appels : un membre d'une mission issue d'un appel l'a au début de la mission. L'adhésion est jugée à la date de la situation, selon les règles en vigueur le jour où elle a commencé à manquer : ${
            r.adhesion.grace_compte === 'mission_sans_adhesion'
              ? `qui travaille sur une mission sans adhésion (échue ou jamais prise) a ${r.adhesion.grace_jours} jours pour adhérer, comptés depuis le début de la mission ou la fin de l'adhésion.`
              : `une adhésion non renouvelée laisse ${r.adhesion.grace_jours} jours avant la sortie du cercle, comptés depuis son premier jour sans adhésion ; qui travaille sur une mission sans avoir jamais adhéré se le voit rappeler, sans en sortir.`
          }`
        : `L'adhésion n'est pas exigée des membres d'équipe. Le tarif « ${label('adhesion', r.adhesion.tarif_appels)} » donne accès aux appels.`,
      regle: id('adhesion'),
    },
    {
      titre: 'Portage par le réseau',
      texte: `Le réseau ne porte lui-même une réponse que si au moins ${r.portage.minimum_reseau} de ces critères sont remplis : ${r.portage.criteres
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
      texte: `Chaque budget prévoit ${euros(m.par_jour_eur)} par jour ${m.base === 'jours_equipe' ? 'de contribution de toute l’équipe' : `de contribution ${beneficiaries}`}, mis en commun pour les frais de déplacement des contributions ${beneficiaries}, partagé ${SPLIT_WORDS[m.repartition]}${
        m.repartition === 'frais_declares' && m.plafond_par_jour_eur !== undefined ? ` dans la limite de ${euros(m.plafond_par_jour_eur)} par jour` : ''
      }. Sans contribution ${beneficiaries} dans l’équipe, pas de pot. Ce qui n’est pas dépensé ${m.reste === 'reseau' ? 'est versé au réseau' : 'n’est pas facturé au client'}. Un budget qui diffère des honoraires plus la marge est signalé, avec l’écart.`,
      regle: id('marge_solidarite'),
    },
    {
      titre: 'Chiffres plausibles',
      texte: `Une déclaration donne en argent (promis et versé) au plus ${String(p.argent_part_budget_max_pct).replace('.', ',')} % du budget de la mission, et au plus ${String(p.heures_par_jour_max).replace('.', ',')} heures en nature par jour de mission du déclarant. Un versement promis est prévu au plus tard ${p.promesse_annees_max} ans après la fin de la mission ; aucune date n’est antérieure à ${p.annee_min}. Au-delà, c’est une erreur (une faute de frappe, le plus souvent) : ces bornes se mesurent à la mission, jamais à la date du jour.`,
      regle: id('plausibilite'),
    },
  ];
}
