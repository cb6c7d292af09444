/**
 * Merchant keys: the integer every derived table groups merchants by, assigned once, when a
 * merchant first reaches the warehouse's `merchants` table, and kept for good (a changed
 * registry file that reloads a merchant gives it back its key). Nothing parses ids for a number.
 *
 * @example
 *   await rememberMerchantKeys(tx);                       // before replaced rows are deleted
 *   await tx.run(`INSERT INTO merchants BY NAME ${withMerchantKeys('(SELECT ...) AS rows')}`);
 */
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';

/** Captures the keys of the merchants already loaded (a temp table the key SQL reads). */
export async function rememberMerchantKeys(db: Database): Promise<void> {
  await db.run('CREATE OR REPLACE TEMP TABLE merchant_keys_known AS SELECT merchant_id, merchant_key FROM merchants');
}

/** `rows` (a relation of registry rows) with a merchant_key column: a known merchant's, or the next. */
export function withMerchantKeys(rows: string): string {
  return readSql(import.meta.url, 'merchant-keys.sql', { rows });
}

/** Every merchant has one key and no two share one; otherwise the load is rolled back. */
export async function checkMerchantKeys(db: Database): Promise<void> {
  const row = (await db.one<{ merchants: number; keys: number }>('SELECT count(DISTINCT merchant_id) AS merchants, count(DISTINCT merchant_key) AS keys FROM merchants'))!;
  if (Number(row.merchants) !== Number(row.keys)) {
    throw new Error(`merchant_key: ${row.merchants} merchants hold ${row.keys} distinct keys; the registry load is rolled back`);
  }
}

export async function forgetMerchantKeys(db: Database): Promise<void> {
  await db.run('DROP TABLE IF EXISTS merchant_keys_known');
}
