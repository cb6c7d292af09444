/**
 * The arithmetic of one line, without words: multiple of seasonally adjusted monthly turnover by
 * grade, volatility haircut, risk price, debt-service cap, maximum, rounding, and the Easy Loan
 * balance still owed taken off when the policy deducts it (line.existing_balance). `decide` traces
 * these numbers step by step; `capillary offers` computes them for millions of merchants, so the
 * two can never disagree.
 *
 * @example
 *   lineFigures(5_000_000, 0.2, 'B', 0.008, 0, DEFAULT_POLICY).line;         // 7_000_000
 *   lineFigures(5_000_000, 0.2, 'B', 0.008, 2_050_000, DEFAULT_POLICY).line; // 4_900_000
 */
import { roundFen } from './money.ts';
import type { CreditPolicy } from './policy.ts';
import { annualRate, annuityFactor, type RateBreakdown } from './price.ts';

export interface LineFigures {
  multiple: number;
  /** monthly × multiple (unrounded). */
  base: number;
  haircut: number;
  /** base × (1 − haircut) (unrounded). */
  afterHaircut: number;
  price: RateBreakdown;
  /** Largest line whose repayment fits the debt-service share of monthly turnover. */
  cap: number;
  afterDebtService: number;
  afterMax: number;
  /** Rounded down to the policy's unit: the most the merchant may owe. */
  rounded: number;
  /** Taken off for the balance still owed (a whole number of rounding units; 0 when the policy ignores it). */
  balanceDeducted: number;
  /** The new line: rounded less the balance deducted; the line before the minimum-line rule. */
  line: number;
}

/** `pd` is after the policy floor; `grade` must be one of the policy's grades. */
export function lineFigures(monthlyFen: number, cv: number, grade: string, pd: number, balanceFen: number, policy: CreditPolicy): LineFigures {
  const L = policy.line;
  const multiple = L.multiple_by_grade[grade];
  const base = monthlyFen * multiple;
  const haircut = Math.min(L.max_haircut, L.haircut_per_cv * cv);
  const afterHaircut = base * (1 - haircut);
  const price = annualRate(pd, policy.price, policy.expected_loss.lgd);
  const cap = Math.floor((L.debt_service_share * monthlyFen) / annuityFactor(price.rate, L.debt_service_instalments));
  const afterDebtService = Math.min(roundFen(afterHaircut), cap);
  const afterMax = Math.min(afterDebtService, L.max_line_fen);
  const rounded = Math.floor(afterMax / L.rounding_fen) * L.rounding_fen;
  // The balance rounded up, so the new line stays a multiple of the unit and never passes the room left.
  const balanceDeducted = L.existing_balance === 'deducted' ? Math.min(rounded, Math.ceil(balanceFen / L.rounding_fen) * L.rounding_fen) : 0;
  const line = rounded - balanceDeducted;
  return { multiple, base, haircut, afterHaircut, price, cap, afterDebtService, afterMax, rounded, balanceDeducted, line };
}
