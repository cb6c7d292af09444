/**
 * Builds the validation query for one source file from validate.sql and the table's rules.
 * The slots take column names and schema-derived checks; the file path and the partition value
 * stay bound parameters ($source_path, $partition_value).
 */
import { quote } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { literal } from './schema-checks.ts';
import type { OpenedSource } from './source-file.ts';
import { typedExpression } from './source-file.ts';
import type { TableRules } from './table-rules.ts';

const NO_REFUNDS = 'SELECT CAST(NULL AS BIGINT) AS refund_row WHERE false';

const REFUNDS_FOUND = `SELECT DISTINCT refund.source_row AS refund_row
  FROM typed AS refund
  JOIN (
    SELECT payment_id, merchant_id FROM typed WHERE kind = 'payment'
    UNION ALL
    SELECT payment_id, merchant_id FROM payments
    WHERE kind = 'payment'
      AND payment_date BETWEEN (SELECT min(payment_date) FROM typed) AND (SELECT max(payment_date) FROM typed)
  ) AS paid ON paid.payment_id = refund.refund_of_payment_id AND paid.merchant_id = refund.merchant_id
  WHERE refund.kind = 'refund'`;

const MERCHANT_JOIN = `LEFT JOIN (SELECT merchant_id AS ref_merchant_id, onboarded_date AS ref_onboarded_date FROM merchants) AS ref
    ON ref.ref_merchant_id = typed.merchant_id`;

/** The query that reads the file's valid rows, typed, skipping the rows in `ingest_rejects`. */
export function loadSql(rules: TableRules, source: OpenedSource): string {
  return readSql(import.meta.url, 'load.sql', {
    source_columns: source.columns.filter((column) => column.sourceType !== null).map((column) => quote(column.spec.name)).join(', '),
    row_number: source.rowNumber,
    relation: source.relation,
    typed_columns: source.columns.map((column) => `${typedExpression(column)} AS ${quote(column.spec.name)}`).join(',\n    '),
    target_columns: source.columns.map((column) => quote(column.spec.name)).join(', '),
  });
}

/** The query that validates every row of the file and tells its outcome. */
export function validateSql(rules: TableRules, source: OpenedSource): string {
  const inFile = source.columns.filter((column) => column.sourceType !== null);
  const typeChecks = source.columns
    .filter((column) => column.sourceType !== null && typedExpression(column) !== quote(column.spec.name))
    .map((column) => ({
      bad: `raw.${quote(column.spec.name)} IS NOT NULL AND typed.${quote(column.spec.name)} IS NULL`,
      reason: `${column.spec.name}: not a valid ${column.spec.sqlType}`,
    }));
  const partitionCheck = source.columns
    .filter((column) => column.spec.name === rules.partitionBy && column.sourceType !== null)
    .map(() => ({
      bad: `$partition_value IS NOT NULL AND typed.${quote(rules.partitionBy!)} <> TRY_CAST($partition_value AS DATE)`,
      reason: `${rules.partitionBy}: differs from its folder name`,
    }));
  const refundCheck = rules.refundReference
    ? [{ bad: `kind = 'refund' AND refunds_found.refund_row IS NULL`, reason: 'refund_of_payment_id: no payment of this merchant on this day' }]
    : [];
  const checks = [...typeChecks, ...rules.checks, ...partitionCheck, ...refundCheck];
  const keys = rules.key.map(quote);
  const match = (left: string, right: string, columns: string[]) => columns.map((c) => `${left}.${quote(c)} = ${right}.${quote(c)}`).join(' AND ');
  return readSql(import.meta.url, 'validate.sql', {
    source_columns: inFile.map((column) => quote(column.spec.name)).join(', '),
    row_number: source.rowNumber,
    relation: source.relation,
    typed_columns: source.columns.map((column) => `${typedExpression(column)} AS ${quote(column.spec.name)}`).join(',\n    '),
    raw_row: `struct_pack(${source.columns
      .map((column) => `${quote(column.spec.name)} := ${column.sourceType === null ? '$partition_value' : quote(column.spec.name)}`)
      .join(', ')})`,
    refunds_found: rules.refundReference ? REFUNDS_FOUND : NO_REFUNDS,
    checks: checks.map((check) => `WHEN ${check.bad} THEN ${literal(check.reason)}`).join('\n      '),
    merchant_join: rules.needsMerchant ? MERCHANT_JOIN : '',
    key_columns: keys.join(', '),
    target: rules.target,
    loaded_match: match('loaded', 'checked', [...rules.key, ...rules.duplicateScope]),
    repeat_match: match('repeated_in_file', 'checked', rules.key),
    // Only the warehouse rows of the file's own days are looked at (they are skipped by zone maps).
    loaded_filter: rules.duplicateScope
      .map((c) => `AND loaded.${quote(c)} BETWEEN (SELECT min(${quote(c)}) FROM typed) AND (SELECT max(${quote(c)}) FROM typed)`)
      .join(' '),
  });
}

