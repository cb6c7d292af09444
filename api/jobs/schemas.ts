/** What each kind of job accepts (the job record itself is engine/schema/job.ts). */
import { z } from 'zod';
import { isoDate } from '../../engine/schema/columns.ts';
import { GRAINS } from '../../engine/simulator/index.ts';
import { JobSchema } from '../../engine/schema/job.ts';
import { ALGORITHMS, WAREHOUSE_TARGETS } from '../../models/training/index.ts';

export const SimulateJobSchema = z
  .object({
    merchants: z.number().int().min(1).max(3_000_000).default(2000),
    days: z.number().int().min(1).max(3650).default(365),
    start: isoDate().default('2024-01-01'),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    grain: z.enum(GRAINS).default('settlement'),
    warehouse: z.boolean().default(false).describe('also ingest the lake into a warehouse of its own (never the serving one) and run the pipeline there'),
  })
  .strict();

export const PipelineJobSchema = z
  .object({
    from: isoDate().describe('first monthly as-of date'),
    to: isoDate().describe('last as-of date (inclusive)'),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'to is before from', path: ['to'] });

export const TrainJobSchema = z
  .object({
    algorithm: z.enum(ALGORITHMS),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
    target: z.enum(WAREHOUSE_TARGETS as unknown as [string, ...string[]]).optional(),
    from: isoDate().optional(),
    to: isoDate().optional(),
    holdout: z.number().min(0).lt(1).default(0.2),
  })
  .strict();

export const ScoreJobSchema = z
  .object({ as_of_date: isoDate().optional().describe('default: the latest as-of date of the features table') })
  .strict();

export const OffersJobSchema = z
  .object({ as_of_date: isoDate().optional().describe('default: the champion’s latest scored as-of date') })
  .strict();

export const MonitorJobSchema = z
  .object({ as_of_date: isoDate().optional().describe('default: the business date (the latest day of turnover)') })
  .strict();

/** A job as the API shows it: params and result parsed from their JSON text. */
export const JobViewSchema = JobSchema.omit({ params: true, result: true })
  .extend({ params: z.record(z.string(), z.unknown()), result: z.unknown().nullable(), progress: z.number().min(0).max(1) })
  .strict();
export type JobView = z.infer<typeof JobViewSchema>;

export const JobListSchema = z.object({ jobs: z.array(JobViewSchema) }).strict();
export const JobParamsSchema = z.object({ job_id: z.string().regex(/^J\d{19}[0-9a-f]{8}$/, 'a job id as POST /api/v1/jobs/... returned it') }).strict();
