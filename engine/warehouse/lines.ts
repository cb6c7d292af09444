/** What the API writes: accepted credit lines and their draws and repayments, officers' audit, jobs. */
import { AuditEntrySchema, CreditLineSchema, JobSchema, LineTransactionSchema } from '../schema/index.ts';
import { defineTable } from './table.ts';

export const CREDIT_LINES = defineTable({
  name: 'credit_lines',
  grain: 'one row per accepted Easy Loan line',
  key: ['line_id'],
  schema: CreditLineSchema,
  writtenBy: 'API (a merchant accepts an offer)',
  createdBy: 'ddl',
  primaryKey: true,
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    line_id: 'the line',
    merchant_id: 'the merchant (merchants.merchant_id)',
    offer_as_of_date: 'as-of date of the offer accepted',
    line_fen: 'the line’s limit',
    annual_rate: { meaning: 'annual interest rate', unit: 'rate per year' },
    balance_fen: 'outstanding balance',
    status: 'open or closed',
    opened_at: 'when the merchant accepted',
  },
});

export const LINE_TRANSACTIONS = defineTable({
  name: 'line_transactions',
  grain: 'one row per draw or repayment on a line',
  key: ['transaction_id'],
  schema: LineTransactionSchema,
  writtenBy: 'API (draws and repayments)',
  createdBy: 'ddl',
  primaryKey: true,
  references: { line_id: 'credit_lines.line_id', merchant_id: 'merchants.merchant_id' },
  // One transaction per merchant and key: a replay finds it, a race cannot insert two.
  after: ['CREATE UNIQUE INDEX IF NOT EXISTS line_transactions_key ON line_transactions (merchant_id, idempotency_key)'],
  columns: {
    transaction_id: 'the transaction',
    line_id: 'the line (credit_lines.line_id)',
    merchant_id: 'the merchant (merchants.merchant_id)',
    kind: 'draw or repayment',
    amount_fen: 'amount drawn or repaid',
    instalments: { meaning: 'instalments of a draw, 2 to 24', unit: 'instalments' },
    monthly_repayment_fen: 'monthly repayment of a draw',
    balance_after_fen: 'the line’s balance after it',
    idempotency_key: 'the client’s key: a retry with it finds this row',
    request_hash: { meaning: 'SHA-256 of the request, to refuse a key reused for another request', unit: 'hex digest' },
    created_at: 'when it was recorded',
  },
});

export const AUDIT_LOG = defineTable({
  name: 'audit_log',
  grain: 'one row per officer decision on an offer',
  key: ['audit_id'],
  schema: AuditEntrySchema,
  writtenBy: 'API (officers’ reviews)',
  createdBy: 'ddl',
  primaryKey: true,
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    audit_id: 'the entry',
    recorded_at: 'when the decision was recorded',
    actor: 'the officer',
    action: 'approve, adjust or decline',
    merchant_id: 'the merchant (merchants.merchant_id)',
    as_of_date: 'as-of date of the offer decided',
    line_before_fen: 'the line before the decision',
    line_after_fen: 'the line after it',
    reason: 'the officer’s reason',
    request_id: 'the API request that made it',
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
    kind: 'simulate, pipeline, train, score or offers',
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
