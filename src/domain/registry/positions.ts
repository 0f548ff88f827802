import { LineCounter, Parser, Composer, isMap, isPair, isScalar, isSeq, type Node, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Path, Position, Positions } from './problem-parts.ts';

export type { Path } from './problem-parts.ts';

/**
 * Finds where a path sits in YAML text, for error messages. js-yaml (our parser)
 * keeps no node positions, so a second parser reads the text again, only for the
 * files that have a problem. Returns the position of the key that holds the path,
 * or of the closest ancestor that exists.
 */
export class YamlLocator implements Positions {
  private doc: Document | null | undefined;
  private readonly counter = new LineCounter();

  constructor(private readonly text: string) {}

  private document(): Document | null {
    if (this.doc === undefined) {
      try {
        const composer = new Composer({ uniqueKeys: false });
        const docs = [...composer.compose(new Parser(this.counter.addNewLine).parse(this.text))];
        this.doc = docs[0] ?? null;
      } catch {
        this.doc = null;
      }
    }
    return this.doc;
  }

  private at(offset: number): Position {
    const { line, col } = this.counter.linePos(offset);
    return { line, column: col };
  }

  locate(path: Path): Position {
    // Fast path for a top-level key (most cross-file problems point at one): in block
    // style it starts a line at column 1, and nothing else can. Anything else, or a
    // file in flow style, goes through the full parser.
    if (path.length === 1 && typeof path[0] === 'string' && /^[a-z_]+$/.test(path[0])) {
      const line = this.topLevelKeyLine(path[0]);
      if (line > 0) return { line, column: 1 };
    }
    const quick = this.blockItemKey(path);
    if (quick) return quick;
    return this.parsed(path);
  }

  /**
   * Fast path for a key of a list item under a top-level key (`equipe[2].prestataire`, most
   * problems of a mission or a declaration), in plain block style: « key: » alone on its
   * line, then « - » items at one indentation. Anything else (flow style, a key written on
   * the item's line in quotes, a deeper path) returns null, for the full parser.
   */
  blockItemKey(path: Path): Position | null {
    const [key, index, field] = path;
    if (path.length !== 3 || typeof key !== 'string' || typeof index !== 'number' || typeof field !== 'string' || !/^[a-z_]+$/.test(key) || !/^[a-z_]+$/.test(field)) return null;
    const lines = this.text.split('\n');
    const start = lines.findIndex((l) => new RegExp(`^${key}:[ \\t]*(#.*)?$`).test(l));
    if (start < 0) return null;
    let itemIndent = -1;
    let item = -1;
    for (let n = start + 1; n < lines.length; n++) {
      const line = lines[n];
      if (/^\s*(#.*)?$/.test(line)) continue;
      const indent = line.length - line.trimStart().length;
      const dash = /^(\s*)- /.exec(line);
      if (itemIndent < 0) {
        if (!dash) return null;
        itemIndent = indent;
      }
      if (dash && indent === itemIndent) {
        item++;
        if (item > index) return null;
      } else if (indent <= itemIndent) {
        return null;
      }
      if (item !== index) continue;
      // In item `index`: its first key follows « - », the others are indented by two more.
      const keyAt = dash && indent === itemIndent ? itemIndent + 2 : indent === itemIndent + 2 ? indent : -1;
      if (keyAt >= 0 && line.startsWith(`${field}:`, keyAt) && /^[ \t]|^$/.test(line.slice(keyAt + field.length + 1))) return { line: n + 1, column: keyAt + 1 };
    }
    return null;
  }

  /** The position the full parser gives: the key that holds the path, or its closest ancestor. */
  parsed(path: Path): Position {
    const doc = this.document();
    if (!doc || !doc.contents) return this.firstContentLine();
    let node: unknown = doc.contents;
    let best: Position = this.nodeStart(node as Node) ?? this.firstContentLine();
    for (const segment of path) {
      if (isMap(node)) {
        const pair = this.keysOf(node).get(String(segment));
        if (!pair) break;
        const keyStart = this.nodeStart(pair.key as Node);
        if (keyStart) best = keyStart;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) break;
        const start = this.nodeStart(item as Node);
        if (start) best = start;
        node = item;
      } else {
        break;
      }
    }
    return best;
  }

  // One index per mapping, so that a file with thousands of problems is located in
  // linear time (a scan per problem was quadratic).
  private readonly keyIndex = new WeakMap<object, Map<string, Pair>>();

  private keysOf(map: YAMLMap): Map<string, Pair> {
    let index = this.keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) {
        if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as Pair);
      }
      this.keyIndex.set(map, index);
    }
    return index;
  }

  private nodeStart(node: Node | null | undefined): Position | null {
    const range = node && (node as { range?: [number, number, number] }).range;
    return range ? this.at(range[0]) : null;
  }

  private topLevelKeyLine(key: string): number {
    const pattern = new RegExp(`^(["']?)${key}\\1[ \\t]*:(?:[ \\t]|$)`);
    let line = 1;
    let start = 0;
    while (start <= this.text.length) {
      const end = this.text.indexOf('\n', start);
      const text = this.text.slice(start, end < 0 ? undefined : end);
      if (pattern.test(text)) return line;
      if (end < 0) break;
      start = end + 1;
      line++;
    }
    return 0;
  }

  /** The first line that is neither blank nor a comment: where a whole-file problem points. */
  firstContentLine(): Position {
    const lines = this.text.split('\n');
    const index = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    return { line: index < 0 ? 1 : index + 1, column: 1 };
  }
}
