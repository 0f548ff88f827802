// /robots.txt: every page may be indexed; the sitemap lists them. Crawlers read it only
// at a domain's root: on project pages (a base path) it is there for a custom domain;
// MAINTENANCE.md (« Publier le site ») says how to announce the sitemap without one.
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../site/url.ts';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl('/sitemap.xml')}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
