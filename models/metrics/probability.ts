/**
 * Proper scoring rules for predicted probabilities: Brier score (mean squared error) and log
 * loss (mean negative log-likelihood). Unlike AUC they punish miscalibration, so a model that
 * ranks well but predicts the wrong level of PD shows up here.
 */
import { assertSameLength } from './order.ts';

/** Mean of (p − y)². */
export function brier(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  assertSameLength(labels, probabilities);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/** Mean of −[y ln p + (1 − y) ln(1 − p)], with p clipped to [eps, 1 − eps] so a 0 or 1 stays finite. */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, eps = 1e-15): number {
  assertSameLength(labels, probabilities);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}
