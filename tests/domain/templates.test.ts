// The files the site's "Déclarer ma réciprocité" and "Créer ma fiche" links prefill.
// A declaration must say something: the prefilled one fails, with a hint, until the
// contributor fills it in; then it loads and clears the reminder.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { declarationTemplate, prestataireTemplate } from '../../src/domain/contribution/templates.ts';
import { baseTree, FIXTURE_DATE } from '../helpers.ts';

const errors = (dir: string) => loadRegistry(dir, { date: FIXTURE_DATE }).problems.filter((p) => p.severity === 'error');
const FILE = 'declarations/bruno-coop/mission-terminee.yaml';

describe('modèles préremplis', () => {
  it('la déclaration préremplie est refusée telle quelle, avec un conseil, et ne rend personne « à jour »', () => {
    const dir = baseTree();
    mkdirSync(join(dir, 'declarations', 'bruno-coop'), { recursive: true });
    writeFileSync(join(dir, FILE), declarationTemplate('bruno-coop', 'mission-terminee', FIXTURE_DATE));
    const found = errors(dir);
    expect(found.map((p) => [p.file, p.code])).toEqual([[FILE, 'declaration_vide']]);
    expect(found[0].hint).toContain('aucun_commun_utilise');
    expect(found[0].hint).toContain('pourquoi_rien_donne');
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(result.registry.declarations.map((d) => d.file)).not.toContain(FILE);
    // bruno-coop still has his declaration to make (deadline 2025-07-30).
    expect(result.problems.map((p) => p.code)).toContain('declaration_a_faire');
  });

  it('la déclaration préremplie, une fois remplie (ou une phrase qui dit pourquoi rien), est valide et chargée', () => {
    const filled = declarationTemplate('bruno-coop', 'mission-terminee', FIXTURE_DATE).replace(
      'communs_utilises: []',
      'communs_utilises:\n  - commun: wiki-test\n    usage: Fiches méthode pour préparer les ateliers.',
    );
    const nothing = declarationTemplate('bruno-coop', 'mission-terminee', FIXTURE_DATE) + 'aucun_commun_utilise: Mission de pure coordination, sans outil ni méthode partagés.\npourquoi_rien_donne: Mission à perte, je contribuerai à la prochaine.\n';
    for (const text of [filled, nothing]) {
      const dir = baseTree();
      mkdirSync(join(dir, 'declarations', 'bruno-coop'), { recursive: true });
      writeFileSync(join(dir, FILE), text);
      expect(errors(dir)).toEqual([]);
      const result = loadRegistry(dir, { date: FIXTURE_DATE });
      expect(result.registry.declarations.map((d) => d.file)).toContain(FILE);
      expect(result.problems.map((p) => p.code)).not.toContain('declaration_a_faire');
    }
  });

  it('la fiche de prestataire préremplie est valide une fois l’identifiant choisi', () => {
    const dir = baseTree();
    writeFileSync(join(dir, 'prestataires', 'dora-conseil.md'), prestataireTemplate('dora-conseil'));
    expect(errors(dir)).toEqual([]);
    // Memberships are recorded by the association (check-owners asks a maintainer for them):
    // the template leaves them empty, so that a newcomer's pull request can turn green alone.
    expect(loadRegistry(dir, { date: FIXTURE_DATE }).registry.prestataires.get('dora-conseil')?.data.adhesions).toEqual([]);
  });
});
