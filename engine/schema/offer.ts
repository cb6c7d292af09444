/**
 * Easy Loan offers as the warehouse keeps them: one row per merchant per as-of date (an offer or
 * a decline), written by `capillary offers`, then worked by credit officers through the API.
 * A row holds every input of the decision and its headline figures. The full engine/credit
 * Decision (every rule, every sizing step) is not stored: at 3.7 KB of JSON and ~200 µs a
 * merchant it would cost 5.5 GB and minutes for 1.5M merchants. `decide` is deterministic, so
 * the Decision is rebuilt exactly from the row and its run's policy (`offer_runs.policy`) by
 * `offerDecision` in pipelines/offers.
 *
 * @example
 *   const row = OfferRowSchema.parse(raw); // a row as pipelines/offers/store reads it
 */
import { z } from 'zod';
import { count, fen, isoDate, localTimestamp, merchantId, probability } from './columns.ts';
import { KycTierSchema } from './merchant.ts';
import { SegmentSchema } from './segment.ts';

export const OfferOutcomeSchema = z.enum(['offer', 'decline']);
export type OfferOutcome = z.infer<typeof OfferOutcomeSchema>;

/**
 * Where a row stands with the bank: every row starts as the policy's suggestion; a credit
 * officer approves or rejects it; a merchant accepts an approved offer.
 */
export const OfferStatusSchema = z.enum(['suggested', 'approved', 'rejected', 'accepted']);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

export const OfferRowSchema = z
  .object({
    merchant_id: merchantId(),
    as_of_date: isoDate(),
    outcome: OfferOutcomeSchema,
    segment: SegmentSchema,
    /** PD band; null when the PD is beyond every band (always a decline). */
    grade: z.string().nullable(),
    /** 12-month PD after the policy's floor. */
    pd: probability(),
    /** Scorecard points; null for models without points. */
    score: z.number().nullable().meta({ sql: 'DOUBLE' }),
    /** The offer's figures; null on a decline. */
    line_fen: fen().nullable(),
    annual_rate: z.number().min(0).max(1).nullable().meta({ sql: 'DOUBLE' }),
    ead_fen: fen().nullable(),
    expected_loss_fen: fen().nullable(),
    expires_on: isoDate().nullable(),
    policy_version: z.string().min(1),
    /** The model that gave the PD; null when the PD came from elsewhere. */
    model_id: z.string().nullable(),
    /** The failing rules of a decline, comma-separated in policy order; null on an offer. */
    declined_rules: z.string().nullable(),
    /** The run that wrote the row (offer_runs.run_id), whose policy rebuilds the Decision. */
    run_id: z.string().min(1),
    /** The decision's inputs, as engine/credit's Applicant names them. */
    kyc_tier: KycTierSchema,
    months_of_turnover: count(),
    turnover_12m_fen: fen(),
    monthly_turnover_sa_fen: fen(),
    monthly_turnover_cv: z.number().min(0).meta({ sql: 'DOUBLE' }),
    current_dpd: count(),
    balance_fen: fen(),
    /** The model's PD before the policy's floor. */
    pd_12m: probability(),
    /** Up to four score reasons, worst first, as JSON text of engine/credit ReasonCode objects (feature, points lost). */
    reason_codes: z.string(),
    /** The features the run's policy rules read beyond the columns above, as JSON text {feature: value}; '{}' when none. */
    rule_inputs: z.string(),
    status: OfferStatusSchema,
    /** The officer who approved or rejected, when and why; null until decided, kept when a rerun re-sizes the row (pipelines/offers/offer-rows.sql). */
    decided_by: z.string().nullable(),
    decided_at: localTimestamp().nullable(),
    officer_note: z.string().nullable(),
  })
  .strict();

export type OfferRow = z.infer<typeof OfferRowSchema>;

/** One run of `capillary offers`: what it decided, under which policy and model, how fast. */
export const OfferRunSchema = z
  .object({
    run_id: z.string().min(1),
    as_of_date: isoDate(),
    policy_version: z.string().min(1),
    model_id: z.string().nullable(),
    merchants: count(),
    offers: count(),
    declines: count(),
    total_line_fen: fen(),
    expected_loss_fen: fen(),
    /** When the run finished (China Standard Time, no zone). */
    finished_at: localTimestamp(),
    seconds: z.number().min(0).meta({ sql: 'DOUBLE' }),
    /** The whole policy applied, as JSON text (engine/credit CreditPolicySchema). */
    policy: z.string().min(2),
  })
  .strict();

export type OfferRun = z.infer<typeof OfferRunSchema>;
