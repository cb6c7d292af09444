/**
 * Interest on an Easy Loan line opened through the API: simple daily interest at the line's
 * annual rate on the principal outstanding, a 365-day year, accruing from one business date to
 * the next. A repayment pays the interest accrued and unpaid first, then principal; that is how
 * the API splits a repayment into the `interest_fen` and principal of its ledger event.
 * The rate in force is the line's acceptance's until a `limit_changed` event that states a rate
 * (the merchant accepted a newer offer, engine/credit/limit-change.ts): from that business date
 * the new offer's rate applies to the whole balance, carried and newly drawn alike, since the new
 * offer priced the merchant's exposure with that balance in it; interest accrued before it stays
 * at the old rate. (A monitoring limit change states no rate and leaves the rate alone.)
 * (The legacy book's repayments carry the interest of its instalment schedule, as the bank's file states it.)
 *
 * @example
 *   interestDueFen(events, '2024-07-01'); // interest accrued to 2024-07-01, less what was paid
 */
import { daysBetween } from '../calendar/days.ts';
import type { LineEvent } from '../schema/line-event.ts';

type Accruing = Pick<LineEvent, 'business_date' | 'event_type' | 'balance_fen' | 'interest_fen' | 'annual_rate'>;

/** The line's rate now: the rate in force after its last event. */
export function lineRate(events: readonly Accruing[]): number {
  return ratesInForce(events).at(-1) ?? 0;
}

/**
 * The rate in force from each event until the next: the latest acceptance or limit change that
 * states one; before any (a legacy line that states rates only on draws), the latest draw's; else 0.
 */
function ratesInForce(events: readonly Accruing[]): number[] {
  const drawn = events.findLast((e) => e.event_type === 'drawn' && e.annual_rate !== null)?.annual_rate ?? 0;
  let terms: number | null = null;
  return events.map((e) => {
    if ((e.event_type === 'accepted' || e.event_type === 'limit_changed') && e.annual_rate !== null) terms = e.annual_rate;
    return terms ?? drawn;
  });
}

/**
 * Interest accrued on the line's balance up to `asOfDate` (the balance after each event accrues
 * at the rate then in force until the next event's date) less the interest its repayments paid;
 * never negative.
 */
export function interestDueFen(events: readonly Accruing[], asOfDate: string): number {
  const rates = ratesInForce(events);
  let accrued = 0;
  let paid = 0;
  events.forEach((e, i) => {
    const until = i + 1 < events.length ? events[i + 1].business_date : asOfDate;
    accrued += (e.balance_fen * rates[i] * Math.max(0, daysBetween(e.business_date, until))) / 365;
    if (e.event_type === 'repaid') paid += e.interest_fen;
  });
  return Math.max(0, Math.floor(accrued) - paid);
}
