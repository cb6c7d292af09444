/**
 * Labels as of a date (labels.sql): did the merchant default within the next 12 months, from
 * observed events only; censored when the 12 months are not all observed. One slice of `labels`
 * per as-of date, for the merchants of `features` at that date.
 */
import type { Database } from '../../engine/db/index.ts';
import { columnType, LABELS } from '../../engine/warehouse/index.ts';
import { lineStateSql } from '../lines/line-state.ts';
import { readSql } from '../sql-file.ts';
import { buildSlice, type BuildResult } from '../staging.ts';

export const LABELS_TABLE = LABELS.name;

/**
 * labels.sql, reading lines' state at the as-of date through the one derivation of it
 * (pipelines/lines), its closed sets typed as the contract's ENUMs.
 */
export function labelsSql(): string {
  return readSql(import.meta.url, 'labels.sql', {
    line_state: lineStateSql(),
    label_status_type: columnType(LABELS, 'label_status'),
    default_reason_type: columnType(LABELS, 'default_reason'),
  });
}

export async function buildLabels(db: Database, asOfDate: string): Promise<BuildResult> {
  const params = { as_of_date: asOfDate };
  return buildSlice(db, {
    table: LABELS_TABLE,
    sql: labelsSql(),
    params,
    slice: params,
  });
}
