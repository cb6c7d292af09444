/**
 * Pricing and loss arithmetic (Basel): the risk-based annual rate, the annuity repayment of an
 * instalment plan, exposure at default and expected loss. Pure numbers; money in fen.
 *
 * @example
 *   annualRate(0.01, policy.price, 0.45); // { rate: 0.0541, components: {...}, clamped: null }
 *   expectedLossFen(0.01, 0.45, 1_000_000); // 4_500
 */
import type { CreditPolicy } from './policy.ts';
import { roundFen } from './money.ts';

export interface RateBreakdown {
  /** The annual rate after rounding to a basis point and clamping. */
  rate: number;
  /** Before clamping. */
  raw: number;
  risk_cost: number;
  capital_cost: number;
  clamped: 'floor' | 'cap' | null;
}

/** Annual rate = cost of funds + PD × LGD + operating cost + capital × hurdle, clamped. */
export function annualRate(pd: number, price: CreditPolicy['price'], lgd: number): RateBreakdown {
  const risk_cost = pd * lgd;
  const capital_cost = price.capital_ratio * price.hurdle_rate;
  const raw = price.cost_of_funds + risk_cost + price.operating_cost + capital_cost;
  const rounded = Math.round(raw * 10_000) / 10_000;
  const rate = Math.min(price.rate_cap, Math.max(price.rate_floor, rounded));
  const clamped = rounded < price.rate_floor ? 'floor' : rounded > price.rate_cap ? 'cap' : null;
  return { rate, raw, risk_cost, capital_cost, clamped };
}

/** Monthly repayment per unit borrowed over n equal monthly instalments at an annual rate. */
export function annuityFactor(annualRate: number, n: number): number {
  const r = annualRate / 12;
  return r === 0 ? 1 / n : r / (1 - (1 + r) ** -n);
}

/** Monthly repayment of `principalFen` over n instalments, in whole fen (rounded up). */
export function monthlyRepaymentFen(principalFen: number, annualRate: number, n: number): number {
  return Math.ceil(principalFen * annuityFactor(annualRate, n) - 1e-9);
}

/**
 * EAD = drawn + CCF × undrawn: drawn is the Easy Loan balance already owed plus the new line's
 * expected use; undrawn is the rest of the new line.
 */
export function exposureAtDefault(lineFen: number, balanceFen: number, el: CreditPolicy['expected_loss']) {
  const expectedUse = roundFen(el.expected_utilisation * lineFen);
  const drawn_fen = balanceFen + expectedUse;
  const undrawn_fen = Math.max(0, lineFen - expectedUse);
  const ead_fen = roundFen(drawn_fen + el.ccf * undrawn_fen);
  return { drawn_fen, undrawn_fen, ead_fen };
}

/** EL = PD × LGD × EAD, in whole fen. */
export function expectedLossFen(pd: number, lgd: number, eadFen: number): number {
  return roundFen(pd * lgd * eadFen);
}
