/**
 * A long job run inside the server (simulation, pipeline run, training, scoring, offers,
 * monitoring): what
 * was asked, where it stands, and what it produced. Progress is the latest stage's count.
 */
import { z } from 'zod';
import { localTimestamp } from './columns.ts';

export const JobKindSchema = z.enum(['simulate', 'pipeline', 'train', 'score', 'offers', 'monitor']);
export type JobKind = z.infer<typeof JobKindSchema>;

/** `interrupted`: the server stopped while the job ran; it is run again on the next start. */
export const JobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'interrupted']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

export const JobSchema = z
  .object({
    job_id: z.string().min(1).max(64),
    kind: JobKindSchema,
    status: JobStatusSchema,
    /** The job's parameters as JSON text. */
    params: z.string(),
    stage: z.string().nullable(),
    done: z.number().min(0).meta({ sql: 'DOUBLE' }),
    total: z.number().min(0).meta({ sql: 'DOUBLE' }),
    unit: z.string().nullable(),
    /** What it produced, as JSON text; null until it succeeds. */
    result: z.string().nullable(),
    error: z.string().nullable(),
    created_by: z.string().min(1),
    created_at: localTimestamp(),
    started_at: localTimestamp().nullable(),
    finished_at: localTimestamp().nullable(),
  })
  .strict();
export type Job = z.infer<typeof JobSchema>;
