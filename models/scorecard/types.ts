/**
 * A fitted scorecard as plain JSON: per characteristic its binning, logistic coefficient and
 * points per bin, plus the scaling that turns the points into a PD. Everything a scorer (in
 * TypeScript or in SQL) needs, nothing it has to recompute.
 */
import type { Binning } from '../binning/types.ts';
import type { DroppedFeature } from './select.ts';
import type { Scaling } from './scaling.ts';

export interface Characteristic {
  feature: string;
  binning: Binning;
  /** Logistic coefficient on this feature's WoE (negative: more WoE, less risk). */
  coefficient: number;
  /** Points per bin, aligned with binning.bins. */
  points: number[];
}

export interface Scorecard {
  kind: 'scorecard';
  /** Intercept of the logistic model of P(bad). */
  intercept: number;
  characteristics: Characteristic[];
  scaling: Scaling;
  fit: { iterations: number; converged: boolean; logLikelihood: number; standardErrors: number[] };
  dropped: DroppedFeature[];
}
