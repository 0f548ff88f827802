// How figures read in French, on the functions and on every page of the built sample site.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { count, euros } from '../../src/site/format.ts';
import { ruleHref } from '../../src/site/rule-link.ts';
import { SAMPLE, SAMPLE_DATE, walk } from '../helpers.ts';

const NBSP = '\u00a0';

describe('euros', () => {
  test.each([
    [1987.5, `1${NBSP}987,50${NBSP}€`],
    [1987, `1${NBSP}987${NBSP}€`],
    [35.69, `35,69${NBSP}€`],
    [0, `0${NBSP}€`],
    // 0.1 + 0.2 = 0.30000000000000004: rounded to the cent first.
    [0.1 + 0.2, `0,30${NBSP}€`],
    [100.004, `100${NBSP}€`],
    [23400, `23${NBSP}400${NBSP}€`],
  ])('%s -> %s', (n, text) => expect(euros(n)).toBe(text));
});

describe('pluriels', () => {
  test.each([
    [0, 'mission', `0${NBSP}mission`],
    [1, 'mission', `1${NBSP}mission`],
    [2, 'mission', `2${NBSP}missions`],
    [1.5, 'heure', `1,5${NBSP}heure`],
    [12, 'modification', `12${NBSP}modifications`],
  ])('%s %s -> %s', (n, word, text) => expect(count(n, word)).toBe(text));
});

describe('liens vers les règles', () => {
  test('chaque règle citée par les chiffres de l’exemple a son ancre dans la page /regles/ construite', () => {
    const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
    const ids = new Set(JSON.stringify(computeFigures(registry, SAMPLE_DATE)).match(/\d{4}-\d{2}-\d{2}#[a-z_.]+/g));
    expect(ids.size).toBeGreaterThan(3);
    const page = readFileSync(join(inject('siteDir'), 'regles', 'index.html'), 'utf8');
    for (const id of ids) expect(page, id).toContain(`id="${ruleHref(id).split('#')[1]}"`);
  });
});

describe('sur les pages construites', () => {
  const pages = () => walk(inject('siteDir')).filter((f) => f.endsWith('.html') && !f.includes('/pagefind/'));

  test('aucun « (s) » ni montant à une seule décimale, ni « ,00 € » dans les calculs', () => {
    const found = pages().flatMap((file) => {
      // The text a reader sees: scripts and styles aside (minified code has « s(s) »).
      // « Comment c'est calculé » included: a whole amount reads « 80 € », never « 80,00 € ».
      const text = readFileSync(file, 'utf8').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '');
      const explanations = [...text.matchAll(/<section class="explanation"[\s\S]*?<\/section>/g)].map((m) => m[0]).join('\n');
      const wholeWithCents = [...explanations.matchAll(/.{0,30}\d,00(\s|&nbsp;)€.{0,10}/g)];
      return [...text.matchAll(/.{0,30}(\w\(s\)|\d,\d(\s|&nbsp;)€).{0,10}/g), ...wholeWithCents].map((m) => `${relative(inject('siteDir'), file)} : ${m[0]}`);
    });
    expect(found).toEqual([]);
  });
});

describe('la page d’un appel', () => {
  // content/missions/diagnostic-foncier-portes-du-therain-2027.md: an open call, budget
  // 15 000 €, no team yet. Rules 2024-04-01: 1 % × 5 000 + 2 % × 10 000 = 50 + 200 = 250 €.
  const text = () =>
    readFileSync(join(inject('siteDir'), 'missions', 'diagnostic-foncier-portes-du-therain-2027', 'index.html'), 'utf8')
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ');

  test('dit que rien n’est encore attendu, et ce que l’équipe devra si la mission se fait', () => {
    expect(text()).toContain('Rien n’est encore attendu : c’est un appel, sans équipe. Si la mission se fait, l’équipe devra 250 € de réciprocité en tout');
    expect(text()).not.toContain('Réciprocité attendue pour la mission');
    // No fees to compare the budget with, no « écart non expliqué » of the whole budget.
    expect(text()).toContain('15 000 € annoncé ; pas encore d’équipe');
    expect(text()).not.toContain('écart non expliqué');
    expect(text()).toContain('Portage Un membre. ');
  });
});
