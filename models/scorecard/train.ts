/**
 * Trains a scorecard: bin every feature, select by IV and WoE correlation, fit a logistic
 * regression on the WoE of the selected ones, then turn coefficients into points. A feature
 * whose coefficient comes out positive (more WoE, i.e. safer bins, predicting more risk) is
 * fighting a correlated partner; it is dropped and the model refitted, so every
 * characteristic's points rise with its WoE and the table reads the way credit officers expect.
 *
 * @example
 *   const card = trainScorecard(train, { scaling: { baseScore: 600, baseOdds: 50, pdo: 20 } });
 */
import { binCodes } from '../binning/assign.ts';
import { binFeatures, type BinFeaturesOptions } from '../binning/bin-features.ts';
import type { Binning } from '../binning/types.ts';
import { assertTrainable, columnOf, type Dataset } from '../data/frame.ts';
import { fitLogistic, type LogisticFit } from '../logistic/irls.ts';
import { binPoints, scaling, type ScalingOptions } from './scaling.ts';
import { selectFeatures, type DroppedFeature, type SelectionOptions } from './select.ts';
import type { Scorecard } from './types.ts';

export interface ScorecardOptions extends SelectionOptions {
  binning?: BinFeaturesOptions;
  scaling?: ScalingOptions;
  /** L2 penalty for the logistic fit (0 = maximum likelihood). */
  l2?: number;
}

export function trainScorecard(data: Dataset, options: ScorecardOptions = {}): Scorecard {
  assertTrainable(data);
  const binnings = binFeatures(data, options.binning);
  const woe = binnings.map((binning) => woeOf(binning, data));
  const { selected, dropped } = selectFeatures(binnings, woe, options);
  if (selected.length === 0) {
    throw new Error(`no feature is usable for a scorecard: ${dropped.map((d) => `${d.feature} (${d.reason})`).join('; ')}`);
  }
  let kept = selected;
  let fit: LogisticFit;
  for (;;) {
    fit = fitLogistic(kept.map((i) => woe[i]), data.target, { l2: options.l2 ?? 0 });
    const wrong = kept.map((i, j) => ({ i, b: fit.coefficients[j] })).filter(({ b }) => b >= 0);
    if (wrong.length === 0 || kept.length === 1) break;
    // Drop the weakest offender only: removing it may set the others right.
    const weakest = wrong.reduce((a, b) => (binnings[b.i].iv < binnings[a.i].iv ? b : a));
    dropped.push(signDrop(binnings[weakest.i], weakest.b));
    kept = kept.filter((i) => i !== weakest.i);
  }
  const s = scaling(options.scaling);
  const m = kept.length;
  return {
    kind: 'scorecard',
    intercept: fit.intercept,
    characteristics: kept.map((i, j) => ({
      feature: binnings[i].feature,
      binning: binnings[i],
      coefficient: fit.coefficients[j],
      points: binnings[i].bins.map((bin) => binPoints(s, fit.coefficients[j], bin.woe, fit.intercept, m)),
    })),
    scaling: s,
    fit: { iterations: fit.iterations, converged: fit.converged, logLikelihood: fit.logLikelihood, standardErrors: fit.standardErrors },
    dropped,
  };
}

function woeOf(binning: Binning, data: Dataset): Float64Array {
  const codes = binCodes(binning, columnOf(data, binning.feature));
  const table = binning.bins.map((bin) => bin.woe);
  return Float64Array.from(codes, (c) => table[c]);
}

function signDrop(binning: Binning, coefficient: number): DroppedFeature {
  return { feature: binning.feature, reason: `coefficient ${coefficient.toFixed(4)} has the wrong sign next to stronger features` };
}
