/**
 * The portfolio report as of a date (engine/schema/portfolio-report.ts): the book's exposure and
 * IFRS 9 stages by segment, vintage curves, roll rates pooled over the months of a period and
 * expected against realised loss over it, from the one ledger, the champion's PDs and the policy.
 * The SQL gathers lines; engine/credit does the arithmetic.
 *
 * @example
 *   const report = await portfolioReport(db, { asOfDate: '2025-01-01' }); // period: the 12 months before
 */
import {
  bookExposure, compareLoss, DEFAULT_POLICY, dpdBucket, rollRates, rollState, vintageCurves,
  type CreditPolicy,
} from '../../engine/credit/index.ts';
import { addMonths } from '../../engine/calendar/days.ts';
import type { Database } from '../../engine/db/index.ts';
import { PortfolioReportSchema, type DpdBucket, type PortfolioReport, type RollTarget } from '../../engine/schema/portfolio-report.ts';
import { championModel, compilePdSql } from '../../models/index.ts';
import { linesAsOf } from '../lines/line-state.ts';
import { bookLines, type PdSource } from './book-lines.ts';

export interface PortfolioOptions {
  asOfDate: string;
  /** Start of the period of roll rates and realised loss (default: 12 months before the as-of date). */
  fromDate?: string;
  policy?: CreditPolicy;
}

export async function portfolioReport(db: Database, options: PortfolioOptions): Promise<PortfolioReport> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const { asOfDate } = options;
  const fromDate = options.fromDate ?? addMonths(asOfDate, -12);
  if (fromDate >= asOfDate) throw new RangeError(`the period must start before the as-of date (${fromDate} is not before ${asOfDate})`);
  const champion = await championModel(db);
  const hasFeatures = await db.exists('features');
  const source: PdSource = { pdSql: champion && hasFeatures ? compilePdSql(champion.model) : null, defaultDpd: policy.ifrs9.stage3_dpd };

  const lines = await bookLines(db, asOfDate, source);
  const book = bookExposure(lines, policy);
  const opened = lines.filter((l): l is typeof l & { opened_date: string } => l.opened_date !== null);
  const atStart = await bookLines(db, fromDate, source);
  const realised = lines.filter((l) => l.default_date !== null && l.default_date >= fromDate).map((l) => ({ line_id: l.line_id, loss_fen: l.loss_fen }));

  return PortfolioReportSchema.parse({
    as_of_date: asOfDate,
    policy_version: policy.version,
    model_id: source.pdSql === null ? null : champion!.record.model_id,
    ...book,
    vintages: vintageCurves(opened, asOfDate),
    roll_rates: { from_date: fromDate, to_date: asOfDate, rows: rollRates(await monthlyMoves(db, fromDate, asOfDate)) },
    loss: compareLoss(atStart, realised, policy, fromDate, asOfDate),
  });
}

/**
 * Each accepted line's move between consecutive month-ends of the period. Lines closed or
 * written off at a month's start have left the book and roll no further.
 */
async function monthlyMoves(db: Database, fromDate: string, toDate: string): Promise<{ from: DpdBucket; to: RollTarget }[]> {
  const moves: { from: DpdBucket; to: RollTarget }[] = [];
  let before = new Map<string, DpdBucket>();
  for (let k = 0, date = fromDate; date <= toDate; k++, date = addMonths(fromDate, k)) {
    const accepted = (await linesAsOf(db, date)).filter((l) => l.opened_date !== null);
    const now = new Map(accepted.map((l) => [l.line_id, rollState(l.dpd, l.status)]));
    for (const [id, from] of before) moves.push({ from, to: now.get(id)! });
    const live = accepted.filter((l) => l.status !== 'closed' && l.status !== 'written_off');
    before = new Map(live.map((l) => [l.line_id, dpdBucket(l.dpd, l.status)]));
  }
  return moves;
}

/** The day after the ledger's last event: the report date that shows the whole book as it stands; null for an empty ledger. */
export async function bookDate(db: Database): Promise<string | null> {
  if (!(await db.exists('line_events'))) return null;
  const row = await db.one<{ d: string | null }>('SELECT CAST(max(business_date) + INTERVAL 1 DAY AS DATE)::VARCHAR AS d FROM line_events');
  return row?.d ?? null;
}
