// npm run liens [-- --content DIR] [--date YYYY-MM-DD] [--sortie FICHIER] [--delai SECONDES]
// Checks that every proof and deliverable link still answers (HEAD, then GET when the
// server refuses HEAD; node:http rather than fetch, for the .localhost resolution below), prints the dead ones with their file, and writes the report the
// site (npm run build -- --liens FICHIER) and the reminders (npm run rappels -- --liens
// FICHIER) read. Always exits 0 once the check ran: a dead link is a warning.
import { blockingErrors } from '../src/domain/registry/problems.ts';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { relative } from 'node:path';
import { formatText, withPathPrefix } from '../src/domain/registry/format.ts';
import { proofLinks, type DeadLink, type LinkReport } from '../src/domain/contribution/links.ts';
import { loadRegistry } from '../src/domain/rules/load.ts';
import { contentDirOption, dateOption, parseCli, runCli, UsageError } from './cli.ts';

const USAGE = 'Usage : npm run liens -- [--content DOSSIER] [--date AAAA-MM-JJ] [--sortie FICHIER] [--delai SECONDES]';
const CONCURRENCY = 8;

const MAX_REDIRECTS = 5;

// RFC 6761: names under .localhost are the loopback, as browsers and curl treat them
// (getaddrinfo does not always); everything else goes through the system's resolver.
const lookup: LookupFunction = (hostname, options, callback) =>
  hostname === 'localhost' || hostname.endsWith('.localhost')
    ? options.all
      ? (callback as (e: null, a: LookupAddress[]) => void)(null, [{ address: '127.0.0.1', family: 4 }])
      : callback(null, '127.0.0.1', 4)
    : dnsLookup(hostname, options, callback);

/** The status a URL answers with (redirects followed), or throws. */
function statusOf(url: URL, method: 'HEAD' | 'GET', signal: AbortSignal, redirects = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = get(url, { method, lookup, signal, headers: { 'user-agent': 'communs-reciprocite (verification des liens)' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location && redirects < MAX_REDIRECTS) {
        resolve(statusOf(new URL(location, url), method, signal, redirects + 1));
      } else {
        resolve(status);
      }
    });
    req.on('error', reject);
    req.end();
  });
}

/** null when the link answers; otherwise why not, in French. */
async function deadOrNull(url: string, timeoutMs: number): Promise<DeadLink | null> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    let status = await statusOf(new URL(url), 'HEAD', signal);
    // Some servers refuse HEAD or answer it wrongly: ask again as a browser would.
    if (status === 405 || status === 501 || status === 403) status = await statusOf(new URL(url), 'GET', signal);
    // 429: the server asks to wait, which says nothing about the link.
    if (status < 400 || status === 429) return null;
    return { url, statut: status, raison: status === 404 || status === 410 ? 'page introuvable' : `réponse ${status}` };
  } catch {
    return { url, statut: null, raison: signal.aborted ? `pas de réponse en ${timeoutMs / 1000} s` : 'serveur injoignable' };
  }
}

await runCli(async () => {
  const { values } = parseCli(
    process.argv.slice(2),
    { content: { type: 'string' }, date: { type: 'string' }, sortie: { type: 'string' }, delai: { type: 'string', default: '15' } },
    USAGE,
  );
  const contentDir = contentDirOption(values.content);
  const date = dateOption(values.date);
  const seconds = Number(values.delai);
  if (!(seconds > 0 && seconds <= 120)) throw new UsageError(`Délai invalide : « ${values.delai} ». Indiquez un nombre de secondes entre 1 et 120.\n\n${USAGE}`);

  const result = loadRegistry(contentDir, { date });
  const errors = blockingErrors(result.problems);
  if (errors.length > 0) {
    console.error(formatText({ files: result.files, entities: result.entities, problems: withPathPrefix(errors, relative(process.cwd(), contentDir)) }));
    return 1;
  }
  const links = proofLinks(result.registry);
  const urls = [...new Set(links.map((l) => l.url))];
  const dead: DeadLink[] = [];
  for (let i = 0; i < urls.length; i += CONCURRENCY) {
    for (const found of await Promise.all(urls.slice(i, i + CONCURRENCY).map((url) => deadOrNull(url, seconds * 1000)))) if (found) dead.push(found);
  }
  const report: LinkReport = { date, verifies: urls.length, morts: dead.sort((a, b) => a.url.localeCompare(b.url)) };
  const prefix = relative(process.cwd(), contentDir);
  for (const d of report.morts) {
    for (const l of links.filter((x) => x.url === d.url)) console.log(`${prefix}/${l.fichier}  avertissement : lien mort (${d.raison}) dans « ${l.champ} » : ${d.url}`);
  }
  console.log(`${urls.length} lien${urls.length > 1 ? 's' : ''} vérifié${urls.length > 1 ? 's' : ''}, ${dead.length} mort${dead.length > 1 ? 's' : ''}.`);
  if (values.sortie) writeFileSync(values.sortie, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
});
