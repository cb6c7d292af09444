/**
 * Best split of a node from its histogram. For each feature, value bins 1..t go left; the
 * missing bin (0) is tried on both sides and the better side is remembered, which is how a
 * tree learns where missing values belong. Gain is the second-order (XGBoost) gain with L2
 * regularisation λ: G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ).
 */
import type { HistogramLayout } from './histogram.ts';

export interface SplitParams {
  lambda: number;
  minSamplesLeaf: number;
  /** Smallest hessian sum a child may have. */
  minChildWeight: number;
  /** Smallest gain worth a split. */
  minGain: number;
}

export interface Split {
  feature: number;
  /** Value bins 1..threshold go left. */
  threshold: number;
  missingLeft: boolean;
  gain: number;
  leftG: number;
  leftH: number;
  leftCount: number;
}

/** The best split over `features` (all when null), or null when nothing beats minGain. */
export function findBestSplit(
  hist: Float64Array,
  layout: HistogramLayout,
  totalG: number,
  totalH: number,
  totalCount: number,
  params: SplitParams,
  features: Int32Array | null,
): Split | null {
  const { lambda, minChildWeight } = params;
  const minSamplesLeaf = Math.max(1, params.minSamplesLeaf); // an empty child has no value to learn
  const parentScore = (totalG * totalG) / (totalH + lambda);
  let best: Split | null = null;
  let bestGain = params.minGain;
  const nFeatures = features ? features.length : layout.nBins.length;
  for (let k = 0; k < nFeatures; k++) {
    const f = features ? features[k] : k;
    const base = layout.offsets[f];
    const nBins = layout.nBins[f];
    const missG = hist[base];
    const missH = hist[base + 1];
    const missC = hist[base + 2];
    let g = 0;
    let h = 0;
    let c = 0;
    for (let t = 1; t < nBins; t++) {
      const o = base + 3 * t;
      g += hist[o];
      h += hist[o + 1];
      c += hist[o + 2];
      if (hist[o + 2] === 0 && t < nBins - 1) continue; // an empty bin gives the same split as its neighbour
      for (let side = 0; side < (missC > 0 ? 2 : 1); side++) {
        const lg = side === 1 ? g + missG : g;
        const lh = side === 1 ? h + missH : h;
        const lc = side === 1 ? c + missC : c;
        const rc = totalCount - lc;
        if (lc < minSamplesLeaf || rc < minSamplesLeaf) continue;
        const rh = totalH - lh;
        if (lh < minChildWeight || rh < minChildWeight) continue;
        const rg = totalG - lg;
        const gain = (lg * lg) / (lh + lambda) + (rg * rg) / (rh + lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          // Without missing rows here, missing follows the bigger child: the likelier guess.
          const missingLeft = missC > 0 ? side === 1 : lc >= rc;
          best = { feature: f, threshold: t, missingLeft, gain, leftG: lg, leftH: lh, leftCount: lc };
        }
      }
    }
  }
  return best;
}
