// Every page of the site leaves through here at build time: its text is set with French
// typography (src/site/typography.ts), the one function the exports use too. Feeds,
// badges and data files are not HTML and pass as they are.
import type { MiddlewareHandler } from 'astro';
import { typesetHtml } from './site/typography.ts';

export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const html = await response.text();
  return new Response(typesetHtml(html), { status: response.status, statusText: response.statusText, headers: response.headers });
};
