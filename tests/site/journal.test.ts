// The journal of each provider's situation on the built sample site (reference date
// 2026-11-29): a section of the provider's page, newest first, and an Atom feed
// (prestataires/<id>/journal.xml) announced by <link rel="alternate">.
//   karim-haddou: member to 2025-12-31, on « Évaluer l'utilité sociale des tiers-lieux du
//     Vermandois » until 2026-02-27 → on 2026-01-01 a membership to take (grace to
//     2026-01-01 + 90 − 1 = 31 March 2026), the mission ends on 2026-02-27 (a declaration
//     to make by 2026-02-27 + 60 = 28 April 2026), on 2026-02-28 no mission: no membership
//     required; declared on 2026-03-20 → « adhésion échue, sans mission ».
//   cabinet-trame-et-usages: the friche mission ended 2025-11-28, never declared → late on
//     2026-01-28 (deadline 2025-11-28 + 60 = 27 January), défaillant on 2026-05-28
//     (2025-11-28 + 180 = 27 May).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, inject, test } from 'vitest';
import { EXAMPLE_RULES_NOTE } from '../../src/domain/rules/example.ts';

const site = () => inject('siteDir');
const read = (path: string) => readFileSync(join(site(), path), 'utf8');
/** Visible text: links read inline, other tags as spaces. */
const text = (html: string) => html.replace(/<\/?a\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** The journal's entries on a provider's page, newest first: [anchor, visible text]. */
function pageEntries(id: string): Array<[string, string]> {
  const html = read(`prestataires/${id}/index.html`);
  const list = /<ol class="journal">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li id="(journal-[\d-]+)">([\s\S]*?)<\/li>/g)].map((m) => [m[1], text(m[2])]);
}

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link: Array<{ '@_rel': string; '@_href': string }>;
  content: { '#text': string; '@_type': string };
}

function feed(id: string) {
  const xml = read(`prestataires/${id}/journal.xml`);
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'link' }).parse(xml);
  return parsed.feed as { id: string; title: string; updated: string; link: Array<{ '@_rel': string; '@_href': string; '@_type': string }>; entry?: AtomEntry[] };
}

const providers = () => readdirSync(join(site(), 'prestataires')).filter((name) => /^[a-z0-9-]+$/.test(name) && !/^\d+$/.test(name) && name !== 'situation' && name !== 'tri');

