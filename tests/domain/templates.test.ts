// The files the site's "Déclarer ma réciprocité" and "Créer ma fiche" links prefill
// must validate as they are: a contributor who changes nothing still gets a green check.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/load.ts';
import { declarationTemplate, prestataireTemplate } from '../../src/domain/templates.ts';
import { baseTree, FIXTURE_DATE } from '../helpers.ts';

const errors = (dir: string) => loadRegistry(dir, { date: FIXTURE_DATE }).problems.filter((p) => p.severity === 'error');

describe('modèles préremplis', () => {
  it('la déclaration préremplie est valide telle quelle, et chargée', () => {
    const dir = baseTree();
    mkdirSync(join(dir, 'declarations', 'bruno-coop'), { recursive: true });
    writeFileSync(join(dir, 'declarations', 'bruno-coop', 'mission-terminee.yaml'), declarationTemplate('bruno-coop', 'mission-terminee', FIXTURE_DATE));
    expect(errors(dir)).toEqual([]);
    const result = loadRegistry(dir, { date: FIXTURE_DATE });
    expect(result.registry.declarations.map((d) => d.file)).toContain('declarations/bruno-coop/mission-terminee.yaml');
    // Filed before the deadline (2025-07-30), it clears bruno-coop's reminder.
    expect(result.problems.map((p) => p.code)).not.toContain('declaration_a_faire');
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
