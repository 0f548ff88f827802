// The parts a problem is made of before it has a code: where it is in its file, and the
// values its message quotes. Kept apart so that the catalogue of codes (codes.ts), the
// YAML locator (positions.ts) and the YAML writer (yaml-text.ts) need nothing from
// problems.ts, which needs the catalogue.

export type Params = Record<string, string | number | undefined>;

export interface Position {
  line: number;
  column: number;
}

/** A place in a file's data: keys and list indexes, from the top. */
export type Path = ReadonlyArray<string | number>;

/**
 * Where each path of a file's data starts in its text (the key, or the list item). A file
 * read from disk is parsed again for it (positions.ts), a file the registry writes knows
 * it (yaml-text.ts), data with no text has none (noPositions).
 */
export interface Positions {
  locate(path: Path): Position;
}

/** For data that comes with no text (the /declarer/ form's registry): every path on line 1. */
export const noPositions: Positions = { locate: () => ({ line: 1, column: 1 }) };
