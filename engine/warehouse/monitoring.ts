/** What daily monitoring keeps beside the ledger events it writes: lines' signals and its runs. */
import { LineSignalsSchema, MonitoringRunSchema } from '../schema/index.ts';
import { defineTable } from './table.ts';

export const LINE_SIGNALS = defineTable({
  name: 'line_signals',
  grain: 'one row per open or frozen Easy Loan line per monitoring date',
  key: ['line_id', 'as_of_date'],
  schema: LineSignalsSchema,
  writtenBy: '`capillary monitor` (with its ledger events, in one transaction)',
  createdBy: 'ddl',
  primaryKey: true,
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    line_id: 'the line (line_events.line_id)',
    merchant_id: 'the merchant (merchants.merchant_id)',
    as_of_date: 'the monitoring date: signals read data before it, actions are dated on it',
    turnover_drop: { meaning: '1 − 28-day turnover over its seasonal baseline (own 91-day level × its segment’s movement); null without a baseline', unit: 'share' },
    closed_days: { meaning: 'days without approved payments in the last 28', unit: 'days' },
    turnover_cv: { meaning: 'coefficient of variation of daily net turnover over the last 28 days', unit: 'ratio' },
    refund_surge: { meaning: 'refund share of gross over the last 28 days less that of the 91 days before', unit: 'share' },
    decline_share: { meaning: 'declined over attempted payments in the last 28 days', unit: 'share' },
    pd: { meaning: 'behavioural PD: the merchant’s latest score before the date', unit: 'probability' },
    dpd: { meaning: 'days past due on the line', unit: 'days' },
    severity: 'worst severity a signal reached: watch, reduce or freeze (null: none)',
    action: 'none, watch, reduce_limit, freeze, unfreeze or increase_limit',
    reason: 'reason codes with their figures, as the ledger event states them',
    limit_before_fen: 'the line’s limit before the action',
    limit_after_fen: 'the line’s limit after it',
    balance_fen: 'principal outstanding',
  },
});

export const MONITORING_RUNS = defineTable({
  name: 'monitoring_runs',
  grain: 'one row per monitoring date (a rerun of the date finds it and writes nothing)',
  key: ['as_of_date'],
  schema: MonitoringRunSchema,
  writtenBy: '`capillary monitor`',
  createdBy: 'ddl',
  primaryKey: true,
  columns: {
    as_of_date: 'the monitoring date',
    policy_version: 'the credit policy whose monitoring section decided',
    model_id: 'the model whose scores gave the behavioural PD (null: none)',
    lines: { meaning: 'open or frozen lines monitored', unit: 'count' },
    watched: { meaning: 'watched events written', unit: 'count' },
    reduced: { meaning: 'limits reduced', unit: 'count' },
    frozen: { meaning: 'lines frozen', unit: 'count' },
    unfrozen: { meaning: 'lines unfrozen', unit: 'count' },
    increased: { meaning: 'limits raised', unit: 'count' },
    finished_at: 'when the run finished',
    seconds: { meaning: 'time the run took', unit: 'seconds' },
  },
});
