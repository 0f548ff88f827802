import matter from 'gray-matter';
import yaml from 'js-yaml';
import { Lexer, LineCounter, parseDocument } from 'yaml';
import type { Code } from './codes.ts';
import { codePoint } from './escape.ts';
import type { Params, Position } from './problems.ts';

/** What one file gave: its data, or the one reason it could not be read. */
export type ParseResult =
  | { ok: true; data: unknown; body: string; yamlText: string; lineOffset: number; /** Line of the file where the body starts. */ bodyLine: number }
  | { ok: false; code: Code; params: Params; at: Position };

export const LIMITS = {
  fileBytes: 256 * 1024,
  depth: 32,
  nodes: 20_000,
  stringLength: 20_000,
};

function refuse(): never {
  throw new FrontMatterLanguageError();
}
class FrontMatterLanguageError extends Error {}

// js-yaml 4 with the core schema: no custom tags, no timestamps (dates stay strings,
// so 2024-02-30 is caught instead of becoming 1 March), no merge keys. CI, the site and
// every script parse through here: one parser, one set of settings.
function loadYaml(text: string): unknown {
  refuseAnchors(text);
  return yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false });
}

// Anchors (&nom) and aliases (*nom) let a few bytes stand for a value repeated without
// end (« billion laughs »): the parsed data, the JSON export and the pages would grow
// far beyond the file. Nothing in the registry needs them: refused, so that what is
// read is never larger than what is written. A cheap test first; the yaml package's
// lexer only for the few files where a « & » or « * » could start a node.
const MAYBE_ANCHOR = /(?:^|[\s[\]{},])[&*][^\s[\]{},]/;
// Tokens of the lexer that mark structure without being characters of the source.
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

class AnchorError extends Error {
  constructor(readonly at: Position, readonly token: string) {
    super('anchor');
  }
}

function refuseAnchors(text: string): void {
  if (!MAYBE_ANCHOR.test(text)) return;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (MARKERS.has(token)) continue;
    if (token.length > 1 && (token[0] === '&' || token[0] === '*')) {
      const before = text.slice(0, offset);
      throw new AnchorError({ line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }, token);
    }
    offset += token.length;
  }
}

function anchorFailure(error: AnchorError): ParseResult {
  const kind = error.token[0] === '&' ? 'une ancre' : 'un alias';
  return { ok: false, code: 'yaml_alias', params: { detail: `${kind} « ${error.token.slice(0, 40)} »` }, at: error.at };
}

// gray-matter evaluates ---js front matter unless its engines are replaced.
const ENGINES = {
  yaml: { parse: loadYaml, stringify: refuse },
  javascript: { parse: refuse, stringify: refuse },
  js: { parse: refuse, stringify: refuse },
  json: { parse: refuse, stringify: refuse },
  coffee: { parse: refuse, stringify: refuse },
  toml: { parse: refuse, stringify: refuse },
};

/**
 * Walks a parsed value with a budget, so that an alias bomb or deep nesting is
 * refused before Zod or JSON ever walk it without end.
 */
function exceedsLimits(
  value: unknown,
): { kind: 'depth' | 'nodes' | 'string' } | { kind: 'key'; key: string } | { kind: 'control'; char: string } | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > LIMITS.nodes) return { kind: 'nodes' };
    if (typeof current === 'string' && current.length > LIMITS.stringLength) return { kind: 'string' };
    if (typeof current === 'string' && NON_PRINTABLE.test(current)) return { kind: 'control', char: NON_PRINTABLE.exec(current)![0].at(-1)! };
    if (current === null || typeof current !== 'object') continue;
    if (depth >= LIMITS.depth) return { kind: 'depth' };
    for (const key of Object.keys(current)) {
      // Refused wherever they appear (see FORBIDDEN_KEYS).
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'key', key };
      if (NON_PRINTABLE.test(key)) return { kind: 'control', char: NON_PRINTABLE.exec(key)![0].at(-1)! };
      stack.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

// The characters YAML does not let a file contain (controls but tab and line breaks,
// U+FFFE, U+FFFF, lone surrogates; js-yaml's own list). A double-quoted escape ("\e",
// "\x07", "\u0000") still writes them into a value, where they make the RSS feeds
// invalid XML and reach the terminal of whoever reads an error quoting them: refused too.
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;


