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
import { bodyCharacterProblem } from './body-characters.ts';
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
 * Where the linear scan is in a body and what it has counted: one per body, each step
 * of a line reads and updates it (no closure, no object per line).
 */
interface Scan {
  readonly body: string;
  // The current line: its number, its first character, its end (its « \n » or the body's end).
  line: number;
  start: number;
  end: number;
  // Past the line's prefix: the first character after it, its quote and list markers,
  // its columns of indentation.
  i: number;
  markers: number;
  blank: number;
  // Counted in the current paragraph.
  marks: number;
  brackets: number;
  angles: number;
  // Counted in the whole body.
  references: number;
  containers: number;
  inline: number;
  // Each use of a reference link writes its definition out again: at most this many uses
  // (every « [ ») times the longest definition.
  opens: number;
  longestDefinition: number;
  // Code of the fence character while inside a fenced block, else 0; and its length.
  fence: number;
  fenceLength: number;
  /** Whether the full pipeline must look. */
  suspect: boolean;
}

/**
 * The linear scan. Returns a problem, or whether the full pipeline must look
 * (`suspect`): a deep prefix can be indented code, a reference definition can be
 * repeated without end.
 */
export function scanBody(body: string): { problem: BodyProblem } | { problem: null; suspect: boolean } {
  if (body.length > BODY_LIMITS.chars) {
    return { problem: { code: 'corps_trop_long', params: { detail: `${body.length} caractères, au-delà de la limite de ${BODY_LIMITS.chars}` }, at: { line: 1, column: 1 } } };
  }
  const scan = startScan(body);
  while (scan.start <= body.length) {
    const end = body.indexOf('\n', scan.start);
    scan.end = end < 0 ? body.length : end;
    readPrefix(scan);
    if (scan.line > BODY_LIMITS.lines) {
      return { problem: refusal(scan, 'corps_trop_long', { detail: `plus de ${BODY_LIMITS.lines} lignes` }, scan.start) };
    }
    if (!isFencedCode(scan)) {
      const problem = lineProblem(scan);
      if (problem) return { problem };
    }
    scan.start = scan.end + 1;
    scan.line++;
  }
  const problem = growthProblem(scan);
  return problem ? { problem } : { problem: null, suspect: scan.suspect };
}

function startScan(body: string): Scan {
  return {
    body,
    line: 1,
    start: 0,
    end: 0,
    i: 0,
    markers: 0,
    blank: 0,
    marks: 0,
    brackets: 0,
    angles: 0,
    references: 0,
    containers: 0,
    inline: 0,
    opens: 0,
    longestDefinition: 0,
    fence: 0,
    fenceLength: 0,
    suspect: false,
  };
}

/** A problem at column `k` of the current line. */
function refusal(scan: Scan, code: Code, params: Params, k: number): BodyProblem {
  return { code, params, at: { line: scan.line, column: k - scan.start + 1 } };
}

/** Reads the line's leading container markers (« > », « - », « 1. ») and indentation. */
function readPrefix(scan: Scan): void {
  const { body, end } = scan;
  let i = scan.start;
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
  scan.i = i;
  scan.markers = markers;
  scan.blank = blank;
}

/**
 * Whether the line is fenced code, its fences included: shown as it is, up to its
 * closing fence (or the end of the body), nothing in it is parsed. Only at the top
 * level, where micromark agrees.
 */
function isFencedCode(scan: Scan): boolean {
  const { body, i } = scan;
  const c0 = body.charCodeAt(i);
  if (scan.markers === 0 && scan.blank < 4 && (c0 === BACKTICK || c0 === TILDE)) {
    let j = i;
    while (body.charCodeAt(j) === c0) j++;
    const run = j - i;
    if (scan.fence === 0 && run >= 3 && (c0 === TILDE || body.indexOf('`', j) < 0 || body.indexOf('`', j) >= scan.end)) {
      scan.fence = c0;
      scan.fenceLength = run;
      return true;
    }
    if (scan.fence === c0 && run >= scan.fenceLength) scan.fence = 0;
  }
  return scan.fence !== 0;
}

