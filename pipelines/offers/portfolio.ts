/**
 * The portfolio summary of an offers slice (engine/credit's PortfolioSummary), summed in DuckDB
 * instead of over millions of Decision objects: counts, approval rate, lines, exposure and
 * expected loss, overall, by segment and by grade; declines counted by failing rule.
 *
 * @example
 *   (await portfolioSummary(db, '2024-01-01')).by_segment.cafe.approval_rate;
 */
import type { PortfolioCell, PortfolioSummary } from '../../engine/credit/index.ts';
import type { Database } from '../../engine/db/index.ts';
import { declinesByRule, portfolioCells, type PortfolioCellRow as CellRow } from './store/index.ts';

export async function portfolioSummary(db: Database, asOfDate: string): Promise<PortfolioSummary> {
  const rows = await portfolioCells(db, asOfDate);
  const all = rows.find((r) => r.dimension === 'all');
  const table = (dimension: CellRow['dimension']) =>
    Object.fromEntries(rows.filter((r) => r.dimension === dimension).sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, cell(r)]));
  const rules = await declinesByRule(db, asOfDate);
  return {
    ...cell(all ?? { dimension: 'all', key: '', n: 0, n_offers: 0, total_line_fen: 0, total_ead_fen: 0, total_expected_loss_fen: 0, sum_pd_offers: 0 }),
    by_segment: table('segment'),
    by_grade: table('grade'),
    declines_by_rule: Object.fromEntries(rules.map((r) => [r.rule, r.n])),
  };
}

function cell(r: CellRow): PortfolioCell {
  const n = Number(r.n);
  const offers = Number(r.n_offers);
  const ead = Number(r.total_ead_fen);
  const loss = Number(r.total_expected_loss_fen);
  return {
    n,
    n_offers: offers,
    n_declines: n - offers,
    approval_rate: n > 0 ? offers / n : 0,
    total_line_fen: Number(r.total_line_fen),
    total_ead_fen: ead,
    total_expected_loss_fen: loss,
    expected_loss_rate: ead > 0 ? loss / ead : 0,
    mean_pd_offers: offers > 0 ? Number(r.sum_pd_offers) / offers : 0,
  };
}
