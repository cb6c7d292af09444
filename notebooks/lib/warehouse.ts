/**
 * The warehouse a notebook reads: the file named by CAPILLARY_NOTEBOOK_DB (relative paths from
 * the project root), else the one `npm start` builds. Opened read-only unless asked; a missing
 * or empty warehouse is refused up front with the command that builds one, so a notebook says
 * so in its first cell instead of failing deep inside a chart.
 *
 * @example
 *   const db = await openWarehouse({ needs: ['daily_turnover', 'features'] });
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../../engine/db/index.ts';
import { sqlIdentifier } from '../../models/index.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The environment variable naming the warehouse (set by `npm run notebooks`). */
export const WAREHOUSE_VARIABLE = 'CAPILLARY_NOTEBOOK_DB';
export const DEFAULT_WAREHOUSE = 'data/capillary.duckdb';
export const BUILD_HINT =
  'build a small simulated one with `npm run notebooks -- --warehouse-only` (it goes to notebooks/.build/warehouse/capillary.duckdb) ' +
  `or the default network with \`npm start\` (${DEFAULT_WAREHOUSE}), and point ${WAREHOUSE_VARIABLE} at it`;

export interface OpenWarehouseOptions {
  /** Defaults to $CAPILLARY_NOTEBOOK_DB, then data/capillary.duckdb. */
  path?: string;
  /** Tables that must exist and hold rows. */
  needs?: string[];
  /** Open for writing (to register a model); read-only by default. */
  write?: boolean;
}

export class WarehouseNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WarehouseNotReadyError';
  }
}

export function warehousePath(path?: string): string {
  return resolve(PROJECT_ROOT, path ?? process.env[WAREHOUSE_VARIABLE] ?? DEFAULT_WAREHOUSE);
}

export async function openWarehouse(options: OpenWarehouseOptions = {}): Promise<Database> {
  const path = warehousePath(options.path);
  if (!existsSync(path)) throw new WarehouseNotReadyError(`there is no warehouse at ${path}: ${BUILD_HINT}`);
  const db = await Database.open(path, { readOnly: !options.write });
  try {
    const empty: string[] = [];
    for (const table of options.needs ?? []) {
      const found = await db.one<{ n: number }>('SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $table', { table });
      const rows = Number(found!.n) > 0 ? await db.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${sqlIdentifier(table)} LIMIT 1)`) : null;
      if (!rows || Number(rows.n) === 0) empty.push(table);
    }
    if (empty.length > 0) throw new WarehouseNotReadyError(`the warehouse ${path} has no rows in ${empty.join(', ')}: ${BUILD_HINT}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
