/** A merchant in the bank's registry, as exported at the end of a simulated period. */
import { z } from 'zod';
import { count, isoDate, merchantId } from './columns.ts';
import { SegmentClassSchema, SegmentSchema } from './segment.ts';

/** PBoC barcode-payment risk tiers (Yinfa [2017] 296): they set dynamic-code daily limits. */
export const KycTierSchema = z.enum(['A', 'B', 'C']);

export const MerchantSchema = z
  .object({
    merchant_id: merchantId(),
    segment: SegmentSchema,
    segment_class: SegmentClassSchema,
    city_tier: count().min(1).max(4),
    kyc_tier: KycTierSchema,
    onboarded_date: isoDate(),
    status: z.enum(['active', 'closed']),
    /** Day the merchant stopped trading, when the registry knows it. */
    closed_date: isoDate().nullable(),
  })
  .strict();

export type Merchant = z.infer<typeof MerchantSchema>;
