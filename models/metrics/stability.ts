/**
 * Population and characteristic stability: PSI compares the distribution of a score between a
 * reference population (training) and a new one (the latest scoring run); CSI does the same for
 * one characteristic's bins. Both are Σ (a − e)·ln(a / e) over bins, read with the usual bands:
 * below 0.1 stable, 0.1–0.25 worth watching, 0.25 and above a real shift.
 *
 * @example
 *   const { index, verdict } = psi(trainScores, latestScores);
 */

export type StabilityVerdict = 'stable' | 'monitor' | 'shift';

export interface StabilityBin {
  /** Upper edge of the bin (inclusive) for score bins; the bin code for CSI. */
  upper: number;
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

export interface StabilityResult {
  index: number;
  verdict: StabilityVerdict;
  bins: StabilityBin[];
}

/** A share below this counts as this much, so an empty bin adds a large but finite term. */
const MIN_SHARE = 1e-4;

export function stabilityVerdict(index: number): StabilityVerdict {
  return index < 0.1 ? 'stable' : index < 0.25 ? 'monitor' : 'shift';
}

/** Stability index from counts per bin in the reference (`expected`) and new (`actual`) data. */
export function stabilityIndex(expected: ArrayLike<number>, actual: ArrayLike<number>, uppers?: number[]): StabilityResult {
  if (expected.length !== actual.length) throw new Error('expected and actual need the same bins');
  const expectedTotal = total(expected);
  const actualTotal = total(actual);
  if (expectedTotal === 0 || actualTotal === 0) throw new Error('stability needs rows in both populations');
  const bins: StabilityBin[] = [];
  let index = 0;
  for (let b = 0; b < expected.length; b++) {
    const e = Math.max(MIN_SHARE, expected[b] / expectedTotal);
    const a = Math.max(MIN_SHARE, actual[b] / actualTotal);
    const contribution = (a - e) * Math.log(a / e);
    index += contribution;
    bins.push({ upper: uppers ? uppers[b] : b, expectedShare: expected[b] / expectedTotal, actualShare: actual[b] / actualTotal, contribution });
  }
  return { index, verdict: stabilityVerdict(index), bins };
}

function total(counts: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i];
  return sum;
}

/**
 * Upper edges of `bins` quantile bins of `values` (duplicates dropped, last bin open-ended).
 * Edges are data values, and a value v falls in the first bin whose edge is >= v.
 */
export function quantileEdges(values: ArrayLike<number>, bins: number): number[] {
  const sorted = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.ceil((k * sorted.length) / bins) - 1];
    if (edge !== undefined && edge !== edges[edges.length - 1] && edge < sorted[sorted.length - 1]) edges.push(edge);
  }
  return edges;
}

/** Counts of `values` per bin given upper edges (binary search; bins = edges.length + 1). */
export function countByEdges(values: ArrayLike<number>, edges: number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

/** PSI of a score: bins fixed at the expected population's deciles (or `bins` quantiles). */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, bins = 10): StabilityResult {
  const edges = quantileEdges(expected, bins);
  return stabilityIndex(countByEdges(expected, edges), countByEdges(actual, edges), [...edges, Infinity]);
}

/** CSI of one characteristic from bin codes 0..nBins−1 per row (e.g. a scorecard's bins). */
export function csi(expectedCodes: ArrayLike<number>, actualCodes: ArrayLike<number>, nBins: number): StabilityResult {
  const expected = new Float64Array(nBins);
  const actual = new Float64Array(nBins);
  for (let i = 0; i < expectedCodes.length; i++) expected[expectedCodes[i]]++;
  for (let i = 0; i < actualCodes.length; i++) actual[actualCodes[i]]++;
  return stabilityIndex(expected, actual);
}
