/**
 * A backtest as text for a terminal: one line per policy (approval, defaults, expected against
 * realised loss, revenue and profit), then the frontier of approval rate against loss rate.
 *
 * @example
 *   process.stdout.write(formatBacktest(result));
 */
import { formatPercent } from '../../engine/credit/index.ts';
import type { BacktestResult } from './backtest.ts';

export function formatBacktest(r: BacktestResult): string {
  const head = [
    'policy', 'max PD', 'approved', 'approval', 'of turnover-eligible', 'default rate', 'observed exits', 'mean PD', 'true PD',
    'lines (RMB)', 'EL (RMB)', 'true EL (RMB)', 'realised loss (RMB)', 'EL/EAD', 'loss/EAD', 'revenue (RMB)', 'profit (RMB)', 'frontier',
  ];
  const rows = r.policies.map((p) => [
    p.policy_version,
    String(p.max_pd),
    p.approved.toLocaleString('en-US'),
    formatPercent(p.approval_rate, 1),
    formatPercent(p.approval_rate_passing_turnover_rules, 1),
    formatPercent(p.default_rate, 2),
    formatPercent(p.observed_exit_rate, 2),
    formatPercent(p.mean_pd_approved, 2),
    formatPercent(p.mean_true_pd_approved, 2),
    yuan(p.total_line_fen),
    yuan(p.expected_loss_fen),
    yuan(p.true_expected_loss_fen),
    yuan(p.realised_loss_fen),
    formatPercent(p.expected_loss_rate, 2),
    formatPercent(p.realised_loss_rate, 2),
    yuan(p.revenue_fen),
    yuan(p.profit_fen),
    p.on_frontier ? '*' : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const frontier = r.policies
    .filter((p) => p.on_frontier)
    .sort((a, b) => a.approval_rate - b.approval_rate)
    .map((p) => `  approve ${formatPercent(p.approval_rate, 1).padStart(6)} → loss ${formatPercent(p.realised_loss_rate, 2).padStart(6)} of EAD, default rate ${formatPercent(p.default_rate, 2).padStart(6)}  (${p.policy_version})`);
  return [
    `backtest as of ${r.as_of_date}: ${r.merchants.toLocaleString('en-US')} merchants scored by ${r.model_id}; outcomes over ${r.as_of_date} … ${r.horizon_end} ` +
      `(observed through ${r.observed_through}${r.outcomes_complete ? '' : ': INCOMPLETE, later defaults are missing'})`,
    'default = the business failed within 12 months (the simulator\'s truth); realised loss = LGD × EAD of the approved that defaulted',
    '',
    line(head),
    ...rows.map(line),
    '',
    'frontier (approval rate against realised loss rate; no policy approves more for less loss):',
    ...frontier,
  ].join('\n') + '\n';
}

const yuan = (fen: number) => Math.round(fen / 100).toLocaleString('en-US');
