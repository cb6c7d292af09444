/**
 * Reading the ledger for one line or one merchant, now (every event, whatever its date): what
 * the ledger's writer steps from and what the API and the officer pages show. Readers as of a
 * date use line-state.sql (`linesAsOf`).
 *
 * @example
 *   const state = await lineState(db, 'L0001');            // null for a line with no events
 *   const lines = await merchantLines(db, 'M00000001');    // oldest line first
 */
import type { Database } from '../../engine/db/index.ts';
import { replayLine, type LineState } from '../../engine/credit/line-state.ts';
import type { LineEvent } from '../../engine/schema/line-event.ts';

export interface LineWithEvents {
  state: LineState;
  events: LineEvent[];
}

const EVENT_COLUMNS = `event_id, line_id, merchant_id, CAST(business_date AS VARCHAR) AS business_date, CAST(event_type AS VARCHAR) AS event_type,
  amount_fen, interest_fen, limit_fen, balance_fen, dpd, instalments, annual_rate, CAST(repayment AS VARCHAR) AS repayment, CAST(source AS VARCHAR) AS source, reason,
  strftime(recorded_at, '%Y-%m-%d %H:%M:%S.%g') AS recorded_at`;

/** A line's events, in ledger order (business date, then event id). */
export async function lineEvents(db: Database, lineId: string): Promise<LineEvent[]> {
  return db.all<LineEvent>(`SELECT ${EVENT_COLUMNS} FROM line_events WHERE line_id = $line_id ORDER BY business_date, event_id`, { line_id: lineId });
}

/** A line's state now (the replay of all its events), or null for a line with none. */
export async function lineState(db: Database, lineId: string): Promise<LineState | null> {
  const events = await lineEvents(db, lineId);
  return events.length === 0 ? null : replayLine(events);
}

/** Every line of the merchant with its events and state now, oldest line (by first event) first. */
export async function merchantLines(db: Database, merchantId: string): Promise<LineWithEvents[]> {
  const events = await db.all<LineEvent>(
    `SELECT ${EVENT_COLUMNS} FROM line_events WHERE merchant_id = $merchant_id
     ORDER BY min(business_date) OVER (PARTITION BY line_id), line_id, business_date, event_id`,
    { merchant_id: merchantId },
  );
  const lines: LineWithEvents[] = [];
  for (const e of events) {
    const last = lines.at(-1);
    if (last && last.events[0].line_id === e.line_id) last.events.push(e);
    else lines.push({ state: undefined as never, events: [e] });
  }
  for (const line of lines) line.state = replayLine(line.events);
  return lines;
}
