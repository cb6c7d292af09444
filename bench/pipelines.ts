/**
 * Pipeline rates on synthetic data made inside DuckDB (no simulator): ingest with validation
 * (payments/s from Parquet), daily turnover from payments (payments/s), the runner's overhead
 * over the bare turnover query (ratio, same run), and features at one as-of date from a year of
 * merchant-days (seconds, with a linear extrapolation to 1.5M merchants).
 * Usage: npm run bench -- pipelines [days] [paymentsPerDay] [featureMerchants]
 *    or: npx tsx bench/pipelines.ts [days] [paymentsPerDay] [featureMerchants]
 *   defaults: 10 days × 500,000 payments, features for 100,000 merchants × 365 days
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Database } from '../engine/db/index.ts';
import { buildFeatures } from '../pipelines/features/features.ts';
import { ingestLake } from '../pipelines/ingest/ingest.ts';
import { buildHolidays } from '../pipelines/reference/holidays.ts';
import { runPipeline } from '../pipelines/runner.ts';
import { readSql } from '../pipelines/sql-file.ts';
import { writeSyntheticLake } from '../pipelines/testing/synthetic-payments.ts';
import { loadRows } from '../pipelines/testing/load-rows.ts';

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(args: string[]): Promise<void> {
  const days = Number(args[0] ?? 10);
  const perDay = Number(args[1] ?? 500_000);
  const featureMerchants = Number(args[2] ?? 100_000);
  const dir = join(tmpdir(), `capillary-bench-${process.pid}`);
  try {
    const lake = join(dir, 'lake');
    let t = performance.now();
    const { payments } = await writeSyntheticLake(lake, { merchants: 20_000, days, perDay, start: '2024-03-01', seed: 7 });
    console.log(`lake: ${payments.toLocaleString('en-US')} payments over ${days} days written in ${seconds(performance.now() - t)}`);

    const db = await Database.open(join(dir, 'warehouse.duckdb'));
    t = performance.now();
    await ingestLake(db, lake);
    let ms = performance.now() - t;
    console.log(`ingest with validation:  ${seconds(ms)}  ${rate(payments, ms)} payments   (target 10,000,000/s)`);

    const bare = readSql(new URL('../pipelines/turnover/turnover.ts', import.meta.url).href, 'turnover.sql');
    // Bare query and runner step alternate twice; the best of each counts (warm caches alike).
    let bareMs = Number.POSITIVE_INFINITY;
    let runnerMs = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 2; round++) {
      t = performance.now();
      await db.run(`CREATE OR REPLACE TABLE bench_turnover AS ${bare}`);
      bareMs = Math.min(bareMs, performance.now() - t);
      await db.run('DROP TABLE bench_turnover');
      t = performance.now();
      await runPipeline(db, { steps: ['turnover'] });
      runnerMs = Math.min(runnerMs, performance.now() - t);
    }
    console.log(`daily turnover (runner): ${seconds(runnerMs)}  ${rate(payments, runnerMs)} payments   (target 20,000,000/s)`);
    console.log(`daily turnover (bare):   ${seconds(bareMs)}  ${rate(payments, bareMs)} payments`);
    console.log(`runner overhead ratio:   ${(runnerMs / bareMs).toFixed(2)}×   (target at most 1.3×)`);
    db.close();

    // Features from a year of synthetic merchant-days.
    const fdb = await Database.open(join(dir, 'features.duckdb'));
    await loadRows(fdb, {});
    await fdb.run(
      `INSERT INTO merchants SELECT printf('M%08d', i), 'cafe', 'capillary', 1 + i % 4, 'B', DATE '2022-01-01' + CAST(i % 300 AS INTEGER), 'active', NULL, 0
       FROM range(1, $n + 1) t(i)`,
      { n: featureMerchants },
    );
    t = performance.now();
    const synthetic = readSql(new URL('../pipelines/testing/synthetic-payments.ts', import.meta.url).href, 'synthetic-turnover.sql');
    await fdb.run(`CREATE TABLE daily_turnover AS ${synthetic}`, { merchants: featureMerchants, days: 365, end_date: '2024-06-01', seed: 3 });
    const merchantDays = Number((await fdb.one<{ n: number }>('SELECT count(*) AS n FROM daily_turnover'))!.n);
    console.log(`features input: ${merchantDays.toLocaleString('en-US')} merchant-days for ${featureMerchants.toLocaleString('en-US')} merchants (made in ${seconds(performance.now() - t)})`);
    await buildHolidays(fdb);
    t = performance.now();
    const built = await buildFeatures(fdb, '2024-06-01');
    ms = performance.now() - t;
    console.log(
      `features at one as-of:   ${seconds(ms)}  ${built.rows.toLocaleString('en-US')} merchants  ${rate(merchantDays, ms)} merchant-days` +
        `  → 1.5M merchants ≈ ${seconds((ms * 1_500_000) / featureMerchants)} if linear   (target 60 s)`,
    );
    fdb.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run(process.argv.slice(2));
