/**
 * How each segment of the QR network trades: its share of merchants, ticket sizes, daily QR
 * turnover, weekday shape, channel and QR-mode mix, customers and hidden-health risk.
 * Calibrated to ARCHITECTURE.md §4: ticket ranges (RMB) convenience 20–35, cafe 25–40, fast food 30–50,
 * gas 200–350, supermarket 80–150, hotel 300–600, department store 300–800; a convenience store
 * takes about RMB 5,000 a day (CCFA 2017), of which we assume ~70% arrives by QR.
 */
import type { Segment } from '../schema/segment.ts';

export interface SegmentProfile {
  /** Share of the network's merchants. */
  share: number;
  /** Median ticket, RMB, and the log-scale spread of tickets. */
  ticketMedianRmb: number;
  ticketSigma: number;
  /** QR turnover of a median-sized merchant on an ordinary day, RMB. */
  dailyTurnoverRmb: number;
  /** Turnover by weekday, Monday first; averages about 1. */
  weekday: readonly [number, number, number, number, number, number, number];
  /** Base channel mix (sums to 1). */
  channel: { offline: number; online: number; o2o: number };
  /** Share of offline payments where the customer scans the merchant's code. */
  customerScansMerchant: number;
  /** Of those, share made on a static (printed) code rather than a dynamic one. */
  staticCode: number;
  /** Share of payments made by the merchant's regular customers. */
  repeatShare: number;
  /** Share of payments by overseas customers (tourists, cross-border). */
  overseasShare: number;
  /** Of domestic customers, share banking with us (the acquirer). */
  ownBankShare: number;
  /** Payments by hour of day (0–23), unnormalised. */
  hours: readonly number[];
  /** Multipliers on a public holiday, over Spring Festival, and over Golden Week. */
  holiday: number;
  springFestival: number;
  goldenWeek: number;
  /** Uplift over the 10 days before Spring Festival (new-year shopping). */
  preFestival: number;
  /** Multiplier on the deterioration rates of the hidden-health chain. */
  risk: number;
}

const office = [0, 0, 0, 0, 0, 0, 1, 4, 8, 6, 4, 4, 5, 4, 3, 3, 3, 3, 2, 1, 1, 0.5, 0.2, 0] as const;
const meals = [0.2, 0.1, 0.1, 0, 0, 0, 1, 3, 3, 2, 3, 8, 10, 6, 2, 2, 3, 6, 9, 7, 4, 2, 1, 0.5] as const;
const shop = [0.5, 0.3, 0.2, 0.1, 0.1, 0.3, 1, 3, 4, 4, 4, 5, 5, 4, 4, 4, 5, 6, 7, 7, 6, 4, 2, 1] as const;
const daytime = [0.1, 0, 0, 0, 0, 0, 0.2, 0.5, 1, 3, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 6, 4, 1, 0.2] as const;
const road = [0.5, 0.3, 0.3, 0.3, 0.5, 1, 3, 5, 5, 4, 4, 4, 4, 4, 4, 4, 5, 6, 6, 5, 4, 3, 2, 1] as const;
const stay = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.5, 2, 5, 4, 3, 4, 6, 8, 10, 10, 8, 6, 5, 4, 3, 3, 2, 1.5] as const;

