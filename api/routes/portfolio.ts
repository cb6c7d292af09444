/**
 * The portfolio report for credit officers (GET /api/v1/portfolio): the same report as
 * `capillary portfolio --json`, one schema (engine/schema/portfolio-report.ts).
 */
import { z } from 'zod';
import { isoDate } from '../../engine/schema/columns.ts';
import { PortfolioReportSchema } from '../../engine/schema/portfolio-report.ts';
import type { Database } from '../../engine/db/index.ts';
import { bookDate, portfolioReport } from '../../pipelines/portfolio/index.ts';
import type { AppContext } from '../context.ts';
import { ApiProblem } from '../http/problem.ts';
import { reply, type Routes } from '../http/route.ts';

const OFFICERS = ['officer', 'admin'] as const;

export const PortfolioQuerySchema = z
  .object({
    as_of_date: isoDate().optional().describe("the ledger's events before this date (default: the day after its last event)"),
    from_date: isoDate().optional().describe('start of the period of roll rates and realised loss (default: 12 months before as_of_date)'),
  })
  .strict();
export type PortfolioQuery = z.infer<typeof PortfolioQuerySchema>;

/** The report a query asks for; a refusal names its field. Shared by the route and the page. */
export async function reportFor(db: Database, query: PortfolioQuery) {
  const asOfDate = query.as_of_date ?? (await bookDate(db));
  if (asOfDate === null) throw new ApiProblem(404, 'the ledger has no events yet: there is no book to report', { field: 'query.as_of_date' });
  if (query.from_date !== undefined && query.from_date >= asOfDate) {
    throw new ApiProblem(422, `from_date must be before as_of_date (${query.from_date} is not before ${asOfDate})`, { field: 'query.from_date' });
  }
  return portfolioReport(db, { asOfDate, fromDate: query.from_date });
}

export function portfolioRoutes(routes: Routes, context: AppContext): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/portfolio',
      tag: 'officers',
      summary: 'the Easy Loan book as of a date: exposure, utilisation, IFRS 9 stages and ECL by segment, vintages, roll rates, expected vs realised loss',
      roles: OFFICERS,
      query: PortfolioQuerySchema,
      responses: { 200: { description: 'the portfolio report', schema: PortfolioReportSchema }, 404: { description: 'the ledger has no events yet' } },
    },
    async (c, { query }) => reply(c, PortfolioReportSchema, await reportFor(context.db, query)),
  );
}
