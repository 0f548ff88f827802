// The targets of BENCHMARKS.md, and the verdict of a run of npm run bench against them.
// Two sets: the targets themselves, for N = 10 000 on a quiet machine (--check), and the
// guard CI runs on every change (--garde, N = 2 000, .ci/run). The guard is set from the
// figures of this code at N = 2 000 (BENCHMARKS.md, « La garde de CI ») with room for a
// noisy machine, so that a regression like the one of 30 November 2026 (validation and
// build three times slower) fails it; it does not say the targets are met.

/** What a run measured, as ratios to parsing alone (the floor), and the peak memory. */
export interface BenchFigures {
  /** Full validation / read and parse only. */
  validation: number;
  /** (Site build + Pagefind index) / read and parse only. */
  constructionIndexation: number;
  /** Rebuild after one changed file / cold build. */
  reconstruction: number;
  /** Highest peak memory of any step, in MB. */
  memoireMo: number;
}

export interface BenchTarget {
  cle: keyof BenchFigures;
  libelle: string;
  max: number;
  /** How the figure reads: « 1,30 × », « 0,25 », « 1 200 Mo ». */
  unite: '×' | '' | 'Mo';
}

const target = (cle: keyof BenchFigures, libelle: string, max: number, unite: BenchTarget['unite']): BenchTarget => ({ cle, libelle, max, unite });

/** BENCHMARKS.md, « Cibles »: at N = 10 000, on a quiet machine. */
export const TARGETS: readonly BenchTarget[] = [
  target('validation', 'validation complète / lecture seule', 1.3, '×'),
  target('constructionIndexation', 'construction + indexation / lecture seule', 12, '×'),
  target('reconstruction', 'reconstruction après un fichier / construction à froid', 0.25, ''),
  target('memoireMo', 'mémoire maximale', 1200, 'Mo'),
];

/**
 * The CI guard (.ci/run, N = 2 000): about 1.4 to 1.5 times this code's figures at N = 2 000
 * on 2 December 2026 (validation 2.85 ×, build + index 48.7 ×, rebuild 0.44, 812 MB).
 */
export const GUARD: readonly BenchTarget[] = [
  target('validation', 'validation complète / lecture seule', 4, '×'),
  target('constructionIndexation', 'construction + indexation / lecture seule', 72, '×'),
  target('reconstruction', 'reconstruction après un fichier / construction à froid', 0.62, ''),
  target('memoireMo', 'mémoire maximale', 1200, 'Mo'),
];

const number = (n: number, digits: number) => n.toFixed(digits).replace('.', ',');
const shown = (value: number, unite: BenchTarget['unite']) => (unite === 'Mo' ? `${Math.round(value)} Mo` : unite === '×' ? `${number(value, 2)} ×` : number(value, 2));

export interface BenchVerdict {
  ok: boolean;
  /** One French line per target: the figure, the target, met or not. */
  lignes: string[];
}

/** Each figure against its target: all met, or which are not. */
export function benchVerdict(figures: BenchFigures, targets: readonly BenchTarget[]): BenchVerdict {
  const lignes = targets.map((t) => {
    const value = figures[t.cle];
    const met = value <= t.max;
    return `${met ? 'tenue    ' : 'MANQUÉE  '} ${t.libelle} : ${shown(value, t.unite)} (cible ≤ ${shown(t.max, t.unite)})`;
  });
  return { ok: targets.every((t) => figures[t.cle] <= t.max), lignes };
}
