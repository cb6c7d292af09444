/** Request and response bodies of a merchant's line, read from the one ledger (engine/schema/line-event.ts). */
import { z } from 'zod';
import { count, fen, isoDate, localTimestamp, merchantId } from '../../engine/schema/columns.ts';
import { RepaymentModeSchema } from '../../engine/schema/line-event.ts';
import { MonitoringNoticeSchema } from '../../engine/schema/monitoring.ts';

/** Money in a request: whole fen, at least 1 (no fractions, negatives or zero). */
const amount = () =>
  z
    .number({ error: 'must be a number of fen' })
    .int('must be a whole number of fen (1 RMB = 100 fen; no fractions)')
    .min(1, 'must be at least 1 fen')
    .max(Number.MAX_SAFE_INTEGER, 'is too large');

export const DrawRequestSchema = z
  .object({
    amount_fen: amount().describe('amount to draw, in fen (a whole, positive number)'),
    instalments: z
      .number({ error: 'must be a number of monthly instalments' })
      .int('must be a whole number of instalments')
      .min(2, 'at least 2 instalments')
      .max(24, 'at most 24 instalments')
      .optional()
      .describe('monthly instalments to repay it in, 2 to 24: required on a line repaid in instalments, absent on a holdback line'),
  })
  .strict();

/** How the merchant repays the line it accepts: the offer's policy lists the modes, the first being the default. */
export const AcceptQuerySchema = z
  .object({ repayment: RepaymentModeSchema.optional().describe("instalments, or holdback (a share of each day's settled sales); default: the policy's first") })
  .strict();

export const RepayRequestSchema = z
  .object({ amount_fen: amount().describe('amount to repay, in fen (a whole, positive number)') })
  .strict();

/** A draw or repayment on the line: a `drawn` or `repaid` event of the ledger. */
export const TransactionViewSchema = z
  .object({
    /** The ledger event (line_events.event_id). */
    transaction_id: z.string(),
    line_id: z.string(),
    merchant_id: merchantId(),
    kind: z.enum(['draw', 'repayment']),
    /** The business day it belongs to. */
    business_date: isoDate(),
    amount_fen: fen(),
    /** The interest in a repayment (it pays interest accrued first, then principal); 0 for a draw. */
    interest_fen: fen(),
    instalments: count().nullable(),
    /** A draw's monthly repayment at its rate; null for a repayment. */
    monthly_repayment_fen: fen().nullable(),
    /** Principal owed after it. */
    balance_after_fen: fen(),
    /** The Idempotency-Key it was made with; null for a movement from the bank's own book. */
    idempotency_key: z.string().nullable(),
    /** When it was recorded (CST); null for a movement from the bank's own book. */
    created_at: localTimestamp().nullable(),
  })
  .strict();
export type TransactionView = z.infer<typeof TransactionViewSchema>;

/** The merchant's line now, replayed from its ledger events. */
export const LineViewSchema = z
  .object({
    line_id: z.string(),
    merchant_id: merchantId(),
    status: z.enum(['offered', 'open', 'frozen', 'defaulted', 'written_off', 'closed']),
    line_fen: fen(),
    /** How it is repaid: instalments, or holdback (a share of each day's settled turnover). */
    repayment: RepaymentModeSchema,
    /** The line's yearly rate in force (its acceptance's, or a newer offer's accepted on it); null when its book does not state one. */
    annual_rate: z.number().nullable(),
    /** Principal owed. */
    balance_fen: fen(),
    /** Interest accrued and not yet paid, to the business date. */
    interest_due_fen: fen(),
    /** What can be drawn: limit − balance on an open line, 0 otherwise. */
    available_fen: fen(),
    dpd: count(),
    /** The business day the line opened. */
    opened_date: isoDate(),
    /** When it was accepted (CST); null for a line from the bank's own book. */
    opened_at: localTimestamp().nullable(),
    /** The latest monitoring or officer action still in force (watched, limit cut or raised, frozen, thawed), in the merchant's words; null when none. */
    notice: MonitoringNoticeSchema.nullable(),
  })
  .strict();
export type LineView = z.infer<typeof LineViewSchema>;

export const TransactionResultSchema = z.object({ line: LineViewSchema, transaction: TransactionViewSchema }).strict();

export const HistorySchema = z
  .object({ line: LineViewSchema, transactions: z.array(TransactionViewSchema), next_cursor: z.string().nullable() })
  .strict();

export const HistoryQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().regex(/^\d{1,15}$/, 'a cursor from next_cursor').optional(),
    order: z.enum(['asc', 'desc']).default('asc').describe('asc: oldest first; desc: newest first (keep it when following next_cursor)'),
  })
  .strict();
