/**
 * Feature selection for a scorecard: keep features with IV of at least 0.02, walk them from the
 * strongest down and skip any whose WoE correlates above 0.7 with one already kept (the
 * stronger of the pair stays), up to a cap. Every dropped feature says why, for the model card.
 */
import type { Binning } from '../binning/types.ts';

export interface SelectionOptions {
  minIv?: number;
  maxCorrelation?: number;
  maxFeatures?: number;
}

export interface DroppedFeature {
  feature: string;
  reason: string;
}

export interface Selection {
  /** Indices into the binnings, strongest first. */
  selected: number[];
  dropped: DroppedFeature[];
}

export function selectFeatures(binnings: Binning[], woe: Float64Array[], options: SelectionOptions = {}): Selection {
  const { minIv = 0.02, maxCorrelation = 0.7, maxFeatures = 15 } = options;
  const order = binnings.map((_, i) => i).sort((a, b) => binnings[b].iv - binnings[a].iv || a - b);
  const selected: number[] = [];
  const dropped: DroppedFeature[] = [];
  for (const i of order) {
    const { feature, iv, bins } = binnings[i];
    if (bins.filter((bin) => bin.good + bin.bad > 0).length < 2) {
      dropped.push({ feature, reason: 'a single bin: constant, all missing, or every value too rare' });
      continue;
    }
    if (iv < minIv) {
      dropped.push({ feature, reason: `IV ${iv.toFixed(4)} below ${minIv}` });
      continue;
    }
    const twin = selected.find((j) => Math.abs(correlation(woe[i], woe[j])) > maxCorrelation);
    if (twin !== undefined) {
      const r = correlation(woe[i], woe[twin]);
      dropped.push({ feature, reason: `WoE correlation ${r.toFixed(3)} with ${binnings[twin].feature}, which has the higher IV` });
      continue;
    }
    if (selected.length >= maxFeatures) {
      dropped.push({ feature, reason: `beyond the cap of ${maxFeatures} features` });
      continue;
    }
    selected.push(i);
  }
  return { selected, dropped };
}

/** Pearson correlation; 0 when either column is constant. */
export function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : 0;
}
