/**
 * The SQL of one ingest batch (files of one table with the same columns and types, read
 * together), filled from check.sql, validate.sql, quarantine.sql and load.sql with the table's
 * rules. The slots take column names and schema-derived checks; paths, partition values and days
 * stay bound parameters or rows of the batch's own table (`ingest_batch`).
 */
import { columnsOf, literal, quote } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { typedExpression, type OpenedSource, type SourceColumn } from './source-file.ts';
import type { TableRules } from './table-rules.ts';

const MERCHANT_JOIN = `LEFT JOIN (SELECT merchant_id AS ref_merchant_id, onboarded_date AS ref_onboarded_date FROM merchants) AS ref
    ON ref.ref_merchant_id = typed.merchant_id`;

const NO_REFUND_MISSES = 'SELECT file_seq, file_id, source_row FROM ingest_checked WHERE false';

/**
 * Refunds that name no payment of the same merchant, in the batch or loaded on the batch's days.
 * The refunds are matched first (an inner join builds its hash table on the smaller side, the few
 * refunds, where an anti join would build it on every payment of the batch).
 */
const REFUND_MISSES = `SELECT refund.file_seq, refund.file_id, refund.source_row
  FROM ingest_checked AS refund
  WHERE refund.kind = 'refund' AND refund.failed_check IS NULL
  EXCEPT
  SELECT refund.file_seq, refund.file_id, refund.source_row
  FROM ingest_checked AS refund
  JOIN (
    SELECT payment_id, merchant_id FROM ingest_checked WHERE kind = 'payment'
    UNION ALL
    SELECT payment_id, merchant_id FROM payments
    WHERE kind = 'payment' AND payment_date BETWEEN CAST($range_min AS DATE) AND CAST($range_max AS DATE)
  ) AS paid ON paid.payment_id = refund.refund_of_payment_id AND paid.merchant_id = refund.merchant_id
  WHERE refund.kind = 'refund' AND refund.failed_check IS NULL`;

/** A column that is cast from the file's type (CSV text, or a narrower Parquet type). */
function isCast(column: SourceColumn): boolean {
  return column.sourceType !== null && typedExpression(column) !== quote(column.spec.name);
}

function typedColumns(source: OpenedSource): string {
  return source.columns.map((column) => `${typedExpression(column)} AS ${quote(column.spec.name)}`).join(',\n    ');
}

function slotsOf(source: OpenedSource): Record<string, string> {
  return { relation: source.relation, row_number: source.rowNumber, typed_columns: typedColumns(source) };
}

/**
 * Every row of the batch checked (into ingest_checked): file_seq, file_id, source_row, the columns
 * the later steps need and the reason of the first failed check (failed_check). With `stored`,
 * the stored columns instead, for a load on the way (loadCleanSql).
 */
export function checkSql(rules: TableRules, source: OpenedSource, stored = false): string {
  const raw = source.columns.filter(isCast).map((column) => `source.${quote(column.spec.name)} AS ${quote(`raw_${column.spec.name}`)}`);
  const typeChecks = source.columns.filter(isCast).map((column) => ({
    bad: `${quote(`raw_${column.spec.name}`)} IS NOT NULL AND ${quote(column.spec.name)} IS NULL`,
    reason: `${column.spec.name}: not a valid ${column.spec.sqlType}`,
  }));
  const partitionCheck = source.columns
    .filter((column) => column.spec.name === rules.partitionBy && column.sourceType !== null)
    .map(() => ({
      bad: `partition_value IS NOT NULL AND ${quote(rules.partitionBy!)} <> TRY_CAST(partition_value AS DATE)`,
      reason: `${rules.partitionBy}: differs from its folder name`,
    }));
  const checks = [...typeChecks, ...rules.checks, ...partitionCheck];
  return readSql(import.meta.url, 'check.sql', {
    ...slotsOf(source),
    typed_columns: [typedColumns(source), ...raw, 'batch.partition_value'].join(',\n    '),
    kept_columns: stored
      ? rules.stored.map((c) => `typed.${quote(c)}`).join(', ')
      : [...keptColumns(rules).map((c) => `typed.${quote(c)}`), `${contentHash(rules, (c) => `typed.${quote(c)}`)} AS content_hash`].join(', '),
    checks: checks.map((check) => `WHEN ${check.bad} THEN ${literal(check.reason)}`).join('\n    '),
    merchant_join: rules.needsMerchant ? MERCHANT_JOIN : '',
  });
}

/**
 * A batch loaded in one read of its files, checked on the way in: the rows that pass every check.
 * Only for tables whose rows are judged alone and by key (no refund to match, no merchant key to
 * give); repeatedKeysSql then says whether the load stands.
 */
export function loadCleanSql(rules: TableRules, source: OpenedSource): string {
  return readSql(import.meta.url, 'load-clean.sql', {
    target_columns: rules.stored.map((name) => `checked.${quote(name)}`).join(', '),
    checked_rows: checkSql(rules, source, true),
  });
}

