// The parts a problem is made of before it has a code: where it is in its file, and the
// values its message quotes. Kept apart so that the catalogue of codes (codes.ts) and the
// YAML locator (positions.ts) need nothing from problems.ts, which needs both.

export type Params = Record<string, string | number | undefined>;

export interface Position {
  line: number;
  column: number;
}
