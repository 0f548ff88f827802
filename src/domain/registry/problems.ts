// The catalogue: the whole of it, or in the browser (the /declarer/ form) what a declaration can get (package.json « imports »).
import { CODES } from '#codes';
import type { Code } from './codes.ts';
import { frenchDate } from './dates.ts';
import { visible } from './escape.ts';
import { byText } from './order.ts';
import type { Params, Path, Position, Positions } from './problem-parts.ts';

/** One thing wrong (or worth a look) in one file: data, never thrown. */
export interface Problem {
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  line: number;
  column: number;
  code: Code;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

export type { Params, Position } from './problem-parts.ts';

export function makeProblem(file: string, at: Position, code: Code, raw: Params = {}): Problem {
  const entry = CODES[code];
  // File names and quoted values come from the pull request: escaped once, here, for
  // every output (text, JSON, annotations, review).
  const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? visible(v) : v]));
  return {
    file: visible(file),
    line: at.line,
    column: at.column,
    code,
    severity: entry.severity,
    message: entry.message(params),
    hint: typeof entry.hint === 'function' ? entry.hint(params) : entry.hint,
  };
}

/**
 * A problem whose position, message and hint are computed the first time they are read,
 * once: a registry of 10,000 providers can hold thousands of warnings that no command
 * prints (the bench, the figures, the site count them), and placing one in its file means
 * parsing that file again (positions.ts). Own enumerable getters: a spread, JSON and
 * structuredClone see plain values.
 */
export function deferredProblem(file: string, locate: () => Position, code: Code, raw: Params = {}): Problem {
  const entry = CODES[code];
  let at: Position | undefined;
  let made: Problem | undefined;
  const where = () => (at ??= locate());
  const words = () => (made ??= makeProblem(file, { line: 0, column: 0 }, code, raw));
  // The keys in makeProblem's order, so that JSON output reads the same.
  const problem = { file: visible(file) } as Problem;
  const plain = (key: keyof Problem, value: unknown) => Object.defineProperty(problem, key, { value, enumerable: true, writable: true, configurable: true });
  const lazy = (key: keyof Problem, get: () => unknown) =>
    Object.defineProperty(problem, key, {
      get,
      // A caller may still set a value (seenFrom spreads; this keeps assignment working too).
      set: (value: unknown) => plain(key, value),
      enumerable: true,
      configurable: true,
    });
  lazy('line', () => where().line);
  lazy('column', () => where().column);
  plain('code', code);
  plain('severity', entry.severity);
  lazy('message', () => words().message);
  lazy('hint', () => words().hint);
  return problem;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => byText(a.file, b.file) || a.line - b.line || a.column - b.column || byText(a.code, b.code),
  );
}

/** A file problems are placed in: its path, and where each key sits in its text. */
type Located = { file: string; positions: Positions };

/** Places problems in one file by YAML path, through the file's own positions. */
export class FileProblems {
  constructor(
    private readonly entry: Located,
    private readonly sink: Problem[],
  ) {}

  get file(): string {
    return this.entry.file;
  }

  at(path: Path, code: Code, params: Params = {}): void {
    const { positions } = this.entry;
    this.sink.push(deferredProblem(this.entry.file, () => positions.locate(path), code, params));
  }
}

export function problemsIn(entry: Located, sink: Problem[]): FileProblems {
  return new FileProblems(entry, sink);
}

/** True for a problem that exists only relative to the reference date (codes.ts relativeToDate). */
const relativeToDate = (p: Problem) => (CODES[p.code] as { relativeToDate?: boolean }).relativeToDate === true;

/**
 * The problems of a registry seen from a reference date. From a date before `today` (the
 * registry as it stood then: validate --date, build --date), an error that exists only
 * relative to that date (a declaration, a payment or an amendment dated after it, a
 * declaration for a mission that had not started) is a fact that is not there yet on that
 * date, as the figures read it, not a mistake: it is a warning, and says so. On today's
 * registry (the default date, CI's) or a later date, such a fact cannot have happened
 * yet: it stays an error.
 */
export function seenFrom(problems: Problem[], date: string, today: string): Problem[] {
  if (date >= today) return problems;
  return problems.map((p) =>
    p.severity === 'error' && relativeToDate(p)
      ? { ...p, severity: 'warning', hint: `${p.hint} (Vu du ${frenchDate(date)}, date passée, ce fait n’a pas encore eu lieu : un avertissement, pas une erreur.)` }
      : p,
  );
}

/**
 * The errors that stop a command which computes figures (figures, rappels, liens): every
 * error except those that exist only relative to the reference date. At a past date, a
 * declaration written later is simply not there yet: the figures leave it out (as
 * computeFigures does) instead of refusing the whole registry.
 */
export function blockingErrors(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error' && !relativeToDate(p));
}
