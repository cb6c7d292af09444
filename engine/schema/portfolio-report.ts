/**
 * The portfolio report of the Easy Loan book as of a date: exposure (EAD), utilisation, IFRS 9
 * stages and expected credit loss by segment, vintage curves, roll rates between days-past-due
 * buckets, and expected against realised loss. One schema for `capillary portfolio --json`,
 * GET /api/v1/portfolio and the officer's portfolio page.
 */
import { z } from 'zod';
import { count, fen, isoDate, probability } from './columns.ts';

/** Days past due buckets; a defaulted or written-off line is in '90+'. */
export const DPD_BUCKETS = ['current', '1-29', '30-59', '60-89', '90+'] as const;
export const DpdBucketSchema = z.enum(DPD_BUCKETS);
export type DpdBucket = z.infer<typeof DpdBucketSchema>;

/** Where a line can roll to: a bucket, or closed (paid off and closed). */
export const ROLL_TARGETS = [...DPD_BUCKETS, 'closed'] as const;
export const RollTargetSchema = z.enum(ROLL_TARGETS);
export type RollTarget = z.infer<typeof RollTargetSchema>;

export const Ifrs9StageSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Ifrs9Stage = z.infer<typeof Ifrs9StageSchema>;

/** Why a line sits in its stage. */
export const StageReasonSchema = z.enum(['performing', 'pd_increase', 'dpd_30', 'dpd_90', 'defaulted']);
export type StageReason = z.infer<typeof StageReasonSchema>;

export const StageCellSchema = z
  .object({
    stage: Ifrs9StageSchema,
    n_lines: count(),
    ead_fen: fen(),
    /** 12-month ECL in stage 1, lifetime ECL in stages 2 and 3. */
    ecl_fen: fen(),
  })
  .strict();
export type StageCell = z.infer<typeof StageCellSchema>;

export const ExposureCellSchema = z
  .object({
    n_lines: count(),
    limit_fen: fen(),
    balance_fen: fen(),
    undrawn_fen: fen(),
    /** Drawn balance + CCF × undrawn (engine/credit/price.ts). */
    ead_fen: fen(),
    /** Balance over limit; 0 without limit. */
    utilisation: z.number().min(0),
    ecl_fen: fen(),
    /** ECL over EAD; 0 without exposure. */
    coverage: z.number().min(0),
    /** Stages 1, 2 and 3, in that order; their EAD adds up to the cell's. */
    stages: z.array(StageCellSchema).length(3),
  })
  .strict();
export type ExposureCell = z.infer<typeof ExposureCellSchema>;

export const VintageSchema = z
  .object({
    /** Month of origination, YYYY-MM. */
    vintage: z.string().regex(/^\d{4}-\d{2}$/),
    n_lines: count(),
    n_defaults: count(),
    /** Cumulative default rate by months on book (0 = the month of origination); never falls. */
    points: z.array(z.object({ months_on_book: count(), cumulative_default_rate: probability() }).strict()),
  })
  .strict();
export type Vintage = z.infer<typeof VintageSchema>;

export const RollRowSchema = z
  .object({
    from: DpdBucketSchema,
    /** Line-months starting in the bucket. */
    n: count(),
    /** Share of them in each bucket a month later; adds up to 1 when n > 0. */
    to: z.record(RollTargetSchema, z.number().min(0).max(1)),
  })
  .strict();
export type RollRow = z.infer<typeof RollRowSchema>;

export const LossComparisonSchema = z
  .object({
    from_date: isoDate(),
    to_date: isoDate(),
    /** Performing lines (not defaulted) at from_date. */
    n_lines: count(),
    /** Sum of their 12-month PDs at from_date. */
    expected_defaults: z.number().min(0),
    realised_defaults: count(),
    /** Sum of PD × LGD × EAD at from_date. */
    expected_loss_fen: fen(),
    /** Principal written off, or outstanding at default when not written off, of lines defaulting in the period (gross: the ledger records no recoveries). */
    realised_loss_fen: fen(),
  })
  .strict();
export type LossComparison = z.infer<typeof LossComparisonSchema>;

export const PortfolioReportSchema = z
  .object({
    as_of_date: isoDate(),
    policy_version: z.string(),
    /** The model whose PDs stage the lines (the champion); null when none is registered. */
    model_id: z.string().nullable(),
    /** The book: accepted lines neither closed nor written off before as_of_date. */
    total: ExposureCellSchema,
    by_segment: z.array(ExposureCellSchema.extend({ segment: z.string() }).strict()),
    stage_reasons: z.record(StageReasonSchema, count()),
    /** Lines with no PD from the model at the date (their stage rests on days past due; ECL uses the policy's worst grade). */
    n_lines_without_pd: count(),
    /** Lines with no PD at or before origination (no significant-increase test). */
    n_lines_without_origination_pd: count(),
    vintages: z.array(VintageSchema),
    roll_rates: z.object({ from_date: isoDate(), to_date: isoDate(), rows: z.array(RollRowSchema) }).strict(),
    loss: LossComparisonSchema,
  })
  .strict();
export type PortfolioReport = z.infer<typeof PortfolioReportSchema>;
