// The registry as every command and the site see it: the files read and validated
// (registry/read.ts), then checked across files against the rules in force on the
// reference date (checks.ts). One loader: the validator and the site use the same.
import { readRegistry, type LoadResult, type ReadOptions } from '../registry/read.ts';
import { sortProblems } from '../registry/problems.ts';
import { checkRegistry } from './checks.ts';

export type { LoadResult } from '../registry/read.ts';

export interface LoadOptions extends ReadOptions {
  /** Reference date (YYYY-MM-DD) for every time-dependent check. */
  date: string;
}

/**
 * Reads the content folder, validates every file against its schema, then checks
 * references across files. Never throws on bad content: every problem is reported
 * with its file, line and column, and every valid file is kept.
 */
export function loadRegistry(contentDir: string, options: LoadOptions): LoadResult {
  const read = readRegistry(contentDir, options);
  const checked = checkRegistry(read.registry, { date: options.date, invalid: read.invalid });
  return { ...read, problems: sortProblems([...read.problems, ...checked]) };
}
