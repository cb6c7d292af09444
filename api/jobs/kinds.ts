/**
 * What each job does, with the same engine, pipeline and model calls as the CLI commands
 * (simulate + ingest + run, run, train, score, offers, monitor), on the server's warehouse. The
 * pipeline, score, offers and monitor jobs are steps of the build plan (pipelines/manifest.ts).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../engine/db/index.ts';
import type { JobKind } from '../../engine/schema/job.ts';
import { simulate, SUCCESS_FILE, type LakeManifest } from '../../engine/simulator/index.ts';
import { newModelRecord, registerModel } from '../../models/registry/index.ts';
import { loadWarehouseTable, type WarehouseTarget } from '../../models/training/index.ts';
import { buildWarehouse, networkAsOfDates } from '../../pipelines/build-warehouse.ts';
import { monthlyAsOfDates, runPlan } from '../../pipelines/runner.ts';
import type { OfferIndex } from '../offers/offer-index.ts';
import { sizeLatestOffers } from '../offers/size.ts';
import type { JobWork } from './job-runner.ts';
import { trainOffLoop } from './train-off-loop.ts';
import { MonitorJobSchema, OffersJobSchema, PipelineJobSchema, ScoreJobSchema, SimulateJobSchema, TrainJobSchema } from './schemas.ts';

export interface KindsContext {
  /** Where simulation jobs write their lakes. */
  lakeRoot: string;
  offers: OfferIndex;
  /** The server's reading connection, for refreshing the offer index after a write. */
  reader: Database;
}

export function jobKinds(context: KindsContext): Record<JobKind, JobWork> {
  return {
    // A simulated network is never loaded into the serving warehouse: its merchant ids are the
    // real ones', and its payments would change real merchants' offers. It writes its own lake
    // and, if asked, its own warehouse beside it (ingested and run through the pipeline).
    simulate: {
      async run(_serving, params, onProgress) {
        const { warehouse, ...options } = SimulateJobSchema.parse(params);
        const name = `lake-${options.grain}-${options.merchants}x${options.days}-${options.start}-seed${options.seed}`;
        const out = join(context.lakeRoot, name);
        const summary = await simulate({ ...options, out, overwrite: true }, { onProgress });
        if (!warehouse) return { lake: out, warehouse: null, rows: summary.rows };
        const manifest = JSON.parse(readFileSync(join(out, SUCCESS_FILE), 'utf8')) as LakeManifest;
        const { start, days } = manifest.options as { start: string; days: number };
        const path = join(context.lakeRoot, `${name}.duckdb`);
        for (const file of [path, `${path}.wal`]) rmSync(file, { force: true });
        const own = await Database.open(path);
        try {
          const asOfDates = networkAsOfDates(start, days);
          const built = await buildWarehouse(own, { lake: out, through: 'labels', asOfDates, onProgress });
          return { lake: out, warehouse: path, rows: summary.rows, files_loaded: built.ingest?.files.length ?? 0, as_of_dates: asOfDates, steps: built.runs.length };
        } finally {
          own.close();
        }
      },
    },
    pipeline: {
      async run(db, params, onProgress) {
        const { from, to } = PipelineJobSchema.parse(params);
        const asOfDates = monthlyAsOfDates(from, to);
        const runs = await runPlan(db, { asOfDates, onProgress });
        return {
          as_of_dates: asOfDates,
          steps: runs.map((r) => ({ step: r.step, as_of_date: r.asOfDate, ran: r.ran, state: r.before.state, why: r.before.why, rows: r.rows, ms: r.ms })),
        };
      },
    },
    train: {
      async run(db, params, onProgress) {
        // `by` is who asked (the token's subject), added by the route; the rest is the request.
        const { by = 'api', ...request } = params;
        const options = TrainJobSchema.parse(request);
        onProgress({ stage: 'read training set', done: 0, total: 1, unit: 'tables' });
        const table = await loadWarehouseTable(db, { from: options.from, to: options.to, target: options.target as WarehouseTarget | undefined });
        const result = await trainOffLoop(table, { algorithm: options.algorithm, seed: options.seed, split: { holdout: options.holdout } }, onProgress);
        const { modelId, existed } = await registerModel(db, newModelRecord(result), { by: String(by), why: `API training job (${options.algorithm})` });
        return { model_id: modelId, existed, rows: table.data.nRows, test_auc: result.metrics.parts.test.auc, seconds: result.trainingSeconds };
      },
    },
    score: {
      async run(db, params, onProgress) {
        const options = ScoreJobSchema.parse(params);
        // The plan's score step alone, rerun even when fresh: the champion at the date asked, or the latest features date.
        const [run] = await runPlan(db, { steps: ['score'], asOfDates: options.as_of_date ? [options.as_of_date] : [], onProgress });
        return { model_id: run.detail!.model_id, as_of_date: run.asOfDate, rows: run.rows, seconds: run.detail!.seconds };
      },
    },
    offers: {
      async run(db, params, onProgress) {
        const options = OffersJobSchema.parse(params);
        const result = await sizeLatestOffers(db, options.as_of_date, onProgress);
        await context.offers.reload(context.reader);
        return result;
      },
    },
    monitor: {
      async run(db, params, onProgress) {
        const options = MonitorJobSchema.parse(params);
        // The plan's monitor step alone: a date monitored already is reported, never monitored twice.
        const [run] = await runPlan(db, { steps: ['monitor'], asOfDates: options.as_of_date ? [options.as_of_date] : [], onProgress });
        return { as_of_date: run.asOfDate, ran: run.ran, lines: run.rows, ...(run.detail ?? {}) };
      },
    },
  };
}
