import type { Job } from '../../engine/schema/job.ts';
import type { JobView } from './schemas.ts';

export function jobView(job: Job): JobView {
  const { params, result, ...rest } = job;
  return {
    ...rest,
    params: JSON.parse(params) as Record<string, unknown>,
    result: result === null ? null : (JSON.parse(result) as unknown),
    progress: job.status === 'succeeded' ? 1 : job.total > 0 ? Math.min(1, job.done / job.total) : 0,
  };
}
