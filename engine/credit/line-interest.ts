/**
 * Interest on an Easy Loan line opened through the API: simple daily interest at the line's
 * annual rate on the principal outstanding, a 365-day year, accruing from one business date to
 * the next. A repayment pays the interest accrued and unpaid first, then principal; that is how
 * the API splits a repayment into the `interest_fen` and principal of its ledger event.
 * (The legacy book's repayments carry the interest of its instalment schedule, as the bank's file states it.)
 *
 * @example
 *   interestDueFen(events, 0.18, '2024-07-01'); // interest accrued to 2024-07-01, less what was paid
 */
import { daysBetween } from '../calendar/days.ts';
import type { LineEvent } from '../schema/line-event.ts';

type Accruing = Pick<LineEvent, 'business_date' | 'event_type' | 'balance_fen' | 'interest_fen' | 'annual_rate'>;

/** The line's rate: its acceptance's, else its latest draw's; 0 when neither states one. */
export function lineRate(events: readonly Accruing[]): number {
  const accepted = events.findLast((e) => e.event_type === 'accepted' && e.annual_rate !== null);
  const drawn = events.findLast((e) => e.event_type === 'drawn' && e.annual_rate !== null);
  return accepted?.annual_rate ?? drawn?.annual_rate ?? 0;
}

/**
 * Interest accrued on the line's balance up to `asOfDate` (the balance after each event accrues
 * until the next event's date) less the interest its repayments paid; never negative.
 */
export function interestDueFen(events: readonly Accruing[], annualRate: number, asOfDate: string): number {
  let accrued = 0;
  let paid = 0;
  events.forEach((e, i) => {
    const until = i + 1 < events.length ? events[i + 1].business_date : asOfDate;
    accrued += (e.balance_fen * annualRate * Math.max(0, daysBetween(e.business_date, until))) / 365;
    if (e.event_type === 'repaid') paid += e.interest_fen;
  });
  return Math.max(0, Math.floor(accrued) - paid);
}
