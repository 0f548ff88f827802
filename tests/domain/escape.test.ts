// What a contributor wrote, quoted by the bot or a job summary on GitHub: it reads the
// same, but mentions nobody, links to no issue and becomes no link (github/markup#1168:
// a backslash does not stop a mention; a zero-width space does).
import { describe, expect, it } from 'vitest';
import { inert } from '../../src/domain/registry/escape.ts';

const Z = '\u200B';

describe('inert', () => {
  it.each([
    ['Karim @torvalds', `Karim @${Z}torvalds`],
    ['@orga/tout-le-monde', `@${Z}orga/tout-le-monde`],
    ['karim@exemple.org', `karim@${Z}exemple.org`],
    ['voir #12 et org/depot#3', `voir #${Z}12 et org/depot#${Z}3`],
    ['GH-12', `GH-${Z}12`],
    ['https://evil.example/payer', `https:${Z}//evil.example/payer`],
    ['www.evil.example', `www${Z}.evil.example`],
  ])('« %s » reste lisible, sans mention, référence ni lien', (text, expected) => {
    expect(inert(text)).toBe(expected);
    expect(inert(text).replaceAll(Z, '')).toBe(text);
  });

  it('un texte sans rien de tout cela est rendu tel quel', () => {
    expect(inert('Café & co : 12 € le 3 mars, C# et « @ » seul')).toBe('Café & co : 12 € le 3 mars, C# et « @ » seul');
  });
});
