/**
 * Calibration by decile of predicted PD, with the Hosmer–Lemeshow goodness-of-fit test and a
 * Wilson 95% interval per decile. A model is calibrated when, decile by decile, the observed
 * bad rate sits inside the interval around what it predicted (see binomial.ts for why the
 * check is run on the observed rate's interval).
 *
 * @example
 *   const { deciles, hosmerLemeshow, pValue } = calibration(labels, pd);
 */
import { chiSquarePValue } from './gamma.ts';
import { wilsonInterval } from './binomial.ts';
import { assertSameLength, countLabels, equalGroups, orderBy } from './order.ts';

export interface CalibrationGroup {
  group: number;
  n: number;
  predictedBads: number;
  observedBads: number;
  meanPredicted: number;
  observedRate: number;
  /** Wilson interval of the observed rate. */
  lower: number;
  upper: number;
  /** The predicted rate lies inside the interval. */
  inside: boolean;
}

export interface CalibrationResult {
  deciles: CalibrationGroup[];
  hosmerLemeshow: number;
  degreesOfFreedom: number;
  pValue: number;
  /** Groups whose prediction falls inside the observed interval. */
  groupsInside: number;
}

export function calibration(labels: ArrayLike<number>, probabilities: ArrayLike<number>, groups = 10): CalibrationResult {
  assertSameLength(labels, probabilities);
  countLabels(labels);
  const deciles = equalGroups(orderBy(probabilities), groups).map((rows, g): CalibrationGroup => {
    let predictedBads = 0;
    let observedBads = 0;
    for (const r of rows) {
      predictedBads += probabilities[r];
      observedBads += labels[r];
    }
    const n = rows.length;
    const meanPredicted = predictedBads / n;
    const { lower, upper } = wilsonInterval(observedBads, n);
    return {
      group: g + 1,
      n,
      predictedBads,
      observedBads,
      meanPredicted,
      observedRate: observedBads / n,
      lower,
      upper,
      inside: meanPredicted >= lower && meanPredicted <= upper,
    };
  });
  // HL = Σ (O − E)² / (E (1 − E/n)); a group predicted at exactly 0 or 1 adds nothing finite.
  let hosmerLemeshow = 0;
  for (const d of deciles) {
    const variance = d.predictedBads * (1 - d.meanPredicted);
    if (variance > 0) hosmerLemeshow += (d.observedBads - d.predictedBads) ** 2 / variance;
  }
  const degreesOfFreedom = Math.max(1, deciles.length - 2);
  return {
    deciles,
    hosmerLemeshow,
    degreesOfFreedom,
    pValue: chiSquarePValue(hosmerLemeshow, degreesOfFreedom),
    groupsInside: deciles.filter((d) => d.inside).length,
  };
}
