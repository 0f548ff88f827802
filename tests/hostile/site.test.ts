// The site built from a content tree that is valid but full of hostile strings
// (tests/fixtures/hostile-site/): every Markdown body tries raw HTML, scripts, event
// handlers and javascript:/data: links; every name, title and description tries to
// leave its context (HTML text, attribute, RSS, CSV, JSON). Each payload carries a
// marker PIEGEnn. Every built .html, .xml and .svg file is read back with a real parser
// (parse5 for HTML, fast-xml-parser for XML) and must hold nothing a contributor wrote
// that a browser, a feed reader or a spreadsheet would run.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseHtml, parseFragment } from 'parse5';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { FIXTURE_DATE, FIXTURES, npmRun, siteTempDir, tempDir, walk } from '../helpers.ts';

const MARKER = /PIEGE\d\d/;
const CONTENT = join(FIXTURES, 'hostile-site');

let out = '';
let files: string[] = [];
const dirs: string[] = [];

// One build, into a folder under the project root (siteTempDir): Astro then keeps its
// intermediate files there rather than in the shared .astro/, so builds do not collide.
beforeAll(() => {
  const content = tempDir('cr-site-hostile-contenu-');
  cpSync(CONTENT, content, { recursive: true });
  out = siteTempDir('hostile-');
  dirs.push(content, out);
  const result = npmRun('build', ['--content', content, '--date', FIXTURE_DATE, '--out', out]);
  if (result.status !== 0) throw new Error(`La construction du site hostile a échoué :\n${result.stdout}\n${result.stderr}`);
  files = walk(out).map((file) => relative(out, file)).sort();
}, 600_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const read = (rel: string) => readFileSync(join(out, rel), 'utf8');
const ofType = (ext: string) => files.filter((f) => f.endsWith(ext) && !f.startsWith('pagefind/'));

/** Every string of the content tree that carries a marker, by where it is written. */
function contributorStrings(): Array<[path: string, value: string]> {
  const { registry, problems } = loadRegistry(CONTENT, { date: FIXTURE_DATE });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const found: Array<[string, string]> = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (MARKER.test(value)) found.push([path, value]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) visit(v, `${path}.${key}`);
    }
  };
  for (const folder of [registry.prestataires, registry.missions, registry.communs]) for (const [id, e] of folder) visit(e.data, id);
  for (const d of registry.declarations) visit(d.data, d.file);
  for (const r of registry.regles) visit(r.data, r.file);
  return found;
}

// --- what a browser would run -------------------------------------------------------------

interface HtmlNode {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Array<{ name: string; value: string; prefix?: string }>;
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  parentNode?: HtmlNode | null;
}

/** Attributes whose value a browser loads or follows as a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'background', 'cite', 'ping', 'codebase', 'manifest', 'longdesc', 'srcset', 'imagesrcset']);
/** Elements the site never writes: from contributor text they would load or run something. */
const FORBIDDEN_ELEMENTS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']);

/** Relative, http:, https: or mailto:, the way a browser reads the scheme (blanks and controls dropped). */
function isSafeUrl(value: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/[\u0000-\u0020]/g, ''));
  return !scheme || ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
}

const attr = (node: HtmlNode, name: string) => node.attrs?.find((a) => a.name === name)?.value;
const children = (node: HtmlNode) => [...(node.childNodes ?? []), ...(node.content ? [node.content] : [])];
const textOf = (node: HtmlNode): string =>
  node.nodeName === '#text' ? node.value ?? '' : children(node).map(textOf).join('');

