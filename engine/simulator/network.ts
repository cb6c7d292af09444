/**
 * The merchant model of the QR network: who the merchants are (segment, city tier, KYC tier,
 * onboarding, a heavy-tailed size), how they trade on an ordinary day, and how their hidden
 * health moves month by month until some fail or close. Everything is drawn from the seed; the
 * daily and per-payment detail is expanded from this model in SQL (see sql/).
 */
import { addDays, daysBetween } from '../calendar/days.ts';
import {
  CLOSED, DISTRESSED, FAILED, HEALTHY,
  defaultProbabilities, step, transitionMatrix, turnoverEffect,
} from './health.ts';
import { SEGMENT_ORDER, SEGMENT_PROFILES } from './profiles.ts';
import { Random } from './random.ts';

export interface Month {
  /** First and last day index (inclusive) of the month inside the simulated window. */
  firstDay: number;
  lastDay: number;
  /** The calendar month-end date and its day index (may lie past the window). */
  monthEnd: string;
  monthEndDay: number;
}

export interface Network {
  seed: number;
  start: string;
  days: number;
  months: Month[];
  size: number;
  segment: Uint8Array;
  cityTier: Uint8Array;
  /** 0 = A, 1 = B, 2 = C. */
  kycTier: Uint8Array;
  /** Day index of onboarding (negative: before the window). */
  onboardDay: Int32Array;
  sizeFactor: Float64Array;
  frailty: Float64Array;
  /** Log of the median ticket in fen, and its spread. */
  ticketMu: Float64Array;
  ticketSigma: Float64Array;
  /** Expected payments on an ordinary day at full health. */
  baseCount: Float64Array;
  /** Yearly log growth of demand. */
  growth: Float64Array;
  /** Regular customers of the merchant. */
  poolSize: Int32Array;
  /** State during each month: state[i * months + m]. */
  state: Uint8Array;
  /** Turnover effect of health per merchant-month. */
  multiplier: Float32Array;
  sigma: Float32Array;
  gapProbability: Float32Array;
  /** Day index from which the merchant no longer trades (days = still trading). */
  endDay: Int32Array;
  /** FAILED, CLOSED, or 0 when still trading at the end. */
  endKind: Uint8Array;
  /** Exact 12-month PD from healthy, stressed, distressed: pd[i * 3 + state]. */
  pd: Float64Array;
}

export function merchantId(index: number): string {
  return `M${String(index + 1).padStart(8, '0')}`;
}

export function monthsOf(start: string, days: number): Month[] {
  const months: Month[] = [];
  let first = 0;
  while (first < days) {
    const date = addDays(start, first);
    const [y, m] = date.split('-').map(Number);
    const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const monthEndDay = daysBetween(start, monthEnd);
    months.push({ firstDay: first, lastDay: Math.min(monthEndDay, days - 1), monthEnd, monthEndDay });
    first = monthEndDay + 1;
  }
  return months;
}

const CITY_TIER_WEIGHTS = [0.15, 0.3, 0.3, 0.25];
const CITY_TIER_DEMAND = [1.35, 1.1, 0.9, 0.75];
const KYC_WEIGHTS = [0.6, 0.3, 0.1];
const KYC_RISK = [0.85, 1.1, 1.45];

