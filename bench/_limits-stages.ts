/**
 * The stages of the limits benchmark, each timed beside its plain DuckDB counterpart on the same
 * rows. A figure's ratio is the stage's rate over the plain rate (plain seconds over stage
 * seconds): 1 means the stage costs what DuckDB's plain version of the work costs. Each is run
 * twice, alternating with its counterpart, and the faster run of each counts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database, quote, writeParquet } from '../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable } from '../engine/schema/index.ts';
import { DAY_FILE, type SimulationSummary } from '../engine/simulator/index.ts';
import { buildFamilies, FEATURE_BAND_MERCHANTS, FEATURE_FAMILIES, merchantBands } from '../pipelines/features/features.ts';
import { discoverLake } from '../pipelines/ingest/discover.ts';
import { ingestLake } from '../pipelines/ingest/ingest.ts';
import { runPlan } from '../pipelines/runner.ts';
import { readSql } from '../pipelines/sql-file.ts';
import { monthlySql, prepareTurnoverSeed, turnoverSql } from '../pipelines/turnover/turnover.ts';
import { ensureWarehouse, storedColumns, WAREHOUSE_TABLE } from '../pipelines/warehouse.ts';
import { fasterOfAlternating } from './_measure.ts';

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

/** Runs each stage and its plain counterpart this many times, alternating; the faster of each counts. */
const ROUNDS = 2;

/**
 * The simulator from the seed to its lake, against a COPY of the rows it wrote (loaded into
 * memory first, untimed) to the same layout with the same file settings. Returns the last lake.
 */
export async function measureSimulate(dir: string, grain: 'payment' | 'settlement', simulate: (out: string) => Promise<SimulationSummary>): Promise<{ figure: Figure; lake: string }> {
  const table: LakeTable = grain === 'payment' ? 'payments' : 'settlements';
  const lake = (round: number) => join(dir, `lake-${grain}-${round}`);
  const plainOut = (round: number) => join(dir, `plain-${grain}-${round}`);
  const db = await Database.open(':memory:', { memoryLimit: '2500MB', tempDirectory: join(dir, 'spill') });
  try {
    let rows = 0;
    const { stage, plain } = await fasterOfAlternating(
      ROUNDS,
      async (round) => {
        if (round > 0) rmSync(lake(round - 1), { recursive: true, force: true });
        rows = (await simulate(lake(round))).rows[table];
        if (round === 0) await db.run(`CREATE TABLE plain_rows AS SELECT * FROM read_parquet($files, hive_partitioning = true)`, { files: `${lake(0)}/${table}/*/*.parquet` });
      },
      async (round) => {
        const n = await writeParquet(db, 'SELECT * FROM plain_rows', join(plainOut(round), table), { ...DAY_FILE, partitionBy: LAKE_TABLES[table].partitionBy! });
        if (n !== rows) throw new Error(`plain COPY wrote ${n} rows, the simulator ${rows}`);
        rmSync(plainOut(round), { recursive: true, force: true });
      },
    );
    return { figure: figure(`simulate_${grain}`, table, rows, stage, 'COPY to day partitions', plain), lake: lake(ROUNDS - 1) };
  } finally {
    db.close();
  }
}

/**
 * Ingest of a lake into an empty warehouse, against one INSERT ... SELECT per table of the same
 * files into the same tables of another empty warehouse. Both end with a CHECKPOINT, so both
 * pay for compressing what they wrote. Returns the last warehouse, open.
 */
export async function measureIngest(dir: string, lake: string): Promise<{ figure: Figure; db: Database }> {
  const byTable = new Map<LakeTable, string[]>();
  for (const file of discoverLake(lake)) byTable.set(file.table, [...(byTable.get(file.table) ?? []), file.path]);
  let db: Database | null = null;
  let rows = 0;
  try {
    const { stage, plain } = await fasterOfAlternating(
      ROUNDS,
      async (round) => {
        db?.close();
        db = await Database.open(join(dir, `warehouse-${round}.duckdb`));
        const summary = await ingestLake(db, lake);
        await db.run('CHECKPOINT');
        rows = summary.totals.reduce((sum, t) => sum + t.loaded, 0);
      },
      async (round) => {
        const plainDb = await Database.open(join(dir, `plain-warehouse-${round}.duckdb`));
        try {
          await ensureWarehouse(plainDb);
          let n = 0;
          for (const [table, paths] of byTable) {
            n += await plainDb.run(
              // The registry's integer key, numbered in id order as ingest numbers a first load.
              `INSERT INTO ${WAREHOUSE_TABLE[table]} BY NAME SELECT ${storedColumns(table).map(quote).join(', ')}, 0 AS file_id${table === 'merchants' ? ', CAST(row_number() OVER (ORDER BY merchant_id) AS INTEGER) AS merchant_key' : ''}
               FROM read_parquet(string_split($paths, chr(10)), hive_partitioning = true)`,
              { paths: paths.join('\n') },
            );
          }
          await plainDb.run('CHECKPOINT');
          if (n !== rows) throw new Error(`plain INSERT loaded ${n} rows, ingest ${rows}`);
        } finally {
          plainDb.close();
        }
      },
    );
    return { figure: figure('ingest', 'rows', rows, stage, 'INSERT ... SELECT per table', plain), db: db! };
  } catch (error) {
    (db as Database | null)?.close();
    throw error;
  }
}


/** The turnover step through the runner, against its two queries run by hand. Rows are the rows read. */
export async function measureTurnover(db: Database): Promise<Figure> {
  const rows = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM settlements'))!.n)
    + Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM payments'))!.n);
  const { stage, plain } = await fasterOfAlternating(
    ROUNDS,
    () => runPlan(db, { steps: ['turnover'] }),
    async () => {
      await prepareTurnoverSeed(db, null);
      await db.run(`CREATE OR REPLACE TABLE hand_turnover AS ${turnoverSql()}`, { from_date: null, until_date: null });
      await db.run(`CREATE OR REPLACE TABLE hand_monthly AS ${monthlySql('hand_turnover')}`, { from_date: null, until_date: null });
      await db.run('DROP TABLE hand_turnover; DROP TABLE hand_monthly');
    },
  );
  return figure('turnover', 'rows', rows, stage, 'its queries by hand', plain);
}

const featureSql = (name: string) => readSql(new URL('../pipelines/features/features.ts', import.meta.url).href, name);

/**
 * Features at one as-of date through the runner, against the family queries and features.sql
 * run by hand into tables. Rows are the merchants with features.
 */
export async function measureFeatures(db: Database, asOfDate: string): Promise<Figure> {
  await runPlan(db, { steps: ['holidays'] });
  let rows = 0;
  const { stage, plain } = await fasterOfAlternating(
    ROUNDS,
    async () => {
      rows = (await runPlan(db, { asOfDates: [asOfDate], steps: ['features'] })).reduce((sum, step) => sum + step.rows, 0);
    },
    async () => {
      const params = { as_of_date: asOfDate };
      await buildFamilies(db, asOfDate, await merchantBands(db, FEATURE_BAND_MERCHANTS));
      await db.run(`CREATE OR REPLACE TABLE hand_features AS ${featureSql('features.sql')}`, params);
      for (const [table] of FEATURE_FAMILIES) await db.run(`DROP TABLE ${table}`);
      const n = Number((await db.one<{ n: number }>('SELECT count(*) AS n FROM hand_features'))!.n);
      await db.run('DROP TABLE hand_features');
      if (n !== rows) throw new Error(`features by hand gave ${n} merchants, the runner ${rows}`);
    },
  );
  return figure('features', 'merchants', rows, stage, 'its queries by hand', plain);
}
