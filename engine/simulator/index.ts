/**
 * The QR payment network simulator: `simulate(options)` builds the merchant model from the seed,
 * expands it day by day into payments (or settlements) inside DuckDB, and writes a lake.
 *
 * @example
 *   const summary = await simulate({ merchants: 500, days: 120, start: '2024-01-01', seed: 7,
 *     grain: 'payment', out: 'lake-500' });
 */
import { join } from 'node:path';
import { Database, writeParquet } from '../db/index.ts';
import { LAKE_TABLES } from '../schema/index.ts';
import { silentProgress, type ProgressListener } from '../progress.ts';
import { abandonPartialLake, checkLakeTarget, publishLake, startPartialLake, type LakeManifest } from './lake.ts';
import { simulateLedger } from './ledger.ts';
import { buildNetwork } from './network.ts';
import { expandDays } from './expand.ts';
import { enumTypesSql, sqlFile, typed } from './sql-file.ts';
import { parseSimulationOptions, type SimulationOptions } from './options.ts';
import { stageNetwork } from './stage.ts';

export { parseSimulationOptions, InvalidOptionsError, GRAINS, type SimulationOptions } from './options.ts';
export { isCompleteLake, SUCCESS_FILE, type LakeManifest } from './lake.ts';
export { buildNetwork, type Network } from './network.ts';
export { simulateLedger, LEGACY_POLICY, type LedgerOptions } from './ledger.ts';
export type { LineBookColumns } from './line-book.ts';
export { DAY_FILE } from './expand.ts';

export interface SimulationSummary {
  out: string;
  grain: 'payment' | 'settlement';
  rows: Record<string, number>;
  seconds: number;
  /** Payments (payment grain) or merchant-days (settlement grain) written per second. */
  rowsPerSecond: number;
}

export interface SimulateRuntime {
  onProgress?: ProgressListener;
  /** DuckDB memory limit for the expansion (default 2500MB: the JS model needs room too). */
  memoryLimit?: string;
  /** Rows a worker writes per statement, about (tests use it to take every path; the data do not change). */
  rowsPerBatch?: number;
}

export async function simulate(input: SimulationOptions, runtime: SimulateRuntime = {}): Promise<SimulationSummary> {
  const options = parseSimulationOptions(input);
  const onProgress = runtime.onProgress ?? silentProgress;
  const target = checkLakeTarget(options.out, options.overwrite);
  const started = performance.now();
  const partial = startPartialLake(target);
  let db: Database | null = null;
  try {
    const net = buildNetwork(options.seed, options.merchants, options.start, options.days, (done) =>
      onProgress({ stage: 'merchant model', done, total: options.merchants, unit: 'merchants' }));
    const ledger = simulateLedger(net, { repayment: options.repayment });

    db = await Database.open(':memory:', { memoryLimit: runtime.memoryLimit ?? '2500MB', tempDirectory: join(partial, '.spill') });
    await db.run(sqlFile('macros'));
    await db.run(enumTypesSql());
    await stageNetwork(db, net);
    await db.append('sim_line_event', { ...ledger });
    await db.run(sqlFile('merchant-days'));

    const rows: Record<string, number> = {};
    const single = async (table: keyof typeof LAKE_TABLES, query: string, file: string) => {
      rows[table] = await writeParquet(db!, typed(table, query), join(partial, file));
    };
    await single('merchants', sqlFile('merchants'), 'merchants/merchants.parquet');
    await single('line_events', sqlFile('line-events'), 'line_events/line_events.parquet');
    await single('truth_months', sqlFile('truth-months'), 'truth/truth_months.parquet');
    await single('truth_merchants', sqlFile('truth-merchants'), 'truth/truth_merchants.parquet');

    const table = options.grain === 'payment' ? 'payments' : 'settlements';
    rows[table] = await expandDays(db, net, options.grain, partial, onProgress, runtime.rowsPerBatch);
    db.close();
    db = null;
    abandonPartialLake(join(partial, '.spill'));

    const seconds = (performance.now() - started) / 1000;
    const manifest: LakeManifest = {
      format: 'capillary-lake',
      version: 1,
      grain: options.grain,
      options: { merchants: options.merchants, days: options.days, start: options.start, seed: options.seed, grain: options.grain, repayment: options.repayment },
      rows,
      finished_at: new Date().toISOString(),
    };
    publishLake(partial, target, manifest);
    return { out: target, grain: options.grain, rows, seconds, rowsPerSecond: rows[table] / seconds };
  } catch (error) {
    db?.close();
    abandonPartialLake(partial);
    throw error;
  }
}

