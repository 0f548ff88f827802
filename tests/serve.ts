// A static file server for a built site, on a free loopback port: the browser
// tests open the real files, as `npm start` serves them, under the site's base path
// (https://org.github.io/repo/ is served as http://127.0.0.1:port/repo/).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { BASE_PATH } from '../site.config.mjs';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** `url` is the site's address without its final "/": open `${url}/missions/`. */
export async function serve(root: string, base = BASE_PATH): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const served = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!served.startsWith(base) && `${served}/` !== base) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('hors du site');
      return;
    }
    const path = `/${served.slice(base.length)}`;
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      // As static hosts do: the site's own 404.html, with the 404 status.
      const notFound = join(root, '404.html');
      if (!existsSync(notFound)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('introuvable');
        return;
      }
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      createReadStream(notFound).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${base.slice(0, -1)}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