export const SEGMENT_PROFILES: Record<Segment, SegmentProfile> = {
  convenience_store: {
    share: 0.4, ticketMedianRmb: 27, ticketSigma: 0.55, dailyTurnoverRmb: 3500,
    weekday: [0.97, 0.96, 0.97, 0.99, 1.03, 1.05, 1.03],
    channel: { offline: 0.86, online: 0.04, o2o: 0.1 },
    customerScansMerchant: 0.65, staticCode: 0.85, repeatShare: 0.55, overseasShare: 0.005, ownBankShare: 0.35,
    hours: shop, holiday: 1.1, springFestival: 0.55, goldenWeek: 1.3, preFestival: 1.15, risk: 1.0,
  },
  gas_station: {
    share: 0.06, ticketMedianRmb: 265, ticketSigma: 0.3, dailyTurnoverRmb: 30000,
    weekday: [0.96, 0.95, 0.96, 0.98, 1.1, 1.03, 1.02],
    channel: { offline: 0.96, online: 0.01, o2o: 0.03 },
    customerScansMerchant: 0.5, staticCode: 0.4, repeatShare: 0.4, overseasShare: 0.003, ownBankShare: 0.35,
    hours: road, holiday: 1.15, springFestival: 0.75, goldenWeek: 1.2, preFestival: 1.2, risk: 0.7,
  },
  cafe: {
    share: 0.12, ticketMedianRmb: 32, ticketSigma: 0.3, dailyTurnoverRmb: 4000,
    weekday: [1.06, 1.06, 1.06, 1.05, 1.02, 0.9, 0.85],
    channel: { offline: 0.68, online: 0.05, o2o: 0.27 },
    customerScansMerchant: 0.6, staticCode: 0.6, repeatShare: 0.5, overseasShare: 0.02, ownBankShare: 0.35,
    hours: office, holiday: 0.9, springFestival: 0.45, goldenWeek: 1.3, preFestival: 1.0, risk: 1.4,
  },
  fast_food: {
    share: 0.18, ticketMedianRmb: 38, ticketSigma: 0.35, dailyTurnoverRmb: 6000,
    weekday: [0.95, 0.95, 0.96, 0.98, 1.04, 1.08, 1.04],
    channel: { offline: 0.65, online: 0.05, o2o: 0.3 },
    customerScansMerchant: 0.6, staticCode: 0.7, repeatShare: 0.45, overseasShare: 0.01, ownBankShare: 0.35,
    hours: meals, holiday: 1.1, springFestival: 0.5, goldenWeek: 1.3, preFestival: 1.05, risk: 1.3,
  },
  supermarket: {
    share: 0.12, ticketMedianRmb: 110, ticketSigma: 0.6, dailyTurnoverRmb: 40000,
    weekday: [0.9, 0.9, 0.92, 0.95, 1.03, 1.18, 1.12],
    channel: { offline: 0.8, online: 0.1, o2o: 0.1 },
    customerScansMerchant: 0.3, staticCode: 0.15, repeatShare: 0.6, overseasShare: 0.01, ownBankShare: 0.35,
    hours: shop, holiday: 1.15, springFestival: 0.7, goldenWeek: 1.3, preFestival: 1.4, risk: 0.8,
  },
  hotel: {
    share: 0.08, ticketMedianRmb: 420, ticketSigma: 0.5, dailyTurnoverRmb: 25000,
    weekday: [0.85, 0.85, 0.88, 0.95, 1.15, 1.25, 1.07],
    channel: { offline: 0.6, online: 0.35, o2o: 0.05 },
    customerScansMerchant: 0.3, staticCode: 0.05, repeatShare: 0.1, overseasShare: 0.08, ownBankShare: 0.35,
    hours: stay, holiday: 1.25, springFestival: 0.8, goldenWeek: 1.5, preFestival: 0.9, risk: 0.9,
  },
  department_store: {
    share: 0.04, ticketMedianRmb: 480, ticketSigma: 0.75, dailyTurnoverRmb: 80000,
    weekday: [0.85, 0.85, 0.88, 0.92, 1.05, 1.3, 1.15],
    channel: { offline: 0.8, online: 0.15, o2o: 0.05 },
    customerScansMerchant: 0.25, staticCode: 0.1, repeatShare: 0.25, overseasShare: 0.05, ownBankShare: 0.35,
    hours: daytime, holiday: 1.2, springFestival: 0.9, goldenWeek: 1.4, preFestival: 1.3, risk: 1.0,
  },
};

/** Segments in a fixed order; a segment's code in the simulator's tables is its index here. */
export const SEGMENT_ORDER = Object.keys(SEGMENT_PROFILES) as Segment[];

/** Mean of a log-normal ticket, RMB. */
export function meanTicketRmb(profile: SegmentProfile): number {
  return profile.ticketMedianRmb * Math.exp((profile.ticketSigma * profile.ticketSigma) / 2);
}
