// What the /declarer/ form needs, computed at build time from the registry: each
// provider with the missions they can declare for and their expected share (with its
// arithmetic), the commons, and where a declaration goes. The checks themselves run in
// the browser with the same schemas (src/domain/declaration-text.ts).
import { MAINTAINERS_EMAIL } from '../../site.config.mjs';
import { expectedShare } from '../domain/expected-share.ts';
import type { SiteData } from './data.ts';

export interface FormMission {
  id: string;
  titre: string;
  /** Already declared: the form then says so (amending is done on the forge or with npm run declare). */
  declaree: boolean;
  part: { part_eur: number; calcul: string; regle: string } | null;
}

export interface FormData {
  date: string;
  email: string;
  prestataires: Array<{ id: string; nom: string; missions: FormMission[] }>;
  communs: Array<{ id: string; nom: string; argent: boolean }>;
}

/** A mission one can declare for: started (the validator refuses the others). */
const DECLARABLE = new Set(['en_cours', 'terminee', 'abandonnee']);

export function declareFormData(data: Pick<SiteData, 'registry' | 'date'>): FormData {
  const { registry } = data;
  const declared = new Set(registry.declarations.map((d) => `${d.data.prestataire}/${d.data.mission}`));
  const missions = [...registry.missions.values()].map((m) => m.data).filter((m) => DECLARABLE.has(m.statut));
  const byName = (a: { nom: string }, b: { nom: string }) => a.nom.localeCompare(b.nom, 'fr');
  const prestataires = [...registry.prestataires.values()]
    .map((p) => p.data)
    .map((p) => ({
      id: p.id,
      nom: p.nom,
      missions: missions
        .filter((m) => m.equipe.some((e) => e.prestataire === p.id))
        .sort((a, b) => (b.debut ?? '').localeCompare(a.debut ?? ''))
        .map((m) => {
          const share = expectedShare(registry, p.id, m.id);
          return { id: m.id, titre: m.titre, declaree: declared.has(`${p.id}/${m.id}`), part: share && { part_eur: share.part_eur, calcul: share.calcul, regle: share.regle } };
        }),
    }))
    .sort(byName);
  const communs = [...registry.communs.values()].map((c) => ({ id: c.data.id, nom: c.data.nom, argent: c.data.contribution_argent.accepte })).sort(byName);
  return { date: data.date, email: MAINTAINERS_EMAIL, prestataires, communs };
}

/** The data as JSON that is safe inside a <script> element (no « </script> » can close it). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
