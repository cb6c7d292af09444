/**
 * Jobs run inside the server, one at a time (each is a heavy DuckDB writer, and the server is
 * the warehouse's one writer, ARCHITECTURE.md §5). The queue is bounded per role (429 past it), and a
 * job can be cancelled: a queued one never starts, a running one stops at its next progress
 * point (recorded as failed, "cancelled by …": the jobs table's statuses stay as they are). A job's progress lives in memory while it runs and
 * is written to the `jobs` table at each change of stage and at most once a second; a job the
 * server stopped in the middle of is marked interrupted and run again on the next start (every
 * job's steps are idempotent).
 */
import type { Database, Params } from '../../engine/db/index.ts';
import type { ProgressListener } from '../../engine/progress.ts';
import type { Job, JobKind } from '../../engine/schema/job.ts';
import { cstTimestamp, sortableId } from '../../engine/db/index.ts';
import { KeyedMutex } from '../http/keyed-mutex.ts';
import { ApiProblem } from '../http/problem.ts';

export interface JobWork {
  /** Runs on a connection of its own; returns what it produced (JSON-safe). */
  run(db: Database, params: Record<string, unknown>, onProgress: ProgressListener): Promise<unknown>;
}

const JOB_COLUMNS = `job_id, kind, status, params, stage, done, total, unit, result, error, created_by,
  strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
  strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at`;

/** Thrown at a cancelled job's next progress point. */
export class JobCancelled extends Error {}

export class JobRunner {
  private readonly live = new Map<string, Job>();
  /** Who submitted each live job, by role, to bound the queue per role. */
  private readonly roles = new Map<string, string>();
  /** Jobs asked to stop, and by whom. */
  private readonly cancelled = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Set once shutdown gave up waiting: what still runs must not overwrite 'interrupted'. */
  private abandoned = false;
  private running = 0;
  /** Job rows are written one statement at a time, on a connection of their own. */
  private readonly writes = new KeyedMutex();
  private writer: Promise<Database> | null = null;

  constructor(
    private readonly db: Database,
    private readonly kinds: Record<JobKind, JobWork>,
    private readonly log: (entry: Record<string, unknown>) => void,
    /** Queued and running jobs one role may have at once. */
    private readonly maxPerRole = 4,
  ) {}

