/**
 * pipelines/portfolio: the Easy Loan book reported as of a date.
 *
 * - `portfolioReport(db, { asOfDate, fromDate?, policy? })`: exposure, utilisation, IFRS 9 stages
 *   and ECL by segment, vintage curves, roll rates and expected against realised loss
 *   (engine/schema/portfolio-report.ts), from line_events, the champion's PDs and the policy.
 * - `bookDate(db)`: the day after the ledger's last event, the date that shows the whole book.
 * - `formatPortfolioReport(report)`: the same as text for a terminal.
 */
export { bookDate, portfolioReport, type PortfolioOptions } from './report.ts';
export { formatPortfolioReport } from './format-report.ts';
export { bookLines, type BookLineRow } from './book-lines.ts';
