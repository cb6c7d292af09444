/**
 * The lake tables an import writes, and what fills a lake column the bank's files lack. Every
 * default is written down here and printed by `capillary import --help`; a column with none
 * must be mapped, or the import refuses the mapping naming it.
 */
import { ARTERIES, LAKE_TABLES, type RecordSchema } from '../../engine/schema/index.ts';
import type { ImportTable } from './mapping.ts';

/** SQL over the other lake columns of the row (unmapped ones are null), and why it is fair. */
export interface ColumnDefault {
  sql: string;
  why: string;
}

export interface ImportTarget {
  schema: RecordSchema;
  /** Day column of the Hive folders, as the simulator's lake has it. */
  partitionBy: string | null;
  /** Where the table's files go inside the lake. */
  path: string;
  defaults: Record<string, ColumnDefault>;
}

const arteries = ARTERIES.map((segment) => `'${segment}'`).join(', ');
const none = (why: string): ColumnDefault => ({ sql: '0', why });
/** The first part of a split takes what the mapped parts leave of the total. */
const rest = (total: string, others: string[], why: string): ColumnDefault => ({
  sql: `${total} - ${others.map((column) => `coalesce(${column}, 0)`).join(' - ')}`,
  why,
});

export const IMPORT_TARGETS: Record<ImportTable, ImportTarget> = {
  merchants: {
    schema: LAKE_TABLES.merchants.schema,
    partitionBy: null,
    path: 'merchants/merchants.parquet',
    defaults: {
      segment_class: { sql: `CASE WHEN segment IN (${arteries}) THEN 'artery' WHEN segment IS NOT NULL THEN 'capillary' END`, why: 'from the segment' },
      closed_date: { sql: 'CAST(NULL AS DATE)', why: 'not closed, as far as the registry says' },
      status: { sql: `CASE WHEN closed_date IS NULL THEN 'active' ELSE 'closed' END`, why: 'closed when closed_date is set' },
    },
  },
  settlements: {
    schema: LAKE_TABLES.settlements.schema,
    partitionBy: 'settlement_date',
    path: 'settlements',
    defaults: {
      n_refunds: none('no refunds reported'),
      refund_fen: none('no refunds reported'),
      n_declined: none('no declines reported'),
      declined_fen: none('no declines reported'),
      n_flagged: none('no monitoring flags reported'),
      offline_fen: rest('gross_fen', ['online_fen', 'o2o_fen'], 'turnover not split by channel counts as offline'),
      online_fen: none('see offline_fen'),
      o2o_fen: none('see offline_fen'),
      customer_scans_merchant_fen: rest('gross_fen', ['merchant_scans_customer_fen'], 'turnover not split by QR mode counts as customer-scans-merchant'),
      merchant_scans_customer_fen: none('see customer_scans_merchant_fen'),
      own_bank_fen: rest('gross_fen', ['other_bank_fen', 'overseas_fen'], "turnover not split by issuer counts as the bank's own"),
      other_bank_fen: none('see own_bank_fen'),
      overseas_fen: none('see own_bank_fen'),
    },
  },
  payments: {
    schema: LAKE_TABLES.payments.schema,
    partitionBy: 'payment_date',
    path: 'payments',
    defaults: {
      payment_date: { sql: 'CAST(paid_at AS DATE)', why: 'the day of paid_at' },
      payment_token: { sql: 'payment_id', why: 'the switch reference, which also differs on every payment' },
      kind: { sql: `'payment'`, why: 'no refunds reported' },
      refund_of_payment_id: { sql: 'CAST(NULL AS VARCHAR)', why: 'no refunds reported' },
      channel: { sql: `'offline'`, why: 'no channel reported' },
      qr_mode: { sql: `'customer_scans_merchant'`, why: 'no QR mode reported' },
      code_type: { sql: `'dynamic'`, why: 'no code type reported' },
      issuer: { sql: `'own'`, why: 'no issuer reported' },
      status: { sql: `'approved'`, why: 'a settled payment was approved' },
      decline_reason: { sql: 'CAST(NULL AS VARCHAR)', why: 'approved' },
      is_verified: { sql: 'false', why: 'no verification reported' },
      is_flagged: { sql: 'false', why: 'no monitoring flags reported' },
    },
  },
  outcomes: {
    schema: LAKE_TABLES.outcomes.schema,
    partitionBy: null,
    path: 'outcomes/outcomes.parquet',
    defaults: {},
  },
};

/** The defaults as help lines: `table.column: why`. */
export function describeDefaults(): string[] {
  return Object.entries(IMPORT_TARGETS).flatMap(([table, target]) =>
    Object.entries(target.defaults).map(([column, rule]) => `${table}.${column}: ${rule.why}`),
  );
}
