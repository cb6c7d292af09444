/**
 * Instalments against holdback as text for a terminal: one column per book, one line per figure.
 *
 * @example
 *   process.stdout.write(formatRepaymentComparison(compareRepayment(options)));
 */
import { formatPercent } from '../../engine/credit/index.ts';
import type { RepaymentBookSummary, RepaymentComparison } from './repayment-compare.ts';

const count = (n: number) => n.toLocaleString('en-US');
const yuan = (fen: number) => Math.round(fen / 100).toLocaleString('en-US');
const days = (d: number | null) => (d === null ? '–' : String(d));

const FIGURES: [string, (b: RepaymentBookSummary) => string][] = [
  ['lines', (b) => count(b.lines)],
  ['lines drawn', (b) => count(b.drawn_lines)],
  ['drawn (RMB)', (b) => yuan(b.drawn_fen)],
  ['principal repaid (RMB)', (b) => yuan(b.principal_repaid_fen)],
  ['share repaid', (b) => formatPercent(b.share_repaid, 1)],
  ['interest repaid (RMB)', (b) => yuan(b.interest_repaid_fen)],
  ['lines with a miss', (b) => count(b.lines_missed)],
  ['defaults (90 dpd)', (b) => count(b.defaults)],
  ['default rate', (b) => formatPercent(b.default_rate, 2)],
  ['loss at default (RMB)', (b) => yuan(b.loss_fen)],
  ['loss / drawn', (b) => formatPercent(b.loss_rate, 2)],
  ['repaid in full', (b) => count(b.repaid_in_full)],
  ['days to repay p25', (b) => days(b.days_to_repay_p25)],
  ['days to repay median', (b) => days(b.days_to_repay_median)],
  ['days to repay p75', (b) => days(b.days_to_repay_p75)],
];

export function formatRepaymentComparison(c: RepaymentComparison): string {
  const head = ['', ...c.books.map((b) => b.repayment)];
  const rows = FIGURES.map(([label, value]) => [label, ...c.books.map(value)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [
    `repayment compared on the same ${count(c.merchants)} merchants (seed ${c.seed}, ${c.days} days from ${c.start}): ` +
      `holdback ${formatPercent(c.holdback_share, 1)} of each day's settled turnover, at least ${formatPercent(c.holdback_min_share_30d, 2)} ` +
      `of the most owed since the line was last clear every 30 days (policy ${c.policy_version})`,
    'days to repay: from a line\'s first draw to its balance first back at zero, among lines that got there',
    '',
    line(head),
    ...rows.map(line),
  ].join('\n') + '\n';
}
