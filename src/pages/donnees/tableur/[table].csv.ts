// /donnees/tableur/<table>.csv: the same tables for a French spreadsheet opened with
// a double click (UTF-8 with BOM, « ; », decimal comma; see toSpreadsheetCsv).
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData } from '../../../site/data.ts';
import { exportTables, toSpreadsheetCsv } from '../../../site/exports.ts';

export const prerender = true;

export const getStaticPaths = (() => {
  const { registry, figures } = siteData();
  return exportTables({ registry, figures }).map((table) => ({ params: { table: table.name }, props: { csv: toSpreadsheetCsv(table) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.csv as string, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
