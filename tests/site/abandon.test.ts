// An abandoned mission's page says when and why it was stopped (mission « abandon: »),
// instead of an open end: the sample's Planches Vives, stopped on 26 May 2025.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const site = () => inject('siteDir');
const text = (path: string) => readFileSync(join(site(), path), 'utf8').replace(/<[^>]+>/g, ' ').replace(/[\u00a0\u202f]/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('une mission abandonnée', () => {
  test('sa page dit quand et pourquoi elle a été arrêtée', () => {
    const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
    const abandoned = [...registry.missions.values()].map((e) => e.data).filter((m) => m.statut === 'abandonnee');
    expect(abandoned.length).toBeGreaterThan(0);
    for (const m of abandoned) {
      const page = text(`missions/${m.id}/index.html`);
      expect(page).toMatch(/arrêtée le \d{1,2}(er)? \S+ \d{4}/i);
      expect(page).toContain(m.abandon!.raison.replace(/\s+/g, ' ').trim().slice(0, 40));
      // Nothing falls due (deadlinesOf): no « pas encore due », no amount expected.
      expect(page).not.toContain('pas encore due');
      expect(page).toMatch(/Rien n’est attendu : la mission a été abandonnée \(selon son budget, elle aurait attendu \d+ €\)/);
      expect(page).not.toContain('Réciprocité attendue pour la mission');
      if (m.equipe.length > 0) expect(page).toContain('rien n’est dû : mission abandonnée · Déclarer quand même');
    }
  });
});
