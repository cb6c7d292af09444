/**
 * Data scientists: training, scoring, pipeline and offers runs as jobs with progress; the model
 * registry (list, compare, promote), drift, and features exported as Parquet.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { writeParquet } from '../../engine/db/index.ts';
import type { JobKind } from '../../engine/schema/job.ts';
import { promoteModel } from '../../models/registry/index.ts';
import type { AppContext } from '../context.ts';
import { ApiProblem } from '../http/problem.ts';
import { reply, type Routes } from '../http/route.ts';
import { JobListSchema, JobParamsSchema, JobViewSchema, MonitorJobSchema, OffersJobSchema, PipelineJobSchema, ScoreJobSchema, TrainJobSchema } from '../jobs/schemas.ts';
import { jobView } from '../jobs/view.ts';
import { allModels, compareModels, driftOf, modelNamed } from '../models/models.ts';
import {
  ComparisonSchema,
  CompareQuerySchema,
  DriftQuerySchema,
  DriftSchema,
  FeatureExportQuerySchema,
  ModelListSchema,
  ModelParamsSchema,
  PromoteRequestSchema,
  PromoteResultSchema,
} from '../models/schemas.ts';

const SCIENTISTS = ['scientist', 'admin'] as const;

/** What submitting any job may also answer. */
export const JOB_QUEUE_RESPONSES = {
  429: { description: 'this role has as many jobs queued or running as it may; wait, or cancel one' },
  503: { description: 'the server is shutting down' },
};
const JOB_READERS = ['scientist', 'officer', 'admin'] as const;

