// Names people can trust: a provider or a commons whose name looks like another one's
// (same letters from another script, « I » for « l », invisible characters, other case)
// could take its reputation, or the money meant for it. Two names are confusable when
// their skeletons are equal (Unicode UTS #39: NFD, each confusable character replaced by
// its prototype from confusables.txt, NFD again; the unhomoglyph package holds the data).
import unhomoglyph from 'unhomoglyph';
import { codePoint } from './escape.ts';
import type { Positions } from './problem-parts.ts';
import { FileProblems, type Problem } from './problems.ts';
import type { Registry } from './registry.ts';

/** A name as written in one file, valid or not. */
export interface NamedFile {
  folder: 'prestataires' | 'communs';
  file: string;
  /** Where its keys sit, to place the problem on its « nom ». */
  positions: Positions;
  id: string;
  nom: string;
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** UTS #39 skeleton, after dropping the characters that show nothing and collapsing spaces. */
export function skeleton(name: string): string {
  const shown = name.normalize('NFC').replace(IGNORABLE, '').replace(/\s+/gu, ' ').trim();
  return unhomoglyph(shown.normalize('NFD')).normalize('NFD');
}

/** Characters replaced by the skeleton: the more a name has, the more it looks like an imitation. */
function borrowed(name: string): number {
  let count = 0;
  for (const char of name.normalize('NFD').replace(IGNORABLE, '')) if (unhomoglyph(char) !== char) count++;
  return count + (name.match(IGNORABLE)?.length ?? 0);
}

/**
 * How well an id fits its own name: the words of the id that begin a word of the name
 * (claire-asso for « Association Claire »: 2). An original's id usually comes from its
 * name; an imitation's, added beside it, cannot be the same.
 */
function idFit({ id, nom }: NamedFile): number {
  const words = nom.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return id.split('-').filter((part) => words.some((word) => word.startsWith(part))).length;
}

/** The name with its invisible characters shown, so that the reader sees the difference. */
const shown = (name: string) => name.replace(IGNORABLE, (c) => `<${codePoint(c)}>`);

/** Why two confusable names are the same to the eye, in French. */
function reason(nom: string, autre: string): string {
  const a = nom.normalize('NFC');
  const b = autre.normalize('NFC');
  if (a === b) return 'c’est le même nom';
  if (a.replace(IGNORABLE, '') === b.replace(IGNORABLE, '')) return `seuls des caractères invisibles les distinguent (${codePoint(a.match(IGNORABLE)?.[0] ?? b.match(IGNORABLE)![0])})`;
  if (a.toLowerCase() === b.toLowerCase()) return 'seules des majuscules les distinguent';
  const mine = [...a];
  const theirs = [...b];
  const at = mine.findIndex((c, i) => c !== theirs[i]);
  if (mine.length === theirs.length && at >= 0) {
    return `ils ne diffèrent que par des lettres sosies, comme « ${mine[at]} » (${codePoint(mine[at])}) à la place de « ${theirs[at]} » (${codePoint(theirs[at])})`;
  }
  return 'ils ne diffèrent que par des lettres sosies';
}

/**
 * Every provider or commons name confusable with another one's, in one pool (a provider
 * may not borrow a commons' name either). Of two confusable names, the imitation is the
 * one a change adds (`added`, when known); otherwise the one with more borrowed characters; at equal count, the one whose id fits its name
 * less; if that does not tell, both are reported. An imitation is refused like an
 * invalid file (its payment link never reaches a page). Names of invalid files (an
 * invisible character already refused by the schema) are compared too, so that the
 * error names the one they imitate.
 */
export function checkNames(registry: Registry, rejected: NamedFile[], added: ReadonlySet<string> = new Set()): { problems: Problem[]; imitations: NamedFile[] } {
  const problems: Problem[] = [];
  const imitations: NamedFile[] = [];
  const valid: NamedFile[] = (['prestataires', 'communs'] as const).flatMap((folder) =>
    [...registry[folder].values()].map((e) => ({
      folder,
      file: e.file,
      positions: e.positions,
      id: e.data.id,
      nom: e.data.nom,
    })),
  );
  const all = [...valid, ...rejected];
  // Two keys: the skeleton as written (« I » and « l » are one), and in lower case (« ALICE » and « Alice » are one).
  const groups = new Map<string, NamedFile[]>();
  for (const named of all) {
    for (const key of new Set([`=${skeleton(named.nom)}`, `~${skeleton(named.nom.toLowerCase())}`])) {
      const group = groups.get(key) ?? [];
      group.push(named);
      groups.set(key, group);
    }
  }
  const reported = new Set<string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const named of group) {
      // Only a valid entry is imitated: two refused files are not compared with each other.
      const others = group.filter((o) => o !== named && !rejected.includes(o));
      // A name that was there before a change is never the imitation of one the change adds.
      if (!added.has(named.file) && others.some((o) => added.has(o.file))) continue;
      // The original it imitates: one that was there first; else an other with fewer
      // borrowed characters, or as many and its own name's id.
      const original =
        (added.has(named.file) ? others.find((o) => !added.has(o.file)) : undefined) ??
        others.find((o) => borrowed(o.nom) < borrowed(named.nom)) ??
        others.find((o) => borrowed(o.nom) === borrowed(named.nom) && idFit(o) > idFit(named)) ??
        others.find((o) => borrowed(o.nom) === borrowed(named.nom) && idFit(o) === idFit(named));
      if (!original || reported.has(named.file)) continue;
      reported.add(named.file);
      imitations.push(named);
      new FileProblems(named, problems).at(['nom'], 'nom_sosie', {
        nom: shown(named.nom),
        autre: shown(original.nom),
        autre_fichier: original.file,
        raison: reason(named.nom, original.nom),
      });
    }
  }
  return { problems, imitations };
}
