/**
 * Points scaling: score = offset + factor·ln(odds), odds = good:bad, factor = PDO / ln 2, so the
 * score rises by PDO points each time the odds double, and sits at the base score at the base
 * odds (defaults 600 at 50:1, PDO 20). A logistic model on WoE gives ln(odds) = −(b0 + Σ bj·woe),
 * which splits into points per characteristic, the intercept and offset shared evenly.
 *
 * @example
 *   const s = scaling({ baseScore: 600, baseOdds: 50, pdo: 20 });
 *   pdFromScore(s, 600); // 1 / 51
 */
export interface ScalingOptions {
  baseScore?: number;
  /** Good:bad odds at the base score. */
  baseOdds?: number;
  /** Points to double the odds. */
  pdo?: number;
}

export interface Scaling {
  baseScore: number;
  baseOdds: number;
  pdo: number;
  factor: number;
  offset: number;
}

export function scaling(options: ScalingOptions = {}): Scaling {
  const { baseScore = 600, baseOdds = 50, pdo = 20 } = options;
  if (!(pdo > 0) || !(baseOdds > 0)) throw new Error('PDO and base odds must be positive');
  const factor = pdo / Math.LN2;
  return { baseScore, baseOdds, pdo, factor, offset: baseScore - factor * Math.log(baseOdds) };
}

/**
 * Points of one bin: −factor·(b·woe + b0/m) + offset/m for a characteristic with coefficient b
 * among m characteristics (intercept b0 of the bad-event model).
 */
export function binPoints(s: Scaling, coefficient: number, woe: number, intercept: number, characteristics: number): number {
  const points = -s.factor * (coefficient * woe + intercept / characteristics) + s.offset / characteristics;
  return points === 0 ? 0 : points; // never −0: JSON would reload it as 0
}

/** PD for a total score: 1 / (1 + exp((score − offset) / factor)). The SQL compiler writes the same. */
export function pdFromScore(s: Scaling, score: number): number {
  return 1 / (1 + Math.exp((score - s.offset) / s.factor));
}

/** The score at which the PD equals `pd`. */
export function scoreFromPd(s: Scaling, pd: number): number {
  return s.offset + s.factor * Math.log((1 - pd) / pd);
}
