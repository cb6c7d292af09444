/** Bodies of the payment feed: a posted batch, its outcome, and the live network's controls. */
import { z } from 'zod';
import { PaymentSchema } from '../../engine/schema/payment.ts';

export const MAX_BATCH_ROWS = 10_000;

/** Rows are checked one by one (a bad row is quarantined, not the batch), so each is `unknown` here. */
export const PaymentBatchSchema = z
  .object({ payments: z.array(z.unknown()).min(1).max(MAX_BATCH_ROWS).describe(`1 to ${MAX_BATCH_ROWS} payments, each a Payment record`) })
  .strict()
  .meta({ description: 'each row must match the Payment record (GET /openapi.json: the stream’s Payment schema)' });

export const PaymentRecordSchema = PaymentSchema;

export const RowProblemSchema = z.object({ row: z.number().int().min(0), field: z.string(), reason: z.string() }).strict();

export const BatchResultSchema = z
  .object({
    batch_id: z.string(),
    read: z.number().int().min(0),
    loaded: z.number().int().min(0),
    quarantined: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    /** Why each quarantined row was refused (by row number in the batch, 0-based). */
    problems: z.array(RowProblemSchema),
  })
  .strict();
export type BatchResult = z.infer<typeof BatchResultSchema>;

export const LiveStartSchema = z
  .object({
    payments_per_second: z.number().int().min(1).max(5000).default(50),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict();

export const LiveStatusSchema = z
  .object({
    running: z.boolean(),
    payments_per_second: z.number().int().min(0),
    produced: z.number().int().min(0),
    merchants: z.number().int().min(0),
  })
  .strict();

/**
 * The events of GET /api/v1/payments/stream as they are sent: `event` and `id` are the SSE
 * fields, `data` the event's data line parsed as JSON.
 */
export const StreamEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('ready'), data: LiveStatusSchema }).strict().describe('first, once: the live network as the stream opens'),
  z.object({ event: z.literal('payment'), id: z.string(), data: PaymentRecordSchema }).strict().describe('a payment that landed in the warehouse; id is its payment_id'),
  z
    .object({ event: z.literal('lag'), data: z.object({ dropped: z.number().int().min(1) }).strict() })
    .strict()
    .describe('this client read too slowly: so many payments were skipped for it (the warehouse has them all)'),
]);
