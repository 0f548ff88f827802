// A provider's id changes (npm run renommer): every place that names it follows, and only
// those. Each reference is found in the YAML syntax tree (the `yaml` library keeps where
// every value sits) and replaced in place, so that comments, quotes and layout stay as the
// contributors wrote them. Pure: the script reads, moves and writes the files, then
// validates the registry.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** The keys whose value is a provider id; `auteurs` holds a list of them. */
const ID_KEYS = new Set(['prestataire', 'chef_de_file']);
const LIST_KEYS = new Set(['auteurs']);

/** Where a value naming `id` sits: [start, end) in the text, quotes included. */
type Range = [number, number];

function rangesIn(yamlText: string, id: string, topLevelId: boolean): Range[] | null {
  const doc = parseDocument(yamlText, { uniqueKeys: false });
  if (doc.errors.length > 0) return null;
  const ranges: Range[] = [];
  const take = (node: unknown) => {
    if (isScalar(node) && node.value === id && node.range) ranges.push([node.range[0], node.range[1]]);
  };
  const visit = (node: Node | null | undefined, top: boolean) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (ID_KEYS.has(key) || (top && topLevelId && key === 'id')) take(pair.value);
        else if (LIST_KEYS.has(key) && isSeq(pair.value)) pair.value.items.forEach(take);
        else visit(pair.value as Node, false);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item as Node, false);
    }
  };
  visit(doc.contents as Node, true);
  return ranges;
}

/** Where a Markdown file's front matter lies, between its two « --- » lines: [start, end). */
function frontMatterRange(text: string): [number, number] | null {
  const open = /^---\r?\n/.exec(text);
  if (!open) return null;
  const close = /^---[ \t]*\r?$/m.exec(text.slice(open[0].length));
  return close ? [open[0].length, open[0].length + close.index] : null;
}

/**
 * The text with every reference to `from` replaced by `to`; `topLevelId` also renames the
 * file's own `id:` (the profile). Markdown files: only the front matter is read. null when
 * the YAML cannot be read (the registry's validation says why).
 */
export function renamedText(text: string, from: string, to: string, options: { markdown: boolean; topLevelId?: boolean }): { text: string; count: number } | null {
  const range = options.markdown ? frontMatterRange(text) : [0, text.length];
  if (!range) return null;
  const [start, end] = range;
  const ranges = rangesIn(text.slice(start, end), from, options.topLevelId ?? false);
  if (!ranges) return null;
  let out = text;
  for (const [a, b] of ranges.sort((x, y) => y[0] - x[0])) {
    const source = out.slice(start + a, start + b);
    out = out.slice(0, start + a) + source.replace(from, to) + out.slice(start + b);
  }
  return { text: out, count: ranges.length };
}

/**
 * The profile once renamed: its own id, and the old one kept in `anciens_ids`, so that the
 * old page and badge addresses lead to the new ones (a badge sits on the provider's own
 * site). Inserted right after the `id:` line when the list is absent.
 */
export function withFormerId(profileText: string, former: string, back?: string): string {
  if (back) profileText = withoutFormerId(profileText, back);
  const list = /^anciens_ids:[ \t]*\r?\n((?:[ \t]+-[^\n]*\n)*)/m.exec(profileText);
  if (list) return profileText.slice(0, list.index + list[0].length) + `  - ${former}\n` + profileText.slice(list.index + list[0].length);
  const flow = /^anciens_ids:[ \t]*\[([^\]\n]*)\][^\n]*$/m.exec(profileText);
  if (flow) return profileText.replace(flow[0], `anciens_ids: [${[flow[1].trim(), former].filter(Boolean).join(', ')}]`);
  return profileText.replace(/^id:[^\n]*\n/m, (line) => `${line}anciens_ids:\n  - ${former}\n`);
}

/**
 * The profile without one of its former ids: a provider who takes back an id they had
 * (its addresses lead to the profile again as its own). The key goes when nothing is left.
 */
function withoutFormerId(profileText: string, id: string): string {
  const item = new RegExp(`^[ \\t]+-[ \\t]*(["']?)${id}\\1[ \\t]*(#[^\\n]*)?\\r?\\n`, 'm');
  const list = /^anciens_ids:[ \t]*\r?\n((?:[ \t]+-[^\n]*\n)*)/m.exec(profileText);
  if (list) {
    const items = list[1].replace(item, '');
    return profileText.replace(list[0], items.trim() === '' ? '' : `anciens_ids:\n${items}`);
  }
  const flow = /^anciens_ids:[ \t]*\[([^\]\n]*)\][^\n]*\r?\n/m.exec(profileText);
  if (!flow) return profileText;
  const kept = flow[1].split(',').map((s) => s.trim()).filter((s) => s !== '' && s.replace(/^["']|["']$/g, '') !== id);
  return profileText.replace(flow[0], kept.length === 0 ? '' : `anciens_ids: [${kept.join(', ')}]\n`);
}

/**
 * A mission file with one correction note added at the end of `corrections:` (created
 * before the front matter's end when absent): a finished mission's team changes only with
 * a note (validate --base). null when the front matter cannot be read or holds the list
 * in flow style.
 */
export function withCorrectionNote(text: string, date: string, raison: string, champs: readonly string[]): string | null {
  const range = frontMatterRange(text);
  if (!range) return null;
  const [start, end] = range;
  const doc = parseDocument(text.slice(start, end), { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const entry = [`  - date: "${date}"`, `    raison: ${JSON.stringify(raison)}`, `    champs: [${champs.join(', ')}]`].join('\n');
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'corrections');
  if (!pair) return `${text.slice(0, end)}corrections:\n${entry}\n${text.slice(end)}`;
  if (!isSeq(pair.value) || pair.value.flow || !pair.value.range) return null;
  // The list's last item ends at range[1]; insert after the line it ends on.
  const at = start + pair.value.range[1];
  const lineEnd = text.lastIndexOf('\n', at - 1) + 1 === at ? at : text.indexOf('\n', at - 1) + 1;
  return `${text.slice(0, lineEnd)}${entry}\n${text.slice(lineEnd)}`;
}
