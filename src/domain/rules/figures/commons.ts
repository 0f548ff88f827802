// Per commons: money received by year (declared paid, promised, confirmed by the commons),
// in-kind contributions, the missions that used it, its contributors.
import { cents } from '../rules.ts';
import { byId, type FiguresBasis } from './basis.ts';
import type { CommunFigures } from './types.ts';
import { addHours, addMoney, yearIn, yearsOf, type YearTally } from './years.ts';

/** What the declarations and the receipts say of one commons. */
interface Bucket {
  years: YearTally;
  nature: number;
  heures: number;
  /** Hours the commons confirmed receiving, and its in-kind lines by state. */
  heuresConfirmees: number;
  lignesNature: CommunFigures['contributions_nature'];
  contributors: Set<string>;
  usedBy: Set<string>;
  versements: CommunFigures['versements'];
}

const bucketIn = (buckets: Map<string, Bucket>, id: string) => {
  let b = buckets.get(id);
  if (!b) buckets.set(id, (b = { years: new Map(), nature: 0, heures: 0, heuresConfirmees: 0, lignesNature: { confirmees: 0, confirmees_en_partie: 0, non_confirmees: 0 }, contributors: new Set(), usedBy: new Set(), versements: { confirmes: 0, confirmes_en_partie: 0, non_confirmes: 0, attendus: 0 } }));
  return b;
};

/** One pass over the declarations, bucketed by commons, then the receipts. */
function bucketsByCommons({ declarations, etats, recus, etats_nature, recus_nature, date }: FiguresBasis): Map<string, Bucket> {
  const buckets = new Map<string, Bucket>();
  for (const d of declarations) {
    for (const u of d.communs_utilises) bucketIn(buckets, u.commun).usedBy.add(d.mission);
    const states = etats.get(`${d.prestataire}/${d.mission}`) ?? [];
    d.contributions_argent.forEach((money, j) => {
      const b = bucketIn(buckets, money.commun);
      b.contributors.add(d.prestataire);
      addMoney(b.years, money, date);
      const state = states[j];
      // A receipt for less than the lines it covers confirms them in part, each of them.
      if (state?.etat === 'confirme') b.versements[state.partiel ? 'confirmes_en_partie' : 'confirmes']++;
      else if (state?.etat === 'non_confirme') {
        b.versements.non_confirmes++;
        if (state.attendue) b.versements.attendus++;
      }
    });
    const inKind = etats_nature.get(`${d.prestataire}/${d.mission}`) ?? [];
    d.contributions_nature.forEach((gift, j) => {
      const b = bucketIn(buckets, gift.commun);
      const state = inKind[j];
      if (state?.etat === 'confirme') b.lignesNature[state.partiel ? 'confirmees_en_partie' : 'confirmees']++;
      else b.lignesNature.non_confirmees++;
      b.contributors.add(d.prestataire);
      b.nature++;
      b.heures += gift.heures;
      addHours(b.years, gift);
    });
  }
  // Hours count in the year the commons received them, as the network's years count them.
  for (const r of recus_nature) {
    const b = bucketIn(buckets, r.commun);
    b.heuresConfirmees += r.compte_heures;
    yearIn(b.years, r.date).heures_confirmees += r.compte_heures;
  }
  // Receipts count in the year the commons received the money.
  for (const r of recus) {
    const year = yearIn(bucketIn(buckets, r.commun).years, r.date);
    year.confirme += r.compte_eur;
    year.argent = true;
  }
  return buckets;
}

/** Every commons' figures, sorted by id. */
export function commonsFigures(basis: FiguresBasis): CommunFigures[] {
  const buckets = bucketsByCommons(basis);
  const communs = [...basis.registry.communs.values()].map(({ data: c }): CommunFigures => {
    const { years, nature, heures, heuresConfirmees, lignesNature, contributors, usedBy, versements } = bucketIn(buckets, c.id);
    const perYear = yearsOf(years);
    const money = perYear
      .filter((y) => years.get(y.annee)!.argent)
      .map(({ annee, verse_eur, promis_eur, promesses_echues_eur }) => ({ annee, verse_eur, confirme_eur: cents(years.get(annee)!.confirme), promis_eur, promesses_echues_eur }));
    return {
      id: c.id,
      nom: c.nom,
      accepte_argent: c.contribution_argent.accepte,
      argent_par_annee: money,
      argent_verse_eur: cents(money.reduce((s, y) => s + y.verse_eur, 0)),
      argent_confirme_eur: cents(money.reduce((s, y) => s + y.confirme_eur, 0)),
      versements,
      argent_promis_eur: cents(money.reduce((s, y) => s + y.promis_eur, 0)),
      promesses_echues_eur: cents(money.reduce((s, y) => s + y.promesses_echues_eur, 0)),
      par_annee: perYear.map((y) => ({ ...y, nature_confirmee_heures: cents(years.get(y.annee)!.heures_confirmees) })),
      nature_contributions: nature,
      nature_heures: cents(heures),
      nature_confirmee_heures: cents(heuresConfirmees),
      contributions_nature: lignesNature,
      missions: [...usedBy].sort(),
      contributeurs: [...contributors].sort(),
    };
  });
  return communs.sort(byId);
}
