// The embeddable badge of each provider: well-formed, escaped, accessible SVG whose
// label and colour follow the standing of the figures document.
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/domain/figures.ts';
import { loadRegistry } from '../../src/domain/load.ts';
import type { Standing } from '../../src/domain/rules.ts';
import { badgeSvg, STANDING_COLOURS, standingBadge } from '../../src/site/badge.ts';
import { FIXTURE_DATE, FIXTURES } from '../helpers.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

/** The root <svg> element, after checking the text is well-formed XML. */
function svgOf(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text).svg;
}

describe('badge SVG', () => {
  it('escapes hostile text and stays well-formed', () => {
    const text = badgeSvg({ label: 'Nom <script>&"x', message: "<script>alert('&')</script>", color: '#0b6e4f' });
    expect(text).not.toContain('<script');
    expect(text).toContain('&lt;script&gt;');
    const svg = svgOf(text);
    // The parser decodes the entities back: the text reads as written.
    expect(svg.title).toBe(`Nom <script>&"x: <script>alert('&')</script>`);
    expect(svg['aria-label']).toBe(svg.title);
  });

  it('is accessible: role="img", an aria-label and a <title>', () => {
    const svg = svgOf(badgeSvg(standingBadge('a_jour')));
    expect(svg.role).toBe('img');
    expect(svg['aria-label']).toBe('Réciprocité: à jour');
    expect(svg.title).toBe('Réciprocité: à jour');
  });

  it.each<[Standing, string]>([
    ['a_jour', 'à jour'],
    ['a_declarer', 'déclaration à faire'],
    ['en_retard', 'en retard'],
    ['hors_cercle', 'hors du cercle'],
  ])('%s reads « %s » on its own colour', (statut, message) => {
    expect(standingBadge(statut)).toEqual({ label: 'Réciprocité', message, color: STANDING_COLOURS[statut] });
    const text = badgeSvg(standingBadge(statut));
    expect(text).toContain(`fill="${STANDING_COLOURS[statut]}"`);
    expect(svgOf(text).title).toBe(`Réciprocité: ${message}`);
  });

  it('gives every standing a different colour', () => {
    expect(new Set(Object.values(STANDING_COLOURS)).size).toBe(4);
  });
});

describe('badges of the fixture providers', () => {
  // tests/fixtures/base on 2025-07-15: alice-conseil declared mission-terminee,
  // bruno-coop has until 2025-07-30; on 2025-08-15 he is late, after 2025-09-28 out.
  const standingOn = (date: string, id: string) => {
    const { registry } = loadRegistry(join(FIXTURES, 'base'), { date });
    return computeFigures(registry, date).prestataires.find((p) => p.id === id)!.situation.statut;
  };

  it.each([
    [FIXTURE_DATE, 'alice-conseil', 'à jour'],
    [FIXTURE_DATE, 'bruno-coop', 'déclaration à faire'],
    ['2025-08-15', 'bruno-coop', 'en retard'],
    ['2025-10-01', 'bruno-coop', 'hors du cercle'],
  ])('on %s, %s reads « %s »', (date, id, message) => {
    expect(svgOf(badgeSvg(standingBadge(standingOn(date, id)))).title).toBe(`Réciprocité: ${message}`);
  });
});
