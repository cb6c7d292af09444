/**
 * Scores every merchant of the warehouse at an as-of date and writes the `scores` slice of
 * that date and model, replacing the model's earlier run in one transaction, plus a
 * `score_runs` row (a challenger's scores sit beside the champion's, never over them). A
 * scorecard runs as its compiled SQL expression inside DuckDB; a tree ensemble runs as a
 * compiled tree program (tree-program.ts) over columns read from DuckDB, because the nested
 * CASE SQL of a few thousand tree nodes costs ~18 µs a row there. `method` can force either.
 *
 * @example
 *   await scoreWarehouse(db, champion.record.model_id, champion.model, { asOfDate: '2025-01-01' });
 */
import { randomUUID } from 'node:crypto';
import { cstTimestamp, type Database } from '../../engine/db/index.ts';
import { ensureTables, SCORE_RUNS, SCORES } from '../../engine/warehouse/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import { compileScorecard } from '../compile-sql/scorecard-sql.ts';
import { compilePdSql, modelFeatures, type Model } from '../model/model.ts';
import { FEATURES_TABLE, requireFeatureTables, warehouseFeatures } from '../warehouse/tables.ts';
import { inputSql } from './input-codes.ts';
import { ProgramWorker, programColumn } from './program-worker.ts';
import type { ScoreMethod } from '../../engine/schema/score.ts';
import { treeProgram, type TreeProgram } from './tree-program.ts';

export const SCORES_TABLE = SCORES.name;
export const SCORE_RUNS_TABLE = SCORE_RUNS.name;
/** Rowids per batch read: large enough to amortise a query, small enough to overlap well. */
const BATCH_ROWS = 131_072;

export interface ScoreOptions {
  asOfDate: string;
  method?: ScoreMethod;
  onProgress?: ProgressListener;
}

export interface ScoreRunResult {
  runId: string;
  modelId: string;
  asOfDate: string;
  method: ScoreMethod;
  rows: number;
  seconds: number;
  /**
   * Seconds per step of the typescript method: reading inputs, computing PDs (beyond what
   * overlapped the reads), writing the slice. The sql method does it all in its write.
   */
  steps: { read: number; score: number; write: number };
}

export async function ensureScoreTables(db: Database): Promise<void> {
  await ensureTables(db, [SCORES, SCORE_RUNS]);
}

export async function scoreWarehouse(db: Database, modelId: string, model: Model, options: ScoreOptions): Promise<ScoreRunResult> {
  const started = performance.now();
  const { asOfDate } = options;
  const method: ScoreMethod = options.method ?? (model.kind === 'scorecard' ? 'sql' : 'typescript');
  const progress = options.onProgress ?? silentProgress;
  const stage = `score ${asOfDate}`;
  await requireFeatureTables(db, false);
  await checkInputs(db, modelId, model, asOfDate);
  await ensureScoreTables(db);
  const runId = randomUUID();
  const slice = { as_of_date: asOfDate, model_id: modelId, run_id: runId };
  const steps = { read: 0, score: 0, write: 0 };
  let mark = performance.now();
  const lap = (step: keyof typeof steps): void => {
    steps[step] += (performance.now() - mark) / 1000;
    mark = performance.now();
  };
  let source: string;
  if (method === 'sql') {
    const score = model.kind === 'scorecard' ? compileScorecard(model).score : 'NULL';
    source = `SELECT merchant_id, as_of_date, $model_id AS model_id, ${compilePdSql(model)} AS pd, ${score} AS score, $run_id AS run_id
              FROM ${FEATURES_TABLE} WHERE as_of_date = CAST($as_of_date AS DATE)`;
  } else {
    if (model.kind === 'scorecard') throw new Error('a scorecard scores in SQL; method typescript is for tree ensembles');
    const program = treeProgram(model);
    const { rowIds, pd, readSeconds } = await scoreInBatches(db, program, asOfDate, (done, total) => progress({ stage, done, total, unit: 'merchants' }));
    lap('score');
    steps.read = readSeconds;
    steps.score -= readSeconds;
    await db.run('CREATE OR REPLACE TEMP TABLE score_pd (row_id BIGINT, pd DOUBLE)');
    await db.append('score_pd', { row_id: rowIds, pd });
    source = `SELECT f.merchant_id, f.as_of_date, $model_id AS model_id, p.pd, CAST(NULL AS DOUBLE) AS score, $run_id AS run_id
              FROM ${FEATURES_TABLE} AS f JOIN score_pd AS p ON f.rowid = p.row_id
              WHERE f.as_of_date = CAST($as_of_date AS DATE)`;
  }
  const writing = method === 'sql' ? stage : `write scores ${asOfDate}`;
  progress({ stage: writing, done: 0, total: 1, unit: 'steps' });
  const rows = await db.transaction(async (tx) => {
    await tx.run(`DELETE FROM ${SCORES_TABLE} WHERE as_of_date = CAST($as_of_date AS DATE) AND model_id = $model_id`, { as_of_date: asOfDate, model_id: modelId });
    const inserted = await tx.run(`INSERT INTO ${SCORES_TABLE} ${source}`, slice);
    const seconds = (performance.now() - started) / 1000;
    await tx.run(`INSERT INTO ${SCORE_RUNS_TABLE} VALUES ($run_id, $model_id, CAST($as_of_date AS DATE), $method, $rows, $seconds, CAST($at AS TIMESTAMP))`, {
      ...slice, method, rows: inserted, seconds, at: cstTimestamp(),
    });
    return inserted;
  });
  await db.run('DROP TABLE IF EXISTS score_pd');
  lap('write');
  progress({ stage: writing, done: 1, total: 1, unit: 'steps' });
  return { runId, modelId, asOfDate, method, rows, seconds: (performance.now() - started) / 1000, steps };
}

