import matter from 'gray-matter';
import yaml from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import type { Code } from './codes.ts';
import type { Params, Position } from './problems.ts';

/** What one file gave: its data, or the one reason it could not be read. */
export type ParseResult =
  | { ok: true; data: unknown; body: string; yamlText: string; lineOffset: number }
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
  return yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false });
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
function exceedsLimits(value: unknown): { kind: 'depth' | 'nodes' | 'string' } | { kind: 'key'; key: string } | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > LIMITS.nodes) return { kind: 'nodes' };
    if (typeof current === 'string' && current.length > LIMITS.stringLength) return { kind: 'string' };
    if (current === null || typeof current !== 'object') continue;
    if (depth >= LIMITS.depth) return { kind: 'depth' };
    for (const key of Object.keys(current)) {
      // Keys that reach an object's prototype are refused wherever they appear.
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'key', key };
      stack.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function yamlFailure(error: unknown, text: string, lineOffset: number): ParseResult {
  if (error instanceof yaml.YAMLException && /nesting exceeded maxDepth/.test(error.reason ?? '')) {
    return { ok: false, code: 'yaml_trop_complexe', params: { detail: `plus de ${LIMITS.depth} niveaux d'imbrication` }, at: { line: (error.mark?.line ?? 0) + 1 + lineOffset, column: (error.mark?.column ?? 0) + 1 } };
  }
  if (error instanceof yaml.YAMLException) {
    const at = { line: (error.mark?.line ?? 0) + 1 + lineOffset, column: (error.mark?.column ?? 0) + 1 };
    if (/duplicated mapping key/.test(error.reason ?? '')) {
      return { ok: false, code: 'yaml_cle_dupliquee', params: { cle: keyAtMark(error) }, at };
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
  const index = lines.findIndex((l) => new RegExp(`^\\s*(-\\s+)?["']?${key}["']?\\s*:`).test(l));
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

function checked(data: unknown, body: string, yamlText: string, lineOffset: number): ParseResult {
  const over = exceedsLimits(data);
  if (over?.kind === 'key') {
    return { ok: false, code: 'cle_interdite', params: { cle: over.key }, at: keyPosition(yamlText, over.key) };
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
  return { ok: true, data, body, yamlText, lineOffset };
}

export function parseYamlFile(text: string): ParseResult {
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (error) {
    return yamlFailure(error, text, 0);
  }
  return checked(data, '', text, 0);
}

export function parseMarkdownFile(text: string): ParseResult {
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
    // The raw front matter starts right after the opening "---", so js-yaml's line
    // numbers are already those of the file, less the delimiter line (index 0 = line 1).
    return yamlFailure(error, frontMatterOf(source), 0);
  }
  return checked(file.data, file.content, file.matter, 0);
}
