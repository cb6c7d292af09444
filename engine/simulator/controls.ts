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
 * Expected control outcomes for one merchant: the rules of sql/payments.sql integrated exactly
 * over its log-normal ticket distribution. Between consecutive rule thresholds the decline
 * chance is constant, so each interval contributes its probability mass and partial mean.
 */
export function controlRates(ticketMu: number, ticketSigma: number, staticShare: number, nightShare: number): ControlRates {
  const c = CONTROLS;
  const monitoring = c.monitoringTicketMultiple * Math.exp(ticketMu);
  const edges = [0, c.staticCodeLimitFen, c.tierLimitFen.C, c.verificationFromFen, c.tierLimitFen.B, monitoring, Infinity].sort((x, y) => x - y);
  const z = (amount: number) => (amount <= 0 ? -Infinity : amount === Infinity ? Infinity : (Math.log(amount) - ticketMu) / ticketSigma);
  const mean = Math.exp(ticketMu + (ticketSigma * ticketSigma) / 2);
  let pDecline = 0;
  let declinedAmount = 0;
  let pFlag = 0;
  for (let k = 0; k + 1 < edges.length; k++) {
    const low = edges[k];
    const high = edges[k + 1];
    if (high <= low) continue;
    const mass = normalCdf(z(high)) - normalCdf(z(low));
    const partialMean = mean * (normalCdf(z(high) - ticketSigma) - normalCdf(z(low) - ticketSigma));
    // Any amount strictly inside the interval meets the same rules.
    const amount = high === Infinity ? low * 2 + 1 : (low + high) / 2;
    const flagged = amount > monitoring ? nightShare : 0;
    const staticDecline = amount > c.staticCodeLimitFen ? 1 : laterRules(amount, flagged);
    const tierDecline = c.tierShares.B * (amount > c.tierLimitFen.B ? 1 : 0) + c.tierShares.C * (amount > c.tierLimitFen.C ? 1 : 0);
    const dynamicDecline = tierDecline + (1 - tierDecline) * laterRules(amount, flagged);
    const p = staticShare * staticDecline + (1 - staticShare) * dynamicDecline;
    pDecline += mass * p;
    declinedAmount += partialMean * p;
    pFlag += mass * flagged;
  }
  return { pDecline, declinedTicketRatio: pDecline > 0 ? declinedAmount / pDecline / mean : 1, pFlag };
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, through erf; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function laterRules(amount: number, flagged: number): number {
  const c = CONTROLS;
  let pass = 1;
  if (amount >= c.verificationFromFen) pass *= 1 - c.verificationFailure;
  pass *= 1 - flagged * c.monitoringDeclineShare;
  pass *= 1 - c.insufficientFunds;
  return 1 - pass;
}
