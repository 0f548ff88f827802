// The open-data files of /donnees/: one CSV per entity and per table of figures
// (described in export-tables.ts), the same CSV for a French spreadsheet, the whole
// registry as JSON, and the Frictionless Data Package that describes them.
// Pure functions over the registry and its figures document: the endpoints only
// serialise what these return, and no figure is recomputed here.
import { stringify } from 'csv-stringify/sync';
import { PUBLISHER, REPOSITORY_URL } from '../../site.config.mjs';
import type { Entry } from '../domain/registry/registry.ts';
import { publicDeclarations, publicReceipts, sortedById, type ExportInput } from './export-tables.ts';
import { LIST_SEPARATOR, type ExportTable } from './table-schema.ts';
import { OF_PUBLISHER } from './chrome.ts';
import { frenchTypography } from './typography.ts';
import { absoluteUrl } from './url.ts';

export { exportTables, publicDeclarations, publicReceipts, type ExportInput } from './export-tables.ts';
export { LIST_SEPARATOR, type Cell, type Constraints, type ExportTable, type Field, type FieldType, type ForeignKey } from './table-schema.ts';

/** The licence of the data (the code of the project has its own). */
export const DATA_LICENCE = {
  name: 'ODbL-1.0',
  path: 'https://opendatacommons.org/licenses/odbl/1-0/',
  title: 'Open Database License (ODbL) v1.0',
} as const;

export const DATA_TITLE = `Communs & Réciprocité : registre ouvert ${OF_PUBLISHER}`;
export const DATA_PUBLISHER = PUBLISHER.nom;

const CSV_OPTIONS = { header: true, record_delimiter: 'windows', escape_formulas: true } as const;

/**
 * RFC 4180 CSV (UTF-8, comma, CRLF, a header line). Every text cell that a
 * spreadsheet would read as a formula (= + - @, tab, CR, and their full-width
 * forms) gets a leading apostrophe: csv-stringify's `escape_formulas`, which leaves
 * numbers alone; so does one where such a character follows spaces or invisible ones. Booleans are written true/false, as Table Schema reads them.
 */
export function toCsv(t: ExportTable): string {
  return stringify(t.rows, {
    ...CSV_OPTIONS,
    columns: t.fields.map((f) => f.name),
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      string: neutraliseFormulaAfterInvisible,
    },
  });
}

// escape_formulas looks at the first character only; a spreadsheet may skip spaces and
// invisible characters (U+200B, U+2060...) before it reads « = »: the same apostrophe.
const FORMULA_AFTER_INVISIBLE = /^[\s\p{Default_Ignorable_Code_Point}]+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

function neutraliseFormulaAfterInvisible(value: string): string {
  return FORMULA_AFTER_INVISIBLE.test(value) ? `'${value}` : value;
}

/**
 * Where the exports apply French typography (the site's frenchTypography), said in the
 * Data Package: to what is written for people in the spreadsheet copy and in the
 * descriptions; never to what a program reads (identifiers, codes, numbers, dates, links).
 */
export const TYPOGRAPHY_RULE =
  'Textes : dans les CSV et registre.json, tels qu’écrits dans le registre ; dans les copies pour tableur (tableur/<table>.csv), les colonnes de texte pour les personnes (noms, titres, descriptions, libellés et raisons) suivent la typographie française du site (espace fine insécable avant ; : ! ? et dans « », espace insécable dans les montants, les heures et les dates). ' +
  'Identifiants, codes, valeurs des listes fermées, nombres, dates, liens et adresses ne sont jamais modifiés.';

/** The cells of a table with its columns of text for people set in French typography. */
function typeset(t: ExportTable): ExportTable['rows'] {
  const prose = new Set(t.prose ?? []);
  const columns = t.fields.map((f) => prose.has(f.name));
  return t.rows.map((row) => row.map((cell, i) => (columns[i] && typeof cell === 'string' ? frenchTypography(cell) : cell)));
}

/**
 * The same table for a French spreadsheet opened with a double click: a UTF-8 byte
 * order mark (without it Excel reads the accents as Windows-1252), « ; » between
 * cells (the list separator of a French system), a decimal comma, oui/non, and its
 * text for people set as the site sets it (TYPOGRAPHY_RULE).
 * Dates stay AAAA-MM-JJ, which Excel in French reads as dates.
 */
export function toSpreadsheetCsv(t: ExportTable): string {
  return stringify(typeset(t), {
    ...CSV_OPTIONS,
    bom: true,
    delimiter: ';',
    columns: t.fields.map((f) => f.name),
    cast: {
      boolean: (value) => (value ? 'oui' : 'non'),
      number: (value) => String(value).replace('.', ','),
      string: neutraliseFormulaAfterInvisible,
    },
  });
}

/** The whole registry as written, with the figures document, for registre.json. */
export function registryDocument({ registry, figures }: ExportInput) {
  const withText = <T extends { id: string }>(entries: Iterable<Entry<T>>) =>
    sortedById(entries).map((e) => ({ ...e.data, texte_markdown: e.body }));
  return {
    licence: DATA_LICENCE,
    date_reference: figures.date_reference,
    source: {
      titre: DATA_TITLE,
      editeur: DATA_PUBLISHER,
      url: absoluteUrl('/donnees/'),
      depot: REPOSITORY_URL,
      citation: citation(figures.date_reference),
    },
    regles: registry.regles.map((r) => r.data),
    prestataires: withText(registry.prestataires.values()),
    missions: withText(registry.missions.values()),
    communs: withText(registry.communs.values()),
    declarations: publicDeclarations(registry, figures),
    confirmations: publicReceipts(registry, figures),
    figures,
  };
}

