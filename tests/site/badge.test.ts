// The embeddable badge of each provider: well-formed, escaped, accessible SVG whose
// label and colour follow the situation of the figures document (both facets and the date).
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { frenchDate } from '../../src/domain/registry/dates.ts';
import { badgeSvg, SITUATION_COLOURS, situationBadge } from '../../src/site/badge.ts';
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
    const svg = svgOf(badgeSvg({ label: 'Réciprocité au 15 juillet 2025', message: 'à jour · adhérent', color: SITUATION_COLOURS.a_jour }));
    expect(svg.role).toBe('img');
    expect(svg['aria-label']).toBe('Réciprocité au 15 juillet 2025: à jour · adhérent');
    expect(svg.title).toBe('Réciprocité au 15 juillet 2025: à jour · adhérent');
  });

  it('gives every tone a different colour', () => {
    expect(new Set(Object.values(SITUATION_COLOURS)).size).toBe(Object.keys(SITUATION_COLOURS).length);
  });
});

describe('badges of the fixture providers: both facets, the consequence and the date', () => {
  // tests/fixtures/base: alice-conseil declared mission-terminee on 2025-07-05, bruno-coop
  // has until 2025-07-30, is late until 2025-09-28, then défaillant; claire-asso has no
  // mission. Memberships end 2025-12-31; out of the circle 90 days later (2026-04-01).
  const badgeOn = (date: string, id: string) => {
    const { registry } = loadRegistry(join(FIXTURES, 'base'), { date });
    return situationBadge(computeFigures(registry, date).prestataires.find((p) => p.id === id)!.situation);
  };

  it.each([
    [FIXTURE_DATE, 'alice-conseil', 'déclarations à jour', 'a_jour'],
    [FIXTURE_DATE, 'claire-asso', 'rien à déclarer pour l’instant', 'rien_du'],
    [FIXTURE_DATE, 'bruno-coop', 'déclaration à faire', 'attention'],
    ['2025-08-15', 'bruno-coop', 'déclaration en retard', 'en_retard'],
    ['2025-10-01', 'bruno-coop', 'hors du cercle : déclaration manquante', 'hors_cercle'],
    // everything declared, membership lapsed on 2025-12-31 (the fixture's rules of 2024-01-01: 90 days
    // of grace counted from the lapse): never shown like a provider who did not declare
    ['2026-02-01', 'alice-conseil', 'adhésion à prendre ou à renouveler', 'attention'],
    ['2026-04-01', 'alice-conseil', 'hors du cercle : adhésion manquante', 'hors_cercle'],
  ] as const)('on %s, %s reads « %s »', (date, id, message, tone) => {
    const badge = badgeOn(date, id);
    expect(badge.message).toBe(message);
    expect(badge.color).toBe(SITUATION_COLOURS[tone]);
    const svg = svgOf(badgeSvg(badge));
    expect(svg.title).toBe(`Situation au ${frenchDate(date)}: ${message}`);
    expect(badgeSvg(badge)).toContain(`fill="${SITUATION_COLOURS[tone]}"`);
  });
});
