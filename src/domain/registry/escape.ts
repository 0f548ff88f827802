// What a pull request writes (file names, values, lines) reaches terminals, GitHub
// annotations and job summaries through our messages. Characters that move the cursor,
// end a line or reorder the text would let it forge or hide a message: they are shown
// as escapes instead (« \n », « \r », « \u001B »).
// C0 and C1 controls, DEL, line and paragraph separators, bidi controls.
const INVISIBLE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with every control character written as a visible escape. Idempotent. */
export function visible(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** « U+200B »: how a character that cannot be seen is named in a message. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

const ZERO_WIDTH_SPACE = '\u200B';

/**
 * The text, unchanged to the eye, but inert in GitHub's Markdown (issues, comments, pull
 * requests, job summaries): GitHub turns « @name » and « @org/team » into a mention (a
 * notification), « #12 » and « GH-12 » into a link to an issue, and bare addresses into
 * links, even after a backslash (github/markup#1168, github/cmark-gfm#181). A zero-width
 * space after « @ », « # » and « GH- », and inside « :// » and « www. », keeps each of
 * them plain text. Only for what we write to the forge: never applied to the data.
 */
export function inert(text: string): string {
  return text
    .replace(/[@#](?=[\p{L}\p{N}_-])/gu, (c) => `${c}${ZERO_WIDTH_SPACE}`)
    .replace(/\bGH-(?=\d)/gi, (c) => `${c}${ZERO_WIDTH_SPACE}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, (c) => `${c.slice(0, 3)}${ZERO_WIDTH_SPACE}.`);
}
