// /donnees/registre.json: the whole registry as written, with the figures document.
import type { APIRoute } from 'astro';
import { siteData } from '../../site/data.ts';
import { jsonText, registryDocument } from '../../site/exports.ts';

export const prerender = true;

export const GET: APIRoute = () => {
  const { registry, figures } = siteData();
  return new Response(jsonText(registryDocument({ registry, figures }), undefined), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
