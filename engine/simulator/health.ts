/**
 * The hidden health of a merchant: a monthly Markov chain over healthy, stressed, distressed and
 * two absorbing ends, failed (a default) and closed (a voluntary exit with debts paid). A
 * merchant's risk (segment × its own frailty) scales the deterioration rates; recovery slows as
 * risk grows. Because the chain is known, the true 12-month probability of default from any
 * state is exact: the failed column of the transition matrix to the 12th power.
 */
export const HEALTHY = 0;
export const STRESSED = 1;
export const DISTRESSED = 2;
export const FAILED = 3;
export const CLOSED = 4;
export const STATE_NAMES = ['healthy', 'stressed', 'distressed', 'failed', 'closed'] as const;
const N = 5;

/** Monthly transition rates of a merchant of average risk (risk = 1). */
export const BASE_RATES = {
  healthyToStressed: 0.018,
  healthyToDistressed: 0.002,
  healthyToFailed: 0.001,
  stressedToHealthy: 0.2,
  stressedToDistressed: 0.07,
  stressedToFailed: 0.005,
  distressedToStressed: 0.12,
  distressedToHealthy: 0.02,
  distressedToFailed: 0.05,
  closeHealthy: 0.0015,
  closeStressed: 0.003,
  closeDistressed: 0.005,
};

/** Row-major 5×5 monthly transition matrix for a merchant of the given risk. */
export function transitionMatrix(risk: number, rates = BASE_RATES): Float64Array {
  const worse = risk;
  const better = 1 / Math.sqrt(risk);
  const p = new Float64Array(N * N);
  const set = (from: number, to: number, value: number) => (p[from * N + to] = value);
  set(HEALTHY, STRESSED, rates.healthyToStressed * worse);
  set(HEALTHY, DISTRESSED, rates.healthyToDistressed * worse);
  set(HEALTHY, FAILED, rates.healthyToFailed * worse);
  set(HEALTHY, CLOSED, rates.closeHealthy);
  set(STRESSED, HEALTHY, rates.stressedToHealthy * better);
  set(STRESSED, DISTRESSED, rates.stressedToDistressed * worse);
  set(STRESSED, FAILED, rates.stressedToFailed * worse);
  set(STRESSED, CLOSED, rates.closeStressed);
  set(DISTRESSED, STRESSED, rates.distressedToStressed * better);
  set(DISTRESSED, HEALTHY, rates.distressedToHealthy * better);
  set(DISTRESSED, FAILED, rates.distressedToFailed * worse);
  set(DISTRESSED, CLOSED, rates.closeDistressed);
  for (let from = 0; from < 3; from++) {
    let leaving = 0;
    for (let to = 0; to < N; to++) if (to !== from) leaving += p[from * N + to];
    if (leaving > 0.95) {
      // Very frail merchants: keep the shape of the rates, cap how much can leave in a month.
      for (let to = 0; to < N; to++) if (to !== from) p[from * N + to] *= 0.95 / leaving;
      leaving = 0.95;
    }
    p[from * N + from] = 1 - leaving;
  }
  p[FAILED * N + FAILED] = 1;
  p[CLOSED * N + CLOSED] = 1;
  return p;
}

/**
 * Probability of entering FAILED within `months` monthly steps, from each living state:
 * [healthy, stressed, distressed]. Exact, by propagating the state distribution.
 */
export function defaultProbabilities(p: Float64Array, months = 12): [number, number, number] {
  const result: [number, number, number] = [0, 0, 0];
  const dist = new Float64Array(N);
  const next = new Float64Array(N);
  for (let start = 0; start < 3; start++) {
    dist.fill(0);
    dist[start] = 1;
    for (let step = 0; step < months; step++) {
      next.fill(0);
      for (let from = 0; from < N; from++) {
        const mass = dist[from];
        if (mass === 0) continue;
        for (let to = 0; to < N; to++) next[to] += mass * p[from * N + to];
      }
      dist.set(next);
    }
    result[start] = dist[FAILED];
  }
  return result;
}

/** Next state drawn from the matrix row of `state` with a uniform `u`. */
export function step(p: Float64Array, state: number, u: number): number {
  let cumulative = 0;
  for (let to = 0; to < N; to++) {
    cumulative += p[state * N + to];
    if (u < cumulative) return to;
  }
  return state;
}

/** How a state shows in turnover: demand multiplier, day-to-day noise, chance of a closed day. */
export interface TurnoverEffect {
  multiplier: number;
  sigma: number;
  gapProbability: number;
}

export function turnoverEffect(state: number, monthsDistressed: number, failsThisMonth: boolean): TurnoverEffect {
  if (failsThisMonth) return { multiplier: 0.45 * 0.92 ** monthsDistressed, sigma: 0.45, gapProbability: 0.12 };
  switch (state) {
    case STRESSED:
      return { multiplier: 0.86, sigma: 0.26, gapProbability: 0.02 };
    case DISTRESSED:
      return { multiplier: 0.64 * 0.92 ** monthsDistressed, sigma: 0.38, gapProbability: 0.07 };
    default:
      return { multiplier: 1, sigma: 0.16, gapProbability: 0.003 };
  }
}