/** The first double-quoted escape that writes a non-printable character, and where it is. */
function firstEscape(text: string): { at: Position; char: string } | null {
  const lines = text.split('\n');
  const escape = /\\(?:\\|x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([0abefv]))/g;
  const named: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
  for (const [index, line] of lines.entries()) {
    for (const m of line.matchAll(escape)) {
      const hex = m[1] ?? m[2] ?? m[3];
      const code = hex === undefined ? -1 : parseInt(hex, 16);
      const char = m[4] !== undefined ? named[m[4]] : code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      if (char && NON_PRINTABLE.test(char)) return { at: { line: index + 1, column: m.index + 1 }, char };
    }
  }
  return null;
}

/**
 * A NUL byte makes Git show the file as binary, so its diff is hidden from reviewers;
 * it is also the mark of a file saved in UTF-16. Refused before any parser sees it.
 */
function nulByte(text: string): ParseResult | null {
  const offset = text.indexOf('\0');
  if (offset < 0) return null;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { ok: false, code: 'encodage_invalide', params: {}, at: { line, column: offset - before.lastIndexOf('\n') } };
}

// Keys that reach an object's prototype, and those that hide a method every object has:
// `type: {toString: 1}` made String(value) throw while an error message was being written.
const FORBIDDEN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function yamlFailure(error: unknown, text: string, lineOffset: number): ParseResult {
  if (error instanceof yaml.YAMLException && /nesting exceeded maxDepth/.test(error.reason ?? '')) {
    return { ok: false, code: 'yaml_trop_complexe', params: { detail: `plus de ${LIMITS.depth} niveaux d'imbrication` }, at: { line: (error.mark?.line ?? 0) + 1 + lineOffset, column: (error.mark?.column ?? 0) + 1 } };
  }
  if (error instanceof yaml.YAMLException) {
    const at = { line: (error.mark?.line ?? 0) + 1 + lineOffset, column: (error.mark?.column ?? 0) + 1 };
    if (/duplicated mapping key/.test(error.reason ?? '')) {
      return { ok: false, code: 'yaml_cle_dupliquee', params: { cle: keyAtMark(error) }, at };
    }
    // !!js/function, !!python/object, !include...: the core schema knows none of them.
    const tag = /^unknown tag !<(.*)>$/.exec(error.reason ?? '');
    if (tag) {
      const written = tag[1].replace(/^tag:yaml\.org,2002:/, '!!');
      const column = (text.split('\n')[error.mark?.line ?? 0] ?? '').indexOf('!') + 1;
      const detail = `l'étiquette « ${written} » n'est pas acceptée (écrivez la valeur elle-même, sans « ! »)`;
      return { ok: false, code: 'yaml_syntaxe', params: { detail }, at: column > 0 ? { line: at.line, column } : at };
    }
    return syntaxError(text, lineOffset) ?? { ok: false, code: 'yaml_syntaxe', params: { detail: error.reason ?? 'erreur de syntaxe' }, at };
  }
  if (error instanceof RangeError) {
    return { ok: false, code: 'yaml_trop_complexe', params: { detail: 'imbrication trop profonde' }, at: { line: 1 + lineOffset, column: 1 } };
  }
  return { ok: false, code: 'yaml_syntaxe', params: { detail: String((error as Error)?.message ?? error) }, at: { line: 1 + lineOffset, column: 1 } };
}

// js-yaml reports some syntax errors a line late and in English; the yaml package
// names the construct and its place. Used only once a file is known to be broken.
const SYNTAX: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY: "une ligne n'a pas la forme « clé: valeur » (il manque sans doute « : » après la clé)",
  BAD_INDENT: "l'indentation est incohérente à cet endroit",
  MISSING_CHAR: "un guillemet ou un crochet ouvert n'est pas refermé",
  TAB_AS_INDENT: "une tabulation sert d'indentation : utilisez des espaces",
  BLOCK_AS_IMPLICIT_KEY: "une valeur sur plusieurs lignes est placée là où une clé est attendue",
  UNEXPECTED_TOKEN: 'un caractère inattendu se trouve ici',
  MULTIPLE_DOCS: "un second document YAML commence ici (ligne « --- ») : un fichier n'en contient qu'un",
};

function syntaxError(text: string, lineOffset: number): ParseResult | null {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const first = doc.errors[0];
  if (!first?.linePos) return null;
  if (first.code === 'RESOURCE_EXHAUSTION') return null;
  const detail = SYNTAX[first.code] ?? `syntaxe incorrecte (${first.code})`;
  return { ok: false, code: 'yaml_syntaxe', params: { detail }, at: { line: first.linePos[0].line + lineOffset, column: first.linePos[0].col } };
}

