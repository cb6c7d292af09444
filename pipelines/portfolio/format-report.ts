/**
 * The portfolio report as text for a terminal: the book in one line, exposure and IFRS 9 stages
 * by segment, roll rates, vintage curves at 3, 6, 12 and 24 months on book, and expected against
 * realised loss.
 *
 * @example
 *   process.stdout.write(formatPortfolioReport(report));
 */
import { formatPercent, formatRmb } from '../../engine/credit/index.ts';
import { ROLL_TARGETS, type ExposureCell, type PortfolioReport } from '../../engine/schema/portfolio-report.ts';
import { align } from '../../models/training/format-report.ts';

const yuan = (fen: number) => Math.round(fen / 100).toLocaleString('en-US');
const VINTAGE_MONTHS = [3, 6, 12, 24];

export function formatPortfolioReport(r: PortfolioReport): string {
  const t = r.total;
  const lines = [
    `Easy Loan book as of ${r.as_of_date} (policy ${r.policy_version}, PDs from ${r.model_id ?? 'no model: the worst grade band'}): ` +
      `${t.n_lines.toLocaleString('en-US')} lines, limits ${formatRmb(t.limit_fen)}, drawn ${formatRmb(t.balance_fen)} (utilisation ${formatPercent(t.utilisation, 1)}), ` +
      `EAD ${formatRmb(t.ead_fen)}, ECL ${formatRmb(t.ecl_fen)} (${formatPercent(t.coverage, 2)} of EAD)`,
    `stage reasons: ${Object.entries(r.stage_reasons).map(([k, n]) => `${k} ${n}`).join(', ')}; lines without a PD ${r.n_lines_without_pd}, without an origination PD ${r.n_lines_without_origination_pd}`,
    '',
    ...align([
      ['segment', 'lines', 'EAD (RMB)', 'util.', 'ECL (RMB)', 'cover', 'S1 EAD', 'S2 EAD', 'S3 EAD', 'S1 ECL', 'S2 ECL', 'S3 ECL'],
      ...r.by_segment.map((s) => cellRow(s.segment, s)),
      cellRow('all', t),
    ]),
    '',
    `roll rates, month to month, ${r.roll_rates.from_date} to ${r.roll_rates.to_date} (share of line-months in each bucket a month later):`,
    ...align([['from', 'n', ...ROLL_TARGETS], ...r.roll_rates.rows.map((row) => [row.from, String(row.n), ...ROLL_TARGETS.map((to) => formatPercent(row.to[to], 1))])]),
    '',
    'vintage curves (cumulative default rate by months on book):',
    ...align([
      ['vintage', 'lines', 'defaults', ...VINTAGE_MONTHS.map((m) => `${m}m`)],
      ...r.vintages.map((v) => [v.vintage, String(v.n_lines), String(v.n_defaults), ...VINTAGE_MONTHS.map((m) => {
        const p = v.points[m];
        return p ? formatPercent(p.cumulative_default_rate, 1) : '';
      })]),
    ]),
    '',
    `expected vs realised, ${r.loss.from_date} to ${r.loss.to_date}, ${r.loss.n_lines.toLocaleString('en-US')} lines performing at the start: ` +
      `defaults ${r.loss.expected_defaults.toFixed(1)} expected, ${r.loss.realised_defaults} realised; ` +
      `loss ${formatRmb(r.loss.expected_loss_fen)} expected (PD × LGD × EAD), ${formatRmb(r.loss.realised_loss_fen)} realised (principal at default, no recoveries recorded)`,
  ];
  return `${lines.join('\n')}\n`;
}

function cellRow(name: string, c: ExposureCell): string[] {
  return [
    name, c.n_lines.toLocaleString('en-US'), yuan(c.ead_fen), formatPercent(c.utilisation, 1), yuan(c.ecl_fen), formatPercent(c.coverage, 2),
    ...c.stages.map((s) => yuan(s.ead_fen)), ...c.stages.map((s) => yuan(s.ecl_fen)),
  ];
}
