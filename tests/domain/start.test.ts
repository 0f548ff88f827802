// Starting the network's registry (npm run demarrer): the association's details checked
// and written to site.config.mjs, the first rules copied from the sample's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reglesSchema } from '../../schemas/regles.ts';
import { associationFrom, associationIn, problemsOf, startedNetworkText, startedRulesText, withAssociation } from '../../src/domain/contribution/start.ts';
import { parseMarkdownFile, parseYamlFile } from '../../src/domain/registry/parse.ts';
import { ROOT, SAMPLE, SAMPLE_CONFIG } from '../helpers.ts';

const CONFIG = readFileSync(join(ROOT, 'site.config.mjs'), 'utf8');
const GOOD = {
  nom: 'Réseau d’essai', forme: 'association loi 1901', adresse: '1 place du Test, 59000 Lille', directeur_publication: 'la présidence',
  contact: 'contact@essai.test', courriel_declarations: '', 'hebergeur.nom': 'GitHub Inc.', 'hebergeur.adresse': 'San Francisco', adresse_site: '', depot: 'org/depot',
};

describe('les coordonnées de l’association', () => {
  it('le bloc de site.config.mjs se relit tel que demarrer l’écrit', () => {
    const association = associationFrom(GOOD);
    const written = withAssociation(CONFIG, association)!;
    expect(associationIn(written)).toEqual(association);
    // Only the block changes.
    expect(written.slice(0, written.indexOf('// ASSOCIATION-DEBUT'))).toBe(CONFIG.slice(0, CONFIG.indexOf('// ASSOCIATION-DEBUT')));
    expect(written.slice(written.indexOf('// ASSOCIATION-FIN'))).toBe(CONFIG.slice(CONFIG.indexOf('// ASSOCIATION-FIN')));
  });

  it('les valeurs de l’exemple sont refusées, une ligne par information, avec un exemple', () => {
    const problems = problemsOf(SAMPLE_CONFIG.association);
    expect(problems).toContain('adresse : « adresse du siège à indiquer avant la mise en ligne » : c’est encore un texte d’exemple (« à indiquer », example.org)');
    expect(problems).toContain('contact : « contact@communs-reciprocite.example.org » : c’est encore un texte d’exemple (« à indiquer », example.org)');
    expect(problems.some((p) => p.startsWith('depot : manquant'))).toBe(true);
    expect(problemsOf(associationFrom(GOOD))).toEqual([]);
    expect(problemsOf(associationFrom({ ...GOOD, contact: 'pas une adresse', depot: 'org' }))).toEqual([
      'contact : « pas une adresse » : ce n’est pas une adresse électronique (nom@domaine.fr)',
      'depot : « org » : attendu compte/nom, comme dans l’adresse github.com/compte/nom',
    ]);
  });
});

describe('les premières règles et le réseau, repris de l’exemple', () => {
  const rules = readFileSync(join(SAMPLE, 'regles/2024-04-01.yaml'), 'utf8');
  const data = (text: string) => {
    const parsed = parseYamlFile(text);
    if (!parsed.ok) throw new Error('YAML illisible');
    return reglesSchema.parse(parsed.data);
  };

  it('en vigueur le jour du démarrage, toujours marquées exemple, commentaires gardés', () => {
    const text = startedRulesText(rules, '2027-02-01', 'exemple/regles/2024-04-01.yaml');
    expect(data(text)).toMatchObject({ en_vigueur_depuis: '2027-02-01', adoptees_le: '2027-02-01', exemple: true });
    expect(data(text).retroactivite).toBeUndefined();
    expect(text).toContain('# Une mission est jugée selon les règles en vigueur à sa date de début.');
  });

  it('depuis un jour antérieur, pour les missions déjà faites : rétroactives, et elles le disent', () => {
    const text = startedRulesText(rules, '2027-02-01', 'exemple/regles/2024-04-01.yaml', '2026-01-01');
    expect(data(text)).toMatchObject({ en_vigueur_depuis: '2026-01-01', adoptees_le: '2027-02-01' });
    expect(data(text).retroactivite).toContain('au démarrage du registre');
  });

  it('le réseau est celui de l’association : son nom, son site, rien de l’exemple, et « à indiquer » là où elle seule peut écrire', () => {
    const association = { ...associationFrom({ nom: 'Réseau des lieux d’essai', depot: 'org/depot' }), adresse_site: 'https://lieux-essai.test/' };
    const network = startedNetworkText('compagnie-des-tiers-lieux', association, '2027-01-04');
    const parsed = parseMarkdownFile(network);
    expect(parsed).toMatchObject({ ok: true, data: { id: 'compagnie-des-tiers-lieux', nom: 'Réseau des lieux d’essai', site: 'https://lieux-essai.test/', comptes_forge: [], contribution_argent: { accepte: false } } });
    expect(network).not.toMatch(/tresorerie-compagnie|animation-compagnie|Compagnie des Tiers-Lieux|Hauts-de-France|helloasso/i);
    expect(network.match(/à indiquer/g)).toHaveLength(3);
  });
});