/** Where a forbidden key is written (first occurrence), for the error position. */
function keyPosition(text: string, key: string): Position {
  const lines = text.split('\n');
  const block = new RegExp(`^\\s*(-\\s+)?["']?${key}["']?\\s*:`);
  // A flow mapping ({"__proto__": ...}, as a merge key may carry) when no line starts with the key.
  const flow = new RegExp(`[{,]\\s*["']?${key}["']?\\s*:`);
  let index = lines.findIndex((l) => block.test(l));
  if (index < 0) index = lines.findIndex((l) => flow.test(l));
  if (index < 0) return { line: 1, column: 1 };
  return { line: index + 1, column: lines[index].indexOf(key) + 1 - (/["']/.test(lines[index][lines[index].indexOf(key) - 1] ?? '') ? 1 : 0) };
}

function frontMatterOf(source: string): string {
  const end = source.search(/\r?\n---\s*(\r?\n|$)/);
  return source.slice(3, end < 0 ? undefined : end);
}

// js-yaml's mark for a duplicated key points at the second occurrence of the key.
function keyAtMark(error: InstanceType<typeof yaml.YAMLException>): string {
  const { buffer, position } = error.mark as { buffer?: string; position?: number };
  if (!buffer || position === undefined) return '?';
  return /^["']?([^"':\n]+)/.exec(buffer.slice(position, position + 200))?.[1]?.trim() ?? '?';
}

function checked(data: unknown, body: string, yamlText: string, lineOffset: number, bodyLine = 0): ParseResult {
  const over = exceedsLimits(data);
  if (over?.kind === 'key') {
    return { ok: false, code: 'cle_interdite', params: { cle: over.key }, at: keyPosition(yamlText, over.key) };
  }
  if (over?.kind === 'control') {
    const escape = firstEscape(yamlText);
    const detail = `un caractère de contrôle invisible (${codePoint(escape?.char ?? over.char)}), écrit avec « \\ » entre guillemets, n'est pas permis`;
    return { ok: false, code: 'yaml_syntaxe', params: { detail }, at: escape?.at ?? { line: 1 + lineOffset, column: 1 } };
  }
  if (over) {
    const detail =
      over.kind === 'depth'
        ? `plus de ${LIMITS.depth} niveaux d'imbrication`
        : over.kind === 'string'
          ? `un texte de plus de ${LIMITS.stringLength} caractères`
          : `plus de ${LIMITS.nodes} valeurs (alias en cascade ?)`;
    return { ok: false, code: 'yaml_trop_complexe', params: { detail }, at: { line: 1 + lineOffset, column: 1 } };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, code: 'yaml_racine', params: {}, at: { line: 1 + lineOffset, column: 1 } };
  }
  return { ok: true, data, body, yamlText, lineOffset, bodyLine };
}

export function parseYamlFile(text: string): ParseResult {
  const nul = nulByte(text);
  if (nul) return nul;
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (error) {
    if (error instanceof AnchorError) return anchorFailure(error);
    return yamlFailure(error, text, 0);
  }
  return checked(data, '', text, 0);
}

export function parseMarkdownFile(text: string): ParseResult {
  const nul = nulByte(text);
  if (nul) return nul;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = source.slice(0, source.indexOf('\n') === -1 ? source.length : source.indexOf('\n')).replace(/\r$/, '');
  if (firstLine !== '---') {
    if (firstLine.startsWith('---')) {
      return { ok: false, code: 'front_matter_langage', params: { langage: firstLine.slice(3).trim() }, at: { line: 1, column: 4 } };
    }
    return { ok: false, code: 'front_matter_absent', params: {}, at: { line: 1, column: 1 } };
  }
  if (!/\r?\n---\s*(\r?\n|$)/.test(source.slice(3))) {
    return { ok: false, code: 'front_matter_absent', params: {}, at: { line: 1, column: 1 } };
  }
  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(source, { engines: ENGINES as never, language: 'yaml' });
  } catch (error) {
    if (error instanceof FrontMatterLanguageError) {
      return { ok: false, code: 'front_matter_langage', params: { langage: 'inconnu' }, at: { line: 1, column: 1 } };
    }
    if (error instanceof AnchorError) return anchorFailure(error);
    // The raw front matter starts right after the opening "---", so js-yaml's line
    // numbers are already those of the file, less the delimiter line (index 0 = line 1).
    return yamlFailure(error, frontMatterOf(source), 0);
  }
  // gray-matter's content is the end of the source, after the closing « --- ».
  let bodyLine = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < source.length - file.content.length; i = source.indexOf('\n', i + 1)) bodyLine++;
  return checked(file.data, file.content, file.matter, 0, bodyLine);
}
