// What npm run pret names before going live (readinessOf): the sample's content, its
// fictional maintainers and the association's placeholders block the publication; example
// rules are only noted. A registry whose details are filled in is ready.
import { afterAll, describe, expect, it } from 'vitest';
import { readinessOf, type ReadinessInput } from '../../src/domain/contribution/readiness.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseTree, baseWith, FIXTURE_DATE, removeEditedTrees, SAMPLE, SAMPLE_CONFIG, SAMPLE_DATE } from '../helpers.ts';

afterAll(removeEditedTrees);

// The sample's details as shipped (site.config.mjs, .github/mainteneurs.yaml and CODEOWNERS).
const { association, mainteneurs } = SAMPLE_CONFIG;
const sample: ReadinessInput = {
  publisher: association,
  host: association.hebergeur,
  maintainersEmail: association.courriel_declarations,
  maintainers: mainteneurs,
  codeowners: mainteneurs,
  registry: loadRegistry(SAMPLE, { date: SAMPLE_DATE }).registry,
  sample: null,
};

const ready: ReadinessInput = {
  publisher: { nom: 'Réseau des tiers-lieux du Nord', forme: 'association loi 1901', adresse: '3 rue des Arts, 59000 Lille', directeur_publication: 'Camille Dupont, présidente', contact: 'contact@reseau-nord.fr' },
  host: { nom: 'GitHub Inc.', adresse: '88 Colin P. Kelly Jr. Street, San Francisco, CA 94107, États-Unis' },
  maintainersEmail: 'registre@reseau-nord.fr',
  maintainers: ['camille-dupont'],
  codeowners: ['camille-dupont'],
  registry: loadRegistry(baseTree(), { date: FIXTURE_DATE }).registry,
  sample: sample.registry,
};

describe('readinessOf', () => {
  it('l’exemple tel quel : chaque valeur à remplacer est nommée, avec son fichier', () => {
    const items = readinessOf(sample);
    expect(items.filter((i) => i.bloquant).map((i) => `${i.fichier} ${i.quoi.split(' :')[0]}`)).toEqual([
      'content/registre.yaml le contenu est l’exemple fictif (exemple: true)',
      'site.config.mjs ASSOCIATION.adresse',
      'site.config.mjs ASSOCIATION.contact',
      'site.config.mjs ASSOCIATION.hebergeur.nom',
      'site.config.mjs ASSOCIATION.hebergeur.adresse',
      '.github/mainteneurs.yaml comptes fictifs de l’exemple',
      '.github/CODEOWNERS comptes fictifs de l’exemple',
    ]);
    // No address for declarations by e-mail yet: noted (the form says so), not blocking.
    expect(items.filter((i) => !i.bloquant).map((i) => `${i.fichier} ${i.quoi.split(' :')[0]}`)).toEqual([
      'site.config.mjs ASSOCIATION.courriel_declarations',
      'content/regles/2024-04-01.yaml règles d’exemple (exemple: true)',
      'content/regles/2027-01-01.yaml règles d’exemple (exemple: true)',
    ]);
  });

  it('un registre dont l’association a tout indiqué est prêt', () => {
    expect(readinessOf(ready).filter((i) => i.bloquant)).toEqual([]);
  });

  it('sans adresse pour les déclarations par courriel : noté, le formulaire le dit (pas bloquant)', () => {
    const items = readinessOf({ ...ready, maintainersEmail: '' });
    expect(items).toEqual([expect.objectContaining({ fichier: 'site.config.mjs', bloquant: false })]);
  });

  it.each(['à indiquer', 'contact@asso.example.org', 'x@example.com', ''])('« %s » est une valeur à remplacer', (value) => {
    const items = readinessOf({ ...ready, publisher: { ...ready.publisher, contact: value } });
    expect(items.map((i) => i.quoi)).toEqual([expect.stringMatching(/^ASSOCIATION\.contact/)]);
  });

  it('une fiche de l’exemple recopiée dans content/, ou un compte fictif de l’exemple : bloquant, avec le fichier', () => {
    // agathe-morel is a provider of the sample; khaddou, the forge account of its karim-haddou.
    const copied = baseWith({ 'prestataires/claire-asso.md': [['comptes_forge:\n  - claire-asso', 'comptes_forge:\n  - claire-asso\n  - khaddou']] }, {
      'prestataires/agathe-morel.md': readFileSync(join(SAMPLE, 'prestataires/agathe-morel.md'), 'utf8'),
    });
    const items = readinessOf({ ...ready, registry: loadRegistry(copied, { date: FIXTURE_DATE }).registry, maintainers: ['camille-dupont', 'amorel-urba'] });
    expect(items.filter((i) => i.bloquant).map((i) => `${i.fichier} ${i.quoi}`)).toEqual([
      '.github/mainteneurs.yaml comptes fictifs de l’exemple : @amorel-urba',
      'content/prestataires/agathe-morel.md prestataire de l’exemple fictif (même identifiant que exemple/prestataires/agathe-morel.md)',
      'content/prestataires/claire-asso.md comptes_forge fictifs de l’exemple : @khaddou',
    ]);
  });
});
