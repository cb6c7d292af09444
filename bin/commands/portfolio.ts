/**
 * `capillary portfolio --as-of DATE`: the Easy Loan book as of a date — exposure, utilisation,
 * IFRS 9 stages and ECL by segment, vintage curves, roll rates and expected against realised
 * loss — as text, or as the report's JSON (the API's GET /api/v1/portfolio answers the same).
 */
import { Database } from '../../engine/db/index.ts';
import { formatPortfolioReport, portfolioReport } from '../../pipelines/portfolio/index.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { warehousePath } from '../warehouse-option.ts';
import { dateValue } from './model-options.ts';
import { policyValues } from './policy-option.ts';

export const portfolio: Command = {
  summary: 'the Easy Loan book as of a date: exposure, utilisation, IFRS 9 stages and ECL, vintages, roll rates, expected vs realised loss',
  usage: `--as-of DATE [--from DATE] [--json] [--policy FILE] [--db FILE]

  --as-of DATE    the report's date: the ledger's events before it
  --from DATE     start of the period of roll rates and realised loss (default: 12 months before --as-of)
  --json          the report as JSON (engine/schema/portfolio-report.ts)
  --policy FILE   an Easy Loan policy as JSON (its ifrs9 and expected_loss sections); default: the built-in policy
  --db FILE       warehouse (default ${dbOption.db.default})

PDs are the champion's, from each merchant's features at the latest date on or before
origination and on or before --as-of.`,
  options: { 'as-of': { type: 'string' }, from: { type: 'string' }, json: { type: 'boolean', default: false }, policy: { type: 'string' }, ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const asOfDate = dateValue(values, 'as-of');
    if (!asOfDate) throw new UsageError('--as-of DATE is required');
    const fromDate = dateValue(values, 'from');
    if (fromDate !== undefined && fromDate >= asOfDate) throw new UsageError(`--from: must be before --as-of (${fromDate} is not before ${asOfDate})`);
    const [policy] = policyValues(values.policy);
    const db = await Database.open(warehousePath(values, { create: false }), { readOnly: true });
    try {
      const report = await portfolioReport(db, { asOfDate, fromDate, policy });
      process.stdout.write(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatPortfolioReport(report));
      return 0;
    } finally {
      db.close();
    }
  },
};
