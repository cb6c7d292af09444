/**
 * The one writer of the Easy Loan ledger in the warehouse: the API, officers and monitoring
 * append a line's events only through here (ingest loads the legacy book from the lake). Each
 * event is stored with the line's limit, balance and days past due after it, stepped from the
 * line's replayed state by the replay itself (engine/credit/line-state.ts), so a line's stored
 * state and its replay cannot drift. An event dated before the line's last event is refused:
 * the ledger is appended to, never rewritten.
 *
 * Two appends to one line that start from the same state conflict on the line's head row
 * (line_heads); the second is refused (a DuckDB write conflict) and, when the writer owns the
 * transaction, retried from the new state. So no append is lost and none lands twice.
 *
 * @example
 *   // inside the caller's transaction (an offer's status changes with the line's acceptance):
 *   await appendToLine(tx, { line_id, merchant_id, business_date, source: 'api',
 *     events: [{ event_type: 'accepted', amount_fen: 5_000_000, annual_rate: 0.18 }] });
 *   // in a transaction of its own:
 *   await appendLineEvents(db, { line_id, merchant_id, business_date, source: 'monitoring',
 *     events: [{ event_type: 'frozen', amount_fen: 0, reason: 'DPD_30' }] });
 */
import { cstTimestamp, sortableId, type Database } from '../../engine/db/index.ts';
import { newLine, replayLine, stepLine, type LineState } from '../../engine/credit/line-state.ts';
import { LineEventSchema, type LineEvent, type LineEventSource, type LineEventType, type RepaymentMode } from '../../engine/schema/line-event.ts';
import { lineEvents } from './line-events.ts';

// The reads were first published here (the WRITER commit); monitoring imports them from this module.
export { lineEvents, lineState } from './line-events.ts';

/** One event to append: what happened and its amount; the writer states the line after it. */
export interface NewLineEvent {
  event_type: LineEventType;
  amount_fen: number;
  /** The interest in a repayment or a due instalment (default 0). */
  interest_fen?: number;
  /** Days past due after the event; by default the line's days past due before it. */
  dpd?: number;
  instalments?: number | null;
  annual_rate?: number | null;
  /** How the line accepted or the draw is repaid; null for other events. */
  repayment?: RepaymentMode | null;
  reason?: string | null;
}

export interface LineAppend {
  line_id: string;
  merchant_id: string;
  /** The business day the events belong to (the warehouse's business date). */
  business_date: string;
  source: Exclude<LineEventSource, 'legacy_book'>;
  events: readonly NewLineEvent[];
  /** When they were recorded (CST), for events moved from an older store; default: now. */
  recorded_at?: string;
}

export interface Appended {
  /** The events as stored, in ledger order. */
  events: LineEvent[];
  /** The line after them. */
  state: LineState;
}

/** An append the ledger cannot take (back-dated, another merchant's line, a line opened by no offer). */
export class LineAppendError extends Error {
  constructor(readonly line_id: string, message: string) {
    super(message);
    this.name = 'LineAppendError';
  }
}

/** Warehouse-written ids start with 'W', after the legacy book's ids of the same day ('E…', 'L…'). */
const EVENT_ID_PREFIX = 'W';
/** Appends racing on one line take turns by retrying, each after a random, growing pause. */
const ATTEMPTS = 20;

/**
 * Appends inside the caller's transaction (`tx` has begun one): the events land with the
 * caller's other changes, or not at all. A concurrent append to the line makes the caller's
 * transaction fail as a write conflict (isWriteConflict), which the caller answers or retries.
 */
export async function appendToLine(tx: Database, append: LineAppend): Promise<Appended> {
  if (append.events.length === 0) throw new LineAppendError(append.line_id, 'nothing to append');
  const history = await lineEvents(tx, append.line_id);
  const last = history.at(-1);
  let state = last ? replayLine(history) : newLine(append);
  if (state.merchant_id !== append.merchant_id) {
    throw new LineAppendError(append.line_id, `line ${append.line_id} is ${state.merchant_id}'s, not ${append.merchant_id}'s`);
  }
  if (last && append.business_date < last.business_date) {
    throw new LineAppendError(
      append.line_id,
      `line ${append.line_id} has an event on ${last.business_date}; an event dated ${append.business_date} would rewrite its history`,
    );
  }
  if (!last && append.events[0].event_type !== 'offered' && append.events[0].event_type !== 'accepted') {
    throw new LineAppendError(append.line_id, `line ${append.line_id} has no events: its first must be 'offered' or 'accepted', not '${append.events[0].event_type}'`);
  }
  const recordedAt = append.recorded_at ?? cstTimestamp(new Date(), 'millisecond');
  const stored: LineEvent[] = [];
  for (const input of append.events) {
    const event_id = sortableId(EVENT_ID_PREFIX);
    const previous = stored.at(-1) ?? last;
    if (previous && previous.business_date === append.business_date && event_id <= previous.event_id) {
      throw new LineAppendError(append.line_id, `event id ${event_id} would not sort after ${previous.event_id} on ${append.business_date}`);
    }
    const event = {
      event_id,
      line_id: append.line_id,
      merchant_id: append.merchant_id,
      business_date: append.business_date,
      event_type: input.event_type,
      amount_fen: input.amount_fen,
      interest_fen: input.interest_fen ?? 0,
      dpd: input.dpd ?? state.dpd,
    };
    state = stepLine(state, event);
    stored.push(LineEventSchema.parse({
      ...event,
      limit_fen: state.limit_fen,
      balance_fen: state.balance_fen,
      instalments: input.instalments ?? null,
      annual_rate: input.annual_rate ?? null,
      repayment: input.repayment ?? null,
      source: append.source,
      reason: input.reason ?? null,
      recorded_at: recordedAt,
    }));
  }
  for (const e of stored) {
    await tx.run(
      `INSERT INTO line_events (event_id, line_id, merchant_id, business_date, event_type, amount_fen, interest_fen, limit_fen, balance_fen, dpd,
         instalments, annual_rate, repayment, source, reason, recorded_at, file_id)
       VALUES ($event_id, $line_id, $merchant_id, CAST($business_date AS DATE), $event_type, $amount_fen, $interest_fen, $limit_fen, $balance_fen, $dpd,
         $instalments, $annual_rate, $repayment, $source, $reason, CAST($recorded_at AS TIMESTAMP), NULL)`,
      { ...e },
    );
  }
  const head = stored[stored.length - 1];
  // The guard: a second transaction appending from the same state changes this row too and fails.
  await tx.run(
    `INSERT INTO line_heads VALUES ($line_id, $event_id, CAST($business_date AS DATE), $n)
     ON CONFLICT (line_id) DO UPDATE SET last_event_id = excluded.last_event_id, business_date = excluded.business_date,
       n_events = line_heads.n_events + excluded.n_events`,
    { line_id: append.line_id, event_id: head.event_id, business_date: head.business_date, n: stored.length },
  );
  return { events: stored, state };
}

/**
 * Appends in a transaction of its own, on a connection of its own; a write conflict with another
 * append to the line is retried from the line's new state (a refused append is never retried).
 */
export async function appendLineEvents(db: Database, append: LineAppend): Promise<Appended> {
  return db.transactionRetried((tx) => appendToLine(tx, append), ATTEMPTS);
}
