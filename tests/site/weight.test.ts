// Every page of the built sample site weighs under 100 KB of HTML + CSS + JS, the
// search index (/pagefind/) aside, as the site issue asks.
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { walk } from '../helpers.ts';

const LIMIT = 100 * 1024;

/** The page's own bytes plus each local stylesheet and script it loads. */
function pageWeight(site: string, file: string): number {
  const html = readFileSync(file, 'utf8');
  const assets = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="(\/[^"]+)"|<script[^>]+src="(\/[^"]+)"/g)) {
    const path = m[1] ?? m[2];
    if (!path.startsWith('/pagefind/')) assets.add(path);
  }
  return statSync(file).size + [...assets].reduce((sum, path) => sum + statSync(join(site, path)).size, 0);
}

describe('poids des pages', () => {
  test('chaque page pèse moins de 100 Ko (HTML, CSS et JS)', () => {
    const site = inject('siteDir');
    const pages = walk(site).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(40);
    const weights = pages.map((f) => ({ page: relative(site, f), bytes: pageWeight(site, f) })).sort((a, b) => b.bytes - a.bytes);
    console.log(`page la plus lourde : ${weights[0].page} (${weights[0].bytes} octets)`);
    expect(weights.filter((w) => w.bytes >= LIMIT)).toEqual([]);
  });
});