  /** Puts interrupted jobs (and queued ones) back in line, oldest first. */
  async resume(): Promise<number> {
    const jobs = await this.db.all<Job>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE status IN ('queued', 'running', 'interrupted') ORDER BY job_id`);
    for (const job of jobs) this.enqueue({ ...job, status: 'queued' });
    return jobs.length;
  }

  private write(sql: string, params: Params): Promise<number> {
    this.writer ??= this.db.connect();
    return this.writes.run('jobs', async () => (await this.writer!).run(sql, params));
  }

  async submit(kind: JobKind, params: Record<string, unknown>, createdBy: string, role = 'system'): Promise<Job> {
    if (this.stopping) throw new ApiProblem(503, 'the server is shutting down; submit the job again after it restarts');
    const waiting = [...this.roles.entries()].filter(([id, r]) => r === role && ['queued', 'running'].includes(this.live.get(id)?.status ?? '')).length;
    if (waiting >= this.maxPerRole) {
      throw new ApiProblem(429, `${waiting} jobs of the ${role} role are queued or running (at most ${this.maxPerRole}); wait for one to finish or cancel one (POST /api/v1/jobs/{job_id}/cancel)`);
    }
    const job: Job = {
      job_id: sortableId('J'),
      kind,
      status: 'queued',
      params: JSON.stringify(params),
      stage: null,
      done: 0,
      total: 0,
      unit: null,
      result: null,
      error: null,
      created_by: createdBy,
      created_at: cstTimestamp(),
      started_at: null,
      finished_at: null,
    };
    await this.write(
      `INSERT INTO jobs VALUES ($job_id, $kind, $status, $params, $stage, $done, $total, $unit, $result, $error, $created_by,
         CAST($created_at AS TIMESTAMP), CAST($started_at AS TIMESTAMP), CAST($finished_at AS TIMESTAMP))`,
      job,
    );
    this.roles.set(job.job_id, role);
    this.enqueue(job);
    return job;
  }

  /**
   * Cancels a job: a queued one is finished now without running, a running one stops at its
   * next progress point. 404 for no such job; 409 (with its status) for one already finished.
   */
  async cancel(jobId: string, by: string): Promise<Job> {
    const job = await this.get(jobId);
    if (!job) throw new ApiProblem(404, `no job ${jobId}`, { field: 'job_id' });
    if (job.status !== 'queued' && job.status !== 'running') throw new ApiProblem(409, `job ${jobId} has already ${job.status === 'interrupted' ? 'been interrupted' : job.status}`, { current: { status: job.status } });
    this.cancelled.set(jobId, by);
    if (job.status === 'queued') {
      const done: Job = { ...job, status: 'failed', error: `cancelled by ${by} before it started`, finished_at: cstTimestamp() };
      await this.save(done);
      return done;
    }
    return job;
  }

  async get(jobId: string): Promise<Job | undefined> {
    return this.live.get(jobId) ?? (await this.db.one<Job>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE job_id = $job_id`, { job_id: jobId }));
  }

  async list(limit: number): Promise<Job[]> {
    const stored = await this.db.all<Job>(`SELECT ${JOB_COLUMNS} FROM jobs ORDER BY job_id DESC LIMIT $limit`, { limit });
    return stored.map((job) => this.live.get(job.job_id) ?? job);
  }

  /** Waits for every queued and running job; no new job may be submitted meanwhile. */
  async drain(): Promise<void> {
    this.stopping = true;
    await this.queue;
  }

  /** Stops waiting: what still runs is marked interrupted, to be resumed on the next start. */
  async interrupt(): Promise<void> {
    this.stopping = true;
    this.abandoned = true;
    for (const job of this.live.values()) {
      if (job.status === 'running' || job.status === 'queued') await this.save({ ...job, status: 'interrupted' }).catch(() => undefined);
    }
  }

  get busy(): boolean {
    return this.running > 0;
  }

  private enqueue(job: Job): void {
    this.live.set(job.job_id, job);
    this.queue = this.queue.then(() => {
      if (this.cancelled.has(job.job_id)) return this.forget(job.job_id);
      return this.stopping && job.status === 'queued' && this.interrupted(job) ? undefined : this.execute(job);
    });
  }

  private interrupted(job: Job): boolean {
    return this.live.get(job.job_id)?.status === 'interrupted';
  }

  private async execute(queued: Job): Promise<void> {
    let job: Job = { ...queued, status: 'running', started_at: cstTimestamp(), error: null };
    this.running++;
    await this.save(job);
    let lastSaved = Date.now();
    let lastStage: string | null = null;
    const connection = await this.db.connect();
    try {
      const result = await this.kinds[job.kind].run(connection, JSON.parse(job.params) as Record<string, unknown>, (event) => {
        const by = this.cancelled.get(job.job_id);
        if (by !== undefined) throw new JobCancelled(`cancelled by ${by} at ${job.stage ?? 'the start'}`);
        job = { ...job, stage: event.stage, done: event.done, total: event.total, unit: event.unit };
        this.live.set(job.job_id, job);
        if (!this.abandoned && (event.stage !== lastStage || Date.now() - lastSaved > 1000)) {
          lastStage = event.stage;
          lastSaved = Date.now();
          void this.save(job).catch(() => undefined);
        }
      });
      job = { ...job, status: 'succeeded', result: JSON.stringify(result ?? null), finished_at: cstTimestamp() };
      this.log({ level: 'info', msg: 'job succeeded', job_id: job.job_id, kind: job.kind });
    } catch (error) {
      job = { ...job, status: 'failed', error: error instanceof Error ? error.message : String(error), finished_at: cstTimestamp() };
      this.log({ level: 'error', msg: 'job failed', job_id: job.job_id, kind: job.kind, error: job.error });
    } finally {
      connection.close();
      this.running--;
    }
    if (this.abandoned) return;
    await this.save(job);
    // Finished jobs are read from the table from now on.
    this.forget(job.job_id);
  }

  private forget(jobId: string): void {
    this.live.delete(jobId);
    this.roles.delete(jobId);
    this.cancelled.delete(jobId);
  }

  private async save(job: Job): Promise<void> {
    this.live.set(job.job_id, job);
    await this.write(
      `UPDATE jobs SET status = $status, stage = $stage, done = $done, total = $total, unit = $unit, result = $result, error = $error,
         started_at = CAST($started_at AS TIMESTAMP), finished_at = CAST($finished_at AS TIMESTAMP)
       WHERE job_id = $job_id`,
      {
        status: job.status,
        stage: job.stage,
        done: job.done,
        total: job.total,
        unit: job.unit,
        result: job.result,
        error: job.error,
        started_at: job.started_at,
        finished_at: job.finished_at,
        job_id: job.job_id,
      },
    );
  }
}
