// Markdown bodies are untrusted input. The site renders them with this one pipeline
// (src/site/markdown.ts re-exports it), and `validate` checks them with the same parser,
// so that a body the build would choke on is refused before it is merged.
//
// Measured with micromark (remark-parse 11), what makes rendering slow or crash:
// - nested block quotes and lists: 1,000 levels take about a second, 4,000 throw a
//   RangeError (the call stack);
// - many quotes and lists one after the other: each one closed costs in proportion to
//   what came before (4,000 « > a » paragraphs: 49 s); and every block costs about
//   0.3 ms, so 16,000 one-letter paragraphs (48 KB) take 5 s;
// - many emphasis markers, brackets or `<` in one paragraph: delimiters are matched
//   pairwise, so a paragraph of 16,000 « a* » takes 10 s (quadratic);
// - reference definitions: about a millisecond each, and one long link used thousands of
//   times by reference turns 58 KB of text into 80 MB of HTML.
// Bounded per paragraph, each paragraph costs a bounded time, so a body costs time in
// proportion to its length. A linear scan of every body decides; the full pipeline runs
// only where the scan cannot tell (a deep prefix that may be indented code, reference
// links), or for every body when asked (`validate --render`).
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Code } from './codes.ts';
import type { Params, Position } from './problems.ts';

const schema = {
  ...defaultSchema,
  // No data-* attributes (they would drive Pagefind or scripts), no ids that clash.
  attributes: { ...defaultSchema.attributes, '*': (defaultSchema.attributes?.['*'] ?? []).filter((a) => a !== 'data*') },
  // Links limited to http, https and mailto; no raw HTML (allowDangerousHtml: false).
  protocols: { href: ['http', 'https', 'mailto'], src: ['https'], cite: ['http', 'https'] },
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !['input', 'img'].includes(t)),
};

const processor = unified()
  .use(remarkParse)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, schema)
  .use(rehypeStringify);

export function renderMarkdown(source: string): string {
  return String(processor.processSync(source));
}

export const BODY_LIMITS = {
  /** Characters in a body (the file itself is at most 256 KB; the sample's longest body has 710). */
  chars: 20_000,
  /** Lines in a body. */
  lines: 1_000,
  /** Block quotes and lists inside one another. */
  depth: 8,
  /** Quote and list markers (> - * + 1.) at the start of lines, in one body. */
  containers: 256,
  /** Emphasis markers (* _ ~) in one paragraph. */
  marks: 64,
  /** Square brackets in one paragraph. */
  brackets: 64,
  /** « < » in one paragraph. */
  angles: 64,
  /** All of these (* _ ~ [ ] <) in one body: each costs about 0.1 ms to render. */
  inline: 2_000,
  /** Reference definitions ([nom]: adresse) in one body. */
  references: 50,
  /** The rendered HTML is at most this many times the body, plus `slack` characters. */
  growth: 20,
  slack: 10_000,
};

/** A body refused, with its position in the body (line 1 = first line of the body). */
export interface BodyProblem {
  code: Code;
  params: Params;
  at: Position;
}

const perParagraph = (count: number, what: string) => `plus de ${count} ${what} dans un même paragraphe`;

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;
const GT = 0x3e, STAR = 0x2a, UNDERSCORE = 0x5f, TILDE = 0x7e, OPEN = 0x5b, CLOSE = 0x5d, LT = 0x3c;
const DASH = 0x2d, PLUS = 0x2b, BACKTICK = 0x60, COLON = 0x3a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * The linear scan. Returns a problem, or whether the full pipeline must look
 * (`suspect`): a deep prefix can be indented code, a reference definition can be
 * repeated without end.
 */