export function buildNetwork(seed: number, merchants: number, start: string, days: number, onProgress?: (merchantsDone: number) => void): Network {
  const months = monthsOf(start, days);
  const M = months.length;
  const net: Network = {
    seed, start, days, months, size: merchants,
    segment: new Uint8Array(merchants),
    cityTier: new Uint8Array(merchants),
    kycTier: new Uint8Array(merchants),
    onboardDay: new Int32Array(merchants),
    sizeFactor: new Float64Array(merchants),
    frailty: new Float64Array(merchants),
    ticketMu: new Float64Array(merchants),
    ticketSigma: new Float64Array(merchants),
    baseCount: new Float64Array(merchants),
    growth: new Float64Array(merchants),
    poolSize: new Int32Array(merchants),
    state: new Uint8Array(merchants * M),
    multiplier: new Float32Array(merchants * M),
    sigma: new Float32Array(merchants * M),
    gapProbability: new Float32Array(merchants * M),
    endDay: new Int32Array(merchants).fill(days),
    endKind: new Uint8Array(merchants),
    pd: new Float64Array(merchants * 3),
  };
  const segmentWeights = SEGMENT_ORDER.map((segment) => SEGMENT_PROFILES[segment].share);
  for (let i = 0; i < merchants; i++) {
    const rng = new Random(seed, 0x100000 + i);
    const segment = rng.pick(segmentWeights);
    const profile = SEGMENT_PROFILES[SEGMENT_ORDER[segment]];
    net.segment[i] = segment;
    net.cityTier[i] = rng.pick(CITY_TIER_WEIGHTS) + 1;
    net.kycTier[i] = rng.pick(KYC_WEIGHTS);
    // 88% were on the network before the window (up to 8 years), the rest join during it.
    net.onboardDay[i] = rng.next() < 0.88 ? -Math.floor(30 + rng.next() * 2900) : Math.floor(rng.next() * days);
    // Heavy-tailed size: log-normal body, and a Pareto tail for the few very large shops.
    let size = Math.exp(0.75 * rng.normal() - 0.28);
    if (rng.next() < 0.03) size *= Math.min(30, (1 - rng.next()) ** (-1 / 1.6));
    net.sizeFactor[i] = size;
    net.frailty[i] = Math.exp(0.6 * rng.normal() - 0.18);
    const medianTicketFen = profile.ticketMedianRmb * 100 * Math.exp(0.12 * rng.normal());
    net.ticketMu[i] = Math.log(medianTicketFen);
    net.ticketSigma[i] = profile.ticketSigma * (0.9 + 0.2 * rng.next());
    const meanTicketFen = medianTicketFen * Math.exp((net.ticketSigma[i] ** 2) / 2);
    net.baseCount[i] = (profile.dailyTurnoverRmb * 100 * size * CITY_TIER_DEMAND[net.cityTier[i] - 1]) / meanTicketFen;
    net.growth[i] = 0.03 + 0.1 * rng.normal();
    net.poolSize[i] = Math.max(20, Math.min(20000, Math.round(net.baseCount[i] * 5)));

    const risk = profile.risk * KYC_RISK[net.kycTier[i]] * net.frailty[i];
    const p = transitionMatrix(risk);
    const pd = defaultProbabilities(p);
    net.pd.set(pd, i * 3);
    simulateHealth(net, i, p, rng);
    if (onProgress && (i % 50_000 === 49_999 || i === merchants - 1)) onProgress(i + 1);
  }
  return net;
}

/** Draws one merchant's monthly states, its end (failure or closure) and the turnover effects. */
function simulateHealth(net: Network, i: number, p: Float64Array, rng: Random): void {
  const M = net.months.length;
  const onboardMonth = net.months.findIndex((month) => month.lastDay >= net.onboardDay[i]);
  let state = HEALTHY;
  if (net.onboardDay[i] < 0) {
    // A merchant on the network at the start has survived its past: draw its history until alive.
    const history = Math.min(36, Math.floor(-net.onboardDay[i] / 30));
    for (let attempt = 0; attempt < 20; attempt++) {
      state = HEALTHY;
      for (let k = 0; k < history && state < FAILED; k++) state = step(p, state, rng.next());
      if (state < FAILED) break;
    }
    if (state >= FAILED) state = HEALTHY;
  }
  let monthsDistressed = 0;
  let ends = -1;
  for (let m = 0; m < M; m++) {
    const at = i * M + m;
    if (m < onboardMonth || ends >= 0) {
      net.state[at] = ends >= 0 ? net.endKind[i] : HEALTHY;
      continue;
    }
    net.state[at] = state;
    monthsDistressed = state === DISTRESSED ? monthsDistressed + 1 : 0;
    const next = step(p, state, rng.next());
    const effect = turnoverEffect(state, monthsDistressed, false);
    net.multiplier[at] = effect.multiplier;
    net.sigma[at] = effect.sigma;
    net.gapProbability[at] = effect.gapProbability;
    if (next === FAILED || next === CLOSED) {
      const following = net.months[m + 1];
      const dayInMonth = rng.next();
      if (following) {
        const lastDay = following.monthEndDay;
        net.endDay[i] = following.firstDay + Math.floor(dayInMonth * (lastDay - following.firstDay + 1));
        net.endKind[i] = next;
        ends = m + 1;
        // The month it fails in: demand falls away until the day it stops; a closure trades normally.
        const failing = turnoverEffect(state, monthsDistressed, next === FAILED);
        const nextAt = at + 1;
        net.state[nextAt] = next;
        net.multiplier[nextAt] = next === FAILED ? failing.multiplier : effect.multiplier;
        net.sigma[nextAt] = next === FAILED ? failing.sigma : effect.sigma;
        net.gapProbability[nextAt] = next === FAILED ? failing.gapProbability : effect.gapProbability;
        m++;
      }
      continue;
    }
    state = next;
  }
}

/** Expected turnover in fen on an ordinary day of month m, before seasonality. */
export function expectedDailyFen(net: Network, i: number, m: number): number {
  const M = net.months.length;
  const meanTicket = Math.exp(net.ticketMu[i] + (net.ticketSigma[i] ** 2) / 2);
  const years = net.months[m].firstDay / 365;
  return net.baseCount[i] * meanTicket * net.multiplier[i * M + m] * Math.exp(net.growth[i] * years);
}
