/**
 * Holdback repayment of lines opened through the API: for each day of settled turnover after a
 * holdback line's last event, the policy's share of the day's net turnover is repaid (interest
 * accrued to the day first, then principal; never more than is owed), appended through the
 * ledger's writer as a `repaid` event on that business day. The turnover step runs it once the
 * day's turnover is built, so a run that loads new settlements sweeps them; a line's days are
 * swept in one transaction, and only days after its last event, so a rerun sweeps nothing twice.
 *
 * @example
 *   await sweepHoldback(db, DEFAULT_POLICY.repayment.holdback_share); // { lines: 1, repayments: 30, repaid_fen: 612_000 }
 */
import { formatPercent, formatRmb, interestDueFen, replayLine } from '../../engine/credit/index.ts';
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { appendToLine } from './append-events.ts';
import { lineEvents } from './line-events.ts';

export interface HoldbackSweep {
  lines: number;
  repayments: number;
  repaid_fen: number;
}

interface HoldbackDay {
  line_id: string;
  merchant_id: string;
  turnover_date: string;
  net_fen: number;
}

export async function sweepHoldback(db: Database, share: number): Promise<HoldbackSweep> {
  const sweep: HoldbackSweep = { lines: 0, repayments: 0, repaid_fen: 0 };
  if (!(await db.exists('line_events')) || !(await db.exists('daily_turnover'))) return sweep;
  const days = await db.all<HoldbackDay & Record<string, unknown>>(readSql(import.meta.url, 'holdback-days.sql'));
  const byLine = new Map<string, HoldbackDay[]>();
  for (const day of days) byLine.set(day.line_id, [...(byLine.get(day.line_id) ?? []), day]);
  for (const [lineId, lineDays] of byLine) {
    await db.transaction(async (tx) => {
      const events = await lineEvents(tx, lineId);
      let repaidOnLine = 0;
      for (const day of lineDays) {
        const state = replayLine(events);
        const interest = interestDueFen(events, day.turnover_date);
        const amount = Math.min(Math.floor(share * day.net_fen), state.balance_fen + interest);
        if (amount <= 0) continue;
        const appended = await appendToLine(tx, {
          line_id: lineId, merchant_id: day.merchant_id, business_date: day.turnover_date, source: 'api',
          events: [{ event_type: 'repaid', amount_fen: amount, interest_fen: Math.min(amount, interest), reason: `holdback: ${formatPercent(share)} of ${formatRmb(day.net_fen)} settled` }],
        });
        events.push(...appended.events);
        sweep.repayments++;
        sweep.repaid_fen += amount;
        repaidOnLine += amount;
      }
      if (repaidOnLine > 0) sweep.lines++;
    });
  }
  return sweep;
}