export function scanBody(body: string): { problem: BodyProblem } | { problem: null; suspect: boolean } {
  if (body.length > BODY_LIMITS.chars) {
    return { problem: { code: 'corps_trop_long', params: { detail: `${body.length} caractères, au-delà de la limite de ${BODY_LIMITS.chars}` }, at: { line: 1, column: 1 } } };
  }
  let suspect = false;
  let line = 1;
  let marks = 0, brackets = 0, angles = 0, references = 0, containers = 0, inline = 0;
  // Each use of a reference link writes its definition out again: at most this many uses
  // (every « [ ») times the longest definition.
  let opens = 0, longestDefinition = 0;
  let fence = 0; // code of the fence character while inside a fenced block, else 0
  let fenceLength = 0;
  const refuse = (code: Code, params: Params, start: number, i: number) => ({ problem: { code, params, at: { line, column: i - start + 1 } } });
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    // Leading container markers (« > », « - », « 1. ») and indentation.
    let i = start;
    let markers = 0;
    let blank = 0;
    for (;;) {
      const c = body.charCodeAt(i);
      if (c === SPACE) blank++;
      else if (c === TAB) blank += 4;
      else if (c === GT) markers++;
      else if ((c === DASH || c === PLUS || c === STAR) && (body.charCodeAt(i + 1) === SPACE || body.charCodeAt(i + 1) === TAB)) markers++;
      else if (isDigit(c)) {
        let j = i;
        while (j < end && j - i < 9 && isDigit(body.charCodeAt(j))) j++;
        const after = body.charCodeAt(j);
        if ((after === 0x2e || after === 0x29) && (body.charCodeAt(j + 1) === SPACE || body.charCodeAt(j + 1) === TAB)) {
          markers++;
          i = j;
        } else break;
      } else break;
      i++;
    }
    if (line > BODY_LIMITS.lines) {
      return refuse('corps_trop_long', { detail: `plus de ${BODY_LIMITS.lines} lignes` }, start, start);
    }
    // An upper bound of the nesting: a quote or list level opens with a marker on its
    // line, or continues with at least two columns of indentation.
    const depth = markers + (blank >> 1);
    // Fenced code is shown as it is, up to its closing fence (or the end of the body):
    // nothing in it is parsed. Only at the top level, where micromark agrees.
    const c0 = body.charCodeAt(i);
    if (markers === 0 && blank < 4 && (c0 === BACKTICK || c0 === TILDE)) {
      let j = i;
      while (body.charCodeAt(j) === c0) j++;
      const run = j - i;
      if (fence === 0 && run >= 3 && (c0 === TILDE || body.indexOf('`', j) < 0 || body.indexOf('`', j) >= end)) {
        fence = c0;
        fenceLength = run;
        start = end + 1;
        line++;
        continue;
      }
      if (fence === c0 && run >= fenceLength) fence = 0;
    }
    if (fence !== 0) {
      start = end + 1;
      line++;
      continue;
    }
    if (depth > BODY_LIMITS.depth * 4) return refuse('corps_trop_imbrique', { limite: BODY_LIMITS.depth }, start, i);
    if (depth > BODY_LIMITS.depth) suspect = true;
    containers += markers;
    if (containers > BODY_LIMITS.containers) {
      return refuse('corps_trop_complexe', { detail: `plus de ${BODY_LIMITS.containers} marques de citation ou de liste (> - * + 1.) en début de ligne` }, start, i);
    }
    // Only a line of white space surely ends a paragraph (an empty « - » does not).
    if (markers === 0 && (i >= end || (i === end - 1 && body.charCodeAt(i) === CR))) {
      marks = brackets = angles = 0;
    } else {
      if (body.charCodeAt(i) === OPEN && blank < 4) {
        let close = i + 1;
        while (close < end && body.charCodeAt(close) !== CLOSE) close++;
        if (close > i + 1 && close < end && body.charCodeAt(close + 1) === COLON) {
          suspect = true;
          longestDefinition = Math.max(longestDefinition, end - i);
          if (++references > BODY_LIMITS.references) {
            return refuse('corps_trop_complexe', { detail: `plus de ${BODY_LIMITS.references} définitions de liens (« [nom]: adresse »)` }, start, i);
          }
        }
      }
      for (let k = i; k < end; k++) {
        const c = body.charCodeAt(k);
        if ((c === STAR || c === UNDERSCORE || c === TILDE || c === OPEN || c === CLOSE || c === LT) && ++inline > BODY_LIMITS.inline) {
          return refuse('corps_trop_complexe', { detail: `plus de ${BODY_LIMITS.inline} symboles de mise en forme (* _ ~ [ ] <) dans un même texte` }, start, k);
        }
        switch (c) {
          case STAR:
          case UNDERSCORE:
          case TILDE:
            if (++marks > BODY_LIMITS.marks) return refuse('corps_trop_complexe', { detail: perParagraph(BODY_LIMITS.marks, 'marques d’emphase (* _ ~)') }, start, k);
            break;
          case OPEN:
            opens++;
          // falls through
          case CLOSE:
            if (++brackets > BODY_LIMITS.brackets) return refuse('corps_trop_complexe', { detail: perParagraph(BODY_LIMITS.brackets, 'crochets ([ ])') }, start, k);
            break;
          case LT:
            if (++angles > BODY_LIMITS.angles) return refuse('corps_trop_complexe', { detail: perParagraph(BODY_LIMITS.angles, 'chevrons (<)') }, start, k);
            break;
        }
      }
    }
    start = end + 1;
    line++;
  }
  const allowed = BODY_LIMITS.growth * body.length + BODY_LIMITS.slack;
  if (references > 0 && opens * longestDefinition > allowed) {
    const detail = `des liens par référence répétés : une fois affiché, il pourrait faire ${opens * longestDefinition} caractères pour ${body.length} écrits`;
    return { problem: { code: 'corps_trop_complexe', params: { detail }, at: { line: 1, column: 1 } } };
  }
  return { problem: null, suspect };
}

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { line: number; column: number } };
}

