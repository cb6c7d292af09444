/**
 * A monitoring backtest as text for a terminal: lead times of the first warning before default,
 * how often warnings came true, the actions taken, and the loss with and without them.
 *
 * @example
 *   process.stdout.write(formatMonitoringBacktest(result));
 */
import { formatPercent } from '../../engine/credit/index.ts';
import type { LeadTimes, MonitoringBacktestResult } from './monitoring-backtest.ts';

export function formatMonitoringBacktest(r: MonitoringBacktestResult): string {
  const yuan = (fen: number) => `RMB ${Math.round(fen / 100).toLocaleString('en-US')}`;
  const days = (d: number | null) => (d === null ? '—' : `${Math.round(d)}`);
  const leads = (name: string, l: LeadTimes) =>
    `  ${name.padEnd(16)} warned ${l.warned}/${r.defaults} defaults; days from first warning to default: median ${days(l.median_lead_days)} ` +
    `(quartiles ${days(l.p25_lead_days)}–${days(l.p75_lead_days)}); warned ≥30 days ahead ${formatPercent(l.share_warned_30d, 1)}; ` +
    `before the first missed instalment: median ${days(l.median_before_first_missed_days)} (quartiles ${days(l.p25_before_first_missed_days)}–${days(l.p75_before_first_missed_days)}); ` +
    `${l.warned_lines} lines warned, ${formatPercent(l.share_of_warned_lines_defaulted, 1)} of them defaulted`;
  const a = r.actions;
  const saved = r.loss.static_loss_fen === 0 ? 0 : r.loss.saved_fen / r.loss.static_loss_fen;
  return [
    `monitoring backtest ${r.as_of_date} … ${r.end_date}, every ${r.step_days} days (${r.steps} steps), policy ${r.policy_version}, PD from ${r.model_id ?? 'no model'}`,
    `${r.lines_monitored} lines monitored, ${r.defaults} defaulted (90 days past due, from the ledger)`,
    leads('all signals', r.all_signals),
    leads('turnover only', r.turnover_signals),
    `  actions: ${a.watch} watch, ${a.reduce_limit} limit reduced, ${a.freeze} frozen, ${a.unfreeze} unfrozen, ${a.increase_limit} limit raised (raises not played against the ledger)`,
    `  loss at default (LGD ${formatPercent(r.loss.lgd, 0)} × principal outstanding): static ${yuan(r.loss.static_loss_fen)}, with monitoring ${yuan(r.loss.monitored_loss_fen)} ` +
      `(saved ${yuan(r.loss.saved_fen)}, ${formatPercent(saved, 1)}); draws refused on lines that did not default ${yuan(r.loss.blocked_on_good_lines_fen)}`,
  ].join('\n') + '\n';
}
