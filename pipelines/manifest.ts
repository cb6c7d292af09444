/**
 * The build plan: every step from the loaded lake to offers, in dependency order, each with the
 * tables it writes, the steps it reads, when it runs (once, at each as-of date, or at the latest
 * one) and what makes it fresh. A step's output is fresh when it exists and nothing it read has
 * changed since it was built: its upstream steps were not rebuilt (their run_log ids match) and
 * its own sources (the lake as ingested, the holiday calendar, the champion, the policy) are the
 * same. The runner (runner.ts) skips fresh steps; `capillary run --plan` prints each one's state.
 * Every data step builds into staging or one transaction (staging.ts), so each can rerun alone.
 */
import type { Database } from '../engine/db/index.ts';
import { DEFAULT_POLICY } from '../engine/credit/index.ts';
import { championModel, loadWarehouseTable, newModelRecord, promoteModel, registerModel, scoreWarehouse, trainAndEvaluate } from '../models/index.ts';
import { buildFeatures } from './features/features.ts';
import { buildLabels } from './labels/labels.ts';
import { sweepHoldback } from './lines/holdback.ts';
import { monitoringRun, monitorLines } from './monitoring/monitor.ts';
import { isSliceSized, sizeOffers } from './offers/index.ts';
import { calendarVersion, hasRows, lakeVersion, lakeVersionBefore } from './plan-sources.ts';
import { buildHolidays } from './reference/holidays.ts';
import type { BuildResult } from './staging.ts';
import { describeScope, turnoverCodeVersion } from './turnover/turnover-changes.ts';
import { buildTurnover, turnoverVersionBefore, updateTurnover } from './turnover/turnover.ts';

/** When a step runs: once for the warehouse, at each as-of date, or at the latest as-of date only. */
export type StepDates = 'once' | 'each' | 'latest';

export interface Step {
  name: string;
  summary: string;
  /** Tables the step writes. */
  outputs: string[];
  grain: string;
  dependsOn: string[];
  dates: StepDates;
  /** What the step reads beyond its upstream steps (at the as-of date), as values that change when it changes. */
  sources(db: Database, asOfDate: string | null): Promise<Record<string, string>>;
  /**
   * For a once-built step: a version of what a per-date step downstream reads of it before a
   * date, compared instead of its run id (turnover rebuilt for a new day leaves earlier dates' reads as they were).
   */
  versionBefore?(db: Database, asOfDate: string): Promise<string>;
  /** Whether the step's output exists (at the as-of date). */
  built(db: Database, asOfDate: string | null): Promise<boolean>;
  /** Fresh whenever built, whatever changed upstream (the champion is kept until a person changes it). */
  keptOnceBuilt?: boolean;
  /** `byHand`: the step was asked for by name (a rebuild by hand), so it rebuilds whole where it could do less. */
  run(db: Database, asOfDate: string | null, byHand: boolean): Promise<StepResult>;
}

/** What a step built, with what its callers report of it (the model, the offer counts). */
export interface StepResult extends BuildResult {
  detail?: Record<string, string | number>;
}

const none = async () => ({});
/** Who the plan names in the registry when it trains and promotes the first champion. */
const PLAN_ACTOR = { by: 'capillary plan', why: 'first build: there was no champion' };

async function requireChampion(db: Database) {
  const champion = await championModel(db);
  if (!champion) throw new Error('there is no champion to score with: promote a model, or run the plan through its champion step');
  return champion;
}

const championSource = async (db: Database): Promise<Record<string, string>> => ({ model: (await championModel(db))?.record.model_id ?? 'none' });

