// The charts: geometry from src/site/charts.ts, checked by hand, then the two Astro
// components rendered with Astro's Container API (through a Vite server carrying the
// Astro plugin, since vitest's own config does not compile .astro files).
import { getViteConfig } from 'astro/config';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { createServer, type ViteDevServer } from 'vite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { barsByYear, chartId, flowLayout, flowsByCommons, wrapLabel, type FlowInput } from '../../src/site/charts.ts';
import { SAMPLE_DIR } from '../helpers.ts';

const HOSTILE = '<script>alert(1)</script>';

describe('bars by year: one row per year, each bar a share of the largest value', () => {
  test('the 300 € bar is three times as long as the 100 € one', () => {
    const rows = barsByYear([
      { annee: 2024, values: [100, 0] },
      { annee: 2025, values: [300, 25] },
    ])!;
    // Largest value 300: 100 / 300 = 0.3333, 25 / 300 = 0.0833, 300 / 300 = 1.
    expect(rows.map((r) => [r.annee, r.bars.map((b) => b.share)])).toEqual([[2024, [0.3333, 0]], [2025, [1, 0.0833]]]);
    expect(rows[1].bars.map((b) => [b.series, b.value])).toEqual([[0, 300], [1, 25]]);
  });

  test('a year with nothing between the first and the last is a row of its own, marked empty', () => {
    const rows = barsByYear([
      { annee: 2026, values: [250, 40] },
      { annee: 2024, values: [30, 0] },
    ])!;
    expect(rows.map((r) => [r.annee, r.empty])).toEqual([[2024, false], [2025, true], [2026, false]]);
    expect(rows[1].bars).toEqual([{ series: 0, value: 0, share: 0 }, { series: 1, value: 0, share: 0 }]);
  });

  test('nothing to draw without a year or with only zero values', () => {
    expect(barsByYear([])).toBeNull();
    expect(barsByYear([{ annee: 2025, values: [0, 0] }])).toBeNull();
  });
});

