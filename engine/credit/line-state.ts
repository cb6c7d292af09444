/**
 * A line's state is the replay of its ledger events (engine/schema/line-event.ts): the limit
 * set by the last offer, acceptance or limit change; the balance moved by draws, repayments
 * (their principal part) and write-offs; days past due as the last event stating them; the
 * status by the last event that changes it. Every writer stores the state after each event,
 * and tests hold that stored state equal to this replay.
 *
 * @example
 *   replayLine(eventsOfLine).available_fen; // limit − balance, 0 while frozen or not open
 */
import type { LineEvent } from '../schema/line-event.ts';

export type LineStatus = 'offered' | 'open' | 'frozen' | 'defaulted' | 'written_off' | 'closed';

export interface LineState {
  line_id: string;
  merchant_id: string;
  status: LineStatus;
  limit_fen: number;
  balance_fen: number;
  /** What can be drawn now: limit − balance on an open line, 0 otherwise. */
  available_fen: number;
  dpd: number;
  /** Business date of the last event. */
  as_of_date: string;
}

type Replayed = Pick<LineEvent, 'line_id' | 'merchant_id' | 'business_date' | 'event_type' | 'amount_fen' | 'interest_fen' | 'dpd'>;

/** The state after `events` (one line's, in ledger order: business date, then event id). */
export function replayLine(events: readonly Replayed[]): LineState {
  if (events.length === 0) throw new Error('replayLine: a line has at least one event');
  return events.reduce(stepLine, newLine(events[0]));
}

/** A line before its first event. */
export function newLine(first: Pick<LineEvent, 'line_id' | 'merchant_id' | 'business_date'>): LineState {
  return {
    line_id: first.line_id, merchant_id: first.merchant_id, status: 'offered',
    limit_fen: 0, balance_fen: 0, available_fen: 0, dpd: 0, as_of_date: first.business_date,
  };
}

/**
 * One event's step of the replay: the state after `e`. The ledger's writer
 * (pipelines/lines/append-events.ts) stores this step's limit, balance and DPD on each event.
 */
export function stepLine(before: LineState, e: Replayed): LineState {
  if (e.line_id !== before.line_id) throw new Error(`replayLine: event of ${e.line_id} among ${before.line_id}'s`);
  const state: LineState = { ...before, as_of_date: e.business_date, dpd: e.dpd };
  switch (e.event_type) {
    case 'offered': state.limit_fen = e.amount_fen; break;
    case 'accepted': state.limit_fen = e.amount_fen; state.status = 'open'; break;
    case 'limit_changed': state.limit_fen = e.amount_fen; break;
    case 'drawn': state.balance_fen += e.amount_fen; break;
    case 'repaid': state.balance_fen -= e.amount_fen - e.interest_fen; break;
    case 'written_off': state.balance_fen -= e.amount_fen; state.status = 'written_off'; break;
    case 'frozen': if (state.status === 'open') state.status = 'frozen'; break;
    case 'unfrozen': if (state.status === 'frozen') state.status = 'open'; break;
    case 'defaulted': if (state.status !== 'written_off' && state.status !== 'closed') state.status = 'defaulted'; break;
    case 'closed': state.status = 'closed'; break;
    case 'instalment_due': case 'missed': case 'past_due': case 'watched': break;
  }
  // Rounding of instalment shares may leave a fen or two; the balance never goes negative.
  if (state.balance_fen < 0) state.balance_fen = 0;
  state.available_fen = state.status === 'open' ? Math.max(0, state.limit_fen - state.balance_fen) : 0;
  return state;
}
