/**
 * Every metric of a set of predictions in one object, the shape a registry entry or a model
 * comparison stores: discrimination (AUC, Gini, KS), accuracy of the probabilities (Brier, log
 * loss) and calibration by decile with Hosmer–Lemeshow.
 */
import { auc } from './auc.ts';
import { calibration, type CalibrationResult } from './calibration.ts';
import { ks } from './ks.ts';
import { liftTable, type LiftGroup } from './lift.ts';
import { brier, logLoss } from './probability.ts';

export interface MetricSummary {
  n: number;
  badRate: number;
  auc: number;
  gini: number;
  ks: number;
  brier: number;
  logLoss: number;
  calibration: CalibrationResult;
  lift: LiftGroup[];
}

/** All metrics for labels (1 = bad) and predicted probabilities of bad. */
export function evaluate(labels: ArrayLike<number>, probabilities: ArrayLike<number>): MetricSummary {
  const area = auc(labels, probabilities);
  let bads = 0;
  for (let i = 0; i < labels.length; i++) bads += labels[i];
  return {
    n: labels.length,
    badRate: bads / labels.length,
    auc: area,
    gini: 2 * area - 1,
    ks: ks(labels, probabilities),
    brier: brier(labels, probabilities),
    logLoss: logLoss(labels, probabilities),
    calibration: calibration(labels, probabilities),
    lift: liftTable(labels, probabilities),
  };
}
