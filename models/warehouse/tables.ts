/**
 * The warehouse tables models/ reads, by the names pipelines/ gives them (pipelines/README.md):
 * `features` and `labels` (one row per merchant_id per as_of_date), the bank's outcomes list (only
 * to choose the default target) and the simulator's truth, kept apart in the `truth` schema and
 * read here only to evaluate. models/ never imports
 * pipeline code; the warehouse contract (engine/warehouse) declares these tables.
 */
import type { Database } from '../../engine/db/index.ts';
import { FEATURES, LABELS, OUTCOMES, TRUTH_MERCHANTS, TRUTH_MONTHS } from '../../engine/warehouse/index.ts';

export const FEATURES_TABLE = FEATURES.name;
export const LABELS_TABLE = LABELS.name;
export const TRUTH_MONTHS_TABLE = TRUTH_MONTHS.name;
export const OUTCOMES_TABLE = OUTCOMES.name;
export const TRUTH_MERCHANTS_TABLE = TRUTH_MERCHANTS.name;
/** Columns of `features` that are keys, not features. */
export const FEATURE_KEYS: readonly string[] = FEATURES.key;

/** Feature columns the warehouse has (empty when there is no features table yet). */
export async function warehouseFeatures(db: Database): Promise<string[]> {
  if (!(await db.exists(FEATURES_TABLE))) return [];
  const rows = await db.all<{ name: string }>('SELECT name FROM pragma_table_info($table) ORDER BY cid', { table: FEATURES_TABLE });
  return rows.map((r) => r.name).filter((name) => !FEATURE_KEYS.includes(name));
}

/** Fails with the command to run when `features` (and `labels`, if asked) are not built yet. */
export async function requireFeatureTables(db: Database, withLabels: boolean): Promise<void> {
  const needed = withLabels ? [FEATURES_TABLE, LABELS_TABLE] : [FEATURES_TABLE];
  for (const table of needed) {
    if (!(await db.exists(table))) {
      throw new Error(`the warehouse ${db.path} has no ${table} table yet; build it with \`capillary run --from DATE --to DATE\``);
    }
  }
}
