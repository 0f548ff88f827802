// Internal addresses of the site. The site may be served under a base path
// (https://org.github.io/repo/) or at a domain root: every link, asset or fetch to a
// page of the site goes through href(), written from the site's root.
//   <a href={href('/missions/')}>   →   /communs-reciprocite/missions/
// Addresses shown or shared outside the site (feeds, sitemap, exports, badge code)
// take absoluteUrl().
import { BASE_PATH, SITE_URL } from '../../site.config.mjs';

/** The link to a page of the site, with the base path: `path` starts with "/". */
export function href(path: string): string {
  if (!path.startsWith('/')) throw new Error(`href() attend un chemin qui commence par « / » (reçu « ${path} »)`);
  return BASE_PATH + path.slice(1);
}

/** The full address of a page of the site (https://…), for feeds, exports and badges. */
export function absoluteUrl(path: string): string {
  return new URL(href(path), SITE_URL).href;
}

/** The route of a served path without the base path ("/missions/x/"), to compare with a route. */
export function routeOf(pathname: string): string {
  return pathname.startsWith(BASE_PATH) ? `/${pathname.slice(BASE_PATH.length)}` : pathname;
}
