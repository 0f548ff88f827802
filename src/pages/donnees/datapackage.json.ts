// /donnees/datapackage.json: the Frictionless Data Package describing every CSV.
import type { APIRoute } from 'astro';
import { siteData } from '../../site/data.ts';
import { dataPackage, exportTables, jsonText } from '../../site/exports.ts';

export const prerender = true;

export const GET: APIRoute = () => {
  const { registry, figures } = siteData();
  return new Response(jsonText(dataPackage(exportTables({ registry, figures }), figures.date_reference)), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
