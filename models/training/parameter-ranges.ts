/**
 * The allowed range of every training parameter, so that a bad value is refused with its name
 * and range before any work starts (`learningRate: 0 < value ≤ 1 (got 2)`), never trained on.
 *
 * @example
 *   parameterProblems('gbdt', { maxIterations: 0 }); // ['maxIterations: a whole number ≥ 1 (got 0)']
 */
import type { Algorithm } from '../model/model.ts';

interface Range {
  min: number;
  max?: number;
  /** The minimum itself is not allowed. */
  above?: boolean;
  /** The maximum itself is not allowed. */
  below?: boolean;
  whole?: boolean;
  /** Extra words after the range (what a special value means). */
  note?: string;
}

const share = (note?: string): Range => ({ min: 0, max: 1, above: true, note });

export const PARAMETER_RANGES: Record<Algorithm, Record<string, Range>> = {
  scorecard: {
    maxFeatures: { min: 1, whole: true },
    minIv: { min: 0 },
    maxCorrelation: share(),
    l2: { min: 0 },
  },
  gbdt: {
    maxIterations: { min: 1, whole: true, note: 'trees' },
    learningRate: share(),
    maxLeaves: { min: 2, whole: true },
    minSamplesLeaf: { min: 1, whole: true },
    minLeafShare: { min: 0, max: 0.5, below: true, note: 'a share of the training rows' },
    lambda: { min: 0 },
    earlyStoppingRounds: { min: 0, whole: true, note: '0 switches early stopping off' },
    maxBins: { min: 2, max: 255, whole: true },
    rowFraction: share(),
    featureFraction: share(),
  },
  forest: {
    trees: { min: 1, whole: true },
    maxDepth: { min: 1, whole: true },
    minSamplesLeaf: { min: 1, whole: true },
    sampleFraction: share(),
    maxBins: { min: 2, max: 255, whole: true },
  },
};

export function describeRange(range: Range): string {
  const kind = range.whole ? 'a whole number' : 'a number';
  const low = range.above ? `> ${range.min}` : `≥ ${range.min}`;
  const text = range.max === undefined ? `${kind} ${low}` : `${kind} ${low} and ${range.below ? '<' : '≤'} ${range.max}`;
  return range.note ? `${text}; ${range.note}` : text;
}

/** One line per parameter whose value is out of its range (or not a number). */
export function parameterProblems(algorithm: Algorithm, parameters: Record<string, unknown>): string[] {
  const ranges = PARAMETER_RANGES[algorithm];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    const range = ranges[name];
    if (!range) continue;
    const ok = typeof value === 'number' && Number.isFinite(value) && (range.above ? value > range.min : value >= range.min)
      && (range.max === undefined || (range.below ? value < range.max : value <= range.max)) && (!range.whole || Number.isInteger(value));
    if (!ok) problems.push(`${name}: ${describeRange(range)} (got ${JSON.stringify(value)})`);
  }
  return problems;
}
