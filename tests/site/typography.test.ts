// French typography (src/site/typography.ts), the one function the site's pages go
// through (src/middleware.ts) and the exports use: the spaces it makes no-break, what it
// leaves alone, and the built pages it was run over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { frenchTypography, typesetHtml } from '../../src/site/typography.ts';
import { SAMPLE_DIR } from '../helpers.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('la typographie française', () => {
  test('une espace fine insécable avant ; : ! ? et à l’intérieur des guillemets', () => {
    expect(frenchTypography('Réciprocité : à jour ; et alors ? Oui !')).toBe(`Réciprocité${NNBSP}: à jour${NNBSP}; et alors${NNBSP}? Oui${NNBSP}!`);
    expect(frenchTypography('« Démarche BCUS »')).toBe(`«${NNBSP}Démarche BCUS${NNBSP}»`);
    // Added inside guillemets when missing, never twice.
    expect(frenchTypography('«BCUS»')).toBe(`«${NNBSP}BCUS${NNBSP}»`);
  });

  test('une espace insécable dans les montants, les heures, les pourcentages et les dates', () => {
    expect(frenchTypography('12 € et 4 h, 67 %')).toBe(`12${NBSP}€ et 4${NBSP}h, 67${NBSP}%`);
    expect(frenchTypography('le 29 novembre 2026, le 1er janvier')).toBe(`le 29${NBSP}novembre 2026, le 1er${NBSP}janvier`);
    // « 4 heures » is not an hour unit, « 2 hivers » neither.
    expect(frenchTypography('2 hivers')).toBe('2 hivers');
  });

  test('n’ajoute aucune espace là où il n’y en a pas : adresses, heures, code', () => {
    for (const text of ['https://exemple.org/a:b', '16:00', 'clé: valeur', 'Note!']) expect(frenchTypography(text)).toBe(text);
  });

  test('deux passages ne changent rien de plus', () => {
    const once = frenchTypography('« Agathe » : 1 300 € le 8 septembre 2026 !');
    expect(frenchTypography(once)).toBe(once);
  });

  test('dans une page, le texte et ce qui se lit : ni les balises, ni les autres attributs, ni le code', () => {
    const html = '<p title="a : b" data-x="c : d">Réciprocité : <a href="/x?a=1 : 2">à jour</a></p><img alt="Situation au 2 mai : « à jour »" src="b.svg"><pre>clé : valeur</pre><code>a : b</code><script>const a = "x : y";</script><!-- c : d -->';
    expect(typesetHtml(html)).toBe(
      `<p title="a${NNBSP}: b" data-x="c : d">Réciprocité${NNBSP}: <a href="/x?a=1 : 2">à jour</a></p><img alt="Situation au 2${NBSP}mai${NNBSP}: «${NNBSP}à jour${NNBSP}»" src="b.svg"><pre>clé : valeur</pre><code>a : b</code><script>const a = "x : y";</script><!-- c : d -->`,
    );
    // A « > » inside a quoted attribute does not end the tag.
    expect(typesetHtml('<a title="x > y : z">Oui ?</a>')).toBe(`<a title="x > y${NNBSP}: z">Oui${NNBSP}?</a>`);
    // A page's description, not the other <meta>; an attribute inside code stays as written.
    expect(typesetHtml('<meta name="description" content="Qui rend quoi : le registre"><meta name="x" content="a : b"><code><img alt="a : b"></code>')).toBe(
      `<meta name="description" content="Qui rend quoi${NNBSP}: le registre"><meta name="x" content="a : b"><code><img alt="a : b"></code>`,
    );
  });
});

describe(`les pages construites (${SAMPLE_DIR}/, 2026-11-29)`, () => {
  const page = (path: string) => readFileSync(join(inject('siteDir'), path, 'index.html'), 'utf8');

  test('aucune espace ordinaire avant « : » ni à l’intérieur des guillemets dans le texte d’une fiche', () => {
    const html = page('prestataires/agathe-morel');
    const text = html.replace(/<(script|style|pre|code)[\s\S]*?<\/\1>/g, '').replace(/<[^>]*>/g, '');
    expect(text).not.toMatch(/ [;:!?](?:\s|$)/);
    expect(text).not.toMatch(/« | »/);
    expect(text).toContain(`Situation au 29${NBSP}novembre 2026`);
  });
});
