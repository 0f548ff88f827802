// Before going live: what still comes from the fictional sample or is a placeholder, so
// that nothing of it is published or @-mentioned by mistake (npm run pret, run by hand and
// by the publication workflow before deploying). Pure: the caller reads the files.
import type { Registry } from '../registry/registry.ts';

/** The accounts the sample names as maintainers (.github/mainteneurs.yaml): fictional. */
export const SAMPLE_MAINTAINERS = ['equipe-compagnie', 'mainteneur-registre'];

/** Every fictional forge account of the sample, in lower case: its maintainers, providers and stewards. */
export function sampleAccounts(sample: Registry | null): Set<string> {
  const accounts = new Set(SAMPLE_MAINTAINERS);
  for (const entry of [...(sample?.prestataires.values() ?? []), ...(sample?.communs.values() ?? [])]) {
    for (const account of entry.data.comptes_forge) accounts.add(account.toLowerCase());
  }
  return accounts;
}

export interface ReadinessInput {
  /** The association's details as site.config.mjs gives them. */
  publisher: { nom: string; forme: string; adresse: string; directeur_publication: string; contact: string };
  host: { nom: string; adresse: string };
  /** Where the /declarer/ form sends a declaration by e-mail; empty when none is set. */
  maintainersEmail: string;
  /** The maintainers of .github/mainteneurs.yaml, and the accounts CODEOWNERS names. */
  maintainers: readonly string[];
  codeowners: readonly string[];
  registry: Registry;
  /** The fictional sample (exemple/), once the network's registry is started: nothing of it may be left in content/. */
  sample: Registry | null;
}

export interface ReadinessItem {
  /** Where to change it. */
  fichier: string;
  /** What is still a placeholder, in French. */
  quoi: string;
  /** How to put it right. */
  conseil: string;
  /** false: said, but does not stop the publication. */
  bloquant: boolean;
}

export const PLACEHOLDER = /à indiquer|example\.(org|com|net)|\.example\b|adresse de l['’]hébergeur/i;
const isPlaceholder = (value: string) => value.trim() === '' || PLACEHOLDER.test(value);
const CONFIG = 'site.config.mjs';

/**
 * What content/ took from the sample: a provider or a mission under the sample's id, a
 * provider or a commons that names one of its fictional accounts. The network's commons
 * copied by npm run demarrer keep their ids, without accounts: they are not flagged.
 */
function copiedFromSample(registry: Registry, sample: Registry, isFictional: (account: string) => boolean, add: (fichier: string, quoi: string, conseil: string) => void): void {
  const advice = 'retirez ce fichier ou remplacez-le par une vraie fiche : l’exemple reste dans exemple/, où les tests le lisent';
  for (const [kind, entries, ofSample] of [['prestataire', registry.prestataires, sample.prestataires], ['mission', registry.missions, sample.missions]] as const) {
    for (const [id, entry] of entries) {
      const twin = ofSample.get(id);
      if (twin) add(`content/${entry.file}`, `${kind} de l’exemple fictif (même identifiant que exemple/${twin.file})`, advice);
    }
  }
  for (const entry of [...registry.prestataires.values(), ...registry.communs.values()]) {
    if (sample.prestataires.has(entry.data.id)) continue;
    const accounts = entry.data.comptes_forge.filter(isFictional);
    if (accounts.length > 0) add(`content/${entry.file}`, `comptes_forge fictifs de l’exemple : ${accounts.map((a) => `@${a}`).join(', ')}`, 'mettez les vrais comptes de la forge, ou retirez-les');
  }
}

/** Every placeholder still in place, blocking ones first. */
export function readinessOf(input: ReadinessInput): ReadinessItem[] {
  const items: ReadinessItem[] = [];
  const add = (fichier: string, quoi: string, conseil: string, bloquant = true) => items.push({ fichier, quoi, conseil, bloquant });
  if (input.registry.registre?.data.exemple) {
    add(
      'content/registre.yaml',
      'le contenu est l’exemple fictif (exemple: true) : ses prestataires, missions, déclarations et comptes sur la forge n’existent pas',
      'npm run demarrer commence le registre du réseau : il déplace l’exemple dans exemple/ et demande les coordonnées de l’association (README, « Mettre en ligne »)',
    );
  }
  const fields: Array<[string, string, string]> = [
    ['ASSOCIATION.nom', input.publisher.nom, 'le nom de l’association qui publie'],
    ['ASSOCIATION.adresse', input.publisher.adresse, 'l’adresse du siège (mentions légales)'],
    ['ASSOCIATION.directeur_publication', input.publisher.directeur_publication, 'qui dirige la publication (mentions légales)'],
    ['ASSOCIATION.contact', input.publisher.contact, 'l’adresse électronique de contact, en pied de chaque page'],
    ['ASSOCIATION.hebergeur.nom', input.host.nom, 'l’hébergeur (GitHub Inc. pour GitHub Pages)'],
    ['ASSOCIATION.hebergeur.adresse', input.host.adresse, 'l’adresse de l’hébergeur'],
  ];
  for (const [field, value, what] of fields) {
    if (isPlaceholder(value)) add(CONFIG, `${field} : ${value.trim() === '' ? 'vide' : `« ${value} »`}`, `indiquez ${what}`);
  }
  if (isPlaceholder(input.maintainersEmail)) {
    add(
      CONFIG,
      `ASSOCIATION.courriel_declarations : ${input.maintainersEmail.trim() === '' ? 'vide' : `« ${input.maintainersEmail} »`}`,
      'indiquez l’adresse où le formulaire /declarer/ envoie une déclaration par courriel ; sans elle, le formulaire le dit et propose les autres façons',
      input.maintainersEmail.trim() !== '',
    );
  }
  const fictional = sampleAccounts(input.sample);
  const isFictional = (account: string) => fictional.has(account.toLowerCase());
  const sampleMaintainers = input.maintainers.filter(isFictional);
  if (sampleMaintainers.length > 0) {
    add('.github/mainteneurs.yaml', `comptes fictifs de l’exemple : ${sampleMaintainers.map((m) => `@${m}`).join(', ')}`, 'mettez les vrais comptes des mainteneurs (MAINTENANCE.md, §2)');
  }
  const sampleOwners = input.codeowners.filter(isFictional);
  if (sampleOwners.length > 0) {
    add('.github/CODEOWNERS', `comptes fictifs de l’exemple : ${sampleOwners.map((m) => `@${m}`).join(', ')}`, 'la ligne « * @… » nomme les mêmes comptes que .github/mainteneurs.yaml');
  }
  if (input.sample && !input.registry.registre?.data.exemple) copiedFromSample(input.registry, input.sample, isFictional, add);
  // The network's commons as npm run demarrer writes it: what only the association can say.
  for (const entry of input.registry.communs.values()) {
    const texts = entry.yamlText + entry.body;
    if (/à indiquer/i.test(texts)) add(`content/${entry.file}`, 'texte encore « à indiquer » (publié sur la page du commun et dans /declarer/)', 'écrivez ce que fait le commun et comment y contribuer, à la place de chaque « à indiquer »');
  }
  for (const entry of input.registry.regles) {
    if (entry.data.exemple) {
      add(
        `content/${entry.file}`,
        'règles d’exemple (exemple: true) : chaque page le dit, ce n’est pas une décision de l’association',
        'quand l’association a adopté ses règles, ajoutez un nouveau fichier de règles sans exemple: true (README, « Changer les règles »)',
        false,
      );
    }
  }
  return items.sort((a, b) => Number(b.bloquant) - Number(a.bloquant));
}
