/**
 * The portfolio summary as text for a terminal: one line for the book, then a table by segment
 * and one by grade, then declines by rule.
 *
 * @example
 *   process.stdout.write(formatPortfolio(run.summary));
 */
import { formatPercent, formatRmb, type PortfolioCell, type PortfolioSummary } from '../../engine/credit/index.ts';

export function formatPortfolio(s: PortfolioSummary): string {
  const lines = [
    `${s.n.toLocaleString('en-US')} merchants: ${s.n_offers.toLocaleString('en-US')} offers (${formatPercent(s.approval_rate, 1)}), ` +
      `lines ${formatRmb(s.total_line_fen)}, EAD ${formatRmb(s.total_ead_fen)}, expected loss ${formatRmb(s.total_expected_loss_fen)} ` +
      `(${formatPercent(s.expected_loss_rate, 2)} of EAD), mean PD of offers ${formatPercent(s.mean_pd_offers, 2)}`,
    '',
    ...table('segment', s.by_segment),
    '',
    ...table('grade', s.by_grade),
    '',
    `declines by rule: ${Object.entries(s.declines_by_rule).map(([rule, n]) => `${rule} ${n!.toLocaleString('en-US')}`).join(', ') || 'none'}`,
  ];
  return `${lines.join('\n')}\n`;
}

function table(name: string, cells: Record<string, PortfolioCell>): string[] {
  const head = [name, 'merchants', 'offers', 'approval', 'lines (RMB)', 'EAD (RMB)', 'EL (RMB)', 'EL/EAD', 'mean PD'];
  const rows = Object.entries(cells).map(([key, c]) => [
    key,
    c.n.toLocaleString('en-US'),
    c.n_offers.toLocaleString('en-US'),
    formatPercent(c.approval_rate, 1),
    yuan(c.total_line_fen),
    yuan(c.total_ead_fen),
    yuan(c.total_expected_loss_fen),
    formatPercent(c.expected_loss_rate, 2),
    formatPercent(c.mean_pd_offers, 2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)];
}

const yuan = (fen: number) => Math.round(fen / 100).toLocaleString('en-US');
