/**
 * Every open or frozen line's signals and state as of a date (signals.sql), shaped for the
 * monitoring decision (engine/credit/monitoring.ts). The runner and the backtest read the same.
 *
 * @example
 *   const lines = await lineSignals(db, '2024-06-01', championId);
 *   decideMonitoring(policy.monitoring, policy.line.max_line_fen, lines[0].line, lines[0].signals);
 */
import type { LineSignals, MonitoredLine } from '../../engine/credit/index.ts';
import type { LineStatus } from '../../engine/credit/line-state.ts';
import type { Database } from '../../engine/db/index.ts';
import { lineStateSql } from '../lines/line-state.ts';
import { readSql } from '../sql-file.ts';

export interface MonitoredLineRow {
  line_id: string;
  merchant_id: string;
  line: MonitoredLine;
  signals: LineSignals;
}

type Raw = {
  line_id: string;
  merchant_id: string;
  status: LineStatus;
  limit_fen: number;
  balance_fen: number;
  dpd: number;
  days_open: number;
  days_since_action: number | null;
  days_since_increase: number | null;
  frozen_by_monitoring: boolean;
  turnover_drop: number | null;
  closed_days: number;
  turnover_cv: number | null;
  refund_surge: number | null;
  decline_share: number | null;
  pd: number | null;
};

/** The statement; binds $as_of_date and $model_id (the model whose scores give the PD; '' for none). */
export function signalsSql(): string {
  return readSql(import.meta.url, 'signals.sql', { line_state: lineStateSql() });
}

export async function lineSignals(db: Database, asOfDate: string, modelId: string | null): Promise<MonitoredLineRow[]> {
  const rows = await db.all<Raw>(signalsSql(), { as_of_date: asOfDate, model_id: modelId ?? '' });
  return rows.map((r) => ({
    line_id: r.line_id,
    merchant_id: r.merchant_id,
    line: {
      status: r.status, limit_fen: Number(r.limit_fen), balance_fen: Number(r.balance_fen), days_open: r.days_open,
      days_since_action: r.days_since_action, days_since_increase: r.days_since_increase, frozen_by_monitoring: r.frozen_by_monitoring,
    },
    signals: {
      turnover_drop: r.turnover_drop, closed_days: r.closed_days, turnover_cv: r.turnover_cv, refund_surge: r.refund_surge,
      decline_share: r.decline_share, pd: r.pd, dpd: r.dpd,
    },
  }));
}
