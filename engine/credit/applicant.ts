/**
 * What sizing needs to know about one merchant at an as-of date: its turnover (from the
 * features table), its Easy Loan standing, and the model's PD with up to four reason codes.
 * Names follow the feature catalog (pipelines/README.md) where a feature exists.
 *
 * @example
 *   const applicant = ApplicantSchema.parse(row);
 */
import { z } from 'zod';
import { count, fen, isoDate, merchantId, probability } from '../schema/columns.ts';
import { KycTierSchema } from '../schema/merchant.ts';
import { SegmentSchema } from '../schema/segment.ts';

/**
 * A score reason: the characteristic that cost points, and how many (models/scorecard computes
 * them). Its words are rendered when read, for the merchant and the officer, never stored.
 */
export const ReasonCodeSchema = z
  .object({
    feature: z.string().min(1),
    points_lost: z.number().min(0),
  })
  .strict();

export const ApplicantSchema = z
  .object({
    merchant_id: merchantId(),
    as_of_date: isoDate(),
    segment: SegmentSchema,
    kyc_tier: KycTierSchema,
    /** Months with turnover before the as-of date (tenure on the network, in whole months). */
    months_of_turnover: count(),
    /** Net turnover over the 12 months before the as-of date (feature `turnover_365d_fen`). */
    turnover_12m_fen: fen(),
    /** Average monthly turnover, seasonally adjusted (feature `turnover_30d_sa_fen` or a longer average). */
    monthly_turnover_sa_fen: fen(),
    /** Coefficient of variation of monthly turnover. */
    monthly_turnover_cv: z.number().min(0),
    /** Worst current days past due on existing Easy Loan lines (feature `current_dpd`). */
    current_dpd: count(),
    /** Outstanding Easy Loan balance (feature `balance_fen`). */
    balance_fen: fen(),
    /** The model's 12-month probability of default. */
    pd_12m: probability(),
    /** The model that gave the PD; null when the PD came from elsewhere. */
    model_id: z.string().min(1).nullable(),
    /** Scorecard points; null for models without points. */
    score: z.number().nullable(),
    reason_codes: z.array(ReasonCodeSchema).max(4),
    /** Further features the policy's rules read, by name (null when the merchant has no value). */
    features: z.record(z.string(), z.number().nullable()).optional(),
  })
  .strict();

export type Applicant = z.infer<typeof ApplicantSchema>;
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;
