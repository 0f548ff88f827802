// Chart geometry, computed at build time: scales, bar rectangles and the Sankey layout
// as plain numbers and SVG path strings. The figures come from src/domain/rules/figures.ts;
// this module only places them. Components lay the result out as SVG markup.
import { sankey, sankeyJustify, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';

/** Rounds geometry to 0.01 px: stable markup and small pages. */
const px = (n: number): number => Math.round(n * 100) / 100;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// ---------------------------------------------------------------------------
// Bars by year: one row per year, one horizontal bar per series, each bar's length a
// share of the largest value. The component draws them in HTML, so that they take the
// width they are given (a phone's 288 px or a desktop's 1 000), with their values written
// beside them at the page's text size: nothing is cut, nothing scrolls.

export interface MoneyYear {
  annee: number;
  verse_eur: number;
  promis_eur: number;
}

/** One row of a bar chart by year: a value per series, in the series' order. */
export interface SeriesYear {
  annee: number;
  values: readonly number[];
}

export interface YearBar {
  /** Index of the series (its colour and name are the component's). */
  series: number;
  value: number;
  /** value ÷ the largest value of the chart, from 0 to 1 (4 decimals): the bar's length. */
  share: number;
}

export interface YearRow {
  annee: number;
  /** One bar per series, zero ones included (the component says « 0 » or leaves them out). */
  bars: YearBar[];
  /** A year between the first and the last with nothing at all: shown as such, not skipped. */
  empty: boolean;
}

/**
 * The rows of a bar chart by year, from the first year to the last (a year with nothing
 * is a row marked empty, so that a gap shows as a gap). Returns null when there is
 * nothing to draw (no year, or only zero values): the component then says so in a sentence.
 */
export function barsByYear(rows: readonly SeriesYear[]): YearRow[] | null {
  const largest = Math.max(0, ...rows.flatMap((y) => y.values));
  if (rows.length === 0 || !(largest > 0)) return null;
  const byYear = new Map<number, readonly number[]>();
  for (const row of rows) byYear.set(row.annee, row.values);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const series = Math.max(1, ...rows.map((y) => y.values.length));
  const share = (value: number) => Math.round((value / largest) * 10_000) / 10_000;
  const result: YearRow[] = [];
  for (let annee = years[0]; annee <= years[years.length - 1]; annee++) {
    const values = byYear.get(annee) ?? [];
    const bars = Array.from({ length: series }, (_, i) => ({ series: i, value: values[i] ?? 0, share: share(values[i] ?? 0) }));
    result.push({ annee, bars, empty: bars.every((b) => b.value === 0) });
  }
  return result;
}

/**
 * The series colours of the charts over time, from the Okabe-Ito palette (told apart
 * with any common colour-vision deficiency), each at least 3:1 against white: versé
 * (bluish green), promis (vermillion, hatched), in-kind hours (blue).
 */
export const SERIES_COLOURS = { verse: '#009e73', promis: '#d55e00', nature: '#0072b2' } as const;

// ---------------------------------------------------------------------------
// Flows from providers to commons: a two-column Sankey diagram of the money paid.

export interface FlowInput {
  prestataire: string;
  commun: string;
  verse_eur: number;
  promis_eur: number;
  nature_heures: number;
}

export interface FlowNames {
  prestataires: Record<string, string>;
  communs: Record<string, string>;
}

export type FlowSide = 'prestataire' | 'commun';

export interface FlowNode extends Box {
  /** `prestataire:<id>` or `commun:<id>`: a provider and a commons may share an id. */
  key: string;
  id: string;
  side: FlowSide;
  name: string;
  /** The whole name, wrapped on lines that fit beside the diagram, then the node's total. */
  lines: string[];
  /** Total through the node, in the chart's measure (euros or hours). */
  value: number;
  labelX: number;
  labelY: number;
  anchor: 'start' | 'end';
}

export interface FlowLink {
  prestataire: string;
  commun: string;
  /** The amount drawn, in the chart's measure. */
  value: number;
  /** SVG path of the link's centre line, to be stroked with `strokeWidth`. */
  path: string;
  strokeWidth: number;
  /** Index in FLOW_COLOURS, one colour per provider. */
  colour: number;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: FlowNode[];
  links: FlowLink[];
}

export interface FlowLayoutOptions {
  width?: number;
  /** Room on each side for the names. */
  labelWidth?: number;
  /** Height given to each node of the busier column. */
  rowHeight?: number;
  /** Characters per label line. */
  labelLength?: number;
  /** What the widths show: the money paid (default) or the hours given in kind. */
  measure?: FlowMeasure;
  /** Writes a node's total under its name (euros or hours, as the measure). */
  format?: (value: number) => string;
}

export type FlowMeasure = 'verse_eur' | 'nature_heures';

/**
 * Link colours, one per provider in turn: the Okabe-Ito palette, told apart with
 * any common colour-vision deficiency (its yellow left out: too pale on white).
 */
export const FLOW_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#000000'] as const;

/**
 * Splits a label into lines of at most `max` characters, at spaces (a word longer
 * than a line gets a line of its own): the whole name is shown, never cut.
 */
export function wrapLabel(text: string, max = 28): string[] {
  const lines: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && [...last].length + 1 + [...word].length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Rounds every number in an SVG path to 0.01. */
const roundPath = (path: string): string => path.replace(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g, (n) => String(px(Number(n))));

interface NodeExtra {
  key: string;
  id: string;
  side: FlowSide;
  name: string;
}
interface LinkExtra {
  prestataire: string;
  commun: string;
  value: number;
}

/**
 * Lays the money paid (versé), or the hours given in kind, from providers to commons
 * out as a Sankey diagram. Flows with none of it are left out of the drawing (they
 * stay in the table); returns null when no flow carries any.
 */
export function flowLayout(flows: readonly FlowInput[], names: FlowNames, options: FlowLayoutOptions = {}): FlowLayout | null {
  const measure = options.measure ?? 'verse_eur';
  const paid = flows.filter((f) => f[measure] > 0);
  if (paid.length === 0) return null;
  const width = options.width ?? 800;
  const labelWidth = options.labelWidth ?? 210;
  const labelLength = options.labelLength ?? 28;
  const format = options.format ?? String;
  const nameOf = (side: FlowSide, id: string) => (side === 'prestataire' ? names.prestataires[id] : names.communs[id]) ?? id;
  // A label is the longest wrapped name plus its total, at 16 units a line: nodes are
  // kept at least that far apart, so that two labels never overlap, whatever the sizes.
  const longest = Math.max(...paid.flatMap((f) => [wrapLabel(nameOf('prestataire', f.prestataire), labelLength).length, wrapLabel(nameOf('commun', f.commun), labelLength).length]));
  const labelHeight = (longest + 1) * 16;
  const rowHeight = options.rowHeight ?? labelHeight + 20;

  const providers = [...new Set(paid.map((f) => f.prestataire))];
  const commons = [...new Set(paid.map((f) => f.commun))];
  const height = Math.max(160, Math.max(providers.length, commons.length) * rowHeight + labelHeight);
  const nodes: Array<SankeyNode<NodeExtra, LinkExtra>> = [
    ...providers.map((id) => ({ key: `prestataire:${id}`, id, side: 'prestataire' as const, name: nameOf('prestataire', id) })),
    ...commons.map((id) => ({ key: `commun:${id}`, id, side: 'commun' as const, name: nameOf('commun', id) })),
  ];
  const links: Array<SankeyLink<NodeExtra, LinkExtra>> = paid.map((f) => ({
    source: `prestataire:${f.prestataire}`,
    target: `commun:${f.commun}`,
    value: f[measure],
    prestataire: f.prestataire,
    commun: f.commun,
  }));
  const graph = sankey<NodeExtra, LinkExtra>()
    .nodeId((n) => n.key)
    .nodeAlign(sankeyJustify)
    .nodeWidth(12)
    .nodePadding(labelHeight)
    .extent([
      // Half a label of room above the first node and below the last.
      [labelWidth, labelHeight / 2],
      [width - labelWidth, height - labelHeight / 2],
    ])({ nodes, links });

  const path = sankeyLinkHorizontal<NodeExtra, LinkExtra>();
  const colourOf = new Map(providers.map((id, i) => [id, i % FLOW_COLOURS.length]));
  return {
    width,
    height,
    nodes: graph.nodes.map((n) => {
      const left = n.side === 'prestataire';
      const [x0, x1, y0, y1] = [n.x0 ?? 0, n.x1 ?? 0, n.y0 ?? 0, n.y1 ?? 0];
      return {
        key: n.key,
        id: n.id,
        side: n.side,
        name: n.name,
        lines: [...wrapLabel(n.name, labelLength), format(n.value ?? 0)],
        value: n.value ?? 0,
        x: px(x0),
        y: px(y0),
        width: px(x1 - x0),
        height: px(Math.max(1, y1 - y0)),
        labelX: px(left ? x0 - 6 : x1 + 6),
        labelY: px((y0 + y1) / 2),
        anchor: left ? ('end' as const) : ('start' as const),
      };
    }),
    links: graph.links.map((l) => ({
      prestataire: l.prestataire,
      commun: l.commun,
      value: l.value,
      path: roundPath(path(l) ?? ''),
      strokeWidth: px(Math.max(1, l.width ?? 1)),
      colour: colourOf.get(l.prestataire) ?? 0,
    })),
  };
}

/** One provider's part of the flows into a commons, for the narrow drawing. */
export interface FlowShare {
  prestataire: string;
  name: string;
  value: number;
  /** value ÷ the largest flow of the chart, from 0 to 1 (4 decimals): the bar's length. */
  share: number;
  /** Index in FLOW_COLOURS: the provider's colour in the Sankey diagram too. */
  colour: number;
}

export interface FlowGroup {
  commun: string;
  name: string;
  /** Everything the commons received, in the chart's measure. */
  total: number;
  flows: FlowShare[];
}

/**
 * The flows of the Sankey diagram for a narrow screen, where two columns of names do not
 * fit: grouped by commons (where the money goes), the commons that received the most
 * first, each with its providers, the largest flow first. Same flows, same measure, same
 * colours as flowLayout; returns null when no flow carries any.
 */
export function flowsByCommons(flows: readonly FlowInput[], names: FlowNames, measure: FlowMeasure = 'verse_eur'): FlowGroup[] | null {
  const paid = flows.filter((f) => f[measure] > 0);
  if (paid.length === 0) return null;
  const largest = Math.max(...paid.map((f) => f[measure]));
  const providers = [...new Set(paid.map((f) => f.prestataire))];
  const colourOf = new Map(providers.map((id, i) => [id, i % FLOW_COLOURS.length]));
  const groups = new Map<string, FlowGroup>();
  for (const f of paid) {
    const group = groups.get(f.commun) ?? { commun: f.commun, name: names.communs[f.commun] ?? f.commun, total: 0, flows: [] };
    group.total += f[measure];
    group.flows.push({
      prestataire: f.prestataire,
      name: names.prestataires[f.prestataire] ?? f.prestataire,
      value: f[measure],
      share: Math.round((f[measure] / largest) * 10_000) / 10_000,
      colour: colourOf.get(f.prestataire) ?? 0,
    });
    groups.set(f.commun, group);
  }
  const byValue = <T extends { name: string }>(value: (x: T) => number) => (a: T, b: T) => value(b) - value(a) || a.name.localeCompare(b.name, 'fr');
  return [...groups.values()]
    .map((g) => ({ ...g, flows: g.flows.sort(byValue((x) => x.value)) }))
    .sort(byValue((g) => g.total));
}

// ---------------------------------------------------------------------------

/**
 * A stable id for a chart's <title>, <desc> and table, from its title: the same on
 * every build, distinct for distinct titles on one page.
 */
export function chartId(prefix: string, title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  let hash = 5381;
  for (const ch of title) hash = ((hash * 33) ^ ch.codePointAt(0)!) >>> 0;
  return `${prefix}-${slug || 'graphique'}-${hash.toString(36)}`;
}
