// /sitemap.xml: every HTML page, listed from the registry itself (so that a partial,
// incremental build still publishes the complete list).
import type { APIRoute } from 'astro';
import { siteData } from '../site/data.ts';
import { LIST_PAGE_SIZE } from '../site/format.ts';
import { absoluteUrl } from '../site/url.ts';

export const prerender = true;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const GET: APIRoute = () => {
  const { registry } = siteData();
  const pages = (base: string, count: number) =>
    Array.from({ length: Math.max(1, Math.ceil(count / LIST_PAGE_SIZE)) }, (_, i) => (i === 0 ? base : `${base}${i + 1}/`));
  const paths = [
    '/',
    ...pages('/prestataires/', registry.prestataires.size),
    ...[...registry.prestataires.keys()].map((id) => `/prestataires/${id}/`),
    ...pages('/missions/', registry.missions.size),
    ...[...registry.missions.keys()].map((id) => `/missions/${id}/`),
    '/communs/',
    ...[...registry.communs.keys()].map((id) => `/communs/${id}/`),
    '/appels/',
    '/regles/',
    '/recherche/',
    '/donnees/',
    '/contribuer/',
    '/contribuer/erreurs/',
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${paths.map((p) => `  <url><loc>${escapeXml(absoluteUrl(p))}</loc></url>`).join('\n')}
</urlset>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