/** Everything in one HTML tree that a browser would run or load from contributor text. */
function htmlViolations(root: HtmlNode, where: string, fragment = false): string[] {
  const found: string[] = [];
  const visit = (node: HtmlNode, inHead: boolean, inProse: boolean) => {
    const tag = node.tagName;
    if (tag) {
      const at = `${where} <${tag}>`;
      if (FORBIDDEN_ELEMENTS.has(tag)) found.push(`${at} : élément interdit`);
      if (tag === 'meta' && attr(node, 'http-equiv')?.toLowerCase() === 'refresh') found.push(`${at} : redirection`);
      if (tag === 'script' && attr(node, 'type') === 'application/json') {
        // Data for a form (/declarer/): never run; contributor text may be in it, as JSON
        // that cannot close the element (every < written \u003c) and parses back.
        if (textOf(node).includes('<')) found.push(`${at} : < brut dans des données JSON`);
        try {
          JSON.parse(textOf(node));
        } catch {
          found.push(`${at} : données JSON illisibles`);
        }
        if (fragment || inProse) found.push(`${at} : script venu d’un contributeur`);
      } else if (tag === 'script') {
        if (MARKER.test(textOf(node)) || /alert\(/.test(textOf(node))) found.push(`${at} : texte d’un contributeur dans un script`);
        if (fragment || inProse) found.push(`${at} : script venu d’un contributeur`);
      }
      if (tag === 'style' && (!inHead || MARKER.test(textOf(node)) || fragment)) found.push(`${at} : style hors de l’en-tête du site`);
      for (const { name, value, prefix } of node.attrs ?? []) {
        const full = prefix ? `${prefix}:${name}` : name;
        if (/^on/i.test(name)) found.push(`${at} ${full} : gestionnaire d’événement`);
        if (URL_ATTRIBUTES.has(name.toLowerCase()) && !isSafeUrl(value)) found.push(`${at} ${full}="${value}" : lien dangereux`);
        if (/^data-pagefind-/i.test(name)) {
          const ownSpan = tag === 'span' && attr(node, 'hidden') !== undefined && node.parentNode?.tagName === 'main';
          if (inProse || fragment || !(tag === 'main' || ownSpan)) found.push(`${at} ${name}="${value}" : attribut Pagefind hors de ceux du site`);
          if (name === 'data-pagefind-filter' && value.startsWith('type:') && !['type:Prestataire', 'type:Mission', 'type:Commun'].includes(value)) {
            found.push(`${at} ${name}="${value}" : type de fiche inventé`);
          }
        }
        // Markdown output: rehype-sanitize prefixes ids and names (no clobbering of the
        // site's own, such as #contenu) and keeps no style or data-* attribute.
        if (inProse && (name === 'id' || name === 'name') && !value.startsWith('user-content-')) found.push(`${at} ${name}="${value}" : identifiant non préfixé`);
        if (inProse && (name === 'style' || name.startsWith('data-'))) found.push(`${at} ${name} : attribut venu d’un contributeur`);
      }
    }
    const prose = inProse || (tag === 'div' && (attr(node, 'class') ?? '').split(/\s+/).includes('prose'));
    for (const child of children(node)) visit(child, inHead || tag === 'head', prose);
  };
  visit(root, false, false);
  return found;
}

function visibleText(root: HtmlNode): string {
  const texts: string[] = [];
  const visit = (node: HtmlNode) => {
    if (node.nodeName === '#text') texts.push(node.value ?? '');
    if (node.tagName === 'script' || node.tagName === 'style') return;
    children(node).forEach(visit);
  };
  visit(root);
  // One text node per value: NUL keeps two neighbours from making a false match.
  return texts.join('\u0000');
}

function hrefs(root: HtmlNode): string[] {
  const found: string[] = [];
  const visit = (node: HtmlNode) => {
    for (const a of node.attrs ?? []) if (URL_ATTRIBUTES.has(a.name)) found.push(a.value);
    children(node).forEach(visit);
  };
  visit(root);
  return found;
}

// --- XML ------------------------------------------------------------------------------------

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };
const xmlParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: false, parseTagValue: false, parseAttributeValue: false });
/** Characters XML 1.0 allows (fast-xml-parser does not check them; feed readers do). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Elements and attributes of a parsed XML document, in document order. */
function xmlElements(nodes: XmlNode[], out: Array<{ tag: string; attrs: Record<string, string>; text: string }> = []) {
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (!tag || tag === '#text') continue;
    const kids = node[tag] as XmlNode[];
    const text = kids.map((k) => (k['#text'] !== undefined ? String(k['#text']) : '')).join('');
    out.push({ tag, attrs: node[':@'] ?? {}, text });
    xmlElements(kids, out);
  }
  return out;
}

function parseXml(rel: string) {
  const text = read(rel);
  expect(XMLValidator.validate(text), rel).toBe(true);
  expect(NOT_XML_CHAR.exec(text)?.[0], `${rel} : caractère interdit en XML`).toBeUndefined();
  return xmlElements(xmlParser.parse(text) as XmlNode[]);
}

// --- the tests --------------------------------------------------------------------------------

