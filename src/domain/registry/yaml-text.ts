// YAML text for plain data (maps, lists, strings, numbers, booleans), in block style, as
// the registry's files are written by hand: what npm run declare, the issue form and the
// /declarer/ form write for a declaration (contribution/declaration-text.ts), and where
// each key sits in it. Not a YAML library: the /declarer/ form runs in the browser, where
// one (yaml: 97 Ko minified to parse, 48 Ko to write; js-yaml: 44 Ko) would weigh more than
// the whole form may (issue 21: 100 Ko). It writes what the `yaml` package writes for the
// same data (tests/domain/yaml-text.test.ts compares them), quotes whatever a YAML 1.1 or
// 1.2 reader could take for something else, and js-yaml (the registry's parser) reads
// back exactly the data (same test, on any text).
import type { Path, Position, Positions } from './problem-parts.ts';

type Data = string | number | boolean | null | undefined | readonly Data[] | { readonly [key: string]: Data };

/** The text, and where each path of the data starts in it (the key, or the list item). */
export interface YamlText {
  text: string;
  positions: Positions;
}

/** Where a value starts, and where its children start. */
interface Spot {
  at: Position;
  children: Map<string | number, Spot>;
}

// A plain scalar cannot start with an indicator, hold « : » or « # » after a space, or end
// with a space or a colon (the `yaml` package's own test, stringifyString.js).
const UNSAFE_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
// What a reader could take for something other than a string: null, booleans, numbers,
// infinities (YAML 1.2 core); and what YAML 1.1 readers (PyYAML, js-yaml 3, gray-matter)
// take for booleans, dates, base-60 or underscored numbers, a merge or a value key.
const NOT_A_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+)$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?(?=.)(?:0b[01_]+|0x[0-9a-fA-F_]+|(?:(?:\.|[0-9])[0-9_]*(?:\.[0-9_]*)?)?(?:[eE][-+]?[0-9]+)?)$/,
  /^(?:<<|=)$/,
];
// Characters a YAML stream may not hold as they are (control characters, DEL, C1, lone
// surrogates) or that some readers take for line breaks: written as escapes, in double quotes.
// eslint-disable-next-line no-control-regex
// (No lookbehind: Safari before 16.4 would refuse the whole script.)
const MUST_ESCAPE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

function doubleQuoted(value: string): string {
  // JSON's escapes are YAML's; DEL, C1, the line separators and the BOM get one more.
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A string written on one line: plain when nothing could misread it, else quoted as the `yaml` package would. */
function inlineString(value: string): string {
  if (!MUST_ESCAPE.test(value) && !value.includes('\n') && !UNSAFE_PLAIN.test(value) && !NOT_A_STRING.some((re) => re.test(value))) return value;
  if (value.includes('"') && !value.includes("'") && !value.includes('\n') && !MUST_ESCAPE.test(value)) return `'${value}'`;
  return doubleQuoted(value);
}

/**
 * A string of several lines, as a literal block (« |- » and its lines, indented) when it
 * can be one: nothing to escape, no space or line break at either end, no tab at the start
 * of a line (a block's indentation is spaces); otherwise on one line, in double quotes.
 */
function multilineString(value: string, indent: string): string {
  if (MUST_ESCAPE.test(value) || /^\s|\s$|\n\t/.test(value)) return doubleQuoted(value);
  return `|-\n${value
    .split('\n')
    .map((line) => (line === '' ? '' : `${indent}${line}`))
    .join('\n')}`;
}

function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  return Object.is(n, -0) ? '-0' : JSON.stringify(n);
}

const isList = (value: Data): value is readonly Data[] => Array.isArray(value);
const isMap = (value: Data): value is { readonly [key: string]: Data } => typeof value === 'object' && value !== null && !Array.isArray(value);

class Writer {
  readonly lines: string[] = [];

  constructor(
    private readonly lineOffset: number,
    private readonly doubleQuotedKeys: ReadonlySet<string>,
  ) {}

  /** A scalar after « key: » or « - », or an empty collection. */
  private scalar(value: Data, key: string | undefined, blockIndent: string): string {
    if (isList(value)) return '[]';
    if (isMap(value)) return '{}';
    if (typeof value === 'string') {
      if (key !== undefined && this.doubleQuotedKeys.has(key)) return doubleQuoted(value);
      return value.includes('\n') && !MUST_ESCAPE.test(value) ? multilineString(value, blockIndent) : inlineString(value);
    }
    if (typeof value === 'number') return numberText(value);
    if (typeof value === 'boolean') return String(value);
    return 'null';
  }

  /**
   * A map whose keys start at `indent`; the first key may continue a line already begun
   * (« - » of a list item), which `start` holds.
   */
  map(value: { readonly [key: string]: Data }, indent: string, parent: Spot, start = ''): void {
    let first = true;
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const prefix = first && start ? start : indent;
      first = false;
      const here = this.spotAt(prefix.length + 1);
      parent.children.set(key, here);
      const nested = (isList(child) || isMap(child)) && Object.keys(child).length > 0;
      if (!nested) {
        // A block's lines are lines of the file: each one counts for the positions below it.
        this.lines.push(...`${prefix}${key}: ${this.scalar(child, key, `${indent}  `)}`.split('\n'));
        continue;
      }
      this.lines.push(`${prefix}${key}:`);
      if (isList(child)) this.list(child, `${indent}  `, here);
      else this.map(child as { readonly [key: string]: Data }, `${indent}  `, here);
    }
  }

  /** A list whose « - » are at `indent`. */
  private list(value: readonly Data[], indent: string, parent: Spot, start = ''): void {
    value.forEach((item, index) => {
      const prefix = `${index === 0 && start ? start : indent}- `;
      const here = this.spotAt(prefix.length + 1);
      parent.children.set(index, here);
      const nested = (isList(item) || isMap(item)) && Object.keys(item).length > 0;
      if (!nested) this.lines.push(...`${prefix}${this.scalar(item, undefined, `${indent}  `)}`.split('\n'));
      else if (isList(item)) this.list(item, `${indent}  `, here, prefix);
      else this.map(item as { readonly [key: string]: Data }, `${indent}  `, here, prefix);
    });
  }

  /** A spot on the line about to be written. */
  private spotAt(column: number): Spot {
    return { at: { line: this.lineOffset + this.lines.length + 1, column }, children: new Map() };
  }

}

/**
 * The data as block-style YAML, after `header` (comment lines, each ending with a line
 * break), the values of `doubleQuotedKeys` always in double quotes (dates: unquoted, a YAML
 * 1.1 reader would turn 2025-02-30 into 2 March). The positions are those the registry's
 * locator (positions.ts) finds in the same text: a key's, or a list item's first character.
 */
export function yamlText(data: { readonly [key: string]: Data }, options: { header?: string; doubleQuotedKeys?: readonly string[] } = {}): YamlText {
  const header = options.header ?? '';
  const headerLines = header === '' ? 0 : header.split('\n').length - 1;
  const writer = new Writer(headerLines, new Set(options.doubleQuotedKeys ?? []));
  const root: Spot = { at: { line: headerLines + 1, column: 1 }, children: new Map() };
  writer.map(data, '', root);
  const body = writer.lines.length > 0 ? `${writer.lines.join('\n')}\n` : '{}\n';
  return { text: header + body, positions: { locate: (path: Path) => locate(root, path) } };
}

/** The start of the deepest part of `path` that exists, as positions.ts says it. */
function locate(root: Spot, path: Path): Position {
  let spot = root;
  for (const segment of path) {
    const next = spot.children.get(segment);
    if (!next) break;
    spot = next;
  }
  return spot.at;
}
