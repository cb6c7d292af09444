/**
 * The payment network's controls, as expected rates for the settlement grain. The payment grain
 * applies the same rules payment by payment in sql/payments.sql; a test holds the two grains'
 * decline rates together.
 */
import type { SegmentProfile } from './profiles.ts';

export const CONTROLS = {
  /** PBoC: static codes carry at most RMB 500 a day per customer. */
  staticCodeLimitFen: 50_000,
  /** PBoC dynamic-code limits by customer risk tier: A agreed (no cap here), B RMB 5,000, C RMB 1,000. */
  tierLimitFen: { B: 500_000, C: 100_000 },
  tierShares: { A: 0.7, B: 0.25, C: 0.05 },
  /** Payments from RMB 2,000 are verified again (PIN, face); some verifications fail. */
  verificationFromFen: 200_000,
  verificationFailure: 0.03,
  /** Monitoring flags a payment before 05:00 above 8× the merchant's median ticket; half are declined. */
  monitoringNightHour: 5,
  monitoringTicketMultiple: 8,
  monitoringDeclineShare: 0.5,
  insufficientFunds: 0.006,
  refundOffline: 0.004,
  refundRemote: 0.02,
};

export interface ControlRates {
  pDecline: number;
  /** Mean declined amount over the mean amount of all attempts. */
  declinedTicketRatio: number;
  pFlag: number;
}

/** 256 buckets mapping a uniform byte to an hour of the day, following the segment's profile. */
export function hourBuckets(profile: SegmentProfile): Uint8Array {
  const total = profile.hours.reduce((a, b) => a + b, 0);
  const buckets = new Uint8Array(256);
  let cumulative = 0;
  let hour = 0;
  for (let b = 0; b < 256; b++) {
    const target = ((b + 0.5) / 256) * total;
    while (hour < 23 && cumulative + profile.hours[hour] < target) cumulative += profile.hours[hour++];
    buckets[b] = hour;
  }
  return buckets;
}

/**
 * Expected control outcomes for one merchant: integrates the rules of sql/payments.sql over its
 * log-normal ticket distribution and its code-type mix.
 */
export function controlRates(ticketMu: number, ticketSigma: number, staticShare: number, nightShare: number): ControlRates {
  const c = CONTROLS;
  const median = Math.exp(ticketMu);
  const steps = QUANTILES.length;
  let pDecline = 0;
  let declinedAmount = 0;
  let totalAmount = 0;
  let pFlag = 0;
  for (let s = 0; s < steps; s++) {
    const amount = Math.exp(ticketMu + ticketSigma * QUANTILES[s]);
    const w = 1 / steps;
    totalAmount += w * amount;
    const flagged = amount > c.monitoringTicketMultiple * median ? nightShare : 0;
    pFlag += w * flagged;
    // Static-code payments.
    const staticDecline = amount > c.staticCodeLimitFen ? 1 : laterRules(amount, flagged);
    // Dynamic-code payments: tier limits first.
    const tierDecline =
      c.tierShares.B * (amount > c.tierLimitFen.B ? 1 : 0) + c.tierShares.C * (amount > c.tierLimitFen.C ? 1 : 0);
    const dynamicDecline = tierDecline + (1 - tierDecline) * laterRules(amount, flagged);
    const p = staticShare * staticDecline + (1 - staticShare) * dynamicDecline;
    pDecline += w * p;
    declinedAmount += w * p * amount;
  }
  return { pDecline, declinedTicketRatio: pDecline > 0 ? declinedAmount / pDecline / totalAmount : 1, pFlag };
}

/** Standard normal quantiles at the midpoints of 256 equal-probability slices. */
const QUANTILES = Float64Array.from({ length: 256 }, (_, s) => inverseNormal((s + 0.5) / 256));

function laterRules(amount: number, flagged: number): number {
  const c = CONTROLS;
  let pass = 1;
  if (amount >= c.verificationFromFen) pass *= 1 - c.verificationFailure;
  pass *= 1 - flagged * c.monitoringDeclineShare;
  pass *= 1 - c.insufficientFunds;
  return 1 - pass;
}

/** Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628274631];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const cc = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((cc[0] * q + cc[1]) * q + cc[2]) * q + cc[3]) * q + cc[4]) * q + cc[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