describe('site construit depuis un contenu plein de textes hostiles', () => {
  it('construit chaque page attendue', () => {
    for (const page of ['index.html', 'prestataires/alice-conseil/index.html', 'missions/mission-appel/index.html', 'communs/wiki-test/index.html', 'regles/index.html', 'flux/appels.xml', 'flux/declarations.xml', 'donnees/registre.json', 'badges/alice-conseil.svg']) {
      expect(files).toContain(page);
    }
  });

  it('HTML : ni script, ni gestionnaire d’événement, ni lien dangereux, ni élément ou attribut venu d’un contributeur', () => {
    const html = ofType('.html');
    expect(html.length).toBeGreaterThan(10);
    const violations = html.flatMap((rel) => htmlViolations(parseHtml(read(rel)) as unknown as HtmlNode, rel));
    expect(violations).toEqual([]);
  });

  it('témoin : sans rehype-sanitize, les mêmes vérifications trouvent les pièges des corps Markdown', () => {
    // Astro's own Markdown pipeline passes raw HTML through: render the bodies that way.
    const raw = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true });
    const bodies = walk(CONTENT).filter((f) => f.endsWith('.md')).map((f) => readFileSync(f, 'utf8').split(/^---$/m).slice(2).join('---'));
    const page = `<!doctype html><html><head></head><body><main>${bodies.map((b) => `<div class="prose">${raw.processSync(b)}</div>`).join('')}</main></body></html>`;
    const violations = htmlViolations(parseHtml(page) as unknown as HtmlNode, 'témoin');
    for (const kind of ['élément interdit', 'redirection', 'script venu d’un contributeur', 'style hors de l’en-tête', 'gestionnaire d’événement', 'lien dangereux', 'attribut Pagefind', 'type de fiche inventé', 'identifiant non préfixé', 'attribut venu d’un contributeur']) {
      expect(violations.some((v) => v.includes(kind)), `${kind} :\n${violations.join('\n')}`).toBe(true);
    }
    // And the sanitised pages render the same bodies: the pipeline, not the fixture, makes the difference.
    expect(read('prestataires/alice-conseil/index.html')).toContain('lien PIEGE03');
  });

  it('HTML : les textes hostiles des noms, titres et descriptions se lisent tels quels, rien n’est retiré', () => {
    const pages = ofType('.html').map((rel) => parseHtml(read(rel)) as unknown as HtmlNode);
    const text = pages.map(visibleText).join('\u0001');
    const links = new Set(pages.flatMap(hrefs));
    // Not shown by any page today (the CSV and registre.json carry it): not a loss.
    const notRendered = new Set(['alice-conseil.resume']);
    // The safe links of a Markdown body are kept.
    expect(links).toContain('https://movilab.org/');
    expect(links).toContain('mailto:contact@example.org');
    const missing = contributorStrings()
      .filter(([path]) => !notRendered.has(path))
      .filter(([path, value]) => (/\.(site|url|preuve|lien|source)$/.test(path) ? !links.has(value) : !text.includes(value)));
    expect(missing).toEqual([]);
  });

  it('HTML : aucun identifiant en double dans une page', () => {
    const duplicates = ofType('.html').flatMap((rel) => {
      const ids: string[] = [];
      const visit = (node: HtmlNode) => {
        const id = attr(node, 'id');
        if (id !== undefined) ids.push(id);
        children(node).forEach(visit);
      };
      visit(parseHtml(read(rel)) as unknown as HtmlNode);
      return ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${rel} #${id}`);
    });
    expect(duplicates).toEqual([]);
  });

  const FEEDS = ['flux/appels.xml', 'flux/declarations.xml'];

  it('flux RSS : du XML bien formé, sans caractère interdit, avec des liens http(s)', () => {
    for (const rel of FEEDS) {
      const elements = parseXml(rel);
      expect(elements.filter((e) => e.tag === 'item').length, rel).toBeGreaterThan(0);
      for (const e of elements) {
        if (['link', 'guid'].includes(e.tag)) expect(e.text, `${rel} <${e.tag}>`).toMatch(/^https?:\/\//);
        for (const [name, value] of Object.entries(e.attrs)) {
          expect(name, `${rel} <${e.tag}>`).not.toMatch(/^on/i);
          if (URL_ATTRIBUTES.has(name)) expect(isSafeUrl(value), `${rel} ${name}="${value}"`).toBe(true);
        }
      }
    }
  });

  // RSS 2.0: <description> is entity-encoded HTML, and feed readers render it as such:
  // src/pages/flux/*.ts escape contributor text (feedText) before @astrojs/rss escapes
  // it again for XML, so a reader never gets <img onerror>, <style>... as markup.
  it('flux RSS : une description ne devient jamais du balisage dans un lecteur de flux', () => {
    for (const rel of FEEDS) {
      for (const e of parseXml(rel).filter((x) => x.tag === 'description')) {
        const fragment = parseFragment(e.text) as unknown as HtmlNode;
        expect(htmlViolations(fragment, `${rel} <description>`, true)).toEqual([]);
        expect(children(fragment).filter((n) => n.tagName).map((n) => n.tagName), `${rel} <description> ${e.text}`).toEqual([]);
      }
    }
  });

  // Titles and categories are read as HTML by many readers too: escaped the same way.
  it('flux RSS : les titres et les catégories hostiles y sont, en texte, jamais en balisage', () => {
    const asHtml = (text: string) => parseFragment(text) as unknown as HtmlNode;
    const textOf = (node: HtmlNode): string => (node.value ?? '') + children(node).map(textOf).join('');
    for (const rel of FEEDS) {
      for (const e of parseXml(rel).filter((x) => x.tag === 'title' || x.tag === 'category')) {
        expect(children(asHtml(e.text)).filter((n) => n.tagName).map((n) => n.tagName), `${rel} <${e.tag}> ${e.text}`).toEqual([]);
      }
    }
    const titles = parseXml('flux/appels.xml').filter((e) => e.tag === 'title').map((e) => textOf(asHtml(e.text)));
    expect(titles).toContain('Nouvel appel : Appel ]]><script>alert(\'PIEGE50\')</script> PIEGE50');
  });

  it('tous les autres XML et les SVG sont bien formés, sans script ni gestionnaire d’événement ni lien dangereux', () => {
    const others = [...ofType('.xml'), ...ofType('.svg')].filter((rel) => !rel.startsWith('flux/'));
    expect(others.length).toBeGreaterThan(3);
    for (const rel of others) {
      for (const e of parseXml(rel)) {
        expect(['script', 'foreignObject', 'iframe', 'object', 'embed'], `${rel} <${e.tag}>`).not.toContain(e.tag);
        for (const [name, value] of Object.entries(e.attrs)) {
          expect(name, `${rel} <${e.tag}>`).not.toMatch(/^on/i);
          if (URL_ATTRIBUTES.has(name.replace(/^xlink:/, ''))) expect(isSafeUrl(value), `${rel} ${name}="${value}"`).toBe(true);
        }
      }
    }
  });

  it('CSV : aucune cellule de texte ne commence par = + - @ (ni leurs formes pleine chasse) sans l’apostrophe', () => {
    const csv = ofType('.csv');
    expect(csv.length).toBeGreaterThan(5);
    const formulas: string[] = [];
    let escaped = 0;
    for (const rel of csv) {
      // donnees/tableur/: the copy for a French spreadsheet (BOM, « ; », decimal comma).
      const spreadsheet = rel.startsWith('donnees/tableur/');
      const options = spreadsheet ? { relax_column_count: false, delimiter: ';', bom: true } : { relax_column_count: false };
      for (const row of parseCsv(read(rel), options) as string[][]) {
        for (const cell of row) {
          if (/^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell)) escaped++;
          if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) && !/^-?\d+([.,]\d+)?(e[+-]?\d+)?$/i.test(cell)) formulas.push(`${rel} : ${cell}`);
        }
      }
    }
    expect(formulas).toEqual([]);
    // The payloads did reach the CSV, neutralised: =HYPERLINK, +cmd, @SUM, -2+3, ＝HYPERLINK, +PIEGE46...
    expect(escaped).toBeGreaterThanOrEqual(8);
    expect(read('donnees/missions.csv')).toContain('"\'=HYPERLINK(""http://evil.example.org/PIEGE36"",""clic"")"');
  });

  it('registre.json : du JSON valide, sans < ni > bruts, qui rend chaque texte tel qu’écrit', () => {
    const text = read('donnees/registre.json');
    expect(text).not.toMatch(/[<>]/);
    expect(text).toContain('\\u003cscript');
    const document = JSON.parse(text) as { prestataires: Array<{ id: string; nom: string; texte_markdown: string }> };
    const alice = document.prestataires.find((p) => p.id === 'alice-conseil')!;
    expect(alice.nom).toBe('"><script>alert(\'PIEGE30\')</script> Alice PIEGE30');
    expect(alice.texte_markdown).toContain("<script>alert('PIEGE01')</script>");
    for (const rel of ofType('.json')) expect(() => JSON.parse(read(rel)), rel).not.toThrow();
  });

  it('index Pagefind : aucun filtre inventé par un contributeur (type:Faux)', () => {
    expect(files).toContain('pagefind/pagefind-entry.json');
    // Each filter file holds one key and its values (gzip, then CBOR: the strings read as is).
    const filters = files.filter((f) => f.startsWith('pagefind/filter/')).map((rel) => gunzipSync(readFileSync(join(out, rel))).toString('latin1'));
    // "Faux" is only ever part of alice's territory, written whole: never a value of its own
    // (a Markdown body's data-pagefind-filter, or "…, type:Faux" split at its comma).
    for (const f of filters) if (f.includes('Faux')) expect(f).toContain('PIEGE31, type:Faux');
  });
});
