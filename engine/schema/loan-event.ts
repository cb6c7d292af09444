/**
 * One event on the Easy Loan ledger: a revolving line opened, drawn, repaid, fallen behind,
 * defaulted (90 days past due) or closed. Balances are after the event.
 */
import { z } from 'zod';
import { count, fen, isoDate, merchantId } from './columns.ts';

export const LoanEventTypeSchema = z.enum([
  'line_opened',
  'draw',
  'repayment',
  'missed_payment',
  'default',
  'line_closed',
]);

export const LoanEventSchema = z
  .object({
    event_id: z.string().min(1).max(64),
    line_id: z.string().min(1).max(32),
    merchant_id: merchantId(),
    event_date: isoDate(),
    event_type: LoanEventTypeSchema,
    amount_fen: fen(),
    line_fen: fen(),
    balance_fen: fen(),
    /** Days past due after the event. */
    dpd: count(),
    /** Instalments of a draw (2 to 24); null for other events. */
    instalments: count().min(2).max(24).nullable(),
    /** Annual interest rate of a draw; null for other events. */
    annual_rate: z.number().min(0).max(1).nullable().meta({ sql: 'DOUBLE' }),
  })
  .strict();

export type LoanEvent = z.infer<typeof LoanEventSchema>;
export type LoanEventType = z.infer<typeof LoanEventTypeSchema>;
