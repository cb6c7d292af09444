/**
 * A merchant's outcome as a bank lists it without a loan ledger: the day a merchant defaulted
 * (or closed). The import writes such a list to the lake as its own table, `outcomes`.
 */
import { z } from 'zod';
import { isoDate, merchantId } from './columns.ts';

export const OutcomeEventSchema = z.enum(['default', 'closure']);

export const OutcomeSchema = z
  .object({
    merchant_id: merchantId(),
    event_date: isoDate(),
    event: OutcomeEventSchema,
  })
  .strict();

export type Outcome = z.infer<typeof OutcomeSchema>;
