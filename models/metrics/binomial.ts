/**
 * The Wilson score interval for a binomial proportion. Unlike the normal (Wald) interval it
 * stays inside [0, 1] and behaves at rates near 0, which is where default rates live.
 *
 * Duality worth knowing: a predicted rate p lies inside the Wilson interval of the observed rate
 * exactly when the observed rate lies inside p ± z·sqrt(p(1 − p)/n), the score-test interval of
 * the prediction. So "observed inside the binomial interval of the predicted rate" and
 * "predicted inside the Wilson interval of the observed" are the same check.
 *
 * @example
 *   wilsonInterval(3, 100); // { lower: 0.0103, upper: 0.0845 }
 */
export interface Interval {
  lower: number;
  upper: number;
}

/** Two-sided interval for `successes` out of `n` at normal quantile `z` (1.96 = 95%). */
export function wilsonInterval(successes: number, n: number, z = 1.959963984540054): Interval {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
