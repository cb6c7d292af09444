/**
 * The IFRS 9 section of the credit policy: when a line moves to stage 2 (a significant increase
 * in credit risk since origination, or 30 days past due) or stage 3 (90 days past due or
 * defaulted), and the life over which stages 2 and 3 take lifetime expected credit loss. Its own
 * section so the portfolio report's thresholds version with the policy and nothing else changes.
 *
 * @example
 *   DEFAULT_POLICY.ifrs9.stage2_dpd; // 30
 */
import { z } from 'zod';
import { count } from '../schema/columns.ts';

export const Ifrs9PolicySchema = z
  .object({
    /** Significant increase: today's 12-month PD at least this multiple of the PD at origination… */
    sicr_pd_multiple: z.number().min(1),
    /** …and at least this much higher in absolute terms (small PDs doubling is noise, not risk). */
    sicr_pd_increase: z.number().min(0).max(1),
    /** The backstop: this many days past due or more is a significant increase (the 30-59 bucket on). */
    stage2_dpd: count().min(1),
    /** Credit-impaired at this many days past due or more (the default definition). */
    stage3_dpd: count().min(1),
    /** Remaining life of a line for lifetime ECL, in months. */
    lifetime_months: count().min(12),
  })
  .strict()
  .refine((s) => s.stage2_dpd < s.stage3_dpd, { path: ['stage2_dpd'], message: 'must be below stage3_dpd' });
export type Ifrs9Policy = z.infer<typeof Ifrs9PolicySchema>;

/** The default thresholds; sources are ARCHITECTURE.md §4 unless marked "assumption". */
export const DEFAULT_IFRS9: Ifrs9Policy = {
  // Assumption: the relative test most banks use (PD doubled), with a floor of half a point so
  // that a 0.1% PD rising to 0.2% does not move a line.
  sicr_pd_multiple: 2,
  sicr_pd_increase: 0.005,
  // IFRS 9 stages at 30 DPD; default at 90 DPD.
  stage2_dpd: 30,
  stage3_dpd: 90,
  // ICBC Easy Loan draws repay in up to 24 instalments: a line's remaining life is taken as two
  // years (assumption: revolving lines are managed on a behavioural life, not a contract end).
  lifetime_months: 24,
};
