/**
 * The stages of the limits benchmark, each timed beside its plain DuckDB counterpart on the same
 * rows. A figure's ratio is the stage's rate over the plain rate (plain seconds over stage
 * seconds): 1 means the stage costs what DuckDB's plain version of the work costs.
 */
import { join } from 'node:path';
import { Database, writeParquet } from '../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable } from '../engine/schema/index.ts';
import { DAY_FILE, type SimulationSummary } from '../engine/simulator/index.ts';
import { FEATURE_FAMILIES, holidayDates } from '../pipelines/features/features.ts';
import { discoverLake } from '../pipelines/ingest/discover.ts';
import { ingestLake } from '../pipelines/ingest/ingest.ts';
import { runPipeline } from '../pipelines/runner.ts';
import { readSql } from '../pipelines/sql-file.ts';
import { ensureWarehouse, WAREHOUSE_TABLE } from '../pipelines/warehouse.ts';
import { timed } from './_measure.ts';

export interface Figure {
  stage: string;
  unit: string;
  rows: number;
  ms: number;
  cpuMs: number;
  plain: string;
  plainMs: number;
  plainCpuMs: number;
  ratio: number;
}

function figure(stage: string, unit: string, rows: number, work: { ms: number; cpuMs: number }, plain: string, base: { ms: number; cpuMs: number }): Figure {
  return { stage, unit, rows, ms: work.ms, cpuMs: work.cpuMs, plain, plainMs: base.ms, plainCpuMs: base.cpuMs, ratio: base.ms / work.ms };
}

/**
 * The simulator from the seed to its lake, against a COPY of the rows it wrote (loaded into
 * memory first, untimed) to the same layout with the same file settings.
 */
export async function measureSimulate(dir: string, grain: 'payment' | 'settlement', simulate: (out: string) => Promise<SimulationSummary>): Promise<{ figure: Figure; lake: string }> {
  const table: LakeTable = grain === 'payment' ? 'payments' : 'settlements';
  const lake = join(dir, `lake-${grain}`);
  const sim = await timed(() => simulate(lake));
  const rows = sim.result.rows[table];
  const db = await Database.open(':memory:', { memoryLimit: '2500MB', tempDirectory: join(dir, 'spill') });
  try {
    await db.run(`CREATE TABLE plain_rows AS SELECT * FROM read_parquet($files, hive_partitioning = true)`, { files: `${lake}/${table}/*/*.parquet` });
    const copy = await timed(() =>
      writeParquet(db, 'SELECT * FROM plain_rows', join(dir, `plain-${grain}`, table), { ...DAY_FILE, partitionBy: LAKE_TABLES[table].partitionBy! }));
    if (copy.result !== rows) throw new Error(`plain COPY wrote ${copy.result} rows, the simulator ${rows}`);
    return { figure: figure(`simulate_${grain}`, table, rows, sim, 'COPY to day partitions', copy), lake };
  } finally {
    db.close();
  }
}

/**
 * Ingest of a lake into an empty warehouse, against one INSERT ... SELECT per table of the same
 * files into the same tables of another empty warehouse. Both end with a CHECKPOINT, so both
 * pay for compressing what they wrote.
 */
export async function measureIngest(db: Database, dir: string, lake: string): Promise<Figure> {
  const work = await timed(async () => {
    const summary = await ingestLake(db, lake);
    await db.run('CHECKPOINT');
    return summary;
  });
  const rows = work.result.totals.reduce((sum, t) => sum + t.loaded, 0);
  const byTable = new Map<LakeTable, string[]>();
  for (const file of discoverLake(lake)) byTable.set(file.table, [...(byTable.get(file.table) ?? []), file.path]);
  const plainDb = await Database.open(join(dir, 'plain-warehouse.duckdb'));
  try {
    await ensureWarehouse(plainDb);
    const plain = await timed(async () => {
      let n = 0;
      for (const [table, paths] of byTable) {
        n += await plainDb.run(
          `INSERT INTO ${WAREHOUSE_TABLE[table]} BY NAME SELECT *, 0 AS file_id FROM read_parquet(string_split($paths, chr(10)), hive_partitioning = true)`,
          { paths: paths.join('\n') },
        );
      }
      await plainDb.run('CHECKPOINT');
      return n;
    });
    if (plain.result !== rows) throw new Error(`plain INSERT loaded ${plain.result} rows, ingest ${rows}`);
    return figure('ingest', 'rows', rows, work, 'INSERT ... SELECT per table', plain);
  } finally {
    plainDb.close();
  }
}

const turnoverSql = (name: string, slots: Record<string, string> = {}) => readSql(new URL('../pipelines/turnover/turnover.ts', import.meta.url).href, name, slots);

/**
 * The turnover step through the runner, against its two queries run by hand. They alternate
 * twice and the faster of each counts (warm caches alike). Rows are the settlement rows read.
 */
export async function measureTurnover(db: Database): Promise<Figure> {
  const rows = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM settlements'))!.n)
    + Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM payments'))!.n);
  let runner = { ms: Infinity, cpuMs: 0 };
  let hand = { ms: Infinity, cpuMs: 0 };
  for (let round = 0; round < 2; round++) {
    const h = await timed(async () => {
      await db.run(`CREATE OR REPLACE TABLE hand_turnover AS ${turnoverSql('turnover.sql')}`);
      await db.run(`CREATE OR REPLACE TABLE hand_monthly AS ${turnoverSql('monthly-turnover.sql', { daily_turnover: 'hand_turnover' })}`);
    });
    if (h.ms < hand.ms) hand = h;
    await db.run('DROP TABLE hand_turnover; DROP TABLE hand_monthly');
    const r = await timed(() => runPipeline(db, { steps: ['turnover'] }));
    if (r.ms < runner.ms) runner = r;
  }
  return figure('turnover', 'rows', rows, runner, 'its queries by hand', hand);
}

const featureSql = (name: string) => readSql(new URL('../pipelines/features/features.ts', import.meta.url).href, name);

/**
 * Features at one as-of date through the runner, against the family queries and features.sql
 * run by hand into tables. Rows are the merchants with features.
 */
export async function measureFeatures(db: Database, asOfDate: string): Promise<Figure> {
  await runPipeline(db, { steps: ['holidays'] });
  const runner = await timed(() => runPipeline(db, { asOfDates: [asOfDate], steps: ['features'] }));
  const rows = runner.result.reduce((sum, step) => sum + step.rows, 0);
  const hand = await timed(async () => {
    const params = { as_of_date: asOfDate };
    const holidays = await holidayDates(db, asOfDate);
    for (const [table, file] of FEATURE_FAMILIES) {
      await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${featureSql(file)}`, file === 'turnover-features.sql' ? { ...params, ...holidays } : params);
    }
    await db.run(`CREATE OR REPLACE TABLE hand_features AS ${featureSql('features.sql')}`, params);
    for (const [table] of FEATURE_FAMILIES) await db.run(`DROP TABLE ${table}`);
    return Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM hand_features'))!.n);
  });
  await db.run('DROP TABLE hand_features');
  if (hand.result !== rows) throw new Error(`features by hand gave ${hand.result} merchants, the runner ${rows}`);
  return figure('features', 'merchants', rows, runner, 'its queries by hand', hand);
}
