// What changes between two versions of an entry, value by value (« contributions_argent[0].montant_eur :
// 20 → 25 »), and how a value reads in a sentence. Shared by npm run review, the pull
// request of a declaration issue and the /declarer/ form in the browser: nothing here
// may need Node.
import { number as frenchNumber } from '../registry/french.ts';

export interface FieldChange {
  champ: string;
  /** Undefined when the field did not exist on that side. */
  avant?: unknown;
  apres?: unknown;
}

/** JSON with object keys sorted, so that two equal values always give the same text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Leaves of a value by path; a list of plain values is one leaf (« comptes_forge »). */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  const plainList = Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');
  if (value && typeof value === 'object' && !plainList) {
    if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
    else for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value);
  }
  return out;
}

/** Every value that differs between two versions of an entry, old → new. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((path) => canonical(a.get(path)) !== canonical(b.get(path)))
    .map((champ) => ({ champ, ...(a.has(champ) ? { avant: a.get(champ) } : {}), ...(b.has(champ) ? { apres: b.get(champ) } : {}) }));
}

/** A field's value as a reader wants it: texts in quotes, numbers in French, long values cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return `« ${value.length > 120 ? `${value.slice(0, 119)}…` : value} »`;
  if (typeof value === 'number') return frenchNumber(value);
  const text = Array.isArray(value) ? `[${value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}]` : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

