// The characters of a Markdown body, checked as those of a name already are (schemas/
// shared.ts): no control character (tabs and line ends aside), no bidi control that would
// make the text read otherwise than it is written, no invisible character (Unicode tags
// hide a whole text, « ASCII smuggling »), and accented letters written as one character
// (NFC), so that the same text to the eye is the same text for the search and exports.
import { firstInvisible } from '../../../schemas/shared.ts';
import { codePoint } from './escape.ts';
import type { Params, Position } from './problems.ts';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]|\r(?!\n)/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** A letter followed by combining marks that NFC would write as fewer characters. */
const DECOMPOSED = /\P{M}\p{M}+/gu;

/** Line and column (from 1) of an index in the body. */
function positionOf(body: string, index: number): Position {
  const before = body.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** The first character a body may not hold, with what it is in French; null when there is none. */
export function bodyCharacterProblem(body: string): { params: Params; at: Position } | null {
  const found: Array<{ index: number; detail: string }> = [];
  const control = CONTROL.exec(body);
  if (control) found.push({ index: control.index, detail: `un caractère de contrôle (${codePoint(control[0])})` });
  const bidi = BIDI.exec(body);
  if (bidi) found.push({ index: bidi.index, detail: `un caractère qui inverse le sens du texte (${codePoint(bidi[0])})` });
  const invisible = firstInvisible(body);
  if (invisible) found.push({ index: body.indexOf(invisible), detail: `un caractère invisible (${codePoint(invisible)})` });
  if (body !== body.normalize('NFC')) {
    for (const m of body.matchAll(DECOMPOSED)) {
      if (m[0].normalize('NFC') !== m[0]) {
        found.push({ index: m.index, detail: `une lettre accentuée écrite en deux caractères (« ${m[0].normalize('NFC')} » : une lettre, puis un accent qui s’y combine)` });
        break;
      }
    }
  }
  const first = found.sort((a, b) => a.index - b.index)[0];
  return first ? { params: { detail: first.detail }, at: positionOf(body, first.index) } : null;
}
