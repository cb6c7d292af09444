/**
 * One stage of the icbc benchmark, run by bench/icbc.ts in a process of its own so that its
 * peak memory is its own: `node --import tsx bench/_icbc-stage.ts STAGE '{"dir":…}'`. It prints
 * one JSON line last: the rows it handled, their unit, and its peak resident memory (VmHWM).
 */
import { join } from 'node:path';
import { addDays } from '../engine/calendar/days.ts';
import { Database } from '../engine/db/index.ts';
import { simulate } from '../engine/simulator/index.ts';
import { ingestLake } from '../pipelines/ingest/ingest.ts';
import { runPlan } from '../pipelines/runner.ts';
import { promoteSmallNetworkChampion } from './_champion.ts';
import { addOneDay } from './_limits-increment.ts';
import { peakRss } from './_child.ts';

export interface StageArgs {
  dir: string;
  merchants: number;
  days: number;
  start: string;
}

export const lakeOf = (args: StageArgs) => join(args.dir, 'lake');
export const warehouseOf = (args: StageArgs) => join(args.dir, 'warehouse.duckdb');
/** The as-of date of the plan: the day after the network's last. */
export const asOfOf = (args: StageArgs) => addDays(args.start, args.days);
/** The as-of date after the increment stage's one more day: the date the server answers at. */
export const servedAsOfOf = (args: StageArgs) => addDays(args.start, args.days + 1);

type Stage = (args: StageArgs) => Promise<{ rows: number; unit: string }>;

const STAGES: Record<string, Stage> = {
  async simulate(args) {
    const summary = await simulate({ merchants: args.merchants, days: args.days, start: args.start, seed: 1, grain: 'settlement', out: lakeOf(args) });
    return { rows: summary.rows.settlements, unit: 'settlement rows' };
  },
  async ingest(args) {
    return withWarehouse(args, async (db) => {
      const summary = await ingestLake(db, lakeOf(args));
      return { rows: summary.totals.reduce((sum, t) => sum + t.loaded, 0), unit: 'rows loaded' };
    });
  },
  /** Turnover, features and labels at the as-of date: what the champion's promotion needs first. */
  async features(args) {
    return withWarehouse(args, async (db) => {
      const runs = await runPlan(db, { through: 'labels', asOfDates: [asOfOf(args)] });
      sayParts('features', msOfSteps(runs));
      return { rows: runs.find((r) => r.step === 'turnover')!.rows, unit: 'turnover rows' };
    });
  },
  async champion(args) {
    return withWarehouse(args, async (db) => {
      await promoteSmallNetworkChampion(args.dir, db);
      return { rows: 1, unit: 'model' };
    });
  },
  async offers(args) {
    return withWarehouse(args, async (db) => {
      const runs = await runPlan(db, { through: 'offers', asOfDates: [asOfOf(args)] });
      sayParts('offers', msOfSteps(runs));
      return { rows: runs.find((r) => r.step === 'offers')!.rows, unit: 'merchants sized' };
    });
  },
  /** The daily increment: one more day ingested and the plan run through offers at the day after it. */
  async increment(args) {
    return withWarehouse(args, async (db) => {
      const figure = await addOneDay(db, lakeOf(args), args.start, args.days);
      sayParts('increment', figure.parts);
      return { rows: figure.rows, unit: 'settlement rows' };
    });
  },
};

/** The parts of a stage (plan steps, the increment's ingest) and their seconds, on stderr beside the table. */
function sayParts(stage: string, parts: Record<string, number>): void {
  process.stderr.write(`  ${stage}: ${Object.entries(parts).map(([part, ms]) => `${part} ${(ms / 1000).toFixed(1)} s`).join(', ')}\n`);
}

const msOfSteps = (runs: Awaited<ReturnType<typeof runPlan>>) => Object.fromEntries(runs.filter((r) => r.ran).map((r) => [r.step, r.ms]));

async function withWarehouse<T>(args: StageArgs, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(warehouseOf(args));
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

export const STAGE_NAMES = Object.keys(STAGES);

if (process.argv[1]?.endsWith('_icbc-stage.ts')) {
  const [name, json] = process.argv.slice(2);
  const stage = STAGES[name];
  if (!stage) throw new Error(`no icbc stage '${name}' (stages: ${STAGE_NAMES.join(', ')})`);
  const result = await stage(JSON.parse(json) as StageArgs);
  process.stdout.write(`${JSON.stringify({ ...result, peak_rss: peakRss('self') })}\n`);
}
