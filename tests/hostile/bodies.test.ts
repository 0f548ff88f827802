// Property: whatever Markdown body a pull request writes, built from the pieces that make
// the renderer slow or crash (quote and list markers, emphasis markers, brackets, « < »,
// reference definitions, fences, indentation), `validate` answers within a budget; the
// bodies it accepts render, with the site's own pipeline, within that same budget per
// body and into HTML bounded by the size of the body; those it refuses are refused at a
// line of the body. Unbounded, the same pieces took from 10 s to 110 s for one body.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, checkBody } from '../../src/domain/registry/markdown.ts';
import { renderMarkdown } from '../../src/site/markdown.ts';

/** A hang guard per body, not a performance target: an accepted body renders in tens of milliseconds. */
const BODY_BUDGET_MS = 2_000;
const RUNS = Math.min(Number(process.env.HOSTILE_RUNS ?? 100), 100);

const PIECES = [
  '>', '> ', '- ', '* ', '1. ', '  ', '    ', '\t', '\n', '\n\n', ' ', 'a', 'mot ',
  '*', '_', '~', '**', '__', '[', ']', '(', ')', '](', '![', '<', '<a ', '>', '&amp;', '`', '```\n', '~~~\n',
  '[r]: https://exemple.org/une-adresse-un-peu-longue\n', '[r]', '[r][r]', 'https://exemple.org ',
];

const body = fc
  .array(fc.record({ piece: fc.constantFrom(...PIECES), times: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3_000 })) }), {
    minLength: 1,
    maxLength: 24,
  })
  .map((parts) => parts.map(({ piece, times }) => piece.repeat(times)).join('').slice(0, BODY_LIMITS.chars + 2_000));

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
}

describe('textes Markdown pathologiques (propriété)', () => {
  it('refusés à une ligne du texte, ou rendus dans le budget et en HTML borné', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(body, (text) => {
        const [problem, checking] = timed(() => checkBody(text, true));
        expect(checking, 'vérification trop lente').toBeLessThan(BODY_BUDGET_MS);
        if (problem) {
          seen.refused++;
          expect(problem.at.line).toBeGreaterThanOrEqual(1);
          expect(problem.at.line).toBeLessThanOrEqual(text.split('\n').length);
          return;
        }
        seen.accepted++;
        const [html, rendering] = timed(() => renderMarkdown(text));
        expect(rendering, 'rendu trop lent').toBeLessThan(BODY_BUDGET_MS);
        expect(html.length).toBeLessThanOrEqual(BODY_LIMITS.growth * text.length + BODY_LIMITS.slack);
      }),
      { numRuns: RUNS },
    );
    // A generator that never passes the scan, or never fails it, tests less than it says.
    expect(seen.accepted, 'aucun texte accepté').toBeGreaterThan(0);
    expect(seen.refused, 'aucun texte refusé').toBeGreaterThan(0);
  }, 300_000);
});
