// /sitemap.xml: every HTML page with the day its content last changed (see src/site/sitemap.ts).
import type { APIRoute } from 'astro';
import { siteData } from '../site/data.ts';
import { contentHistory } from '../site/history.ts';
import { sitemapEntries } from '../site/sitemap.ts';
import { absoluteUrl } from '../site/url.ts';

export const prerender = true;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const GET: APIRoute = async () => {
  const data = siteData();
  const entries = sitemapEntries(data, await contentHistory(data.contentDir));
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries.map((e) => `  <url><loc>${escapeXml(absoluteUrl(e.path))}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
