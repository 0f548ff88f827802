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
// Money by year: grouped bars (versé, promis), one group per year.

export interface MoneyYear {
  annee: number;
  verse_eur: number;
  promis_eur: number;
}

export type MoneyKind = 'verse' | 'promis';

export interface Bar extends Box {
  kind: MoneyKind;
  value: number;
  /** Baseline of the amount written above the bar: the promis one steps up when both show, so they never overlap. */
  labelY: number;
}

/** Height of a line of amounts above the bars. */
export const BAR_LABEL_LINE = 14;

export interface YearGroup {
  annee: number;
  /** Centre of the group, where the year label goes. */
  labelX: number;
  /** Versé then promis; a zero amount gives a bar of height 0. */
  bars: Bar[];
}

export interface MoneyByYearLayout {
  width: number;
  height: number;
  plot: Box;
  /** The top of the value axis (a round number at or above the largest amount). */
  max: number;
  ticks: Array<{ value: number; y: number }>;
  groups: YearGroup[];
  /** Years between the first and the last with nothing declared (an empty slot on the axis). */
  gaps: Array<{ annee: number; labelX: number }>;
}

export interface MoneyByYearOptions {
  width?: number;
  height?: number;
  margin?: { top: number; right: number; bottom: number; left: number };
  tickCount?: number;
}

/**
 * A round step for about `count` intervals up to `max` (1, 2 or 5 times a power of
 * ten), as axis ticks usually read: 0, 100, 200, 300 rather than 0, 75, 150…
 */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  const factor = ratio >= Math.sqrt(50) ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.sqrt(2) ? 2 : 1;
  return factor * power;
}

/** 0, step, 2·step… up to the first multiple of the step at or above `max`. */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count);
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** One row of a bar chart by year: a value per series, in the series' order. */
export interface SeriesYear {
  annee: number;
  values: readonly number[];
}

export interface SeriesBar extends Box {
  /** Index of the series (its colour and name are the component's). */
  series: number;
  value: number;
  /** Baseline of the value written above the bar: it steps up a line over the one before in the group, so they never overlap. */
  labelY: number;
}

export interface BarsByYearLayout extends Omit<MoneyByYearLayout, 'groups'> {
  groups: Array<{ annee: number; labelX: number; bars: SeriesBar[] }>;
}

/**
 * Lays out grouped bars by year, one bar per series side by side in each year's slot.
 * Returns null when there is nothing to draw (no year, or only zero values): the
 * component then says so in a sentence.
 */
export function barsByYearLayout(rows: readonly SeriesYear[], options: MoneyByYearOptions = {}): BarsByYearLayout | null {
  const largest = Math.max(0, ...rows.flatMap((y) => y.values));
  if (rows.length === 0 || !(largest > 0)) return null;
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const margin = options.margin ?? { top: 36, right: 16, bottom: 36, left: 84 };
  const plot: Box = { x: margin.left, y: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };

  const ticks = niceTicks(largest, options.tickCount ?? 4);
  const max = ticks[ticks.length - 1];
  const yOf = (value: number) => plot.y + plot.height - (value / max) * plot.height;

  // One slot per calendar year from the first to the last, so a gap shows as a gap.
  const sorted = [...rows].sort((a, b) => a.annee - b.annee);
  const first = sorted[0].annee;
  const slots = sorted[sorted.length - 1].annee - first + 1;
  const slot = plot.width / slots;
  const series = Math.max(1, ...sorted.map((y) => y.values.length));
  // Bars 2 apart, together at most 68 % of the slot (two bars: 34 % each), 48 wide at most.
  const barWidth = Math.min(48, (slot * 0.68) / series);
  const centre = (annee: number) => plot.x + (annee - first + 0.5) * slot;
  const byYear = new Map(sorted.map((y) => [y.annee, y]));

  const groups = sorted.map((y) => {
    const c = centre(y.annee);
    const left = c - (series * barWidth + (series - 1) * 2) / 2;
    let above: number | undefined;
    const bars = y.values.map((value, i): SeriesBar => {
      const top = yOf(value);
      const own = top - 4;
      const labelY = above === undefined ? own : Math.min(own, above - BAR_LABEL_LINE);
      if (value > 0) above = labelY;
      return { series: i, value, x: px(left + i * (barWidth + 2)), y: px(top), width: px(barWidth), height: px(plot.y + plot.height - top), labelY: px(labelY) };
    });
    return { annee: y.annee, labelX: px(c), bars };
  });
  const gaps = Array.from({ length: slots }, (_, i) => first + i)
    .filter((annee) => !byYear.has(annee))
    .map((annee) => ({ annee, labelX: px(centre(annee)) }));

  return { width, height, plot, max, ticks: ticks.map((value) => ({ value, y: px(yOf(value)) })), groups, gaps };
}

/** Grouped bars for money by year: versé then promis in each year. */
export function moneyByYearLayout(years: readonly MoneyYear[], options: MoneyByYearOptions = {}): MoneyByYearLayout | null {
  const layout = barsByYearLayout(years.map((y) => ({ annee: y.annee, values: [y.verse_eur, y.promis_eur] })), options);
  if (!layout) return null;
  const kinds: MoneyKind[] = ['verse', 'promis'];
  return { ...layout, groups: layout.groups.map((g) => ({ ...g, bars: g.bars.map(({ series, ...bar }) => ({ ...bar, kind: kinds[series] })) })) };
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
