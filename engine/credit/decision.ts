/**
 * What `decide` returns for one merchant: an offer or a decline, each with the full trace of
 * the sizing. The offers table and the API derive from these schemas.
 */
import { z } from 'zod';
import { count, fen, isoDate, merchantId, probability } from '../schema/columns.ts';
import { SegmentSchema } from '../schema/segment.ts';
import { ReasonCodeSchema } from './applicant.ts';
import { COMPARISONS, MerchantWordsSchema, RULE_UNITS } from './rules.ts';

/** A rule of the policy's table (engine/credit/rules.ts), or its last rule, `min_line`. */
export const RuleSchema = z.string().min(1);
export type Rule = z.infer<typeof RuleSchema>;

/** One rule's check: `value comparison threshold` must hold for the rule to pass; with its words. */
export const RuleCheckSchema = z
  .object({
    rule: RuleSchema,
    passed: z.boolean(),
    value: z.union([z.number(), z.string()]),
    comparison: z.enum(COMPARISONS),
    /** A number, or the listed values joined by ", ". */
    threshold: z.union([z.number(), z.string()]),
    /** How the value and threshold read: fen as RMB, a probability or ratio as a share, a count, words. */
    unit: z.enum(RULE_UNITS),
    /** What the rule looks at, in the officer's words. */
    officer: z.string(),
    /** For the merchant, with the figures filled in. */
    merchant: MerchantWordsSchema,
  })
  .strict();
export type RuleCheck = z.infer<typeof RuleCheckSchema>;

/** One step of the sizing: its name, the number (or value) it produced, and how. */
export const TraceStepSchema = z
  .object({
    step: z.string().min(1),
    value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
    detail: z.string(),
  })
  .strict();
export type TraceStep = z.infer<typeof TraceStepSchema>;

export const InstalmentOptionSchema = z
  .object({ instalments: count().min(2).max(24), monthly_repayment_fen: fen() })
  .strict();

const common = {
  merchant_id: merchantId(),
  as_of_date: isoDate(),
  segment: SegmentSchema,
  policy_version: z.string(),
  model_id: z.string().nullable(),
  /** PD after the policy's floor. */
  pd: probability(),
  /** Null when the PD is beyond every grade band. */
  grade: z.string().nullable(),
  score: z.number().nullable(),
  reason_codes: z.array(ReasonCodeSchema).max(4),
  /** Every rule, passed or not. */
  checks: z.array(RuleCheckSchema),
  trace: z.array(TraceStepSchema),
};

export const OfferSchema = z
  .object({
    outcome: z.literal('offer'),
    ...common,
    grade: z.string(),
    line_fen: fen(),
    annual_rate: z.number().min(0).max(1),
    ead_fen: fen(),
    expected_loss_fen: fen(),
    instalment_options: z.array(InstalmentOptionSchema).min(1),
    expires_on: isoDate(),
  })
  .strict();

export const DeclineSchema = z
  .object({
    outcome: z.literal('decline'),
    ...common,
    /** Every failing rule (at least one). */
    failed: z.array(RuleCheckSchema).min(1),
  })
  .strict();

export const DecisionSchema = z.discriminatedUnion('outcome', [OfferSchema, DeclineSchema]);

export type Offer = z.infer<typeof OfferSchema>;
export type Decline = z.infer<typeof DeclineSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
