/**
 * `capillary monitor --as-of D`: every open or frozen line's signals as of D, the policy's action
 * for each, written as ledger events dated D through the one writer (pipelines/lines/
 * append-events.ts, source 'monitoring', reason = the codes with their figures), with each line's
 * signals (line_signals) and the run (monitoring_runs), all in one transaction. A rerun of D finds
 * its run and writes nothing: the date is monitored once.
 *
 * @example
 *   const run = await monitorLines(db, { asOfDate: '2024-06-01' });
 *   run.frozen; // lines frozen today
 */
import { decideMonitoring, DEFAULT_POLICY, reasonText, type CreditPolicy } from '../../engine/credit/index.ts';
import { cstTimestamp, type Database } from '../../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import type { LineSignalsRow, MonitoringRun } from '../../engine/schema/index.ts';
import { ensureTables, LINE_SIGNALS, MONITORING_RUNS } from '../../engine/warehouse/index.ts';
import { championModel, ensureScoreTables } from '../../models/index.ts';
import { businessDate, latestTurnoverDay } from '../business-date.ts';
import { appendToLine } from '../lines/append-events.ts';
import { lineSignals } from './signals.ts';

export interface MonitorOptions {
  asOfDate: string;
  /** Default: engine/credit's DEFAULT_POLICY. */
  policy?: CreditPolicy;
  /** The model whose scores give the behavioural PD; default the champion (none: no PD signal). */
  modelId?: string | null;
  onProgress?: ProgressListener;
}

export interface MonitorResult extends MonitoringRun {
  /** True when the date had been monitored already (nothing written now). */
  already_monitored: boolean;
}

const COUNTED = { watched: 'watch', reduced: 'reduce_limit', frozen: 'freeze', unfrozen: 'unfreeze', increased: 'increase_limit' } as const;

export async function monitorLines(db: Database, options: MonitorOptions): Promise<MonitorResult> {
  const started = performance.now();
  const { asOfDate } = options;
  const policy = options.policy ?? DEFAULT_POLICY;
  const progress = options.onProgress ?? silentProgress;
  const stage = `monitor ${asOfDate}`;
  await ensureTables(db, [LINE_SIGNALS, MONITORING_RUNS]);
  const last = (await db.one<{ d: string | null }>('SELECT CAST(max(business_date) AS VARCHAR) AS d FROM line_events'))?.d ?? null;
  if (last !== null && last > asOfDate) {
    throw new MonitoringDateError(
      `monitoring as of ${asOfDate} would write events dated before the ledger's last (${last}): the ledger is appended to, never rewritten; ` +
        `monitor at the business date (${(await monitoringDate(db)) ?? last}), or replay a past date with \`capillary backtest --monitoring\``,
    );
  }
  // signals.sql reads the behavioural PD from scores, empty until a model scores.
  await ensureScoreTables(db);
  const previous = await monitoringRun(db, asOfDate);
  if (previous) return { ...previous, already_monitored: true };

  const modelId = options.modelId !== undefined ? options.modelId : ((await championModel(db))?.record.model_id ?? null);
  const lines = await lineSignals(db, asOfDate, modelId);
  progress({ stage, done: 0, total: lines.length, unit: 'lines' });
  const rows: LineSignalsRow[] = [];
  const counts = { watched: 0, reduced: 0, frozen: 0, unfrozen: 0, increased: 0 };
  const run = await db.transaction(async (tx) => {
    for (const [k, l] of lines.entries()) {
      const d = decideMonitoring(policy.monitoring, policy.line.max_line_fen, l.line, l.signals);
      const reason = d.reasons.length > 0 ? reasonText(d.reasons, l.signals) : null;
      if (d.event_type) {
        await appendToLine(tx, {
          line_id: l.line_id, merchant_id: l.merchant_id, business_date: asOfDate, source: 'monitoring',
          events: [{ event_type: d.event_type, amount_fen: d.event_type === 'limit_changed' ? d.limit_fen : 0, reason }],
        });
      }
      for (const [key, action] of Object.entries(COUNTED)) if (d.action === action) counts[key as keyof typeof counts]++;
      rows.push({
        line_id: l.line_id, merchant_id: l.merchant_id, as_of_date: asOfDate, ...l.signals, closed_days: l.signals.closed_days ?? 28,
        dpd: l.signals.dpd ?? 0, severity: d.severity, action: d.action, reason,
        limit_before_fen: l.line.limit_fen, limit_after_fen: d.limit_fen, balance_fen: l.line.balance_fen,
      });
      if ((k + 1) % 500 === 0) progress({ stage, done: k + 1, total: lines.length, unit: 'lines' });
    }
    if (rows.length > 0) await tx.append('line_signals', rowColumns(rows, LINE_SIGNALS.declared.map((c) => c.name)));
    const record: MonitoringRun = {
      as_of_date: asOfDate, policy_version: policy.version, model_id: modelId, lines: lines.length, ...counts,
      finished_at: cstTimestamp(new Date()), seconds: (performance.now() - started) / 1000,
    };
    await tx.append('monitoring_runs', rowColumns([record], MONITORING_RUNS.declared.map((c) => c.name)));
    return record;
  });
  progress({ stage, done: lines.length, total: lines.length, unit: 'lines' });
  return { ...run, already_monitored: false };
}

/** A monitoring date the ledger cannot take (before its last event). */
export class MonitoringDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MonitoringDateError';
  }
}

/**
 * The day monitoring runs at by default: the warehouse's business date (pipelines/business-date.ts),
 * or the latest day of loaded turnover when later (a run moves the business date to it only
 * once its steps are done, and monitor is one of them). Signals read the days before it; its
 * actions are dated on it.
 */
export async function monitoringDate(db: Database): Promise<string | null> {
  const dates = [await businessDate(db), await latestTurnoverDay(db)].filter((d): d is string => d !== null);
  return dates.length === 0 ? null : dates.reduce((a, b) => (a > b ? a : b));
}

/** The run of a date, or null when it has not been monitored. */
export async function monitoringRun(db: Database, asOfDate: string): Promise<MonitoringRun | null> {
  if (!(await db.exists('monitoring_runs'))) return null;
  const row = await db.one<MonitoringRun>(
    `SELECT CAST(as_of_date AS VARCHAR) AS as_of_date, policy_version, model_id, lines, watched, reduced, frozen, unfrozen, increased,
            strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at, seconds
     FROM monitoring_runs WHERE as_of_date = CAST($d AS DATE)`,
    { d: asOfDate },
  );
  return row ?? null;
}

/** Rows as the appender's columns, in the declaration's names. */
function rowColumns<T extends object>(rows: readonly T[], names: readonly string[]): Record<string, (string | number | boolean | null)[]> {
  return Object.fromEntries(names.map((n) => [n, rows.map((r) => ((r as Record<string, unknown>)[n] ?? null) as string | number | boolean | null)]));
}
