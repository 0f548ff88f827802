// Starting the network's own registry from the shipped sample (npm run demarrer): the
// association's details, checked and written into the one config (the JSON block of
// site.config.mjs), and the texts of the first files of the new content/. Pure: the
// script reads and writes the files, moves the sample and asks the questions.
import { PLACEHOLDER } from './readiness.ts';

/** The association's details, as the JSON block of site.config.mjs holds them. */
export interface Association {
  nom: string;
  forme: string;
  adresse: string;
  directeur_publication: string;
  contact: string;
  /** Where the /declarer/ form sends a declaration by e-mail; empty: the form says it cannot. */
  courriel_declarations: string;
  hebergeur: { nom: string; adresse: string };
  /** The public address of the site; empty: derived from the forge (GitHub Pages). */
  adresse_site: string;
  /** The forge repository as owner/name; empty: derived from the forge. */
  depot: string;
}

/** One detail: where it sits in the block, the question asked, whether it may stay empty. */
export interface Detail {
  cle: string;
  question: string;
  exemple: string;
  obligatoire: boolean;
  /** null when the value is acceptable, else why not, in French. */
  verifier: (value: string) => string | null;
}

const START = '// ASSOCIATION-DEBUT';
const END = '// ASSOCIATION-FIN';
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i;
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

const notPlaceholder = (value: string) => (PLACEHOLDER.test(value) ? 'c’est encore un texte d’exemple (« à indiquer », example.org)' : null);
const email = (value: string) => (value === '' ? null : EMAIL.test(value) ? notPlaceholder(value) : 'ce n’est pas une adresse électronique (nom@domaine.fr)');

/** The host GitHub Pages sites are served by, for the legal notice (github.com/site/terms). */
export const GITHUB_PAGES_HOST = { nom: 'GitHub Inc.', adresse: '88 Colin P. Kelly Jr. Street, San Francisco, CA 94107, États-Unis' };

export const DETAILS: readonly Detail[] = [
  { cle: 'nom', question: 'Nom de l’association qui publie le registre', exemple: 'La Compagnie des Tiers-Lieux', obligatoire: true, verifier: notPlaceholder },
  { cle: 'forme', question: 'Sa forme juridique', exemple: 'association loi 1901', obligatoire: true, verifier: notPlaceholder },
  { cle: 'adresse', question: 'Adresse du siège (mentions légales)', exemple: '12 rue des Tiers-Lieux, 59000 Lille', obligatoire: true, verifier: notPlaceholder },
  { cle: 'directeur_publication', question: 'Directeur ou directrice de la publication', exemple: 'la présidence de l’association', obligatoire: true, verifier: notPlaceholder },
  { cle: 'contact', question: 'Adresse électronique de contact (pied de chaque page)', exemple: 'contact@tiers-lieux.fr', obligatoire: true, verifier: email },
  {
    cle: 'courriel_declarations',
    question: 'Adresse où le formulaire /declarer/ envoie une déclaration par courriel (vide : le formulaire propose les autres façons)',
    exemple: 'registre@tiers-lieux.fr',
    obligatoire: false,
    verifier: email,
  },
  { cle: 'hebergeur.nom', question: 'Hébergeur du site', exemple: GITHUB_PAGES_HOST.nom, obligatoire: true, verifier: notPlaceholder },
  { cle: 'hebergeur.adresse', question: 'Adresse de l’hébergeur', exemple: GITHUB_PAGES_HOST.adresse, obligatoire: true, verifier: notPlaceholder },
  {
    cle: 'adresse_site',
    question: 'Adresse publique du site (vide : celle que donne GitHub Pages)',
    exemple: 'https://communs.tiers-lieux.fr/',
    obligatoire: false,
    verifier: (value) => (value === '' ? null : /^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/.test(value) ? notPlaceholder(value) : 'attendu une adresse en https://'),
  },
  {
    cle: 'depot',
    question: 'Dépôt sur la forge, sous la forme compte/nom',
    exemple: 'compagnie-tiers-lieux/communs-reciprocite',
    obligatoire: true,
    verifier: (value) => (REPOSITORY.test(value) ? null : 'attendu compte/nom, comme dans l’adresse github.com/compte/nom'),
  },
];