describe('flows from providers to commons: Sankey layout', () => {
  const flows: FlowInput[] = [
    { prestataire: 'a', commun: 'x', verse_eur: 100, promis_eur: 0, nature_heures: 0 },
    { prestataire: 'a', commun: 'y', verse_eur: 50, promis_eur: 0, nature_heures: 2 },
    { prestataire: 'b', commun: 'x', verse_eur: 0, promis_eur: 20, nature_heures: 0 },
    { prestataire: 'b', commun: 'y', verse_eur: 30, promis_eur: 0, nature_heures: 0 },
    { prestataire: 'c', commun: 'x', verse_eur: 0, promis_eur: 0, nature_heures: 5 },
  ];
  const names = { prestataires: { a: 'Atelier A', b: 'Bureau B', c: 'Collectif C' }, communs: { x: 'Wiki X', y: 'Outil Y' } };
  const layout = flowLayout(flows, names)!;

  test('one path per flow that carries money, none for zero', () => {
    expect(layout.links.map((l) => `${l.prestataire}→${l.commun}`).sort()).toEqual(['a→x', 'a→y', 'b→y']);
    for (const l of layout.links) expect(l.path).toMatch(/^M[\d.]+,[\d.]+C[\d.,]+$/);
  });

  test('one node per provider and per commons that money flows through', () => {
    expect(layout.nodes.map((n) => n.key).sort()).toEqual(['commun:x', 'commun:y', 'prestataire:a', 'prestataire:b']);
    const node = (key: string) => layout.nodes.find((n) => n.key === key)!;
    expect(node('prestataire:a')).toMatchObject({ name: 'Atelier A', x: 210, anchor: 'end', labelX: 204 });
    expect(node('commun:y')).toMatchObject({ name: 'Outil Y', x: 800 - 210 - 12, anchor: 'start' });
  });

  test('widths are proportional to the money paid', () => {
    const link = (p: string, c: string) => layout.links.find((l) => l.prestataire === p && l.commun === c)!;
    // a→x 100 €, a→y 50 €: twice as wide. Node a (150 €) is five times node b (30 €).
    expect(link('a', 'x').strokeWidth / link('a', 'y').strokeWidth).toBeCloseTo(2, 1);
    const node = (key: string) => layout.nodes.find((n) => n.key === key)!;
    expect(node('prestataire:a').height / node('prestataire:b').height).toBeCloseTo(5, 1);
  });

  test('a provider and a commons with the same id stay two nodes', () => {
    const same = flowLayout([{ prestataire: 'reseau', commun: 'reseau', verse_eur: 10, promis_eur: 0, nature_heures: 0 }], { prestataires: {}, communs: {} })!;
    expect(same.nodes.map((n) => n.key)).toEqual(['prestataire:reseau', 'commun:reseau']);
    expect(same.links).toHaveLength(1);
  });

  test('nothing to draw when no flow carries money', () => {
    expect(flowLayout([], names)).toBeNull();
    expect(flowLayout([flows[2], flows[4]], names)).toBeNull();
  });

  test('long names are wrapped on lines, never cut, and the total follows', () => {
    const long = 'Recensement des tiers-lieux des Hauts-de-France';
    expect(wrapLabel(long, 28)).toEqual(['Recensement des tiers-lieux', 'des Hauts-de-France']);
    expect(wrapLabel('Movilab', 28)).toEqual(['Movilab']);
    const named = flowLayout([{ prestataire: 'a', commun: 'x', verse_eur: 150, promis_eur: 0, nature_heures: 0 }], { prestataires: { a: long }, communs: { x: 'Wiki X' } }, { format: (n) => `${n} €` })!;
    expect(named.nodes.find((n) => n.key === 'prestataire:a')!.lines).toEqual(['Recensement des tiers-lieux', 'des Hauts-de-France', '150 €']);
  });

  test('on a narrow screen, the same flows grouped by commons, the largest first', () => {
    // Money: x received a→x 100 €; y received a→y 50 € + b→y 30 € = 80 €. Largest flow 100 €.
    const groups = flowsByCommons(flows, names)!;
    expect(groups.map((g) => [g.name, g.total])).toEqual([['Wiki X', 100], ['Outil Y', 80]]);
    expect(groups[1].flows.map((f) => [f.name, f.value, f.share])).toEqual([['Atelier A', 50, 0.5], ['Bureau B', 30, 0.3]]);
    // The provider's colour is the one of its links in the Sankey diagram.
    const sankey = flowLayout(flows, names)!;
    for (const f of groups.flatMap((g) => g.flows)) expect(f.colour).toBe(sankey.links.find((l) => l.prestataire === f.prestataire)!.colour);
    // Hours: c→x 5 h, a→y 2 h.
    expect(flowsByCommons(flows, names, 'nature_heures')!.map((g) => [g.commun, g.total])).toEqual([['x', 5], ['y', 2]]);
    expect(flowsByCommons([flows[2]], names)).toBeNull();
  });

  test('the hours given in kind are their own series', () => {
    // Hours: a→y 2 h, c→x 5 h; money-only flows (a→x, b→y) are left out.
    const hours = flowLayout(flows, names, { measure: 'nature_heures' })!;
    expect(hours.links.map((l) => `${l.prestataire}→${l.commun} ${l.value}`).sort()).toEqual(['a→y 2', 'c→x 5']);
    expect(hours.nodes.find((n) => n.key === 'prestataire:c')!.value).toBe(5);
  });
});

test('chart ids are stable, distinct per title and safe in an attribute', () => {
  expect(chartId('argent', 'Argent reçu par année')).toBe(chartId('argent', 'Argent reçu par année'));
  expect(chartId('argent', 'Argent reçu par année')).not.toBe(chartId('argent', 'Argent reçu par annee'));
  expect(chartId('argent', `"><img src=x onerror=alert(1)>`)).toMatch(/^argent-[a-z0-9-]+$/);
});

