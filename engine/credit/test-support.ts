/** Test helpers for engine/credit: a seeded PRNG (mulberry32), a base applicant, random applicants. */
import { SEGMENTS } from '../schema/segment.ts';
import type { Applicant } from './applicant.ts';

/** mulberry32: a tiny seeded generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A cafe with RMB 50,000 a month, CV 0.2, PD 0.8%: grade B under the default policy. */
export const BASE_APPLICANT: Applicant = {
  merchant_id: 'M00000001',
  as_of_date: '2025-06-30',
  segment: 'cafe',
  kyc_tier: 'A',
  months_of_turnover: 18,
  turnover_12m_fen: 60_000_000,
  monthly_turnover_sa_fen: 5_000_000,
  monthly_turnover_cv: 0.2,
  current_dpd: 0,
  balance_fen: 0,
  pd_12m: 0.008,
  model_id: 'scorecard-v1',
  score: 612,
  reason_codes: [],
};

/** A random applicant, spread across every rule's boundary. */
export function randomApplicant(rand: () => number, i: number): Applicant {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  // Monthly turnover log-uniform from RMB 1,000 to RMB 5,000,000.
  const monthly = Math.round(100_000 * 5_000 ** rand());
  const months = Math.floor(rand() * 30);
  const drift = 0.6 + rand() * 0.8;
  return {
    merchant_id: `M${String(i + 1).padStart(8, '0')}`,
    as_of_date: '2025-06-30',
    segment: pick(SEGMENTS),
    kyc_tier: pick(['A', 'B', 'C'] as const),
    months_of_turnover: months,
    turnover_12m_fen: Math.round(monthly * Math.min(12, months) * drift),
    monthly_turnover_sa_fen: monthly,
    monthly_turnover_cv: rand() * 0.8,
    current_dpd: rand() < 0.85 ? 0 : Math.floor(rand() * 120),
    balance_fen: rand() < 0.6 ? 0 : Math.round(rand() * monthly * 3),
    pd_12m: rand() < 0.05 ? 0 : rand() ** 2 * 0.15,
    model_id: rand() < 0.9 ? 'scorecard-v1' : null,
    score: rand() < 0.8 ? Math.round(400 + rand() * 400) : null,
    reason_codes: Array.from({ length: Math.floor(rand() * 5) }, (_, k) => ({
      feature: `feature_${k}`,
      points_lost: Math.round(rand() * 400) / 10,
    })),
  };
}
