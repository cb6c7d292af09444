/**
 * IFRS 9 for one line on the book: its stage (1 performing, 2 a significant increase in credit
 * risk since origination, 3 credit-impaired) and its expected credit loss — 12 months of it in
 * stage 1, the line's whole remaining life in stages 2 and 3 — under the policy's ifrs9 section.
 *
 * @example
 *   ifrs9Stage({ dpd: 0, is_defaulted: false, pd: 0.03, pd_origination: 0.01 }, DEFAULT_POLICY.ifrs9);
 *   // { stage: 2, reason: 'pd_increase' }
 *   eclFen(2, 0.03, 0.45, 1_000_000, 24); // lifetime: (1 − 0.97²) × 0.45 × 1,000,000 = 26_595
 */
import type { Ifrs9Stage, StageReason } from '../schema/portfolio-report.ts';
import type { Ifrs9Policy } from './ifrs9-policy.ts';
import { roundFen } from './money.ts';

export interface StagingInput {
  dpd: number;
  /** Defaulted or written off on the ledger. */
  is_defaulted: boolean;
  /** Today's 12-month PD; null when the model has none for the merchant. */
  pd: number | null;
  /** The 12-month PD at origination; null when none was known then. */
  pd_origination: number | null;
}

/** The stage and why; the worst reason wins. */
export function ifrs9Stage(line: StagingInput, rules: Ifrs9Policy): { stage: Ifrs9Stage; reason: StageReason } {
  if (line.is_defaulted) return { stage: 3, reason: 'defaulted' };
  if (line.dpd >= rules.stage3_dpd) return { stage: 3, reason: 'dpd_90' };
  if (line.dpd >= rules.stage2_dpd) return { stage: 2, reason: 'dpd_30' };
  if (significantIncrease(line.pd, line.pd_origination, rules)) return { stage: 2, reason: 'pd_increase' };
  return { stage: 1, reason: 'performing' };
}

/** PD at least `sicr_pd_multiple` × its origination value and `sicr_pd_increase` above it. */
export function significantIncrease(pd: number | null, pdOrigination: number | null, rules: Ifrs9Policy): boolean {
  if (pd === null || pdOrigination === null) return false;
  return pd >= rules.sicr_pd_multiple * pdOrigination && pd - pdOrigination >= rules.sicr_pd_increase;
}

/** The chance of default over `months`, from a constant 12-month PD. */
export function cumulativePd(pd12: number, months: number): number {
  return 1 - (1 - pd12) ** (months / 12);
}

/**
 * ECL = PD × LGD × EAD over the stage's horizon: 12 months in stage 1, `lifetimeMonths` in
 * stage 2, and PD = 1 in stage 3 (the default has happened).
 */
export function eclFen(stage: Ifrs9Stage, pd12: number, lgd: number, eadFen: number, lifetimeMonths: number): number {
  const pd = stage === 3 ? 1 : stage === 2 ? cumulativePd(pd12, Math.max(12, lifetimeMonths)) : pd12;
  return roundFen(pd * lgd * eadFen);
}
