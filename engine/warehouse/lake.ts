/**
 * The lake's records as the warehouse keeps them: each record's own schema, plus the
 * `file_id` of the ingested file it came from (ingest_log). Ground truth sits apart in the
 * `truth` schema, which features, labels and models never read.
 */
import { z } from 'zod';
import {
  MerchantSchema,
  OutcomeSchema,
  PaymentSchema,
  SettlementSchema,
  TruthMerchantSchema,
  TruthMonthSchema,
  type LakeTable,
} from '../schema/index.ts';
import { LINE_EVENTS } from './lines.ts';
import { defineTable, type TableContract, type TableSpec } from './table.ts';

const fileId = () => z.number().int().min(1).meta({ sql: 'INTEGER' });

/**
 * A lake record as the warehouse keeps it: its schema plus the `file_id`, written by ingest,
 * created empty from the declaration, enum columns as DuckDB ENUMs, naming a registered merchant.
 */
function lakeTable<S extends z.ZodObject>(
  spec: Omit<TableSpec<S>, 'writtenBy' | 'createdBy' | 'enums' | 'schema' | 'references'> & { record: S; references?: TableSpec<S>['references'] | null },
): TableContract {
  const { record, references, ...rest } = spec;
  return defineTable({
    ...rest,
    columns: { ...rest.columns, file_id: FILE_ID },
    schema: record.extend({ file_id: fileId() }),
    writtenBy: 'ingest',
    createdBy: 'ddl',
    enums: 'enum',
    ...(references === null ? {} : { references: references ?? { merchant_id: 'merchants.merchant_id' } }),
  } as unknown as TableSpec<z.ZodObject>);
}
const FILE_ID = 'the ingested file this row came from (ingest_log.file_id)';
const MERCHANT = 'the merchant (merchants.merchant_id)';

/** A merchant-day's measures, as settlements report them and daily_turnover derives them. */
export const DAY_MEASURES = {
    n_payments: 'approved payments',
    gross_fen: 'gross approved amount',
    n_refunds: 'refunds',
    refund_fen: 'refunded amount',
    n_declined: 'declined payments',
    declined_fen: 'declined amount',
    n_customers: { meaning: 'distinct paying customers that day', unit: 'customers' },
    n_flagged: 'payments flagged by monitoring',
    offline_fen: 'approved amount paid offline',
    online_fen: 'approved amount paid online',
    o2o_fen: 'approved amount paid online-to-offline',
    customer_scans_merchant_fen: 'approved amount where the customer scanned the merchant’s code',
    merchant_scans_customer_fen: 'approved amount where the merchant scanned the customer’s code',
    own_bank_fen: 'approved amount paid from the bank’s own cards or accounts',
    other_bank_fen: 'approved amount paid from other banks’ cards or accounts',
    overseas_fen: 'approved amount paid by overseas issuers',
} as const;

export const MERCHANTS = defineTable({
  name: 'merchants',
  grain: 'one row per merchant in the bank’s registry',
  key: ['merchant_id'],
  schema: MerchantSchema.extend({
    merchant_key: z.number().int().min(1).meta({ sql: 'INTEGER' }),
    file_id: fileId(),
  }),
  writtenBy: 'ingest',
  createdBy: 'ddl',
  enums: 'enum',
  columns: {
    merchant_id: 'the merchant’s id in the bank’s registry',
    segment: 'business segment (hotel, supermarket, cafe...)',
    segment_class: 'artery (large, high-ticket) or capillary (small, everyday)',
    city_tier: { meaning: 'city tier, 1 (largest cities) to 4', unit: 'tier' },
    kyc_tier: 'PBoC barcode risk tier A, B or C: sets dynamic-code daily limits',
    onboarded_date: 'day the merchant joined the QR network',
    status: 'active or closed in the registry',
    closed_date: 'day the merchant stopped trading, when the registry knows it',
    merchant_key: 'integer key assigned at ingest (pipelines/ingest/merchant-keys.sql), stable across loads',
    file_id: FILE_ID,
  },
});