export function scientistRoutes(routes: Routes, context: AppContext): void {
  const jobs: [JobKind, z.ZodType, string][] = [
    ['train', TrainJobSchema, 'train a model on the warehouse (out-of-time test) and register it as a candidate'],
    ['score', ScoreJobSchema, 'score every merchant at an as-of date with the champion'],
    ['offers', OffersJobSchema, 'size every scored merchant’s offer with the credit policy (refreshes the serving index)'],
    ['monitor', MonitorJobSchema, 'monitor every open Easy Loan line at an as-of date: signals, actions, ledger events'],
    ['pipeline', PipelineJobSchema, 'run the pipeline (holidays, turnover, features, labels) at monthly as-of dates'],
  ];
  for (const [kind, body, summary] of jobs) {
    routes.add(
      { method: 'post', path: `/api/v1/jobs/${kind}`, tag: 'jobs', summary, roles: SCIENTISTS, body, responses: { 202: { description: 'the queued job', schema: JobViewSchema }, ...JOB_QUEUE_RESPONSES } },
      async (c, { body: params, principal }) => {
        const job = await context.jobs.submit(kind, { ...(params as object), ...(kind === 'train' ? { by: principal.sub } : {}) }, principal.sub, principal.role);
        c.header('Location', `/api/v1/jobs/${job.job_id}`);
        return reply(c, JobViewSchema, jobView(job), 202);
      },
    );
  }

  routes.add(
    {
      method: 'get',
      path: '/api/v1/jobs',
      tag: 'jobs',
      summary: 'recent jobs, newest first',
      roles: JOB_READERS,
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict(),
      responses: { 200: { description: 'jobs', schema: JobListSchema } },
    },
    async (c, { query }) => reply(c, JobListSchema, { jobs: (await context.jobs.list(query.limit)).map(jobView) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/jobs/:job_id/cancel',
      tag: 'jobs',
      summary: 'cancel a job: a queued one never starts, a running one stops at its next progress point (then failed, "cancelled by …")',
      roles: SCIENTISTS,
      params: JobParamsSchema,
      responses: { 202: { description: 'the job as it stands: finished if it was queued, stopping if it was running', schema: JobViewSchema }, 409: { description: 'the job has already finished' } },
    },
    async (c, { params, principal }) => reply(c, JobViewSchema, jobView(await context.jobs.cancel(params.job_id, principal.sub)), 202),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/jobs/:job_id',
      tag: 'jobs',
      summary: 'one job: status, stage and progress, result or error',
      roles: JOB_READERS,
      params: JobParamsSchema,
      responses: { 200: { description: 'the job', schema: JobViewSchema }, 404: { description: 'no such job' } },
    },
    async (c, { params }) => {
      const job = await context.jobs.get(params.job_id);
      if (!job) throw new ApiProblem(404, `no job ${params.job_id}`, { field: 'job_id' });
      return reply(c, JobViewSchema, jobView(job));
    },
  );

  routes.add(
    { method: 'get', path: '/api/v1/models', tag: 'models', summary: 'every registered model with its test metrics', roles: SCIENTISTS, responses: { 200: { description: 'the registry', schema: ModelListSchema } } },
    async (c) => reply(c, ModelListSchema, { models: await allModels(context.db) }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/models/compare',
      tag: 'models',
      summary: 'two models side by side on their test metrics',
      roles: SCIENTISTS,
      query: CompareQuerySchema,
      responses: { 200: { description: 'the comparison', schema: ComparisonSchema }, 404: { description: 'a model is not registered' } },
    },
    async (c, { query }) => reply(c, ComparisonSchema, await compareModels(context.db, query.a, query.b)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/models/drift',
      tag: 'models',
      summary: "PSI of the PD and CSI of each feature: training population vs a scoring run",
      roles: SCIENTISTS,
      query: DriftQuerySchema,
      responses: { 200: { description: 'drift', schema: DriftSchema } },
    },
    async (c, { query }) => reply(c, DriftSchema, await driftOf(context.db, query.model_id, query.as_of_date)),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/models/:model_id/promote',
      tag: 'models',
      summary: 'make a model the champion (the current one is retired)',
      roles: SCIENTISTS,
      params: ModelParamsSchema,
      body: PromoteRequestSchema,
      responses: { 200: { description: 'the new champion', schema: PromoteResultSchema }, 404: { description: 'no such model' }, 409: { description: 'the registry refused the promotion (e.g. a retired model)' } },
    },
    async (c, { params, body, principal }) => {
      await modelNamed(context.db, params.model_id, 'model_id');
      const connection = await context.db.connect();
      try {
        const { replaced } = await promoteModel(connection, params.model_id, { by: principal.sub, why: body.why });
        return reply(c, PromoteResultSchema, { champion: params.model_id, replaced });
      } catch (error) {
        throw new ApiProblem(409, (error as Error).message, { field: 'model_id' });
      } finally {
        connection.close();
      }
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/features/export',
      tag: 'models',
      summary: 'the features of an as-of date (optionally with labels) as a Parquet file',
      roles: SCIENTISTS,
      query: FeatureExportQuerySchema,
      responses: { 200: { description: 'a Parquet file', contentType: 'application/vnd.apache.parquet', schema: z.string().meta({ format: 'binary' }) }, 404: { description: 'no features at that date' } },
    },
    async (c, { query }) => {
      const found = await context.db.one<{ n: number }>('SELECT count(*) AS n FROM features WHERE as_of_date = CAST($as_of_date AS DATE)', { as_of_date: query.as_of_date }).catch(() => undefined);
      if (!found || Number(found.n) === 0) throw new ApiProblem(404, `no features as of ${query.as_of_date}: run a pipeline job for that date first`, { field: 'query.as_of_date' });
      const sql = query.labels === 'true'
        ? `SELECT f.*, l.* EXCLUDE (merchant_id, as_of_date) FROM features f LEFT JOIN labels l ON l.merchant_id = f.merchant_id AND l.as_of_date = f.as_of_date
           WHERE f.as_of_date = CAST($as_of_date AS DATE) ORDER BY f.merchant_id`
        : 'SELECT * FROM features WHERE as_of_date = CAST($as_of_date AS DATE) ORDER BY merchant_id';
      const dir = mkdtempSync(join(tmpdir(), 'capillary-export-'));
      try {
        const file = join(dir, 'features.parquet');
        await writeParquet(context.db, sql, file, { params: { as_of_date: query.as_of_date } });
        return c.body(readFileSync(file), 200, {
          'content-type': 'application/vnd.apache.parquet',
          'content-disposition': `attachment; filename="features-${query.as_of_date}.parquet"`,
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
