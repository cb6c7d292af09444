/**
 * The simulator's ground truth: what no bank can see. Only evaluation reads it; features and
 * models never do.
 */
import { z } from 'zod';
import { isoDate, merchantId, probability } from './columns.ts';

export const HealthStateSchema = z.enum(['healthy', 'stressed', 'distressed', 'failed', 'closed']);
export type HealthState = z.infer<typeof HealthStateSchema>;

/** One merchant at one month-end: its hidden state and its exact 12-month default probability. */
export const TruthMonthSchema = z
  .object({
    merchant_id: merchantId(),
    month_end_date: isoDate(),
    health_state: HealthStateSchema,
    pd_12m: probability(),
  })
  .strict();

/** One merchant's hidden traits and fate over the simulated period. */
export const TruthMerchantSchema = z
  .object({
    merchant_id: merchantId(),
    frailty: z.number().positive().meta({ sql: 'DOUBLE' }),
    size_factor: z.number().positive().meta({ sql: 'DOUBLE' }),
    /** Day the business failed (a default), if it did within the period. */
    failed_date: isoDate().nullable(),
    /** Day it closed for reasons other than failure (retirement, relocation). */
    closed_date: isoDate().nullable(),
  })
  .strict();

export type TruthMonth = z.infer<typeof TruthMonthSchema>;
export type TruthMerchant = z.infer<typeof TruthMerchantSchema>;
