/**
 * How compact the warehouse is (issue 15, item 2): bytes per row of each large table, and the
 * ingest and turnover rates that load and derive them, at both grains of the lake.
 *
 *   npm run bench -- warehouse-bytes [--merchants 20000] [--days 90]
 *                                    [--payment-merchants 500] [--payment-days 30] [--json]
 *
 * For each grain: a simulated lake, ingested into a fresh warehouse file (rows loaded per second),
 * turnover run through the runner (payment and settlement rows read per second), holidays and
 * features at the day after the lake's last. Bytes of a table are what it holds on disk: the
 * warehouse is checkpointed, then each table is dropped and checkpointed again, and the blocks
 * that frees (DuckDB's `pragma_database_size`, 256 KiB blocks) times the block size is its size;
 * over its rows, its bytes per row. Blocks make the figure coarse for small tables (a quarter
 * MiB), which the default sizes keep to a few per cent. Rates are wall seconds of one run, with
 * CPU seconds beside (less moved by other processes on a shared machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays } from '../engine/calendar/days.ts';
import { Database } from '../engine/db/index.ts';
import { simulate } from '../engine/simulator/index.ts';
import { ingestLake } from '../pipelines/ingest/ingest.ts';
import { runPlan } from '../pipelines/runner.ts';
import { loadAverage, timed } from './_measure.ts';
import { benchSizes } from './_sizes.ts';

const START = '2024-01-01';
/** The large tables, in the order data flows. */
const TABLES = ['payments', 'settlements', 'daily_turnover', 'monthly_turnover', 'features'] as const;

export interface Rate {
  rows: number;
  ms: number;
  cpuMs: number;
}

export interface GrainFigures {
  grain: 'payment' | 'settlement';
  merchants: number;
  days: number;
  ingest: Rate;
  turnover: Rate;
  /** Per table: its rows and the bytes it holds on disk (tables without rows are left out). */
  tables: Record<string, { rows: number; bytes: number; bytesPerRow: number }>;
}

export async function measureGrain(dir: string, grain: 'payment' | 'settlement', merchants: number, days: number): Promise<GrainFigures> {
  const lake = join(dir, `lake-${grain}`);
  await simulate({ merchants, days, start: START, seed: 1, grain, out: lake });
  const db = await Database.open(join(dir, `warehouse-${grain}.duckdb`));
  try {
    const ingest = await timed(async () => {
      const summary = await ingestLake(db, lake);
      await db.run('CHECKPOINT');
      return summary.totals.reduce((sum, t) => sum + t.loaded, 0);
    });
    const count = async (table: string) => Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n);
    const read = (await count('payments')) + (await count('settlements'));
    const turnover = await timed(() => runPlan(db, { steps: ['turnover'] }));
    await runPlan(db, { steps: ['holidays'] });
    await runPlan(db, { asOfDates: [addDays(START, days)], steps: ['features'] });
    await db.run('CHECKPOINT');
    const tables: GrainFigures['tables'] = {};
    for (const table of TABLES) {
      const rows = await count(table);
      const before = await usedBytes(db);
      await db.run(`DROP TABLE ${table}`);
      await db.run('CHECKPOINT');
      const bytes = before - (await usedBytes(db));
      if (rows > 0) tables[table] = { rows, bytes, bytesPerRow: bytes / rows };
    }
    return {
      grain,
      merchants,
      days,
      ingest: { rows: ingest.result, ms: ingest.ms, cpuMs: ingest.cpuMs },
      turnover: { rows: read, ms: turnover.ms, cpuMs: turnover.cpuMs },
      tables,
    };
  } finally {
    db.close();
    rmSync(lake, { recursive: true, force: true });
  }
}

async function usedBytes(db: Database): Promise<number> {
  const size = await db.one<{ used_blocks: number; block_size: number }>('SELECT used_blocks, block_size FROM pragma_database_size()');
  return Number(size!.used_blocks) * Number(size!.block_size);
}

export async function run(args: string[]): Promise<void> {
  const sizes = benchSizes(args, { merchants: 20_000, days: 90, paymentMerchants: 500, paymentDays: 30 });
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'capillary-bytes-'));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const loadBefore = loadAverage();
  try {
    say(`warehouse bytes benchmark, ${loadBefore}`);
    const figures = [
      await measureGrain(dir, 'settlement', sizes.merchants, sizes.days),
      await measureGrain(dir, 'payment', sizes.paymentMerchants, sizes.paymentDays),
    ];
    for (const f of figures) {
      say(`${f.grain} grain: ${f.merchants.toLocaleString('en-US')} merchants × ${f.days} days`);
      say(`  ingest    ${formatRate(f.ingest, 'rows loaded')}`);
      say(`  turnover  ${formatRate(f.turnover, 'rows read')}`);
      for (const [table, t] of Object.entries(f.tables)) {
        say(`  ${table.padEnd(17)} ${t.rows.toLocaleString('en-US').padStart(11)} rows ${(t.bytes / 2 ** 20).toFixed(1).padStart(8)} MiB ${t.bytesPerRow.toFixed(1).padStart(8)} bytes/row`);
      }
    }
    say(`done, ${loadAverage()}`);
    if (sizes.json) process.stdout.write(`${JSON.stringify({ load_before: loadBefore, load_after: loadAverage(), figures })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatRate(rate: Rate, what: string): string {
  const perSecond = (ms: number) => Math.round((rate.rows / ms) * 1000).toLocaleString('en-US');
  return `${rate.rows.toLocaleString('en-US').padStart(11)} ${what}: ${(rate.ms / 1000).toFixed(2)} s, ${perSecond(rate.ms)}/s (cpu ${(rate.cpuMs / 1000).toFixed(2)} s, ${perSecond(rate.cpuMs)} per cpu-s)`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run(process.argv.slice(2));
