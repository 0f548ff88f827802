// Builds the sample site once for the site and browser tests, into a temporary
// folder, with the reference date the tests' hand computations use.
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { npmRun, SAMPLE_DATE, SAMPLE_DIR, SAMPLE_ENV, siteTempDir } from './helpers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = siteTempDir('exemple-');
  const result = npmRun('build', ['--content', SAMPLE_DIR, '--date', SAMPLE_DATE, '--out', dir], { env: SAMPLE_ENV });
  if (result.status !== 0) {
    throw new Error(`La construction du site d'exemple a échoué :\n${result.stdout}\n${result.stderr}`);
  }
  project.provide('siteDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
