// Three providers of the sample content, on the built site (reference date 2026-11-29),
// in three different situations, each given one verdict (standing.ts verdictOf), the same on
// the page, the list, the badge and the CSV:
//   karim-haddou: declared for all 3 finished missions, membership ended 2025-12-31 and not
//     renewed: under the rules of 2024-04-01 (« Une adhésion non renouvelée laisse ce délai
//     avant la sortie du cercle », 90 days), out of the circle since 2026-04-01 for his
//     membership, not for his declarations: « hors du cercle : adhésion manquante »
//     (the example rules of 2027-01-01 ask membership only of whoever works on a mission);
//   lea-fontaine: no mission, never a member → nothing due, never « hors du cercle »;
//   cabinet-trame-et-usages: a member, no declaration for the friche mission ended
//     2025-11-28, past 2025-11-28 + 180 = 27 May 2026 → « défaillant », out of the circle.
// The rules in force are an example: every verdict says so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, test } from 'vitest';
import { computeFigures } from '../../src/domain/rules/figures.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { standingRules } from '../../src/domain/rules/lists.ts';
import { verdictOf } from '../../src/domain/rules/standing.ts';
import { SAMPLE, SAMPLE_DATE, builtText } from '../helpers.ts';

const site = () => inject('siteDir');
const { registry } = loadRegistry(SAMPLE, { date: SAMPLE_DATE });
const figures = computeFigures(registry, SAMPLE_DATE);
const figuresRow = (id: string) => figures.prestataires.find((p) => p.id === id)!;
/** The visible text of a built page (tests/helpers.ts). */
const textOf = (path: string) => builtText(site(), path);

const CASES = [
  {
    id: 'karim-haddou',
    words: 'hors du cercle : adhésion manquante (règles d’exemple)',
    page: [
      'Déclarations : à jour',
      'Adhésion : adhésion échue',
      'Les déclarations des 3 missions terminées sont faites.',
      'Adhésion échue depuis le 1er janvier 2026.',
      'Hors du cercle : adhésion non renouvelée depuis le 1er janvier 2026 (la dernière couvrait jusqu’au 31 décembre 2025), plus de 90 jours : hors du cercle depuis le 1er avril 2026, jusqu’à son renouvellement.',
    ],
    csv: { verdict: 'hors_cercle_adhesion', reciprocite: 'a_jour', adhesion: 'adhesion_echue', adhesion_echue_depuis: '2026-01-01', hors_cercle: 'true', declarations_faites: '3', declarations_dues: '3', verdict_regles_exemple: 'true' },
  },
  {
    id: 'lea-fontaine',
    words: 'rien à déclarer pour l’instant (règles d’exemple)',
    page: ['Déclarations : rien à déclarer pour l’instant', 'Adhésion : jamais adhérent', 'Aucune mission terminée : rien n’est encore dû.', 'Dans le cercle.'],
    csv: { verdict: 'rien_du', reciprocite: 'rien_du', adhesion: 'jamais_adherent', hors_cercle: 'false', taux_declaration: '', verdict_regles_exemple: 'true' },
  },
  {
    id: 'cabinet-trame-et-usages',
    words: 'hors du cercle : déclaration manquante (règles d’exemple)',
    page: ['Déclarations : défaillant', 'Adhésion : adhérent', 'Hors du cercle : défaillant pour « Occupation transitoire de la friche de la tuilerie » depuis le 28 mai 2026.'],
    csv: { verdict: 'defaillant', reciprocite: 'defaillant', adhesion: 'adherent', hors_cercle: 'true', declarations_faites: '0', declarations_dues: '1', manque_eur: '112', verdict_regles_exemple: 'true' },
  },
];

describe('trois situations différentes, expliquées partout de la même façon', () => {
  test.each(CASES)('$id : la fiche dit les deux facettes, la conséquence, la date et le calcul', ({ id, page }) => {
    const text = textOf(`prestataires/${id}/index.html`);
    expect(text).toContain('Situation au 29 novembre 2026');
    for (const line of page) expect(text).toContain(line);
    expect(text).toContain("Comment c'est calculé");
    // Every judged figure links to its rule on /regles/.
    const html = readFileSync(join(site(), `prestataires/${id}/index.html`), 'utf8');
    expect(html).toMatch(/href="[^"]*\/regles\/#2024-04-01-cercle"/);
    expect(html).toMatch(/href="[^"]*\/regles\/#2024-04-01-adhesion"/);
  });

  test.each(CASES)('$id : en haut de la fiche, le verdict de la liste et du badge, avec sa règle et sa date', ({ id, words }) => {
    const html = readFileSync(join(site(), `prestataires/${id}/index.html`), 'utf8');
    const top = html.slice(html.indexOf('<h1'), html.indexOf('<h2'));
    const verdict = top.match(/<p class="verdict">([\s\S]*?)<\/p>/)![1];
    const text = verdict.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
    expect(text).toContain(`Situation au 29 novembre 2026 : ${words.charAt(0).toUpperCase()}${words.slice(1)}`);
    // The same colour as the list's pill and the badge: the verdict's tone.
    const row = figuresRow(id);
    expect(verdict).toMatch(new RegExp(`<span class="badge ${verdictOf(row.situation).ton}"`));
    // Why, with its rule linked to its section of /regles/.
    expect(text).toContain(row.verdict.texte);
    // Nothing due yet (no finished mission) rests on the deadlines of the rules in force.
    const rule = row.verdict.regle ?? standingRules(figures).delais!;
    expect(verdict).toContain(`/regles/#${rule.replace('#', '-')}">règle ${rule}</a>`);
  });

  test.each(CASES)('$id : la liste montre le verdict, et l’adhésion à part', ({ id, words }) => {
    const list = readFileSync(join(site(), 'prestataires/index.html'), 'utf8');
    const row = list.split('<tr').find((r) => r.includes(`/prestataires/${id}/`))!;
    const cells = row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(cells).toContain(words.charAt(0).toUpperCase() + words.slice(1));
    // The column (or the card's label on a phone) names the membership facet; the label says the rest.
    expect(row).toMatch(/<td data-label="Adhésion"><span class="badge (adherent|adhesion_echue|jamais_adherent)">[^<:]+<\/span><\/td>/);
  });

  test.each(CASES)('$id : le badge lit « $words » et sa date', ({ id, words }) => {
    const svg = readFileSync(join(site(), `badges/${id}.svg`), 'utf8');
    expect(svg).toContain(`Situation au 29 novembre 2026: ${words}`);
  });

  test.each(CASES)('$id : le CSV des chiffres par prestataire porte les deux facettes et la raison', ({ id, csv }) => {
    const rows = parse(readFileSync(join(site(), 'donnees/figures_prestataires.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.id === id)!;
    expect(row).toMatchObject({ date_reference: '2026-11-29', ...csv });
    expect(row.hors_cercle_raisons === '').toBe(csv.hors_cercle === 'false');
  });
});