/**
 * The payment record without its one-time token: nothing downstream reads a token (features,
 * models and the API work from the customer id), and at a quarter of a payment row's bytes it
 * was the table's widest column. The lake file keeps the whole record and ingest validates it
 * whole (a bad token still quarantines its row).
 */
export const WarehousePaymentSchema = PaymentSchema.omit({ payment_token: true });

export const PAYMENTS = lakeTable({
  name: 'payments',
  grain: 'one row per QR payment or refund (the lake’s record less its one-time token)',
  key: ['payment_id'],
  record: WarehousePaymentSchema,
  columns: {
    payment_id: 'the payment’s id from the acquiring system',
    paid_at: 'moment the payment was made',
    payment_date: 'day of paid_at (the lake partition)',
    merchant_id: MERCHANT,
    customer_id: 'pseudonymous paying customer from the token vault',
    kind: 'payment or refund',
    refund_of_payment_id: 'for a refund, the payment it refunds',
    amount_fen: 'amount paid or refunded',
    channel: 'offline, online or o2o',
    qr_mode: 'who scanned: the customer the merchant’s code, or the merchant the customer’s',
    code_type: 'static or dynamic QR code',
    issuer: 'own bank, other bank or overseas issuer of the paying account',
    status: 'approved or declined',
    decline_reason: 'why a declined payment was declined',
    is_verified: 'the customer passed verification',
    is_flagged: 'flagged by 24x7 monitoring',
  },
});

export const SETTLEMENTS = lakeTable({
  name: 'settlements',
  grain: 'one row per merchant per settlement day',
  key: ['merchant_id', 'settlement_date'],
  record: SettlementSchema,
  columns: {
    settlement_date: 'day settled',
    merchant_id: MERCHANT,
    ...DAY_MEASURES,
  },
});

export const OUTCOMES = lakeTable({
  name: 'outcomes',
  grain: 'one row per merchant per listed event: the bank’s own list of defaults and closures, for a bank without a loan ledger',
  key: ['merchant_id', 'event', 'event_date'],
  record: OutcomeSchema,
  columns: {
    merchant_id: MERCHANT,
    event_date: 'day of the event, as the bank lists it',
    event: 'default (the bank counts the merchant as defaulted) or closure (the merchant stopped trading)',
  },
});

export const TRUTH_MONTHS = lakeTable({
  name: 'truth.truth_months',
  grain: 'one row per merchant per month end: the simulator’s hidden health (evaluation only)',
  key: ['merchant_id', 'month_end_date'],
  record: TruthMonthSchema,
  columns: {
    merchant_id: MERCHANT,
    month_end_date: 'last day of the month',
    health_state: 'hidden health state at the month end',
    pd_12m: { meaning: 'true probability of default within 12 months', unit: 'probability' },
  },
});

export const TRUTH_MERCHANTS = lakeTable({
  name: 'truth.truth_merchants',
  grain: 'one row per merchant: the simulator’s hidden traits (evaluation only)',
  key: ['merchant_id'],
  record: TruthMerchantSchema,
  columns: {
    merchant_id: MERCHANT,
    frailty: { meaning: 'hidden frailty multiplying the merchant’s hazard', unit: 'multiplier' },
    size_factor: { meaning: 'hidden size multiplying the segment’s typical turnover', unit: 'multiplier' },
    failed_date: 'day the business failed, if it did',
    closed_date: 'day the merchant closed, if it did',
  },
});

/** Where each lake table lands in the warehouse. */
export const LAKE_CONTRACTS: Record<LakeTable, TableContract> = {
  merchants: MERCHANTS,
  payments: PAYMENTS,
  settlements: SETTLEMENTS,
  line_events: LINE_EVENTS,
  outcomes: OUTCOMES,
  truth_months: TRUTH_MONTHS,
  truth_merchants: TRUTH_MERCHANTS,
};
