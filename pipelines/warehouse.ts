/**
 * The warehouse tables ingest and the runner write into, created from the contract
 * (engine/warehouse): the lake's records (with the `file_id` each came from), the ingest log,
 * the quarantine and the run log. Ground truth lives apart, in the `truth` schema, which
 * features, labels and models never read.
 *
 * @example
 *   await ensureWarehouse(db);
 */
import type { Database } from '../engine/db/index.ts';
import type { LakeTable } from '../engine/schema/index.ts';
import { ensureTables, INGEST_LOG, LAKE_CONTRACTS, QUARANTINE, RUN_LOG } from '../engine/warehouse/index.ts';

/** Where each lake table lands in the warehouse. */
export const WAREHOUSE_TABLE = Object.fromEntries(
  Object.entries(LAKE_CONTRACTS).map(([lake, table]) => [lake, table.name]),
) as Record<LakeTable, string>;

/** Creates every table ingest and the runner write that does not exist yet; safe to call on every open. */
export async function ensureWarehouse(db: Database): Promise<void> {
  await ensureTables(db, [...Object.values(LAKE_CONTRACTS), INGEST_LOG, QUARANTINE, RUN_LOG]);
}
