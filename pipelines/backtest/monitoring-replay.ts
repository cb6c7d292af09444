/**
 * What a line would have owed had monitoring's actions held: the ledger's balance walked event by
 * event beside a counterfactual balance. A draw made while the line stood frozen is not made; one
 * made under a reduced limit is cut to the room left under it; a repayment shrinks the
 * counterfactual balance in proportion (the instalments of draws never made are never paid).
 * An action dated D binds events after D (monitoring on D reads data before D; a draw that day may
 * have come first). Raises are not played: how much more a merchant would have drawn is unknown.
 *
 * @example
 *   counterfactualBalance(events, [{ from_date: '2024-03-04', frozen: true, limit_fen: null }]);
 *   // { actual_fen: 4_000_000, monitored_fen: 1_500_000, blocked_fen: 2_500_000 }
 */

export interface LedgerPoint {
  business_date: string;
  event_type: string;
  /** The line's principal outstanding after the event. */
  balance_fen: number;
}

/** The line as monitoring left it from a date on: frozen, or capped at a reduced limit (null: the ledger's). */
export interface Restriction {
  from_date: string;
  frozen: boolean;
  limit_fen: number | null;
}

export interface Counterfactual {
  /** The ledger's balance after the last event walked. */
  actual_fen: number;
  /** The balance had the restrictions held. */
  monitored_fen: number;
  /** Principal drawn in the ledger that the restrictions would have refused. */
  blocked_fen: number;
}

/** Walks `events` (one line's, in ledger order) up to and including `untilDate`. */
export function counterfactualBalance(events: readonly LedgerPoint[], restrictions: readonly Restriction[], untilDate = '9999-12-31'): Counterfactual {
  let actual = 0;
  let monitored = 0;
  let blocked = 0;
  let k = -1; // the restriction in force: the last one dated before the event
  for (const e of events) {
    if (e.business_date > untilDate) break;
    while (k + 1 < restrictions.length && restrictions[k + 1].from_date < e.business_date) k++;
    const rule = k >= 0 ? restrictions[k] : null;
    const delta = e.balance_fen - actual;
    if (e.event_type === 'drawn' && delta > 0) {
      const room = rule === null ? delta : rule.frozen ? 0 : rule.limit_fen === null ? delta : Math.max(0, rule.limit_fen - monitored);
      const allowed = Math.min(delta, room);
      monitored += allowed;
      blocked += delta - allowed;
    } else if (delta < 0) {
      monitored = actual > 0 ? Math.max(0, monitored + (delta * monitored) / actual) : 0;
    }
    actual = e.balance_fen;
  }
  return { actual_fen: actual, monitored_fen: Math.round(monitored), blocked_fen: Math.round(blocked) };
}

/** The 25th, 50th and 75th percentiles (linear between ranks); null for no values. */
export function quartiles(values: readonly number[]): { p25: number; median: number; p75: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
  };
  return { p25: at(0.25), median: at(0.5), p75: at(0.75) };
}
