/**
 * Writing offers: a run replaces one as-of date's slice (inside the run's transaction) with the
 * rows of its query, and counts what it wrote.
 *
 * @example
 *   await db.transaction(async (tx) => replaceSlice(tx, '2024-06-01', 'SELECT … FROM offer_applicants …', params));
 */
import type { Database, Params } from '../../../engine/db/index.ts';
import { storeSql } from './sql.ts';

/** Deletes the date's rows and inserts those of `rowsSql` (a query of offers columns by name); returns the rows written. */
export async function replaceSlice(tx: Database, asOfDate: string, rowsSql: string, params: Params): Promise<number> {
  await tx.run(storeSql('delete-slice.sql'), { as_of_date: asOfDate });
  return insertOffers(tx, rowsSql, params);
}

/** Inserts the rows of `rowsSql` (a query of offers columns by name); returns how many. */
export function insertOffers(db: Database, rowsSql: string, params: Params): Promise<number> {
  return db.run(storeSql('insert-offers.sql', { rows: rowsSql }), params);
}

export interface SliceTotals {
  offers: number;
  line_fen: number;
  expected_loss_fen: number;
}

/** The date's offers counted and their lines and expected losses summed. */
export async function sliceTotals(db: Database, asOfDate: string): Promise<SliceTotals> {
  const row = await db.one<Record<keyof SliceTotals, number | bigint>>(storeSql('slice-totals.sql'), { as_of_date: asOfDate });
  return { offers: Number(row?.offers ?? 0), line_fen: Number(row?.line_fen ?? 0), expected_loss_fen: Number(row?.expected_loss_fen ?? 0) };
}
