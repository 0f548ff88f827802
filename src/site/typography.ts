// French typography, in one place for the whole site (src/middleware.ts runs it over every
// page) and its exports: a narrow no-break space before ; : ! ? and inside « », a no-break
// space in amounts, hours and percentages and between a day and its month, so that a line
// never starts with « : », « » » or « € », nor splits « 29 / novembre ». It only turns the spaces
// that are there into no-break ones and adds the space inside « » that French wants; it
// never touches code, addresses or anything else (no space is added before a colon).

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const MONTHS = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
const DAY_MONTH = new RegExp(`(?<![\\p{L}\\p{N}])(1er|\\d{1,2}) (${MONTHS})(?: (\\d{4}))?(?![\\p{L}])`, 'gu');

/** A French text set as French typography wants it. Idempotent: setting it twice changes nothing. */
export function frenchTypography(text: string): string {
  // Each rule needs one of these characters: a text without any (most of a page's text
  // nodes: spaces between tags, plain words) is already as French wants it.
  if (!/[;:!?«»\d]/.test(text)) return text;
  return text
    // « Réciprocité : à jour », « Pourquoi ? »: the space before high punctuation does not break.
    .replace(/[ \u00a0](?=[;:!?])/g, NNBSP)
    // « guillemets »: a narrow no-break space inside, added when missing.
    .replace(/«[ \u00a0\u202f]?/g, `«${NNBSP}`)
    .replace(/[ \u00a0\u202f]?»/g, `${NNBSP}»`)
    // 1 300 €, 4 h, 67 %: the number keeps its unit (digit groups already use no-break spaces).
    .replace(/(\d) (?=(?:€|%|h)(?![\p{L}\p{N}]))/gu, `$1${NBSP}`)
    // 1er janvier, 29 novembre: the day never leaves its month. The year may go to the next
    // line: « 10 juillet 2026 » in one piece would not fit a phone's narrow card, and
    // would be cut inside a word there.
    .replace(DAY_MONTH, (_all, day: string, month: string, year?: string) => `${day}${NBSP}${month}${year ? ` ${year}` : ''}`);
}

/** Elements whose text is code or data, left as written. */
const VERBATIM = new Set(['script', 'style', 'pre', 'code', 'textarea', 'kbd', 'samp']);

/**
 * Applies frenchTypography to the text of an HTML page and to its text attributes (alt,
 * title, aria-label, the description in <meta>), not to the other attributes, comments,
 * nor to the content of script, style, pre, code, textarea, kbd and samp. The page is the
 * HTML Astro writes: attribute values quoted, so a « > » inside one does not end its tag.
 */
export function typesetHtml(html: string): string {
  // Only the pieces that change are copied: most of a page (tags, spaces between them, plain
  // words) is already as French wants it, and a page can weigh 100 kB.
  const pieces: string[] = [];
  let copied = 0;
  const replace = (from: number, to: number, original: string, set: string) => {
    if (set === original) return;
    pieces.push(html.slice(copied, from), set);
    copied = to;
  };
  let i = 0;
  let verbatim: string | null = null;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const stop = lt === -1 ? html.length : lt;
    if (!verbatim && stop > i) {
      const text = html.slice(i, stop);
      replace(i, stop, text, frenchTypography(text));
    }
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    const end = tagEnd(html, lt);
    const tag = html.slice(lt, end);
    if (!verbatim) replace(lt, end, tag, typesetAttributes(tag));
    i = end;
    const name = /^<(\/?)([a-zA-Z][\w-]*)/.exec(tag);
    if (!name) continue;
    const element = name[2].toLowerCase();
    if (verbatim) {
      if (name[1] === '/' && element === verbatim) verbatim = null;
    } else if (name[1] !== '/' && VERBATIM.has(element) && !tag.endsWith('/>')) {
      verbatim = element;
    }
  }
  if (pieces.length === 0) return html;
  pieces.push(html.slice(copied));
  return pieces.join('');
}

/** Attributes read as French text: what a screen reader says, a tooltip, a page's description. */
const TEXT_ATTRIBUTES = /(\s(?:alt|title|aria-label|aria-description|placeholder)=")([^"]*)(")/g;
const TEXT_ATTRIBUTE_NAMES = /\s(?:alt|title|aria-label|aria-description|placeholder)="/;
const META_TEXT = /^<meta\s[^>]*(?:name="description"|property="og:(?:title|description)"|name="twitter:(?:title|description)")/;

/** A tag with its text attributes set in French typography; the others (addresses, code) as written. */
function typesetAttributes(tag: string): string {
  if (!TEXT_ATTRIBUTE_NAMES.test(tag) && !tag.startsWith('<meta')) return tag;
  let out = tag.replace(TEXT_ATTRIBUTES, (_all, start: string, value: string, end: string) => `${start}${frenchTypography(value)}${end}`);
  if (META_TEXT.test(out)) out = out.replace(/(\scontent=")([^"]*)(")/, (_all, start: string, value: string, end: string) => `${start}${frenchTypography(value)}${end}`);
  return out;
}

/** The index just after the « > » closing the tag that opens at `start`, quotes respected. */
function tagEnd(html: string, start: number): number {
  // Most tags hold no quote before their first « > »: that « > » ends them.
  const close = html.indexOf('>', start + 1);
  if (close !== -1) {
    const quoteAt = html.slice(start + 1, close).search(/["']/);
    if (quoteAt === -1) return close + 1;
  }
  let quote: string | null = null;
  for (let j = start + 1; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j + 1;
    }
  }
  return html.length;
}
