/**
 * A merchant's request that moved a line through the API (a draw or a repayment), kept by its
 * Idempotency-Key: a retry with the same key and the same request finds the event it wrote; the
 * same key with another request is refused.
 */
import { z } from 'zod';
import { merchantId } from './columns.ts';

export const LineRequestSchema = z
  .object({
    merchant_id: merchantId(),
    /** The client's Idempotency-Key. */
    idempotency_key: z.string().min(1).max(128),
    /** SHA-256 of the request (kind and canonical body), to tell a replay from another request under one key. */
    request_hash: z.string().length(64),
    /** The ledger event it wrote (line_events.event_id). */
    event_id: z.string().min(1).max(64),
  })
  .strict();
export type LineRequest = z.infer<typeof LineRequestSchema>;
