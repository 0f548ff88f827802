// A funding.json manifest (v1.1.0, https://fundingjson.org) for each commons that accepts
// money and gives a public contact (manifeste_financement on its card), at
// /communs/<id>/funding.json (issue 23, point 2). Funders and directories (FLOSS/fund)
// read it to find a commons and how to give to it. The mapping, and what funding.json
// cannot say, are in README.md (« funding.json »); tests/site/funding.test.ts validates
// every manifest of the sample against the vendored v1.1.0 schema.
import type { Commun } from '../../schemas/commun.ts';
import type { CommunFigures } from '../domain/rules/figures.ts';
import { absoluteUrl } from './url.ts';

export const FUNDING_SCHEMA = 'https://fundingjson.org/schema/v1.1.0.json';
export const fundingPath = (id: string) => `/communs/${id}/funding.json`;

const ENTITY_TYPES = { personne: 'individual', groupe: 'group', organisation: 'organisation', autre: 'other' } as const;
/** funding.json ids: lowercase letters, digits and dashes, at most 32 characters. */
const guid = (id: string) => id.slice(0, 32).replace(/-+$/, '');
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const tag = (text: string) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 32);

/** Why a commons has no manifest, in French; null when it has one. */
export function noManifestReason(c: Commun, date: string): string | null {
  if (c.fermeture && c.fermeture.le <= date) return 'le commun a fermé';
  if (!c.contribution_argent.accepte) return 'le commun n’accepte pas d’argent';
  if (!c.manifeste_financement) return 'le commun n’a pas donné d’adresse de contact publique (section manifeste_financement de sa fiche)';
  return null;
}

/** The manifest of a commons, or null (noManifestReason says why). */
export function fundingManifest(c: Commun, f: CommunFigures, date: string): object | null {
  if (noManifestReason(c, date) !== null) return null;
  const contact = c.manifeste_financement!;
  const page = absoluteUrl(`/communs/${c.id}/`);
  const inKind = `En nature aussi : ${c.contribution_nature.description}`;
  const channel = c.contribution_argent.url
    ? { guid: 'contribution', type: 'payment-provider', address: clip(c.contribution_argent.url, 250), description: clip(`${c.contribution_argent.plateforme ?? 'Page de contribution'}. ${inKind}`, 500) }
    : { guid: 'contact', type: 'other', address: contact.courriel, description: clip(`Écrire aux gardiens pour contribuer en argent. ${inKind}`, 500) };
  const history = f.argent_par_annee
    .filter((y) => y.confirme_eur > 0)
    .map((y) => ({
      year: y.annee,
      income: y.confirme_eur,
      currency: 'EUR',
      description: clip(
        `Argent que le commun a confirmé avoir reçu des prestataires au titre de la réciprocité de leurs missions, selon le registre Communs & Réciprocité (${page}). Ni ses autres recettes, ni le temps donné en nature (${f.nature_heures} h déclarées en tout).`,
        500,
      ),
    }));
  return {
    $schema: FUNDING_SCHEMA,
    version: 'v1.1.0',
    entity: {
      type: ENTITY_TYPES[contact.type_entite],
      role: 'steward',
      name: clip(c.nom, 250),
      email: contact.courriel,
      description: clip(`${c.description} Gardiens : ${c.gardiens.join(', ')}.`, 2000),
      webpageUrl: { url: clip(c.site, 250) },
    },
    projects: [
      {
        guid: guid(c.id),
        name: clip(c.nom, 250),
        description: clip(`${c.description} ${inKind}`, 2000),
        webpageUrl: { url: clip(c.site, 250) },
        // A wiki, a network or a method has no code repository: its page on the registry stands in.
        repositoryUrl: { url: page },
        licenses: [`spdx:${c.licence}`],
        tags: [...new Set([tag(c.type), 'tiers-lieux', 'communs'])],
      },
    ],
    funding: {
      channels: [channel],
      plans: [
        {
          guid: 'reciprocite-prestataires',
          status: 'active',
          name: 'Réciprocité des prestataires',
          description: clip(
            `Les prestataires qui utilisent ce commun dans leurs missions lui rendent une part de leur budget, selon les règles du réseau (${absoluteUrl('/regles/')}), et le déclarent au registre. Tout montant est bienvenu.`,
            500,
          ),
          amount: 0,
          currency: 'EUR',
          frequency: 'one-time',
          channels: [channel.guid],
        },
      ],
      ...(history.length > 0 ? { history } : {}),
    },
  };
}
