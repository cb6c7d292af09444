/** models/metrics: discrimination, calibration and stability of predicted PDs. */
export { auc, gini } from './auc.ts';
export { ks, ksDetail, type KsResult } from './ks.ts';
export { brier, logLoss } from './probability.ts';
export { chiSquareCdf, chiSquarePValue, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma.ts';
export { wilsonInterval, type Interval } from './binomial.ts';
export { calibration, type CalibrationGroup, type CalibrationResult } from './calibration.ts';
export { liftTable, type LiftGroup } from './lift.ts';
export {
  csi,
  psi,
  quantileEdges,
  countByEdges,
  stabilityIndex,
  stabilityVerdict,
  type StabilityBin,
  type StabilityResult,
  type StabilityVerdict,
} from './stability.ts';
export { evaluate, type MetricSummary } from './summary.ts';
export { featureStability, type FeatureStability } from './feature-stability.ts';
