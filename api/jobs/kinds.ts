/**
 * What each job does, with the same engine, pipeline and model calls as the CLI commands
 * (simulate + ingest + run, run, train, score, offers), on the server's warehouse. The pipeline,
 * score and offers jobs are steps of the build plan (pipelines/manifest.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../engine/db/index.ts';
import type { JobKind } from '../../engine/schema/job.ts';
import { simulate, SUCCESS_FILE, type LakeManifest } from '../../engine/simulator/index.ts';
import { newModelRecord, registerModel } from '../../models/registry/index.ts';
import { loadWarehouseTable, type WarehouseTarget } from '../../models/training/index.ts';
import { ingestLake } from '../../pipelines/ingest/ingest.ts';
import { networkAsOfDates } from '../../pipelines/build-warehouse.ts';
import { monthlyAsOfDates, runPlan } from '../../pipelines/runner.ts';
import type { OfferIndex } from '../offers/offer-index.ts';
import { sizeLatestOffers } from '../offers/size.ts';
import type { JobWork } from './job-runner.ts';
import { trainOffLoop } from './train-off-loop.ts';
import { OffersJobSchema, PipelineJobSchema, ScoreJobSchema, SimulateJobSchema, TrainJobSchema } from './schemas.ts';

export interface KindsContext {
  /** Where simulation jobs write their lakes. */
  lakeRoot: string;
  offers: OfferIndex;
  /** The server's reading connection, for refreshing the offer index after a write. */
  reader: Database;
}

export function jobKinds(context: KindsContext): Record<JobKind, JobWork> {
  return {
    simulate: {
      async run(db, params, onProgress) {
        const options = SimulateJobSchema.parse(params);
        const out = join(context.lakeRoot, `lake-${options.grain}-${options.merchants}x${options.days}-${options.start}-seed${options.seed}`);
        const summary = await simulate({ ...options, out, overwrite: true }, { onProgress });
        const manifest = JSON.parse(readFileSync(join(out, SUCCESS_FILE), 'utf8')) as LakeManifest;
        const { start, days } = manifest.options as { start: string; days: number };
        const ingested = await ingestLake(db, out, { requireFinished: true, onProgress });
        const asOfDates = networkAsOfDates(start, days);
        const runs = await runPlan(db, { asOfDates, onProgress });
        return { lake: out, rows: summary.rows, files_loaded: ingested.files.length, as_of_dates: asOfDates, steps: runs.length };
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
  };
}
