// How `npm run liens` asks a link whether it still answers, without becoming a probe
// of the runner's network (forge-trust.md, L6 and M2): every name is resolved first and
// each address it gives is checked (no loopback, private, link-local, shared or reserved
// address: the connection then goes to exactly the address checked); at most
// MAX_REDIRECTS redirects, each checked the same way; a time budget for the whole run,
// and links taken in turn from each provider, so that one provider's hundreds of silent
// links cannot keep the others from being checked, nor push the daily job past its limit.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { createHash } from 'node:crypto';
import type { DeadLink } from '../../src/domain/contribution/links.ts';

export const MAX_REDIRECTS = 3;

/**
 * Addresses that are not the public internet (IANA special-purpose registries):
 * « this network », private networks, shared address space (CGNAT), loopback,
 * link-local (where cloud metadata services answer), documentation and benchmark
 * ranges, multicast and reserved; their IPv6 counterparts.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // The unspecified address, and IPv4 written the deprecated « compatible » way (::a.b.c.d).
  ['::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  // NAT64 (RFC 6052, RFC 8215): an IPv4 address behind a translator, private ones included.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  // Site-local, deprecated (RFC 3879) but still routed inside some networks.
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IPv4 address written inside an IPv6 one (::ffff:a.b.c.d, ::ffff:7f00:1), as IPv4; otherwise the address. */
function unwrapped(address: string): string {
  const mapped = /^::ffff:(?:0:)?(.+)$/i.exec(address);
  if (!mapped) return address;
  if (isIP(mapped[1]) === 4) return mapped[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(mapped[1]);
  if (!hex) return address;
  const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an address may not be asked, in French; null for a public address. */
export function refusedAddress(address: string, allowLoopback = false): string | null {
  const plain = unwrapped(address);
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  if (LOOPBACK.check(plain, family)) return allowLoopback ? null : `adresse de la machine elle-même (${address})`;
  if (NOT_PUBLIC.check(plain, family)) return `adresse privée, locale ou réservée (${address})`;
  return null;
}

class RefusedAddress extends Error {}

/**
 * A lookup that resolves the name, refuses it if any address it gives is not public,
 * and hands the connection exactly the addresses it checked. RFC 6761: names under
 * .localhost are the loopback, as browsers and curl treat them.
 */
function checkingLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const done = (error: Error | null, addresses: LookupAddress[]) => {
      if (error) return (callback as (e: Error) => void)(error);
      const refused = addresses.map((a) => refusedAddress(a.address, allowLoopback)).find((r) => r !== null);
      if (refused) return (callback as (e: Error) => void)(new RefusedAddress(refused));
      if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    };
    if (hostname === 'localhost' || hostname.endsWith('.localhost')) return done(null, [{ address: '127.0.0.1', family: 4 }]);
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => done(error, addresses));
  };
}

type Answer = { status: number } | { dead: string };

/** The status a URL answers with, redirects followed and checked; or why it was not asked. */
function answerOf(url: URL, method: 'HEAD' | 'GET', signal: AbortSignal, allowLoopback: boolean, redirects = 0): Promise<Answer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve({ dead: `redirigé vers une adresse qui n’est pas un lien web (${url.protocol})` });
  // A literal address needs no lookup (Node connects to it directly): checked here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  const refused = isIP(literal) ? refusedAddress(literal, allowLoopback) : null;
  if (refused) return Promise.resolve({ dead: `${refused} : non vérifié` });
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = get(url, { method, lookup: checkingLookup(allowLoopback), signal, headers: { 'user-agent': 'communs-reciprocite (verification des liens)' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        if (redirects >= MAX_REDIRECTS) return resolve({ dead: `plus de ${MAX_REDIRECTS} redirections` });
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          return resolve({ dead: 'redirigé vers une adresse illisible' });
        }
        return resolve(answerOf(next, method, signal, allowLoopback, redirects + 1));
      }
      resolve({ status });
    });
    req.on('error', (error) => (error instanceof RefusedAddress ? resolve({ dead: `${error.message} : non vérifié` }) : reject(error)));
    req.end();
  });
}

/** null when the link answers; otherwise why not, in French. */
export async function deadOrNull(url: string, timeoutMs: number, budget: AbortSignal, allowLoopback: boolean): Promise<DeadLink | null> {
  const own = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([own, budget]);
  try {
    let answer = await answerOf(new URL(url), 'HEAD', signal, allowLoopback);
    // Some servers refuse HEAD or answer it wrongly: ask again as a browser would.
    if ('status' in answer && [403, 405, 501].includes(answer.status)) answer = await answerOf(new URL(url), 'GET', signal, allowLoopback);
    if ('dead' in answer) return { url, statut: null, raison: answer.dead };
    // 429: the server asks to wait, which says nothing about the link.
    if (answer.status < 400 || answer.status === 429) return null;
    return { url, statut: answer.status, raison: answer.status === 404 || answer.status === 410 ? 'page introuvable' : `réponse ${answer.status}` };
  } catch {
    return { url, statut: null, raison: own.aborted ? `pas de réponse en ${timeoutMs / 1000} s` : 'serveur injoignable' };
  }
}

/**
 * The links in the order they are checked: one of each owner in turn (a provider, or
 * the missions' deliverables), and within an owner an order that changes with the date,
 * so that links left unchecked one day by the time budget come earlier on another.
 */
export function fairOrder(links: ReadonlyArray<{ url: string; owner: string }>, date: string): string[] {
  const byOwner = new Map<string, string[]>();
  for (const { url, owner } of links) {
    const list = byOwner.get(owner) ?? [];
    if (!list.includes(url)) list.push(url);
    byOwner.set(owner, list);
  }
  const key = (url: string) => createHash('sha256').update(`${date} ${url}`).digest('hex');
  const queues = [...byOwner.keys()].sort().map((owner) => byOwner.get(owner)!.sort((a, b) => key(a).localeCompare(key(b))));
  const order: string[] = [];
  const seen = new Set<string>();
  for (let round = 0; queues.some((q) => round < q.length); round++) {
    for (const q of queues) if (round < q.length && !seen.has(q[round])) order.push(q[round]), seen.add(q[round]);
  }
  return order;
}

export interface CheckResult {
  dead: DeadLink[];
  /** Links asked within the budget. */
  checked: number;
  /** Links left for another day: the budget ran out before them. */
  skipped: number;
}

/** Checks the links in order, `concurrency` at a time, starting none after the budget and ending those in flight at it. */
export async function checkLinks(urls: readonly string[], options: { timeoutMs: number; budgetMs: number; concurrency: number; allowLoopback: boolean }): Promise<CheckResult> {
  const budget = AbortSignal.timeout(options.budgetMs);
  const dead: DeadLink[] = [];
  let next = 0;
  let checked = 0;
  const worker = async () => {
    while (next < urls.length && !budget.aborted) {
      const url = urls[next++];
      const found = await deadOrNull(url, options.timeoutMs, budget, options.allowLoopback);
      // A link cut by the budget was not really asked: it is left for another day.
      if (budget.aborted && found?.raison === 'serveur injoignable') continue;
      checked++;
      if (found) dead.push(found);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { dead: dead.sort((a, b) => a.url.localeCompare(b.url)), checked, skipped: urls.length - checked };
}
