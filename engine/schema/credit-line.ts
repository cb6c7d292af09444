/**
 * An accepted Easy Loan line and the movements on it, as the API keeps them: a merchant accepts
 * an offer (a line opens at the offer's figures), then draws on it and repays. The balance on
 * the line row is the running sum of its transactions; both change in one transaction.
 */
import { z } from 'zod';
import { count, fen, isoDate, localTimestamp, merchantId } from './columns.ts';

export const CreditLineStatusSchema = z.enum(['open', 'closed']);

export const CreditLineSchema = z
  .object({
    line_id: z.string().min(1).max(32),
    merchant_id: merchantId(),
    /** The offer the line was opened from (its as-of date). */
    offer_as_of_date: isoDate(),
    line_fen: fen(),
    annual_rate: z.number().min(0).max(1).meta({ sql: 'DOUBLE' }),
    /** Drawn and not yet repaid. */
    balance_fen: fen(),
    status: CreditLineStatusSchema,
    opened_at: localTimestamp(),
  })
  .strict();
export type CreditLine = z.infer<typeof CreditLineSchema>;

export const LineTransactionKindSchema = z.enum(['draw', 'repayment']);

export const LineTransactionSchema = z
  .object({
    transaction_id: z.string().min(1).max(64),
    line_id: z.string().min(1).max(32),
    merchant_id: merchantId(),
    kind: LineTransactionKindSchema,
    amount_fen: fen().min(1),
    /** Instalments chosen for a draw (2 to 24); null for a repayment. */
    instalments: count().min(2).max(24).nullable(),
    /** The draw's monthly repayment at the line's rate; null for a repayment. */
    monthly_repayment_fen: fen().nullable(),
    balance_after_fen: fen(),
    /** The client's Idempotency-Key; a replay returns this transaction. */
    idempotency_key: z.string().min(1).max(128),
    /** SHA-256 of the request body, to tell a replay from a different request under one key. */
    request_hash: z.string().length(64),
    created_at: localTimestamp(),
  })
  .strict();
export type LineTransaction = z.infer<typeof LineTransactionSchema>;