describe('le journal de la situation, sur la fiche et en flux Atom', () => {
  test('karim-haddou : chaque changement avec sa date, l’avant → l’après, la raison et le lien vers sa règle', () => {
    const entries = pageEntries('karim-haddou');
    expect(entries.map(([anchor]) => anchor).slice(0, 4)).toEqual(['journal-2026-04-01', 'journal-2026-03-20', 'journal-2026-02-27', 'journal-2026-01-01']);
    const [out, declared, ended, lapsed] = entries.map(([, t]) => t);
    // The rules of 2024-04-01: a membership not renewed leaves 90 days before going out of the circle.
    expect(lapsed).toBe(
      '1er janvier 2026 : Déclarations à jour → devient Adhésion à prendre ou à renouveler ' +
        'Adhésion échue : elle couvrait jusqu’au 31 décembre 2025, sans renouvellement. ' +
        'Adhésion non renouvelée depuis le 1er janvier 2026 (la dernière couvrait jusqu’au 31 décembre 2025) : à renouveler au plus tard le 31 mars 2026 pour rester dans le cercle. (règle 2024-04-01#adhesion)',
    );
    expect(ended).toContain('27 février 2026 : Adhésion à prendre ou à renouveler (situation inchangée)');
    expect(ended).toContain('déclaration à faire au plus tard le 28 avril 2026. (règle 2024-04-01#delais)');
    expect(declared).toContain('20 mars 2026 : Adhésion à prendre ou à renouveler (situation inchangée) Déclaration pour « Évaluer l\'utilité sociale des tiers-lieux du Vermandois » faite le 20 mars 2026, dans les délais');
    expect(out).toBe(
      '1er avril 2026 : Adhésion à prendre ou à renouveler → devient Hors du cercle : adhésion manquante ' +
        'Adhésion non renouvelée depuis le 1er janvier 2026 (la dernière couvrait jusqu’au 31 décembre 2025), plus de 90 jours : hors du cercle depuis le 1er avril 2026, jusqu’à son renouvellement. (règle 2024-04-01#cercle)',
    );
    const html = read('prestataires/karim-haddou/index.html');
    expect(html).toMatch(/<a href="[^"]*\/regles\/#2024-04-01-adhesion">règle 2024-04-01#adhesion<\/a>/);
    // The rules that judge are an example: said once, above the journal.
    expect(text(html)).toContain(EXAMPLE_RULES_NOTE);
  });

  test('cabinet-trame-et-usages : en retard le lendemain de l’échéance, défaillant et hors du cercle le lendemain du dernier délai', () => {
    const entries = pageEntries('cabinet-trame-et-usages').map(([, t]) => t);
    expect(entries[0]).toMatch(/^28 mai 2026 : Déclaration en retard → devient Hors du cercle : déclaration manquante Toujours aucune déclaration pour « Occupation transitoire de la friche de la tuilerie » plus de 180 jours après sa fin \(le 28 novembre 2025\) : défaillant, hors du cercle\. \(règle 2024-04-01#cercle\)$/);
    expect(entries[1]).toMatch(/^28 janvier 2026 : Déclaration à faire → devient Déclaration en retard Échéance du 27 janvier 2026 passée/);
  });

  test.each(['karim-haddou', 'cabinet-trame-et-usages', 'agathe-morel', 'lea-fontaine'])('%s : la fiche annonce son flux, et le flux dit les mêmes changements que la fiche', (id) => {
    const html = read(`prestataires/${id}/index.html`);
    const alternate = new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="Journal de la situation [^"]+" href="[^"]*/prestataires/${id}/journal\\.xml">`);
    expect(html).toMatch(alternate);
    const f = feed(id);
    expect(f.id).toMatch(new RegExp(`^https://.+/prestataires/${id}/journal\\.xml$`));
    expect(f.link.find((l) => l['@_rel'] === 'self')).toMatchObject({ '@_type': 'application/atom+xml', '@_href': f.id });
    const entries = f.entry ?? [];
    const onPage = pageEntries(id);
    expect(entries.map((e) => e.id.split('#')[1])).toEqual(onPage.map(([anchor]) => anchor));
    for (const e of entries) {
      expect(e.updated).toBe(`${e.id.split('#journal-')[1]}T00:00:00Z`);
      expect(e.content['@_type']).toBe('text');
      expect(e.link.find((l) => l['@_rel'] === 'alternate')!['@_href']).toBe(e.id);
    }
    // Atom's <updated>: the newest change, or the reference date when nothing happened yet.
    expect(f.updated).toBe(entries[0]?.updated ?? '2026-11-29T00:00:00Z');
  });

  test('lea-fontaine, ni adhésion ni mission : un journal vide, dit en une phrase', () => {
    expect(pageEntries('lea-fontaine')).toEqual([]);
    expect(text(read('prestataires/lea-fontaine/index.html'))).toContain('Aucun changement pour l’instant : ni adhésion, ni mission terminée, ni déclaration.');
  });

  test('pour chaque prestataire, le dernier changement mène à la pastille de la liste', () => {
    const list = read('prestataires/index.html');
    const ids = providers();
    expect(ids.length).toBe(13);
    for (const id of ids) {
      const html = read(`prestataires/${id}/index.html`);
      const first = /<ol class="journal">\s*<li id="journal-[\d-]+">([\s\S]*?)<br>/.exec(html)?.[1];
      if (!first) continue;
      // The pill after the change: the last of the entry's line.
      const after = text([...first.matchAll(/<span class="badge [^"]+">([^<]+)<\/span>/g)].at(-1)![1]);
      const row = text(list.split('<tr').find((r) => r.includes(`/prestataires/${id}/`))!);
      // A membership that changed under the same verdict shows the membership: the verdict is the previous entry's.
      if (!after.startsWith('Adhésion : ')) expect(row, id).toContain(after);
    }
  });
});