/**
 * Reads the date's inputs in batches of rowids, as typed arrays (a chunk's column is one copy),
 * and hands each batch to a worker thread, which scores it while the next batch is read. Rows
 * travel with their rowid, which the write joins on, so no sort of merchant ids is needed.
 */
async function scoreInBatches(
  db: Database,
  program: TreeProgram,
  asOfDate: string,
  onBatch: (done: number, total: number) => void,
): Promise<{ rowIds: BigInt64Array; pd: Float64Array; readSeconds: number }> {
  const range = (await db.one<{ first: number; last: number; n: number }>(
    `SELECT CAST(min(rowid) AS DOUBLE) AS first, CAST(max(rowid) AS DOUBLE) AS last, count(*) AS n FROM ${FEATURES_TABLE} WHERE as_of_date = CAST($d AS DATE)`,
    { d: asOfDate },
  ))!;
  const select = [`rowid AS "__row"`, ...program.inputs.map((input, k) => `${inputSql(input)} AS "c${k}"`)];
  // One worker: two, scoring batches in turn, measured slower here in wall and CPU seconds alike
  // (1.5M rows, load 9-12: 50-74 s and 29-35 s CPU against 19-42 s and 24 s CPU).
  const worker = new ProgramWorker(program.source);
  try {
    const rowIdParts: BigInt64Array[] = [];
    const batches: Promise<Float64Array>[] = [];
    let readSeconds = 0;
    let done = 0;
    for (let first = range.first; first <= range.last; first += BATCH_ROWS) {
      const started = performance.now();
      const columns = await db.typedColumns(
        `SELECT ${select.join(', ')} FROM ${FEATURES_TABLE} WHERE as_of_date = CAST($d AS DATE) AND rowid BETWEEN $first AND $last`,
        { d: asOfDate, first, last: first + BATCH_ROWS - 1 },
      );
      const rows = columns.__row.length;
      if (rows === 0) continue;
      rowIdParts.push(columns.__row as BigInt64Array);
      batches.push(worker.score(program.inputs.map((input, k) => programColumn(columns[`c${k}`], input)), rows));
      readSeconds += (performance.now() - started) / 1000;
      done += rows;
      onBatch(done, Number(range.n));
    }
    const parts = await Promise.all(batches);
    const rowIds = new BigInt64Array(done);
    const pd = new Float64Array(done);
    let at = 0;
    for (const [i, part] of parts.entries()) {
      rowIds.set(rowIdParts[i], at);
      pd.set(part, at);
      at += part.length;
    }
    return { rowIds, pd, readSeconds };
  } finally {
    await worker.close();
  }
}

async function checkInputs(db: Database, modelId: string, model: Model, asOfDate: string): Promise<void> {
  const available = new Set(await warehouseFeatures(db));
  const missing = modelFeatures(model).filter((f) => !available.has(f));
  if (missing.length > 0) throw new Error(`model ${modelId} reads features the warehouse lacks: ${missing.join(', ')}`);
  const found = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${FEATURES_TABLE} WHERE as_of_date = CAST($d AS DATE)`, { d: asOfDate });
  if (Number(found!.n) > 0) return;
  const dates = await db.all<{ d: string }>(`SELECT DISTINCT CAST(as_of_date AS VARCHAR) AS d FROM ${FEATURES_TABLE} ORDER BY 1 DESC LIMIT 3`);
  const hint = dates.length > 0 ? `the latest are ${dates.map((d) => d.d).join(', ')}` : 'the table is empty';
  throw new Error(`no features as of ${asOfDate} to score; build them with \`capillary features --as-of ${asOfDate}\` (${hint})`);
}
