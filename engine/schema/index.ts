/** Every record's schema, and the table each one lands in. */
import type { z } from 'zod';
import { LineEventSchema } from './line-event.ts';
import { MerchantSchema } from './merchant.ts';
import { OutcomeSchema } from './outcome.ts';
import { PaymentSchema } from './payment.ts';
import { SettlementSchema } from './settlement.ts';
import { TruthMerchantSchema, TruthMonthSchema } from './truth.ts';

export * from './columns.ts';
export * from './segment.ts';
export * from './merchant.ts';
export * from './payment.ts';
export * from './settlement.ts';
export * from './line-event.ts';
export * from './truth.ts';
export * from './offer.ts';
export * from './model-record.ts';
export * from './score.ts';
export * from './line-request.ts';
export * from './business-date.ts';
export * from './job.ts';
export * from './audit-entry.ts';
export * from './outcome.ts';
export * from './portfolio-report.ts';
export * from './monitoring.ts';

export type RecordSchema = z.ZodObject;

/** The lake's tables: folder name, schema, and the day column it is partitioned by (if any). */
export const LAKE_TABLES = {
  merchants: { schema: MerchantSchema, partitionBy: null },
  payments: { schema: PaymentSchema, partitionBy: 'payment_date' },
  settlements: { schema: SettlementSchema, partitionBy: 'settlement_date' },
  line_events: { schema: LineEventSchema, partitionBy: null },
  outcomes: { schema: OutcomeSchema, partitionBy: null },
  truth_months: { schema: TruthMonthSchema, partitionBy: null },
  truth_merchants: { schema: TruthMerchantSchema, partitionBy: null },
} as const satisfies Record<string, { schema: RecordSchema; partitionBy: string | null }>;

export type LakeTable = keyof typeof LAKE_TABLES;
