/**
 * The QR payment network simulator: `simulate(options)` builds the merchant model from the seed,
 * expands it day by day into payments (or settlements) inside DuckDB, and writes a lake.
 *
 * @example
 *   const summary = await simulate({ merchants: 500, days: 120, start: '2024-01-01', seed: 7,
 *     grain: 'payment', out: 'lake-500' });
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { addDays } from './calendar.ts';
import { castSelectList, Database, writeParquet } from '../db/index.ts';
import { LAKE_TABLES } from '../schema/index.ts';
import { silentProgress, type ProgressListener } from '../progress.ts';
import { abandonPartialLake, checkLakeTarget, publishLake, startPartialLake, type LakeManifest } from './lake.ts';
import { simulateLedger } from './ledger.ts';
import { buildNetwork, type Network } from './network.ts';
import { parseSimulationOptions, type SimulationOptions } from './options.ts';
import { stageNetwork } from './stage.ts';

export { parseSimulationOptions, InvalidOptionsError, GRAINS, type SimulationOptions } from './options.ts';
export { isCompleteLake, SUCCESS_FILE, type LakeManifest } from './lake.ts';
export { buildNetwork, type Network } from './network.ts';
export { simulateLedger, LEGACY_POLICY } from './ledger.ts';

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
  /** DuckDB memory limit for the expansion, e.g. '3GB'. */
  memoryLimit?: string;
}

const sql = (name: string) => readFileSync(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');

export async function simulate(input: SimulationOptions, runtime: SimulateRuntime = {}): Promise<SimulationSummary> {
  const options = parseSimulationOptions(input);
  const onProgress = runtime.onProgress ?? silentProgress;
  const target = checkLakeTarget(options.out, options.overwrite);
  const started = performance.now();
  const partial = startPartialLake(target);
  let db: Database | null = null;
  try {
    onProgress({ stage: 'merchant model', done: 0, total: options.merchants, unit: 'merchants' });
    const net = buildNetwork(options.seed, options.merchants, options.start, options.days);
    const ledger = simulateLedger(net);
    onProgress({ stage: 'merchant model', done: options.merchants, total: options.merchants, unit: 'merchants' });

    db = await Database.open(':memory:', { memoryLimit: runtime.memoryLimit ?? '4GB', tempDirectory: join(partial, '.spill') });
    await db.run(sql('macros'));
    await stageNetwork(db, net);
    await db.append('sim_loan_event', { ...ledger });
    await db.run(sql('merchant-days'));

    const rows: Record<string, number> = {};
    const single = async (table: keyof typeof LAKE_TABLES, query: string, file: string) => {
      rows[table] = await writeParquet(db!, typed(table, query), join(partial, file));
    };
    await single('merchants', sql('merchants'), 'merchants/merchants.parquet');
    await single('loan_events', sql('loan-events'), 'loan_events/loan_events.parquet');
    await single('truth_months', sql('truth-months'), 'truth/truth_months.parquet');
    await single('truth_merchants', sql('truth-merchants'), 'truth/truth_merchants.parquet');

    // Each batch of days is expanded into scratch tables, one per worker (a share of the
    // merchants) on its own connection so both cores work, then written one day per file into
    // the day's Hive folder. DuckDB's PARTITION_BY writer is several times slower for many
    // small partitions, and one expansion per day would pay its planning cost every day.
    const table = options.grain === 'payment' ? 'payments' : 'settlements';
    const partitionColumn = LAKE_TABLES[table].partitionBy;
    const expand = typed(table, sql(table));
    const stage = options.grain === 'payment' ? 'simulate payments' : 'simulate settlements';
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => db!.connect()));
    rows[table] = 0;
    let daysDone = 0;
    onProgress({ stage, done: 0, total: options.days, unit: 'days' });
    try {
      for (const batch of planBatches(net, options.grain)) {
        const written = await Promise.all(workers.map(async (worker, w) => {
          const scratch = `sim_out_${w}`;
          await worker.run(`CREATE OR REPLACE TABLE ${scratch} AS ${expand}`, {
            seed: options.seed, month: batch.month, first_day: batch.firstDay, last_day: batch.lastDay, worker: w, workers: WORKERS,
          });
          let count = 0;
          for (let day = batch.firstDay; day <= batch.lastDay; day++) {
            const date = addDays(options.start, day);
            count += await writeParquet(
              worker,
              `SELECT * EXCLUDE (${partitionColumn}) FROM ${scratch} WHERE ${partitionColumn} = $date::DATE`,
              join(partial, table, `${partitionColumn}=${date}`, `data_${w}.parquet`),
              { params: { date }, rowGroupSize: 122_880 },
            );
          }
          await worker.run(`DROP TABLE ${scratch}`);
          return count;
        }));
        rows[table] += written.reduce((a, b) => a + b, 0);
        daysDone += batch.lastDay - batch.firstDay + 1;
        onProgress({ stage, done: daysDone, total: options.days, unit: 'days' });
      }
    } finally {
      for (const worker of workers) worker.close();
    }
    db.close();
    db = null;
    abandonPartialLake(join(partial, '.spill'));

    const seconds = (performance.now() - started) / 1000;
    const manifest: LakeManifest = {
      format: 'capillary-lake',
      version: 1,
      grain: options.grain,
      options: { merchants: options.merchants, days: options.days, start: options.start, seed: options.seed, grain: options.grain },
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

/** Wraps a table's SQL so its output has exactly the schema's columns, order and types. */
function typed(table: keyof typeof LAKE_TABLES, query: string): string {
  return `SELECT ${castSelectList(LAKE_TABLES[table].schema)} FROM (\n${query.replace(/;\s*$/, '')}\n)`;
}

interface Batch {
  month: number;
  firstDay: number;
  lastDay: number;
}

/** Connections expanding side by side, each over its share of the merchants. */
const WORKERS = Math.max(1, Math.min(4, availableParallelism()));

/** Rows per expansion batch: a few million payments, or tens of millions of merchant-days. */
const PAYMENTS_PER_BATCH = 4_000_000;
const MERCHANT_DAYS_PER_BATCH = 20_000_000;

/** Splits the window into batches of whole days that never cross a month and stay near a size. */
function planBatches(net: Network, grain: 'payment' | 'settlement'): Batch[] {
  let dailyPayments = 0;
  for (let i = 0; i < net.size; i++) dailyPayments += net.baseCount[i];
  const perDay = grain === 'payment' ? dailyPayments * 1.2 : net.size;
  const budget = grain === 'payment' ? PAYMENTS_PER_BATCH : MERCHANT_DAYS_PER_BATCH;
  const daysPerBatch = Math.max(1, Math.floor(budget / Math.max(1, perDay)));
  const batches: Batch[] = [];
  net.months.forEach((month, index) => {
    for (let first = month.firstDay; first <= month.lastDay; first += daysPerBatch) {
      batches.push({ month: index, firstDay: first, lastDay: Math.min(month.lastDay, first + daysPerBatch - 1) });
    }
  });
  return batches;
}