export function detailOf(association: Association, key: string): string {
  if (key.startsWith('hebergeur.')) return association.hebergeur[key.slice('hebergeur.'.length) as 'nom' | 'adresse'] ?? '';
  return String((association as unknown as Record<string, unknown>)[key] ?? '');
}

/** Builds the details from flat answers (keys of DETAILS), trimmed. */
export function associationFrom(answers: Record<string, string | undefined>): Association {
  const get = (key: string) => (answers[key] ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return {
    nom: get('nom'),
    forme: get('forme'),
    adresse: get('adresse'),
    directeur_publication: get('directeur_publication'),
    contact: get('contact'),
    courriel_declarations: get('courriel_declarations'),
    hebergeur: { nom: get('hebergeur.nom'), adresse: get('hebergeur.adresse') },
    adresse_site: get('adresse_site'),
    depot: get('depot'),
  };
}

/** What is wrong with the details, one French line per detail (empty when all are right). */
export function problemsOf(association: Association): string[] {
  const problems: string[] = [];
  for (const detail of DETAILS) {
    const value = detailOf(association, detail.cle);
    if (value === '') {
      if (detail.obligatoire) problems.push(`${detail.cle} : manquant (${detail.question.toLowerCase()}, ex. : ${detail.exemple})`);
      continue;
    }
    const why = detail.verifier(value);
    if (why) problems.push(`${detail.cle} : « ${value} » : ${why}`);
  }
  return problems;
}

/** The details the config holds now, or null when its block is missing or not JSON. */
export function associationIn(configText: string): Association | null {
  const start = configText.indexOf(START);
  const end = configText.indexOf(END);
  if (start < 0 || end < start) return null;
  const block = configText.slice(start + START.length, end);
  const json = /=\s*(\{[\s\S]*\})\s*;?\s*$/.exec(block.trim());
  if (!json) return null;
  try {
    const data = JSON.parse(json[1]) as Partial<Association>;
    return associationFrom({
      ...(data as Record<string, string>),
      'hebergeur.nom': data.hebergeur?.nom,
      'hebergeur.adresse': data.hebergeur?.adresse,
    });
  } catch {
    return null;
  }
}

/** The config with its block replaced by these details; null when the markers are missing. */
export function withAssociation(configText: string, association: Association): string | null {
  const start = configText.indexOf(START);
  const end = configText.indexOf(END);
  if (start < 0 || end < start) return null;
  const block = `${START}\nconst ASSOCIATION = ${JSON.stringify(association, null, 2)};\n`;
  return configText.slice(0, start) + block + configText.slice(end);
}

export function startedRegistryText(startDay: string): string {
  return `# yaml-language-server: $schema=../schemas/json/registre.json
# Ce qui vaut pour tout le registre (schemas/registre.ts). Seuls les mainteneurs le modifient.
# Le registre du réseau, commencé le ${startDay} avec npm run demarrer ; l’exemple fictif
# est dans exemple/, où les tests le lisent.
exemple: false
`;
}

/**
 * The first rules file of the new registry: the sample's rules in force, in effect from
 * the start day, still marked exemple: true (every page says so) until the association
 * adopts its own in a new file. Comments kept: they say what each number means.
 */
export function startedRulesText(sampleRules: string, startDay: string, sampleFile: string, inForceFrom = startDay): string {
  const header = [
    '# yaml-language-server: $schema=../../schemas/json/regles.json',
    `# Copié de l’exemple (${sampleFile}) par npm run demarrer le ${startDay}. Ces règles restent`,
    '# un EXEMPLE (exemple: true, chaque page le dit) tant que l’association n’a pas adopté les',
    '# siennes : elle les adopte dans un NOUVEAU fichier (README, « Changer les règles »), jamais',
    '# en modifiant celui-ci.',
  ].join('\n');
  const body = sampleRules
    .replace(/^# yaml-language-server:.*\n/m, '')
    .replace(/^retroactivite:.*(\n[ \t]+.*)*\n/m, '')
    .replace(/^en_vigueur_depuis:.*$/m, `en_vigueur_depuis: "${inForceFrom}"`)
    .replace(
      /^adoptees_le:.*$/m,
      `adoptees_le: "${startDay}"` +
        (inForceFrom < startDay
          ? `\n# Les missions faites avant le démarrage du registre y entrent avec leurs déclarations :\n# ces règles les jugent, et chaque verdict le dit (« règle rétroactive »).\nretroactivite: >-\n  Règles reprises de l’exemple au démarrage du registre, le ${startDay}, pour juger les\n  missions faites depuis le ${inForceFrom} qui y sont enregistrées après coup.`
          : ''),
    );
  return `${header}\n${body}`;
}

/**
 * The network's commons for the new registry, from the sample's: the same description,
 * without the sample's fictional steward accounts (the maintainers add the real ones).
 */
/**
 * The network's commons, the one the rules expect reciprocity to (regles: reseau): under
 * the sample's id (the rules name it), with the association's name and site; what only the
 * association can say (what it does, how to give to it) is « à indiquer », which npm run
 * pret names until it is written. Nothing of the sample's network (its name, region,
 * donation page, stewards' accounts) is kept.
 */
export function startedNetworkText(id: string, association: Association, day: string): string {
  const site = association.adresse_site || (association.depot ? `https://github.com/${association.depot}` : 'https://github.com');
  const quoted = (value: string) => JSON.stringify(value);
  return `---
# yaml-language-server: $schema=../../schemas/json/commun.json
# Le réseau : le commun auquel les règles attendent une réciprocité (« reseau: ${id} »).
# Écrit par npm run demarrer le ${day}. Trois textes restent à écrire par l’association : npm run pret les nomme.
id: ${id}
nom: ${quoted(association.nom)}
type: reseau
description: "à indiquer : ce que fait le réseau, en une ou deux phrases"
site: ${quoted(site)}
licence: CC-BY-SA-4.0
gardiens:
  - ${quoted(`Conseil d’administration de ${association.nom}`)}
# Comptes de forge des gardiens : eux seuls confirment l’argent reçu par le réseau
# (content/confirmations/${id}.yaml).
comptes_forge: []
# Pour recevoir de l’argent : accepte: true, et l’adresse de la page de don (url:).
contribution_argent:
  accepte: false
contribution_nature:
  description: "à indiquer : comment donner du temps au réseau (ateliers, fiches, accueil du cercle)"
  url: ${quoted(site)}
---

à indiquer : la présentation du réseau, publiée sur sa page.
`;
}

export function maintainersText(handles: readonly string[]): string {
  return [
    '# Mainteneurs du registre : ceux qui relisent et fusionnent les demandes. Eux seuls peuvent',
    '# modifier les règles (content/regles/), cette liste, .github/CODEOWNERS et les workflows.',
    '# Ce sont les seuls comptes qui ont l’accès en écriture au dépôt (npm run reglages-forge).',
    '# Après une modification, mettez à jour la ligne « * @… » de .github/CODEOWNERS dans la',
    '# même demande, puis lancez « npm run reglages-forge » (voir MAINTENANCE.md).',
    'mainteneurs:',
    ...handles.map((h) => `  - ${h}`),
    '',
  ].join('\n');
}

/** CODEOWNERS with its « * @… » line naming these maintainers (comments kept). */
export function codeownersText(current: string, handles: readonly string[]): string {
  const line = `* ${handles.map((h) => `@${h}`).join(' ')}`;
  return /^\*\s.*$/m.test(current) ? current.replace(/^\*\s.*$/m, line) : `${current.replace(/\n*$/, '\n')}${line}\n`;
}