/** The limits one line of text (outside fenced code) can break: nesting, containers, definitions, inline symbols. */
function lineProblem(scan: Scan): BodyProblem | null {
  const { body, i, end, markers } = scan;
  // An upper bound of the nesting: a quote or list level opens with a marker on its
  // line, or continues with at least two columns of indentation.
  const depth = markers + (scan.blank >> 1);
  if (depth > BODY_LIMITS.depth * 4) return refusal(scan, 'corps_trop_imbrique', { limite: BODY_LIMITS.depth }, i);
  if (depth > BODY_LIMITS.depth) scan.suspect = true;
  scan.containers += markers;
  if (scan.containers > BODY_LIMITS.containers) {
    return refusal(scan, 'corps_trop_complexe', { detail: `plus de ${BODY_LIMITS.containers} marques de citation ou de liste (> - * + 1.) en début de ligne` }, i);
  }
  // Only a line of white space surely ends a paragraph (an empty « - » does not).
  if (markers === 0 && (i >= end || (i === end - 1 && body.charCodeAt(i) === CR))) {
    scan.marks = scan.brackets = scan.angles = 0;
    return null;
  }
  return definitionProblem(scan) ?? inlineProblem(scan);
}

/** A reference definition (« [nom]: adresse ») starting the line: counted, and the pipeline must look. */
function definitionProblem(scan: Scan): BodyProblem | null {
  const { body, i, end } = scan;
  if (body.charCodeAt(i) !== OPEN || scan.blank >= 4) return null;
  let close = i + 1;
  while (close < end && body.charCodeAt(close) !== CLOSE) close++;
  if (close > i + 1 && close < end && body.charCodeAt(close + 1) === COLON) {
    scan.suspect = true;
    scan.longestDefinition = Math.max(scan.longestDefinition, end - i);
    if (++scan.references > BODY_LIMITS.references) {
      return refusal(scan, 'corps_trop_complexe', { detail: `plus de ${BODY_LIMITS.references} définitions de liens (« [nom]: adresse »)` }, i);
    }
  }
  return null;
}

/** The emphasis markers, brackets and « < » of the line, counted in its paragraph and in the body. */
function inlineProblem(scan: Scan): BodyProblem | null {
  const { body, end } = scan;
  for (let k = scan.i; k < end; k++) {
    const c = body.charCodeAt(k);
    if ((c === STAR || c === UNDERSCORE || c === TILDE || c === OPEN || c === CLOSE || c === LT) && ++scan.inline > BODY_LIMITS.inline) {
      return refusal(scan, 'corps_trop_complexe', { detail: `plus de ${BODY_LIMITS.inline} symboles de mise en forme (* _ ~ [ ] <) dans un même texte` }, k);
    }
    switch (c) {
      case STAR:
      case UNDERSCORE:
      case TILDE:
        if (++scan.marks > BODY_LIMITS.marks) return refusal(scan, 'corps_trop_complexe', { detail: perParagraph(BODY_LIMITS.marks, 'marques d’emphase (* _ ~)') }, k);
        break;
      case OPEN:
        scan.opens++;
      // falls through
      case CLOSE:
        if (++scan.brackets > BODY_LIMITS.brackets) return refusal(scan, 'corps_trop_complexe', { detail: perParagraph(BODY_LIMITS.brackets, 'crochets ([ ])') }, k);
        break;
      case LT:
        if (++scan.angles > BODY_LIMITS.angles) return refusal(scan, 'corps_trop_complexe', { detail: perParagraph(BODY_LIMITS.angles, 'chevrons (<)') }, k);
        break;
    }
  }
  return null;
}

/** Reference links used many times: what they would write out, against what the body allows. */
function growthProblem(scan: Scan): BodyProblem | null {
  const { body } = scan;
  const allowed = BODY_LIMITS.growth * body.length + BODY_LIMITS.slack;
  if (scan.references > 0 && scan.opens * scan.longestDefinition > allowed) {
    const detail = `des liens par référence répétés : une fois affiché, il pourrait faire ${scan.opens * scan.longestDefinition} caractères pour ${body.length} écrits`;
    return { code: 'corps_trop_complexe', params: { detail }, at: { line: 1, column: 1 } };
  }
  return null;
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
  const characters = bodyCharacterProblem(body);
  if (characters) return { code: 'corps_caracteres', ...characters };
  const scan = scanBody(body);
  if (scan.problem) return scan.problem;
  return scan.suspect || render ? renderChecked(body) : null;
}