/** The deepest nesting of block quotes and lists, and where it is. */
function deepest(tree: MdNode): { depth: number; at: Position } {
  let best = { depth: 0, at: { line: 1, column: 1 } };
  const stack: Array<[MdNode, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, outer] = stack.pop()!;
    const depth = outer + (node.type === 'blockquote' || node.type === 'list' ? 1 : 0);
    if (depth > best.depth) best = { depth, at: { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 } };
    for (const child of node.children ?? []) stack.push([child, depth]);
  }
  return best;
}

/** The full pipeline on one body (already scanned), with the limits it alone can see. */
export function renderChecked(body: string): BodyProblem | null {
  try {
    const tree = processor.parse(body) as MdNode;
    const { depth, at } = deepest(tree);
    if (depth > BODY_LIMITS.depth) return { code: 'corps_trop_imbrique', params: { limite: BODY_LIMITS.depth }, at };
    const html = processor.stringify(processor.runSync(tree as never) as never);
    // Guarded by the scan already; kept so that the bound holds whatever the scan misses.
    if (html.length > BODY_LIMITS.growth * body.length + BODY_LIMITS.slack) {
      return {
        code: 'corps_trop_complexe',
        params: { detail: `une fois affiché, il ferait ${html.length} caractères pour ${body.length} écrits (un lien par référence répété ?)` },
        at: { line: 1, column: 1 },
      };
    }
    return null;
  } catch (error) {
    return { code: 'corps_trop_complexe', params: { detail: `sa mise en page échoue (${(error as Error)?.name ?? 'erreur'})` }, at: { line: 1, column: 1 } };
  }
}

/** Every check of one body: the scan, then the pipeline where needed (or always, with `render`). */
export function checkBody(body: string, render = false): BodyProblem | null {
  const scan = scanBody(body);
  if (scan.problem) return scan.problem;
  return scan.suspect || render ? renderChecked(body) : null;
}
