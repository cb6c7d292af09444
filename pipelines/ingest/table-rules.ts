/**
 * What ingest checks beyond each column's own schema: how rows of a table relate to each other
 * and to the registry (keys, references, consistency between columns). Predicates are true when
 * a row is bad; `ref_merchant_id` and `ref_onboarded_date` come from the registry row of the row's merchant (null when unknown).
 */
import { ARTERIES, LAKE_TABLES, type LakeTable, type RecordSchema } from '../../engine/schema/index.ts';
import { LAKE_CONTRACTS } from '../../engine/warehouse/index.ts';
import { literal } from '../../engine/db/index.ts';
import { storedColumns } from '../warehouse.ts';
import { schemaChecks, type RowCheck } from './schema-checks.ts';

export interface TableRules {
  lakeTable: LakeTable;
  /** Warehouse table the valid rows land in. */
  target: string;
  /** The record's schema: every row is validated whole, whatever the warehouse keeps of it. */
  schema: RecordSchema;
  /** The record's columns the warehouse table keeps (storedColumns): what is loaded and compared. */
  stored: string[];
  /** Column taken from the Hive folder name when the file lacks it. */
  partitionBy: string | null;
  /**
   * Columns that identify a row, whatever its day: a second row with the same key and the same
   * content is a duplicate; with other content, every row of the key is held as a conflict.
   */
  key: string[];
  /** The reason a conflict's rows are quarantined with. */
  conflictReason: string;
  /**
   * Rows are facts (a payment, a day's settlement, a ledger event): two contents for one key
   * conflict. Registry rows are states that later exports restate; there a key's first row stays
   * and later rows with that key are duplicates, whatever their content.
   */
  conflicts: boolean;
  /** A day column: refunds look for their payment among the warehouse rows of the batch's days only. */
  rangeColumn: string | null;
  /** Rows must name a merchant present in the registry. */
  needsMerchant: boolean;
  /** Row checks, in the order they are tried; the first that fails is the reason. */
  checks: RowCheck[];
  /** A refund must name a payment of the same merchant and day (in the file or loaded). */
  refundReference: boolean;
}

const arteries = ARTERIES.map(literal).join(', ');
const unknownMerchant: RowCheck = { bad: 'ref_merchant_id IS NULL', reason: 'merchant_id: not in the merchant registry' };

const extraChecks: Record<LakeTable, RowCheck[]> = {
  merchants: [
    {
      bad: `segment_class <> CASE WHEN segment IN (${arteries}) THEN 'artery' ELSE 'capillary' END`,
      reason: 'segment_class: does not match segment',
    },
    { bad: 'closed_date < onboarded_date', reason: 'closed_date: before onboarded_date' },
    { bad: `closed_date IS NOT NULL AND status <> 'closed'`, reason: 'closed_date: set on a merchant that is not closed' },
  ],
  payments: [
    unknownMerchant,
    { bad: 'payment_date <> CAST(paid_at AS DATE)', reason: 'payment_date: not the day of paid_at' },
    { bad: 'payment_date < ref_onboarded_date', reason: 'payment_date: before the merchant was onboarded' },
    { bad: `kind = 'refund' AND refund_of_payment_id IS NULL`, reason: 'refund_of_payment_id: missing on a refund' },
    { bad: `kind = 'payment' AND refund_of_payment_id IS NOT NULL`, reason: 'refund_of_payment_id: set on a payment' },
    { bad: `status = 'declined' AND decline_reason IS NULL`, reason: 'decline_reason: missing on a declined payment' },
    { bad: `status = 'approved' AND decline_reason IS NOT NULL`, reason: 'decline_reason: set on an approved payment' },
  ],
  settlements: [
    unknownMerchant,
    { bad: 'settlement_date < ref_onboarded_date', reason: 'settlement_date: before the merchant was onboarded' },
    { bad: 'offline_fen + online_fen + o2o_fen <> gross_fen', reason: 'channel split: does not add up to gross_fen' },
    { bad: 'customer_scans_merchant_fen + merchant_scans_customer_fen <> gross_fen', reason: 'QR mode split: does not add up to gross_fen' },
    { bad: 'own_bank_fen + other_bank_fen + overseas_fen <> gross_fen', reason: 'issuer split: does not add up to gross_fen' },
    { bad: 'n_customers > n_payments', reason: 'n_customers: more customers than payments' },
    { bad: '(n_payments = 0) <> (gross_fen = 0)', reason: 'n_payments: inconsistent with gross_fen' },
  ],
  line_events: [
    unknownMerchant,
    // Only the warehouse's own writers (the API, officers, monitoring) write other sources.
    { bad: `source <> 'legacy_book'`, reason: 'source: a lake file holds only the legacy book (legacy_book)' },
    { bad: `(event_type IN ('accepted', 'drawn')) <> (repayment IS NOT NULL)`, reason: 'repayment: required on acceptances and draws and only there' },
    { bad: `(event_type = 'drawn' AND repayment = 'instalments') <> (instalments IS NOT NULL)`, reason: 'instalments: required on draws repaid in instalments and only there' },
    { bad: `(event_type = 'drawn') AND annual_rate IS NULL OR event_type NOT IN ('drawn', 'accepted') AND annual_rate IS NOT NULL`, reason: 'annual_rate: required on draws, allowed on acceptances, and only there' },
    { bad: `interest_fen > 0 AND event_type NOT IN ('repaid', 'instalment_due')`, reason: 'interest_fen: only repayments and due instalments carry interest' },
    { bad: 'interest_fen > amount_fen', reason: 'interest_fen: more than amount_fen' },
  ],
  outcomes: [unknownMerchant],
  truth_months: [unknownMerchant],
  truth_merchants: [unknownMerchant],
};

/** Beyond the key (the contract's, engine/warehouse/lake.ts): the day column. */
const rangeColumns: Record<LakeTable, string | null> = {
  merchants: null,
  payments: 'payment_date',
  settlements: 'settlement_date',
  line_events: null,
  outcomes: null,
  truth_months: 'month_end_date',
  truth_merchants: null,
};

/** How every conflict's reason ends (it starts with the key's columns). */
export const CONFLICT_SUFFIX = ': conflicts with another row with the same key';

/** The full rules for one lake table. */
export function rulesFor(lakeTable: LakeTable): TableRules {
  const { schema, partitionBy } = LAKE_TABLES[lakeTable];
  const extra = extraChecks[lakeTable];
  return {
    lakeTable,
    target: LAKE_CONTRACTS[lakeTable].name,
    schema,
    stored: storedColumns(lakeTable),
    partitionBy,
    key: [...LAKE_CONTRACTS[lakeTable].key],
    rangeColumn: rangeColumns[lakeTable],
    conflictReason: `${LAKE_CONTRACTS[lakeTable].key.join(', ')}${CONFLICT_SUFFIX}`,
    conflicts: lakeTable !== 'merchants' && lakeTable !== 'truth_merchants',
    needsMerchant: extra.includes(unknownMerchant),
    checks: [...schemaChecks(schema), ...extra],
    refundReference: lakeTable === 'payments',
  };
}
