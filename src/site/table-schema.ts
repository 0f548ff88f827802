// A table described once. Each column says its name, its Table Schema type, its
// description in French, its format or constraints, and how its value is taken from
// a row; the CSV header, the cells and the Table Schema of datapackage.json all come
// from that one list (https://datapackage.org/standard/table-schema/).

/** Several values in one CSV cell (compétences, thèmes...) are joined with this. */
export const LIST_SEPARATOR = ' | ';

/** How a description names the separator: « séparés par « | » ». */
export const SEPARATOR_IN_WORDS = `« ${LIST_SEPARATOR.trim()} »`;

export type FieldType = 'string' | 'number' | 'integer' | 'year' | 'date' | 'boolean';
export type Cell = string | number | boolean | null | undefined;

/** What a value must respect, in Table Schema terms (checked by Frictionless tools). */
export interface Constraints {
  required?: boolean;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
}

/** A Table Schema field (https://datapackage.org/standard/table-schema/). */
export interface Field {
  name: string;
  type: FieldType;
  description: string;
  /** `uri` for a link, `email` for an address: a reader can check it is one. */
  format?: 'uri' | 'email';
  constraints?: Constraints;
}

/** A field and how its cell is taken from a row. */
export interface Column<R> extends Field {
  value: (row: R) => Cell;
  /** French text written for people (a name, a description, a reason): set in French typography where people read it. */
  prose?: true;
}

export interface ForeignKey {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

/** One CSV file: its Table Schema and its rows, cell for cell in field order. */
export interface ExportTable {
  /** Resource name; the file is `<name>.csv`. */
  name: string;
  title: string;
  description: string;
  fields: Field[];
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  rows: Cell[][];
  /**
   * The fields of French text written for people (prose, words): the spreadsheet copy sets
   * them in French typography; identifiers, codes, numbers, dates and links never are.
   */
  prose?: string[];
}

/** The Table Schema fields of some columns, without the way their values are taken. */
export const fieldsOf = <R>(columns: readonly Column<R>[]): Field[] => columns.map(({ value: _, prose: __, ...field }) => field);

/** The names of the columns of text for people. */
export const proseOf = <R>(columns: readonly Column<R>[]): string[] => columns.filter((c) => c.prose).map((c) => c.name);

/** The cells of some rows, in column order. */
export const cellsOf = <R>(columns: readonly Column<R>[], rows: readonly R[]): Cell[][] =>
  rows.map((row) => columns.map((c) => c.value(row)));

/** A foreign key from one field to the `id` of another table. */
export const fk = (field: string, resource: string): ForeignKey => ({ fields: field, reference: { resource, fields: 'id' } });

type FieldExtra = Pick<Field, 'format' | 'constraints'>;
type Value<R> = (row: R) => Cell;

/** An identifier or a key part: never empty. */
export const KEY: FieldExtra = { constraints: { required: true } };
const URI: FieldExtra = { format: 'uri' };
const EMAIL: FieldExtra = { format: 'email' };
/** Amounts, hours, days and counts are never negative. */
const NOT_NEGATIVE: FieldExtra = { constraints: { minimum: 0 } };

/** Any column; the helpers below name the usual kinds. */
export function column<R>(name: string, type: FieldType, description: string, value: Value<R>, extra: FieldExtra = {}): Column<R> {
  return { name, type, description, ...extra, value };
}

/** Text kept exactly as written, possibly empty: an identifier, a licence, a reference to a rule. */
export const text = <R>(name: string, description: string, value: Value<R>) => column(name, 'string', description, value);
/** French text for people, possibly empty: a name, a title, a description, a sentence the site writes. */
export const prose = <R>(name: string, description: string, value: Value<R>): Column<R> => ({ ...column(name, 'string', description, value), prose: true });
/** The identifier of an entity, or a part of a key: text, never empty. */
export const key = <R>(name: string, description: string, value: Value<R>) => column(name, 'string', description, value, KEY);
/** A web address. */
export const link = <R>(name: string, description: string, value: Value<R>) => column(name, 'string', description, value, URI);
/** An e-mail address. */
export const email = <R>(name: string, description: string, value: Value<R>) => column(name, 'string', description, value, EMAIL);
/** Several values in one cell, joined with LIST_SEPARATOR; empty when there are none. */
export const list = <R>(name: string, description: string, values: (row: R) => readonly string[] | undefined) =>
  column(name, 'string', description, (row: R) => joined(values(row)));
/** Several French words or sentences for people in one cell (compétences, raisons…), joined with LIST_SEPARATOR. */
export const words = <R>(name: string, description: string, values: (row: R) => readonly string[] | undefined): Column<R> => ({
  ...list(name, description, values),
  prose: true,
});
/** One value of a closed list; never empty unless `optional`. */
export const choice = <R>(name: string, values: readonly string[], description: string, value: Value<R>, optional?: 'optional') =>
  column(name, 'string', description, value, { constraints: { ...(optional ? {} : { required: true }), enum: values } });
/** A day, AAAA-MM-JJ; `KEY` when it is part of a key. */
export const date = <R>(name: string, description: string, value: Value<R>, extra: FieldExtra = {}) =>
  column(name, 'date', description, value, extra);
/** A year, AAAA; `KEY` when it is part of a key. */
export const year = <R>(name: string, description: string, value: Value<R>, extra: FieldExtra = {}) =>
  column(name, 'year', description, value, extra);
/** Yes or no: true/false in the CSV, oui/non in the spreadsheet copy. */
export const flag = <R>(name: string, description: string, value: Value<R>) => column(name, 'boolean', description, value);
/** An amount, hours or days: a number, never negative. */
export const quantity = <R>(name: string, description: string, value: Value<R>) => column(name, 'number', description, value, NOT_NEGATIVE);
/** A share: a number between 0 and 1. */
export const share = <R>(name: string, description: string, value: Value<R>) =>
  column(name, 'number', description, value, { constraints: { minimum: 0, maximum: 1 } });
/** A count: a whole number, never negative. */
export const count = <R>(name: string, description: string, value: Value<R>) => column(name, 'integer', description, value, NOT_NEGATIVE);

function joined(values: readonly string[] | undefined): string | null {
  return values && values.length > 0 ? values.join(LIST_SEPARATOR) : null;
}