/**
 * The key hashes that repeat among the table's rows and the conflicts held in quarantine. Binds
 * conflictParams, and $key_min, $key_max (the batch's first and last day) when the day is part of
 * the key.
 */
export function repeatedKeysSql(rules: TableRules): string {
  return readSql(import.meta.url, 'repeated-keys.sql', keySlots(rules));
}

/**
 * The rejected rows of the batch (into ingest_rejects): file_seq, file_id, source_row, outcome,
 * reason. Binds $table_name and $conflict_reason (conflictParams), the batch's day range when
 * the table has refunds to match, and the valid rows' first and last day ($key_min, $key_max)
 * when the day is part of the key (keyDay).
 */
export function rejectsSql(rules: TableRules): string {
  return readSql(import.meta.url, 'validate.sql', {
    ...keySlots(rules),
    refund_misses: rules.refundReference ? REFUND_MISSES : NO_REFUND_MISSES,
    checked_keys: rules.key.map((c) => `checked.${quote(c)}`).join(', '),
    shared_key_columns: rules.key.map((c) => `shared.${quote(c)}`).join(', '),
  });
}

/** The slots that find a table's keys among its loaded rows and its held conflicts. */
function keySlots(rules: TableRules): Record<string, string> {
  const specs = new Map(columnsOf(rules.schema).map((spec) => [spec.name, spec]));
  const typed = (c: string) => `CAST(${quote(c)} AS ${specs.get(c)!.sqlType})`;
  const day = keyDay(rules);
  const sqlType = day === null ? '' : specs.get(day)!.sqlType;
  return {
    key_columns: rules.key.map(quote).join(', '),
    target: rules.target,
    loaded_keys: rules.key.map((c) => `${typed(c)} AS ${quote(c)}`).join(', '),
    loaded_key_values: rules.key.map(typed).join(', '),
    loaded_content: contentHash(rules, typed),
    // a plain comparison of the stored column, so the scan skips row groups of other days
    loaded_days: day === null ? '' : `WHERE ${quote(day)} BETWEEN CAST($key_min AS ${sqlType}) AND CAST($key_max AS ${sqlType})`,
    held_keys: rules.key.map((c) => `TRY_CAST(row_json ->> ${literal(c)} AS ${specs.get(c)!.sqlType}) AS ${quote(c)}`).join(', '),
  };
}

/**
 * The day column when it is part of the key: a row can then share its key only with rows of its
 * own day, and the loaded rows of other days need not be looked at.
 */
export function keyDay(rules: TableRules): string | null {
  return rules.rangeColumn !== null && rules.key.includes(rules.rangeColumn) ? rules.rangeColumn : null;
}

/** The parameters of rejectsSql that name the table and the conflict reason. */
export function conflictParams(rules: TableRules): { table_name: string; conflict_reason: string } {
  return { table_name: rules.target, conflict_reason: rules.conflictReason };
}

/**
 * A 64-bit hash of every stored column of a row, each typed as the schema says (`column` gives its
 * expression); collisions are ignored (one in 2^64). Only what the warehouse keeps can be compared
 * with a loaded row: a payment delivered again with another one-time token is a duplicate.
 */
function contentHash(rules: TableRules, column: (name: string) => string): string {
  if (!rules.conflicts) return 'CAST(0 AS UBIGINT)'; // one content per key: never a conflict
  return `hash(${rules.stored.map(column).join(', ')})`;
}

/** Columns of the checked rows that the duplicate and refund checks read. */
function keptColumns(rules: TableRules): string[] {
  const refundColumns = rules.refundReference ? ['payment_id', 'merchant_id', 'kind', 'refund_of_payment_id'] : [];
  return [...new Set([...rules.key, ...refundColumns])];
}

/** The quarantined rows of the batch as read, with their reason (for the quarantine table). */
export function quarantineSql(source: OpenedSource): string {
  const raw = `struct_pack(${source.columns
    .map((column) => `${quote(column.spec.name)} := ${column.sourceType === null ? 'batch.partition_value' : `source.${quote(column.spec.name)}`}`)
    .join(', ')})`;
  return readSql(import.meta.url, 'quarantine.sql', { ...slotsOf(source), raw_row: raw });
}

/**
 * The batch's valid, first-seen rows, typed, with their file_id; the stored columns only. With
 * `rejects`, the rows in ingest_rejects are skipped; without, the batch has none (no join).
 */
export function loadSql(rules: TableRules, source: OpenedSource, rejects: boolean): string {
  return readSql(import.meta.url, 'load.sql', {
    ...slotsOf(source),
    target_columns: rules.stored.map((name) => `typed.${quote(name)}`).join(', '),
    skip_rejects: rejects ? 'ANTI JOIN ingest_rejects AS rejected ON rejected.file_seq = typed.file_seq AND rejected.source_row = typed.source_row' : '',
  });
}

/** Rows in each file of the batch (Parquet: from the files' metadata). */
export function readCountsSql(source: OpenedSource): string {
  return `SELECT file_index AS file_seq, count(*) AS n FROM ${source.relation} GROUP BY ALL`;
}
