/** Request and response bodies of a merchant's line (the records are in engine/schema). */
import { z } from 'zod';
import { fen } from '../../engine/schema/columns.ts';
import { CreditLineSchema, LineTransactionSchema } from '../../engine/schema/credit-line.ts';

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
      .describe('monthly instalments to repay it in, 2 to 24'),
  })
  .strict();

export const RepayRequestSchema = z
  .object({ amount_fen: amount().describe('amount to repay, in fen (a whole, positive number)') })
  .strict();

/** A transaction as the merchant sees it (without the idempotency bookkeeping). */
export const TransactionViewSchema = LineTransactionSchema.omit({ request_hash: true });
export type TransactionView = z.infer<typeof TransactionViewSchema>;

export const LineViewSchema = CreditLineSchema.extend({ available_fen: fen() }).strict();
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