describe('components rendered', () => {
  let server: ViteDevServer;
  let container: AstroContainer;
  let MoneyByYearChart: unknown;
  let FlowChart: unknown;
  let GivenByYearChart: unknown;
  const render = (component: unknown, props: Record<string, unknown>) =>
    container.renderToString(component as Parameters<AstroContainer['renderToString']>[0], { props });

  beforeAll(async () => {
    const config = await getViteConfig(
      { server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'silent' },
      { logLevel: 'silent' },
    )({ mode: 'test', command: 'serve' });
    server = await createServer({ ...config, configFile: false });
    MoneyByYearChart = (await server.ssrLoadModule('/src/components/MoneyByYearChart.astro')).default;
    FlowChart = (await server.ssrLoadModule('/src/components/FlowChart.astro')).default;
    GivenByYearChart = (await server.ssrLoadModule('/src/components/GivenByYearChart.astro')).default;
    container = await AstroContainer.create();
  });
  afterAll(async () => {
    await server?.close();
  });

  test('the bar chart is an image named by its title and described, with its table', async () => {
    const html = await render(MoneyByYearChart, {
      title: 'Argent reçu par année',
      years: [
        { annee: 2024, verse_eur: 100, promis_eur: 0 },
        { annee: 2025, verse_eur: 1300, promis_eur: 25 },
      ],
    });
    const id = chartId('argent', 'Argent reçu par année');
    expect(html).toContain(`<figcaption id="${id}-titre">Argent reçu par année</figcaption>`);
    expect(html).toContain(`role="img" aria-labelledby="${id}-titre" aria-describedby="${id}-desc"`);
    expect(html).toMatch(new RegExp(`<p id="${id}-desc" hidden>[^<]*tableau « Argent reçu par année, en chiffres »`));
    expect(html).toContain('<caption>Argent reçu par année, en chiffres</caption>');
    // Euros as format.ts writes them (non-breaking spaces), in the table and beside each bar;
    // the bars' lengths are shares of 1 300 €: 100 / 1 300 = 0.0769, 25 / 1 300 = 0.0192.
    expect(html).toContain('<td class="num">1\u00a0300\u00a0€</td>');
    expect(html).toContain('<span class="bar-value">1\u00a0300\u00a0€</span>');
    expect(html).toContain('class="bar bar-verse" style="--share: 0.0769"');
    expect(html).toContain('class="bar bar-promis" style="--share: 0.0192"');
    // No bar for a zero: 2024 has nothing promised.
    expect(html.match(/class="bar bar-/g)).toHaveLength(3);
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(2);
    expect(html).not.toContain('<script');
  });

  test('the bar chart says so in a sentence when there is nothing to draw', async () => {
    const html = await render(MoneyByYearChart, { title: 'Argent reçu par année', years: [] });
    expect(html).not.toContain('role="img"');
    expect(html).toContain('Aucun versement ni promesse déclaré');
  });

  test('the flow chart draws one path per paid flow and lists every flow in its table', async () => {
    const html = await render(FlowChart, {
      flows: [
        { prestataire: 'a', commun: 'x', verse_eur: 100, promis_eur: 0, nature_heures: 0 },
        { prestataire: 'b', commun: 'x', verse_eur: 0, promis_eur: 20, nature_heures: 3 },
      ],
      names: { prestataires: { a: 'Atelier A', b: 'Bureau B' }, communs: { x: 'Wiki X' } },
    });
    // One money path (a→x) and one hours path (b→x) in the Sankey diagrams, and the same
    // two flows as bars for a narrow screen, under their commons.
    expect(html.match(/<path /g)).toHaveLength(2);
    expect(html.match(/<div class="flow-narrow chart-image" role="img"/g)).toHaveLength(2);
    expect(html).toMatch(/<p class="flow-commons"><span class="flow-name">Wiki X<\/span><span class="bar-value">3\u00a0h<\/span><\/p>\s*<div class="flow-row">\s*<span class="flow-name">Bureau B<\/span><span class="bar-value">3\u00a0h<\/span>/);
    expect(html.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr>/g)).toHaveLength(2);
    expect(html).toContain('<th scope="row"><a href="/communs-reciprocite/prestataires/b/">Bureau B</a></th><td data-label="Commun"><a href="/communs-reciprocite/communs/x/">Wiki X</a></td><td class="num" data-label="Versé">0\u00a0€</td><td class="num" data-label="Promis">20\u00a0€</td><td class="num" data-label="Heures en nature">3\u00a0h</td>');
    expect(html).not.toContain('<script');
  });

  test('the flow chart keeps the table when only promises and hours were declared', async () => {
    const html = await render(FlowChart, {
      flows: [{ prestataire: 'b', commun: 'x', verse_eur: 0, promis_eur: 20, nature_heures: 3 }],
      names: { prestataires: {}, communs: {} },
    });
    // No money: a sentence instead of the money chart; the hours still have theirs.
    expect(html.match(/<svg/g)).toHaveLength(1);
    expect(html).toContain('Aucun argent versé pour l’instant');
    expect(html).toContain('<td class="num" data-label="Promis">20\u00a0€</td>');
  });

  test('the flow chart says so in a sentence without any flow', async () => {
    const html = await render(FlowChart, { flows: [], names: { prestataires: {}, communs: {} } });
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('role="img"');
    expect(html).not.toContain('<table');
    expect(html).toContain('Aucune contribution déclarée');
  });

  test('the chart over time: money and in-kind hours as two panels, one table with the three series', async () => {
    const html = await render(GivenByYearChart, {
      title: 'Contributions reçues par Wiki X, par année',
      empty: 'Rien.',
      years: [
        { annee: 2024, verse_eur: 60, promis_eur: 0, nature_heures: 0 },
        { annee: 2026, verse_eur: 1987.5, promis_eur: 50, nature_heures: 12 },
      ],
    });
    const id = chartId('annees', 'Contributions reçues par Wiki X, par année');
    expect(html).toContain(`role="img" aria-labelledby="${id}-titre" aria-describedby="${id}-desc"`);
    expect(html).toMatch(new RegExp(`<p id="${id}-desc" hidden>Diagramme en barres par année, de 2024 à 2026 : en haut, l’argent versé[^<]*en bas, les heures données en nature`));
    // The hours panel comes after the money panel, each with its heading; 2025 gave nothing
    // and says so; the amounts are written beside the bars.
    expect(html.indexOf('<p class="chart-panel">L’argent</p>')).toBeLessThan(html.indexOf('<p class="chart-panel">Le temps donné</p>'));
    expect(html.match(/<span class="year-label">2025<\/span>\s*<span class="year-values">\s*<span class="bar-none">rien<\/span>/g)).toHaveLength(2);
    expect(html).toContain('<span class="bar-value">1\u00a0987,50\u00a0€</span>');
    expect(html).toContain('<span class="bar-value">12\u00a0h</span>');
    expect(html).toContain('<tr><th scope="row">2026</th><td class="num">1\u00a0987,50\u00a0€</td><td class="num">50\u00a0€</td><td class="num">12\u00a0h</td></tr>');
    // The table is one click away, closed: nothing focusable hidden behind the chart.
    expect(html).toMatch(/<details class="chart-table">\s*<summary>/);
    expect(html).not.toContain('<script');
  });

  test('the chart over time with hours only draws the hours panel alone', async () => {
    const html = await render(GivenByYearChart, {
      title: 'T',
      empty: 'Rien.',
      years: [{ annee: 2025, verse_eur: 0, promis_eur: 0, nature_heures: 3 }, { annee: 2026, verse_eur: 0, promis_eur: 0, nature_heures: 2 }],
    });
    expect(html).toContain('Heures en nature');
    expect(html).not.toContain('L’argent</p>');
    expect(html.match(/class="bar bar-nature"/g)).toHaveLength(2);
  });

  test('the chart over time says in words what one year holds, and when nothing was given', async () => {
    const one = await render(GivenByYearChart, { title: 'T', empty: 'Rien.', years: [{ annee: 2025, verse_eur: 230, promis_eur: 0, nature_heures: 4 }] });
    expect(one).not.toContain('role="img"');
    expect(one).toContain('Une seule année de contributions pour l’instant, pas encore de graphique : en 2025, 230\u00a0€ versés et 4\u00a0h en nature.');
    const none = await render(GivenByYearChart, { title: 'T', empty: 'Aucune contribution déclarée.', years: [] });
    expect(none).not.toContain('role="img"');
    expect(none).toContain('Aucune contribution déclarée.');
  });

  test('hostile names and titles come out escaped', async () => {
    const flows = [{ prestataire: '"><svg onload=alert(1)>', commun: 'x', verse_eur: 10, promis_eur: 5, nature_heures: 1 }];
    const names = { prestataires: { '"><svg onload=alert(1)>': HOSTILE }, communs: { x: `<img src=x onerror="alert(1)">` } };
    const flow = await render(FlowChart, { flows, names, title: HOSTILE });
    const money = await render(MoneyByYearChart, { title: HOSTILE, years: [{ annee: 2025, verse_eur: 10, promis_eur: 0 }] });
    const given = await render(GivenByYearChart, { title: HOSTILE, empty: '', years: [{ annee: 2024, verse_eur: 1, promis_eur: 0, nature_heures: 1 }, { annee: 2025, verse_eur: 10, promis_eur: 0, nature_heures: 0 }] });
    for (const html of [flow, money, given]) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('onload=alert');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(flow).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    // The money chart and the hours chart.
    expect(flow.match(/<svg/g)).toHaveLength(2);
    expect(flow).toContain('href="/communs-reciprocite/prestataires/%22%3E%3Csvg%20onload%3Dalert(1)%3E/"');
  });
});

describe(`the charts over time on the built site (${SAMPLE_DIR}/, 2026-11-29)`, () => {
  // content/declarations, by the date of each gift:
  //   agathe-morel: 2025 → 50 € (2025-02-03) + 100 € + 80 € (2025-12-19) = 230 € paid,
  //     2 h (cahier-activite, 2025-02-01) + 2 h (recensement, 2025-12-15) = 4 h;
  //     2026 → 2 h (movilab, 2026-09-12), no money.
  //   movilab received: 2025 → 80 € from agathe-morel; 2 + 2 + 5 + 3 + 2 = 14 h
  //     (claire-vandamme, julien-dufresne, karim-haddou, nicolas-verhaeghe, quai-des-possibles);
  //     2026 → 60 € from cooperative-les-tisserands; 10 h from them + 2 h from agathe-morel = 12 h.
  //   lea-fontaine declared nothing.
  const page = (path: string) => readFileSync(join(inject('siteDir'), path, 'index.html'), 'utf8');
  /** The rows of the chart's own table (the page may hold other tables by year). */
  const rows = (page: string) => [...page.slice(page.indexOf('<figure class="chart given-chart">')).split('</figure>')[0].matchAll(/<tr><th scope="row">(\d{4})<\/th>((?:<td class="num">[^<]*<\/td>){3})<\/tr>/g)]
    .map(([, year, cells]) => [year, ...[...cells.matchAll(/>([^<]+)</g)].map((c) => c[1].replace(/\u00a0/g, ' '))]);

  test('a provider page draws what the provider gave each year, its table in figures', () => {
    const html = page('prestataires/agathe-morel');
    expect(html).toContain('<figure class="chart given-chart">');
    expect(html).toContain('Contributions d&#39;Agathe Morel aux communs, par année');
    expect(rows(html)).toEqual([['2025', '230 €', '0 €', '4 h'], ['2026', '0 €', '0 €', '2 h']]);
  });

  test('a commons page draws what it received each year, hours included', () => {
    const html = page('communs/movilab');
    expect(html).toContain('<figure class="chart given-chart">');
    expect(rows(html)).toEqual([['2025', '80 €', '0 €', '14 h'], ['2026', '60 €', '0 €', '12 h']]);
  });

  test('a provider who declared nothing gets a sentence, no chart', () => {
    const html = page('prestataires/lea-fontaine');
    expect(html).not.toContain('given-chart');
    expect(html).toContain('Aucune contribution déclarée pour l’instant, ni en argent ni en nature.');
  });
});
