/**
 * The sums behind the portfolio summary of a date's slice (pipelines/offers/portfolio.ts):
 * one cell per whole book, segment and grade, and declines counted by failing rule.
 */
import type { Rule } from '../../../engine/credit/index.ts';
import type { Database } from '../../../engine/db/index.ts';
import { storeSql } from './sql.ts';

export type PortfolioCellRow = {
  dimension: 'all' | 'segment' | 'grade';
  key: string;
  n: number;
  n_offers: number;
  total_line_fen: number;
  total_ead_fen: number;
  total_expected_loss_fen: number;
  sum_pd_offers: number;
};

export function portfolioCells(db: Database, asOfDate: string): Promise<PortfolioCellRow[]> {
  return db.all<PortfolioCellRow>(storeSql('portfolio.sql'), { as_of_date: asOfDate });
}

export async function declinesByRule(db: Database, asOfDate: string): Promise<{ rule: Rule; n: number }[]> {
  return (await db.all<{ rule: Rule; n: number }>(storeSql('declines-by-rule.sql'), { as_of_date: asOfDate })).map((r) => ({ rule: r.rule, n: Number(r.n) }));
}
