// What the built /declarer/ page and its per-provider files carry (src/site/declare-form.ts):
// the page names the providers and commons; each provider's missions, with the expected
// share and its arithmetic, are in /declarer/missions/<id>.json, fetched when the name is
// chosen (tests/browser/declarer.test.ts drives it in Chromium).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { formMissions, type FormMission } from '../../src/site/declare-form.ts';
import { SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const site = inject('siteDir');
const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const missionsFile = (id: string) => JSON.parse(readFileSync(join(site, 'declarer', 'missions', `${id}.json`), 'utf8')) as { missions: FormMission[] };

describe('le formulaire /declarer/ construit', () => {
  test('un fichier de missions par prestataire, et rien d’autre', () => {
    const files = readdirSync(join(site, 'declarer', 'missions')).sort();
    expect(files).toEqual([...registry.prestataires.keys()].map((id) => `${id}.json`).sort());
  });

  test('chaque fichier : les missions commencées où le prestataire est dans l’équipe, déjà déclarées signalées, avec la part attendue', () => {
    for (const id of registry.prestataires.keys()) {
      const { missions } = missionsFile(id);
      expect(missions).toEqual(formMissions({ registry }, id));
      for (const m of missions) {
        const mission = registry.missions.get(m.id)!.data;
        expect(mission.equipe.some((e) => e.prestataire === id)).toBe(true);
        expect(['en_cours', 'terminee', 'abandonnee']).toContain(mission.statut);
        expect(m.declaree).toBe(registry.declarations.some((d) => d.data.prestataire === id && d.data.mission === m.id));
      }
    }
    // Agathe Morel, in the team of the social landlord's mission (the browser test's case), not yet declared.
    const agathe = missionsFile('agathe-morel').missions.find((m) => m.id === 'bcus-residence-les-tilleuls-2026')!;
    expect(agathe.declaree).toBe(false);
    expect(agathe.part?.calcul).toContain('au prorata de ce que vous facturez');
  });

  test('la page elle-même ne porte que les noms et les communs, pas les missions de chacun', () => {
    const html = readFileSync(join(site, 'declarer', 'index.html'), 'utf8');
    const options = [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    for (const id of registry.prestataires.keys()) expect(options, id).toContain(id);
    expect(html.includes('au prorata de ce que vous facturez'), 'la part attendue est dans la page').toBe(false);
    expect(html.includes('"missions":"/communs-reciprocite/declarer/missions/"'), 'l’adresse des fichiers de missions').toBe(true);
  });
});
