// funding.json for each commons (issue 23, point 2), validated against the funding.json
// v1.1.0 schema, vendored in tests/fixtures/funding-json/ (its README says from where).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, inject, test } from 'vitest';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { fundingManifest, fundingPath, noManifestReason } from '../../src/site/funding.ts';
import { FIXTURES, SAMPLE, SAMPLE_DATE } from '../helpers.ts';

const schema = JSON.parse(readFileSync(join(FIXTURES, 'funding-json', 'v1.1.0.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const figures = computeFigures(registry, SAMPLE_DATE);
const communs = [...registry.communs.values()].map((e) => e.data);
const figuresOf = (id: string) => figures.communs.find((c) => c.id === id)!;
const site = () => inject('siteDir');

describe('funding.json', () => {
  test('le schéma v1.1.0 refuse bien un manifeste sans contact ni canal', () => {
    expect(validate({ entity: { type: 'group', role: 'steward', name: 'x', description: 'x', webpageUrl: { url: 'https://x.org' } }, funding: {} })).toBe(false);
  });

  test.each(communs.map((c) => [c.id, c] as const))('%s : avec un contact, son manifeste est valide selon le schéma v1.1.0', (_, c) => {
    // Each commons of the sample as it is written, with a contact given here only (never published).
    const withContact = { ...c, fermeture: undefined, contribution_argent: { ...c.contribution_argent, accepte: true }, manifeste_financement: { type_entite: 'groupe' as const, courriel: 'contact@exemple.org' } };
    const manifest = fundingManifest(withContact, figuresOf(c.id), SAMPLE_DATE);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  test('publié seulement pour un commun qui accepte de l’argent et donne un contact ; chacun est valide, lié depuis sa page et depuis /donnees/', () => {
    const published = communs.filter((c) => noManifestReason(c, SAMPLE_DATE) === null);
    expect(published.map((c) => c.id)).toEqual(['boite-a-outils-gouvernance']);
    const donnees = readFileSync(join(site(), 'donnees/index.html'), 'utf8');
    for (const c of communs) {
      const file = join(site(), fundingPath(c.id).slice(1));
      const page = readFileSync(join(site(), 'communs', c.id, 'index.html'), 'utf8');
      if (!published.includes(c)) {
        expect(existsSync(file), c.id).toBe(false);
        if (c.contribution_argent.accepte) expect(page).toContain('Pas de manifeste funding.json pour les financeurs');
        continue;
      }
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
      expect(page).toMatch(new RegExp(`href="[^"]*${fundingPath(c.id)}"`));
      expect(donnees).toMatch(new RegExp(`href="[^"]*${fundingPath(c.id)}"`));
      expect(manifest.entity).toMatchObject({ type: 'group', role: 'steward', email: c.manifeste_financement!.courriel });
      expect(manifest.funding.channels[0]).toMatchObject({ type: 'payment-provider', address: c.contribution_argent.url });
      expect(manifest.funding.plans[0]).toMatchObject({ amount: 0, currency: 'EUR', channels: [manifest.funding.channels[0].guid] });
      // History: what the commons confirmed receiving, year by year, as on its page.
      expect(manifest.funding.history ?? []).toEqual(
        figuresOf(c.id).argent_par_annee.filter((y) => y.confirme_eur > 0).map((y) => expect.objectContaining({ year: y.annee, income: y.confirme_eur, currency: 'EUR' })),
      );
    }
  });
});
