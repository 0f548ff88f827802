import { closest, distance } from 'fastest-levenshtein';
import type * as z from 'zod/mini';
import { CODES } from '#codes';
import type { Code } from './codes.ts';
import type { Params } from './problems.ts';
import type { Path } from './problem-parts.ts';

/** A schema problem before it is placed in its file. */
export interface SchemaIssue {
  path: Path;
  code: Code;
  params: Params;
}

const EXPECTED: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  boolean: 'vrai ou faux (true ou false)',
  array: 'une liste (lignes commençant par « - »)',
  object: 'un ensemble de champs « clé: valeur »',
};

function describe(value: unknown): string {
  if (value === null) return 'vide';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'object') return 'un ensemble de champs';
  if (typeof value === 'string') return `le texte « ${value.length > 60 ? `${value.slice(0, 60)}…` : value} »`;
  return String(value);
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The field name a contributor sees: the last key of the path. */
function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '(racine)';
}

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown; in?: unknown };

/** The keys a strict object accepts at a path, to suggest the closest one. */
function keysAt(schema: z.core.$ZodType, path: Path): string[] {
  let current = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const unwrap = () => {
    while (['optional', 'default', 'nullable', 'pipe', 'prefault'].includes(current.type)) {
      const inner = (current.innerType ?? current.in) as { _zod: { def: Def } } | undefined;
      if (!inner) break;
      current = inner._zod.def;
    }
  };
  unwrap();
  for (const segment of path) {
    if (current.type === 'object' && typeof segment === 'string' && current.shape?.[segment]) {
      current = (current.shape[segment] as { _zod: { def: Def } })._zod.def;
    } else if (current.type === 'array' && typeof segment === 'number' && current.element) {
      current = (current.element as { _zod: { def: Def } })._zod.def;
    } else {
      return [];
    }
    unwrap();
  }
  return current.type === 'object' && current.shape ? Object.keys(current.shape) : [];
}

export function suggest(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(value, candidates as string[]);
  // Only suggest when the word is recognisably the same one.
  return best && distance(value, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export function issuesFromZod(schema: z.core.$ZodType, entity: string, data: unknown, issues: z.core.$ZodIssue[]): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  for (const issue of issues) {
    const path = issue.path as Path;
    const value = valueAt(data, path);
    const champ = fieldName(path);
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        out.push({
          path: [...path, key],
          code: 'cle_inconnue',
          params: { cle: key, suggestion: suggest(key, known), possibles: known.join(', ') },
        });
      }
      continue;
    }
    if (issue.message in CODES) {
      out.push({ path, code: issue.message as Code, params: { champ, recu: typeof value === 'string' ? value : describe(value) } });
      continue;
    }
    if (issue.code === 'invalid_type') {
      if (value === undefined) {
        out.push({ path, code: 'champ_manquant', params: { champ, entite: entity } });
      } else {
        // « 7h », « 60 € », « 7,5 h »: a number with its unit, said back as the number alone.
        const withUnit = issue.expected === 'number' && typeof value === 'string' ? /^\s*(\d+(?:[.,]\d+)?)\s*(?:h|heures?|€|eur|euros?)\s*$/i.exec(value) : null;
        const nombre = withUnit ? withUnit[1].replace(',', '.') : '';
        out.push({ path, code: 'type_invalide', params: { champ, attendu: EXPECTED[issue.expected] ?? issue.expected, recu: describe(value), nombre } });
      }
      continue;
    }
    if (issue.code === 'invalid_value') {
      const possibles = issue.values.map(String);
      out.push({
        path,
        code: 'valeur_invalide',
        params: { champ, recu: String(value), possibles: possibles.join(', '), suggestion: suggest(String(value), possibles) },
      });
      continue;
    }
    out.push({ path, code: 'schema_autre', params: { champ, detail: issue.message } });
  }
  return out;
}
