// /donnees/<table>.csv: one file per entity and per table of figures (see exports.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData } from '../../site/data.ts';
import { exportTables, toCsv } from '../../site/exports.ts';

export const prerender = true;

export const getStaticPaths = (() => {
  const { registry, figures } = siteData();
  return exportTables({ registry, figures }).map((table) => ({ params: { table: table.name }, props: { csv: toCsv(table) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(props.csv as string, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