export const STEPS: readonly Step[] = [
  {
    name: 'holidays',
    summary: 'public holiday calendar (reference data)',
    outputs: ['calendar_holidays'],
    grain: 'one row per holiday_date',
    dependsOn: [],
    dates: 'once',
    sources: async () => ({ calendar: calendarVersion() }),
    built: (db) => db.exists('calendar_holidays'),
    run: (db) => buildHolidays(db),
  },
  {
    name: 'turnover',
    summary: 'daily turnover per merchant from payments or settlements, and its monthly sums: the days new or changed in the lake, or all; holdback repaid from it on API lines',
    outputs: ['daily_turnover', 'monthly_turnover', 'turnover_files'],
    grain: 'one row per merchant_key per turnover_date',
    dependsOn: [],
    dates: 'once',
    sources: async (db) => ({ lake: await lakeVersion(db), code: turnoverCodeVersion() }),
    versionBefore: turnoverVersionBefore,
    built: async (db) => (await db.exists('daily_turnover')) && (await db.exists('monthly_turnover')),
    async run(db, _asOf, byHand) {
      const { scope, ...built } = byHand ? { ...(await buildTurnover(db)), scope: { mode: 'whole', why: 'asked for by name' } as const } : await updateTurnover(db);
      // The days' settled turnover repays holdback lines opened through the API (lines/holdback.ts).
      const holdback = await sweepHoldback(db, DEFAULT_POLICY.repayment.holdback_share);
      const swept: Record<string, number> = holdback.repayments === 0 ? {} : { holdback_lines: holdback.lines, holdback_repayments: holdback.repayments, holdback_repaid_fen: holdback.repaid_fen };
      return { ...built, detail: { ...describeScope(scope), ...swept } };
    },
  },
  {
    name: 'features',
    summary: 'point-in-time merchant features as of a date',
    outputs: ['features'],
    grain: 'one row per merchant_id per as_of_date',
    dependsOn: ['holidays', 'turnover'],
    dates: 'each',
    sources: async (db, asOf) => ({ lake: await lakeVersionBefore(db, asOf!) }),
    built: (db, asOf) => hasRows(db, 'features', 'as_of_date = CAST($as_of_date AS DATE)', { as_of_date: asOf }),
    run: (db, asOf) => buildFeatures(db, asOf!),
  },
  {
    name: 'labels',
    summary: '12-month default labels from observed events',
    outputs: ['labels'],
    grain: 'one row per merchant_id per as_of_date',
    dependsOn: ['features'],
    dates: 'each',
    sources: async (db) => ({ lake: await lakeVersion(db) }),
    built: (db, asOf) => hasRows(db, 'labels', 'as_of_date = CAST($as_of_date AS DATE)', { as_of_date: asOf }),
    run: (db, asOf) => buildLabels(db, asOf!),
  },
  {
    name: 'champion',
    summary: 'a first scorecard trained on every labelled date and promoted, only when there is no champion',
    outputs: ['model_registry', 'model_events'],
    grain: 'one row per model_id',
    dependsOn: ['labels'],
    dates: 'once',
    sources: none,
    built: async (db) => (await championModel(db)) !== null,
    keptOnceBuilt: true,
    async run(db) {
      const table = await loadWarehouseTable(db, {});
      const result = trainAndEvaluate(table, { algorithm: 'scorecard', seed: 1 });
      const { modelId } = await registerModel(db, newModelRecord(result), PLAN_ACTOR);
      await promoteModel(db, modelId, PLAN_ACTOR);
      return { table: 'model_registry', rows: table.data.nRows, detail: { model_id: modelId, test_auc: result.metrics.parts.test.auc } };
    },
  },
  {
    name: 'score',
    summary: 'every merchant scored by the champion',
    outputs: ['scores', 'score_runs'],
    grain: 'one row per merchant_id per as_of_date per model_id',
    dependsOn: ['features', 'champion'],
    dates: 'latest',
    sources: championSource,
    async built(db, asOf) {
      const champion = await championModel(db);
      return champion !== null && hasRows(db, 'scores', 'as_of_date = CAST($as_of_date AS DATE) AND model_id = $model_id', { as_of_date: asOf, model_id: champion.record.model_id });
    },
    async run(db, asOf) {
      const champion = await requireChampion(db);
      const run = await scoreWarehouse(db, champion.record.model_id, champion.model, { asOfDate: asOf! });
      return { table: 'scores', rows: run.rows, detail: { model_id: run.modelId, seconds: run.seconds } };
    },
  },
  {
    name: 'offers',
    summary: 'Easy Loan offers sized from the champion’s scores under the default policy',
    outputs: ['offers', 'offer_runs'],
    grain: 'one row per merchant_id per as_of_date',
    dependsOn: ['score'],
    dates: 'latest',
    sources: async (db) => ({ ...(await championSource(db)), policy: DEFAULT_POLICY.version }),
    async built(db, asOf) {
      const champion = await championModel(db);
      return champion !== null && asOf !== null && isSliceSized(db, asOf, champion.record.model_id);
    },
    async run(db, asOf) {
      const champion = await requireChampion(db);
      const run = await sizeOffers(db, { asOfDate: asOf!, modelId: champion.record.model_id });
      return {
        table: 'offers',
        rows: run.merchants,
        detail: { run_id: run.runId, model_id: run.modelId, merchants: run.merchants, offers: run.offers, declines: run.declines, seconds: run.seconds },
      };
    },
  },
  {
    name: 'monitor',
    summary: 'every open Easy Loan line monitored: signals, the policy’s action, ledger events',
    outputs: ['line_signals', 'monitoring_runs', 'line_events'],
    grain: 'one row per open or frozen line_id per as_of_date',
    dependsOn: ['score'],
    // At the business date (the latest day of turnover), not the scored date: the ledger runs on to it.
    dates: 'latest',
    sources: async (db) => ({ ...(await championSource(db)), policy: DEFAULT_POLICY.version }),
    // A monitored date is never monitored again: its events are in the ledger for good.
    built: async (db, asOf) => (await monitoringRun(db, asOf!)) !== null,
    keptOnceBuilt: true,
    async run(db, asOf) {
      const run = await monitorLines(db, { asOfDate: asOf! });
      return {
        table: 'line_signals',
        rows: run.lines,
        detail: { already_monitored: run.already_monitored ? 1 : 0, lines: run.lines, watched: run.watched, reduced: run.reduced, frozen: run.frozen, unfrozen: run.unfrozen, increased: run.increased, seconds: run.seconds },
      };
    },
  },
];

export const STEP_NAMES = STEPS.map((s) => s.name);

export function stepNamed(name: string): Step {
  const step = STEPS.find((s) => s.name === name);
  if (!step) throw new Error(`no pipeline step '${name}' (steps: ${STEP_NAMES.join(', ')})`);
  return step;
}

/** The steps up to and including `name`, in order (the manifest's order is a topological order). */
export function stepsThrough(name: string): Step[] {
  const last = STEPS.indexOf(stepNamed(name));
  return STEPS.slice(0, last + 1);
}
