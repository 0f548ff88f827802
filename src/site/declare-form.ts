// What the /declarer/ form needs, computed at build time from the registry: the
// providers and commons, where a declaration goes, and for each provider (in a file of
// its own) the missions they can declare for with the expected share and its arithmetic,
// and what the checks of CI read. The checks themselves run in the browser, the same
// code as CI (src/site/declare-form-check.ts).
import { MAINTAINERS_EMAIL } from '../../site.config.mjs';
import { frenchDate } from '../domain/registry/dates.ts';
import { expectedShare } from '../domain/rules/expected-share.ts';
import { missionsOf } from '../domain/rules/standing.ts';
import type { SiteData } from './data.ts';
import type { FormMission, FormProvider, FormRegistry } from './declare-form-check.ts';
export type { FormMission, FormProvider, FormRegistry } from './declare-form-check.ts';

export interface FormData {
  date: string;
  email: string;
  /** Where each provider's missions are: <missions>/<id>.json (see formProvider), fetched once a name is chosen. */
  missions: string;
  /**
   * Every commons; a closed one keeps its place (a contribution made before it closed is
   * declared late), its name says since when, and the checks warn of a later date.
   */
  communs: Array<{ id: string; nom: string; argent: boolean }>;
  /** Every commons and rules file, for the checks CI runs (src/site/declare-form-check.ts). */
  registre: FormRegistry;
}

/** A mission one can declare for: started (the validator refuses the others). */
const DECLARABLE = new Set(['en_cours', 'terminee', 'abandonnee']);

const byName = (a: { nom: string }, b: { nom: string }) => a.nom.localeCompare(b.nom, 'fr');

/**
 * What the page itself carries: the names (as the options of a list) and the commons. Each provider's missions, with
 * their expected share, are a file of their own (formMissions): with every provider's
 * missions inline, the page weighed 1.7 Mo for 1 000 providers and 17 Mo for 10 000.
 */
export function declareFormData(data: Pick<SiteData, 'registry' | 'date'>, missionsUrl: string): { form: FormData; prestataires: Array<{ id: string; nom: string }> } {
  const { registry } = data;
  const prestataires = [...registry.prestataires.values()].map(({ data: p }) => ({ id: p.id, nom: p.nom })).sort(byName);
  const communs = [...registry.communs.values()]
    .map(({ data: c }) => ({ id: c.id, nom: c.fermeture && c.fermeture.le <= data.date ? `${c.nom} (fermé le ${frenchDate(c.fermeture.le)})` : c.nom, argent: c.contribution_argent.accepte }))
    .sort(byName);
  const registre = { communs: [...registry.communs.values()].map((c) => c.data), regles: registry.regles.map((r) => r.data) };
  return { form: { date: data.date, email: MAINTAINERS_EMAIL, missions: missionsUrl, communs, registre }, prestataires };
}

/**
 * The provider's file, /declarer/missions/<id>.json: their profile, the missions they can
 * declare for (with their data and any declaration to amend), and the receipts the
 * commons confirmed for their payments: all the checks of CI need on their declaration.
 */
export function formProvider(data: Pick<SiteData, 'registry'>, prestataire: string): FormProvider {
  const { registry } = data;
  const recus = [...registry.confirmations.values()]
    .map((c) => ({ ...c.data, confirmations: c.data.confirmations.filter((line) => line.prestataire === prestataire) }))
    .filter((c) => c.confirmations.length > 0);
  return { prestataire: registry.prestataires.get(prestataire)!.data, missions: formMissions(data, prestataire), recus };
}

const computed = new WeakMap<SiteData['registry'], { declared: Map<string, SiteData['registry']['declarations'][number]['data']>; missions: Map<string, FormMission[]> }>();

/**
 * The missions a provider can declare for, most recent first, each with the expected
 * share and its arithmetic; computed once per provider and registry.
 */
export function formMissions(data: Pick<SiteData, 'registry'>, prestataire: string): FormMission[] {
  const { registry } = data;
  let cache = computed.get(registry);
  if (!cache) computed.set(registry, (cache = { declared: new Map(registry.declarations.map((d) => [`${d.data.prestataire}/${d.data.mission}`, d.data])), missions: new Map() }));
  const { declared, missions } = cache;
  if (!missions.has(prestataire)) missions.set(prestataire, declarableWithShare(registry, prestataire, declared));
  return missions.get(prestataire)!;
}

function declarableWithShare(registry: SiteData['registry'], prestataire: string, declared: Map<string, SiteData['registry']['declarations'][number]['data']>): FormMission[] {
  return missionsOf(registry, prestataire)
    .filter((m) => DECLARABLE.has(m.statut))
    .sort((a, b) => (b.debut ?? '').localeCompare(a.debut ?? '') || a.id.localeCompare(b.id))
    .map((m) => {
      const share = expectedShare(registry, prestataire, m.id);
      const declaration = declared.get(`${prestataire}/${m.id}`);
      return {
        id: m.id,
        titre: m.titre,
        declaree: declaration !== undefined,
        part: share && { part_eur: share.part_eur, calcul: share.calcul, regle: share.regle },
        donnees: m,
        ...(declaration ? { declaration } : {}),
      };
    });
}

/**
 * The e-mail to the maintainers for someone who cannot use the form (no JavaScript): what
 * a declaration says, as questions to answer in the message; the team writes the file.
 */
export function emailWithoutForm(email: string): string {
  const body = [
    'Bonjour,',
    '',
    'Voici ma déclaration de réciprocité (le formulaire du site ne fonctionne pas chez moi).',
    '',
    'Moi (mon nom ou l’adresse de ma fiche sur le site) : ',
    'La mission (son nom ou l’adresse de sa page) : ',
    'Les communs utilisés pendant la mission, et comment : ',
    'Ce que j’ai donné en argent (à quel commun, montant, versé ou promis, date JJ/MM/AAAA, lien vers le reçu) : ',
    'Ce que j’ai apporté en nature (à quel commun, quoi, combien d’heures, date, lien) : ',
    'Si je n’ai rien utilisé ou rien donné : pourquoi, en une phrase : ',
    '',
    'J’accepte que cette déclaration soit publiée sous licence ODbL.',
  ].join('\n');
  return `mailto:${email}?subject=${encodeURIComponent('Déclaration de réciprocité')}&body=${encodeURIComponent(body)}`;
}

/** The data as JSON that is safe inside a <script> element (no « </script> » can close it). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
