/**
 * One event on the Easy Loan ledger, the one book every line lives in: the simulator's legacy
 * book (through the lake and ingest), the API (merchants accepting, drawing, repaying), officers
 * and daily monitoring all append here, and a line's state is the replay of its events
 * (engine/credit/line-state.ts). Each event states the line's limit, balance and days past due
 * after it; a test holds those always equal the replay, so readers may take the last event's.
 *
 * What `amount_fen` is depends on the event:
 *   offered, accepted, limit_changed  the line's limit offered, opened or changed to
 *   drawn                             principal drawn
 *   instalment_due                    the instalment falling due (principal and interest); on a
 *                                     holdback line, the least the period's holdback must reach
 *   repaid                            cash repaid (an instalment, or a holdback sweep of settled
 *                                     turnover); `interest_fen` of it is interest, the rest principal
 *   missed                            the instalment left unpaid
 *   written_off                       principal written off
 *   others (past_due, defaulted, frozen, unfrozen, watched, closed)   0
 */
import { z } from 'zod';
import { count, fen, isoDate, localTimestamp, merchantId } from './columns.ts';

export const LineEventTypeSchema = z.enum([
  'offered',
  'accepted',
  'drawn',
  'instalment_due',
  'repaid',
  'missed',
  'past_due',
  'defaulted',
  'written_off',
  'limit_changed',
  'frozen',
  'unfrozen',
  'watched',
  'closed',
]);
export type LineEventType = z.infer<typeof LineEventTypeSchema>;

/**
 * How a line is repaid: `instalments` (a fixed instalment due every 30 days, terms of the draw) or
 * `holdback` (a share of each day's settled turnover, the policy's `repayment.holdback_share`).
 */
export const RepaymentModeSchema = z.enum(['instalments', 'holdback']);
export type RepaymentMode = z.infer<typeof RepaymentModeSchema>;

/** Who wrote the event: the bank's legacy book (a file), the API, a credit officer, monitoring. */
export const LineEventSourceSchema = z.enum(['legacy_book', 'api', 'officer', 'monitoring']);
export type LineEventSource = z.infer<typeof LineEventSourceSchema>;

export const LineEventSchema = z
  .object({
    event_id: z.string().min(1).max(64),
    line_id: z.string().min(1).max(32),
    merchant_id: merchantId(),
    /** The business day the event belongs to (the warehouse's business date when it was written). */
    business_date: isoDate(),
    event_type: LineEventTypeSchema,
    amount_fen: fen(),
    /** The interest in a repayment or a due instalment; 0 for other events. */
    interest_fen: fen(),
    /** The line's limit after the event. */
    limit_fen: fen(),
    /** Principal drawn and not repaid, after the event. */
    balance_fen: fen(),
    /** Days past due after the event. */
    dpd: count(),
    /** Instalments of a draw (2 to 24); null for other events. */
    instalments: count().min(2).max(24).nullable(),
    /** Annual interest rate of a draw or of the line accepted; null for other events. */
    annual_rate: z.number().min(0).max(1).nullable().meta({ sql: 'DOUBLE' }),
    /** How the line accepted or the draw is repaid; null for other events. */
    repayment: RepaymentModeSchema.nullable(),
    source: LineEventSourceSchema,
    /** Why: reason codes of a monitoring action, an officer's reason; null when none. */
    reason: z.string().max(500).nullable(),
    /** Wall-clock time it was written (CST); null for events read from a bank's file. */
    recorded_at: localTimestamp().nullable(),
  })
  .strict();
export type LineEvent = z.infer<typeof LineEventSchema>;

/**
 * The last event written in the warehouse on a line. Its writer updates this row in the same
 * transaction as each append, so two appends to one line from the same state conflict (one of
 * them is refused and retried) instead of both landing and one losing the other's effect.
 */
export const LineHeadSchema = z
  .object({
    line_id: z.string().min(1).max(32),
    last_event_id: z.string().min(1).max(64),
    business_date: isoDate(),
    n_events: count(),
  })
  .strict();
export type LineHead = z.infer<typeof LineHeadSchema>;