/** How to cite the data, in French. */
export function citation(date: string): string {
  return `${DATA_PUBLISHER}, « Communs & Réciprocité », données au ${date}, licence ODbL 1.0, ${absoluteUrl('/donnees/')}`;
}

/** The profile the package declares, and is checked against in the tests (Data Package 2.0). */
export const DATA_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

/**
 * The Frictionless Data Package (https://datapackage.org/standard/data-package/):
 * registre.json as a plain resource, and each CSV as a table resource with its
 * dialect and Table Schema (types, constraints, primary and foreign keys).
 */
export function dataPackage(tables: ExportTable[], date: string) {
  // Titles and descriptions are read by people: set as the site sets them; names, paths, types and constraints are not.
  const fr = frenchTypography;
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: 'communs-reciprocite',
    title: fr(DATA_TITLE),
    description: fr(
      `Les communs utilisés par les prestataires ${OF_PUBLISHER} dans leurs missions, et ce qu’ils leur rendent en argent et en nature, avec les chiffres calculés selon les règles de l’association. ` +
        `Une cellule de texte qui commence par = + - @ est précédée d’une apostrophe (protection contre l’injection de formules dans un tableur). Les listes sont séparées par « ${LIST_SEPARATOR.trim()} ». ` +
        TYPOGRAPHY_RULE,
    ),
    homepage: absoluteUrl('/donnees/'),
    created: `${date}T00:00:00Z`,
    keywords: ['tiers-lieux', 'communs', 'réciprocité'],
    licenses: [DATA_LICENCE],
    sources: [{ title: 'Dépôt Git du registre', path: REPOSITORY_URL }],
    contributors: [{ title: DATA_PUBLISHER, roles: ['publisher'] }],
    resources: [
      {
        name: 'registre',
        path: 'registre.json',
        title: 'Registre complet',
        description: fr('Toutes les entités telles qu’écrites, avec le document des chiffres calculés.'),
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        licenses: [DATA_LICENCE],
      },
      // One document per entity (src/site/entity-documents.ts), listed by these indexes.
      ...(
        [
          ['prestataires', 'prestataire'],
          ['missions', 'mission'],
          ['communs', 'commun'],
        ] as const
      ).map(([kind, one]) => ({
        name: `documents_${kind}`,
        path: `${kind}.json`,
        title: `Un document par ${one}`,
        description: fr(
          `L’index des documents JSON de chaque ${one}, à une adresse stable (${kind}/<id>.json) : l’entité telle qu’écrite, ses chiffres avec leurs règles${kind === 'missions' ? '' : ', ses échéances'} et les adresses de sa page${kind === 'missions' ? '' : ' et de ses flux'}${kind === 'prestataires' ? ', et de ses attestations annuelles (schéma : /schemas/attestation.json)' : ''}.`,
        ),
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        licenses: [DATA_LICENCE],
      })),
      ...tables.map((t) => ({
        name: t.name,
        type: 'table',
        path: `${t.name}.csv`,
        title: fr(t.title),
        description: fr(t.description),
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        licenses: [DATA_LICENCE],
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: t.fields.map((f) => ({ ...f, description: fr(f.description) })),
          missingValues: [''],
          ...(t.primaryKey ? { primaryKey: t.primaryKey } : {}),
          ...(t.foreignKeys ? { foreignKeys: t.foreignKeys } : {}),
        },
      })),
    ],
  };
}

/**
 * JSON text whose < and > are \u-escaped: the same value for any JSON parser, and
 * no `</script>` or tag if someone pastes it into an HTML page.
 */
export function jsonText(value: unknown, indent: number | undefined = 2): string {
  return escapeTags(JSON.stringify(value, null, indent));
}

function escapeTags(json: string): string {
  return json.replace(/[<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The compact jsonText of a value, in pieces: objects and arrays down to `depth` levels
 * are opened here, and what lies below is stringified one element at a time. At
 * 10,000 providers registre.json is 137 MB: as one string, its bytes and their copies
 * made the build's memory jump by 400 MB (BENCHMARKS.md); in pieces, it is written as it goes.
 */
export function* jsonChunks(value: unknown, depth = 3): Generator<string> {
  const plain = (v: unknown): v is Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || 'toJSON' in v) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  };
  if (depth > 0 && Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const item: unknown = value[i];
      // As JSON.stringify: what has no JSON form becomes null in an array.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* jsonChunks(item, depth - 1);
    }
    yield ']';
  } else if (depth > 0 && plain(value)) {
    yield '{';
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      // As JSON.stringify: a key whose value has no JSON form is left out.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      yield `${first ? '' : ','}${escapeTags(JSON.stringify(key))}:`;
      first = false;
      yield* jsonChunks(item, depth - 1);
    }
    yield '}';
  } else {
    yield escapeTags(JSON.stringify(value));
  }
}
