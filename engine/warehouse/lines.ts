/** The business date, the Easy Loan ledger, its writer's guard, the API's idempotency keys, officers' audit, jobs. */
import { z } from 'zod';
import { AuditEntrySchema, BusinessDateSchema, JobSchema, LineEventSchema, LineHeadSchema, LineRequestSchema } from '../schema/index.ts';
import { defineTable } from './table.ts';

/** The warehouse's business date as it moved forward; the current one is the latest. */
export const BUSINESS_DATES = defineTable({
  name: 'business_dates',
  grain: 'one row per move forward of the warehouse’s business date',
  key: ['business_date'],
  schema: BusinessDateSchema,
  writtenBy: 'run (the latest day of loaded turnover, or --as-of), through pipelines/business-date.ts',
  createdBy: 'ddl',
  primaryKey: true,
  columns: {
    business_date: 'the business date from then on (events written through the API carry it)',
    set_by: 'turnover (the latest day of loaded turnover) or as_of (a run’s --as-of)',
    set_at: 'when it moved',
  },
});

/**
 * The one book of Easy Loan lines: every event on every line, whoever wrote it. Ingest appends
 * the bank's legacy book from the lake (with its `file_id`); the API, officers and monitoring
 * append in the warehouse (file_id null). A line's state is the replay of its events.
 */
export const LINE_EVENTS = defineTable({
  name: 'line_events',
  grain: 'one row per event on an Easy Loan line (offered, accepted, drawn, due, repaid, missed, past due, defaulted, written off, limit changed, frozen, unfrozen, watched, closed)',
  key: ['event_id'],
  schema: LineEventSchema.extend({ file_id: z.number().int().min(1).nullable().meta({ sql: 'INTEGER' }) }),
  writtenBy: 'ingest (the bank’s legacy book), the API (merchants’ lines), officers and monitoring',
  createdBy: 'ddl',
  enums: 'enum',
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    event_id: 'the event',
    line_id: 'the Easy Loan line',
    merchant_id: 'the merchant (merchants.merchant_id)',
    business_date: 'the business day the event belongs to',
    event_type: 'what happened to the line',
    amount_fen: 'limit offered, opened or changed to; principal drawn or written off; instalment due or missed; cash repaid; 0 otherwise',
    interest_fen: 'the interest in a repayment or a due instalment',
    limit_fen: 'the line’s limit after the event',
    balance_fen: 'principal outstanding after the event',
    dpd: { meaning: 'days past due after the event', unit: 'days' },
    instalments: { meaning: 'instalments of a draw, 2 to 24', unit: 'instalments' },
    annual_rate: { meaning: 'annual interest rate of a draw, of the line accepted, or of a newer offer accepted on it (a limit change)', unit: 'rate per year' },
    repayment: 'how the line accepted or the draw is repaid: instalments, or holdback (a share of each day’s settled turnover)',
    source: 'who wrote it: legacy_book, api, officer or monitoring',
    reason: 'why: reason codes of a monitoring action, an officer’s reason',
    recorded_at: 'when it was written (null for events read from a bank’s file)',
    file_id: 'the ingested file it came from (ingest_log.file_id); null when written in the warehouse',
  },
});

/** One row per line the warehouse has appended to: the guard that serialises appends to a line. */
export const LINE_HEADS = defineTable({
  name: 'line_heads',
  grain: 'one row per Easy Loan line with events appended in the warehouse (API, officers, monitoring)',
  key: ['line_id'],
  schema: LineHeadSchema,
  writtenBy: 'the ledger’s writer (pipelines/lines/append-events.ts), with each append',
  createdBy: 'ddl',
  primaryKey: true,
  columns: {
    line_id: 'the line (line_events.line_id)',
    last_event_id: 'the last event appended in the warehouse',
    business_date: 'its business date',
    n_events: 'events appended in the warehouse on the line',
  },
});

export const LINE_REQUESTS = defineTable({
  name: 'line_requests',
  grain: 'one row per merchant per Idempotency-Key of a draw or repayment through the API',
  key: ['merchant_id', 'idempotency_key'],
  schema: LineRequestSchema,
  writtenBy: 'API (draws and repayments), in the transaction that appends the event',
  createdBy: 'ddl',
  // One request per merchant and key: a replay finds it, a race cannot insert two.
  primaryKey: true,
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    merchant_id: 'the merchant (merchants.merchant_id)',
    idempotency_key: 'the client’s key: a retry with it finds the event written',
    request_hash: { meaning: 'SHA-256 of the request, to refuse a key reused for another request', unit: 'hex digest' },
    event_id: 'the event the request wrote (line_events.event_id)',
  },
});

export const AUDIT_LOG = defineTable({
  name: 'audit_log',
  grain: 'one row per officer decision on an offer or action on a monitored line',
  key: ['audit_id'],
  schema: AuditEntrySchema,
  writtenBy: 'API (officers’ reviews and monitored lines)',
  createdBy: 'ddl',
  primaryKey: true,
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    audit_id: 'the entry',
    recorded_at: 'when the decision was recorded',
    actor: 'the officer',
    action: 'on an offer: approve, adjust or decline; on a line: confirm, override or contact',
    merchant_id: 'the merchant (merchants.merchant_id)',
    as_of_date: 'as-of date of the offer decided; the business date of an action on a line',
    line_before_fen: 'the line before the decision',
    line_after_fen: 'the line after it',
    reason: 'the officer’s reason',
    request_id: 'the API request that made it',
    line_id: 'the line acted on (line_events.line_id); null for an offer',
  },
});

export const JOBS = defineTable({
  name: 'jobs',
  grain: 'one row per job started through the API',
  key: ['job_id'],
  schema: JobSchema,
  writtenBy: 'API (jobs)',
  createdBy: 'ddl',
  primaryKey: true,
  columns: {
    job_id: 'the job',
    kind: 'simulate, pipeline, train, score, offers or monitor',
    status: 'queued, running, succeeded, failed or interrupted',
    params: { meaning: 'the job’s parameters', unit: 'JSON' },
    stage: 'the stage running now',
    done: { meaning: 'work done in the stage', unit: 'the stage’s unit' },
    total: { meaning: 'work in the stage', unit: 'the stage’s unit' },
    unit: 'what done and total count',
    result: { meaning: 'the job’s result', unit: 'JSON' },
    error: 'why it failed',
    created_by: 'who started it',
    created_at: 'when it was queued',
    started_at: 'when it started',
    finished_at: 'when it finished',
  },
});
