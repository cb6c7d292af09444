/** `capillary export features`: one as-of date of the features table as a Parquet file. */
import { resolve } from 'node:path';
import { Database, writeParquet } from '../../engine/db/index.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { UsageError } from '../usage-error.ts';
import { asOfDatesFrom } from './run.ts';

export const exportCommand: Command = {
  summary: 'export the features of an as-of date to a Parquet file (pandas and polars read it as is)',
  usage: `features --as-of DATE --out FILE.parquet [--labels] [--db FILE]

  --as-of DATE    the as-of date to export (computed before by \`capillary features\` or \`run\`)
  --out FILE      Parquet file to write
  --labels        add the label columns of that date (label_status, default_12m, ...)
  --db FILE       warehouse (default ${dbOption.db.default})`,
  options: { 'as-of': { type: 'string' }, out: { type: 'string' }, labels: { type: 'boolean', default: false }, ...dbOption },
  async run(values: OptionValues, positionals: string[]): Promise<number> {
    if (positionals.length !== 1 || positionals[0] !== 'features') throw new UsageError("what to export: only 'features' (capillary export features ...)");
    const [asOf] = asOfDatesFrom({ 'as-of': values['as-of'] });
    if (!asOf) throw new UsageError('--as-of DATE is required');
    if (typeof values.out !== 'string' || !values.out.endsWith('.parquet')) throw new UsageError('--out FILE.parquet is required');
    const db = await Database.open(warehousePath(values, { create: false }), { readOnly: true });
    try {
      const withLabels = values.labels === true;
      if (!(await db.exists('features')) || (withLabels && !(await db.exists('labels')))) {
        throw new Error(`the warehouse has no ${withLabels ? 'features or labels' : 'features'} yet; run \`capillary run --as-of ${asOf}\` first`);
      }
      const found = await db.one<{ n: number }>('SELECT count(*) AS n FROM features WHERE as_of_date = $as_of_date', { as_of_date: asOf });
      if (Number(found!.n) === 0) throw new Error(`no features as of ${asOf}; run \`capillary features --as-of ${asOf}\` first`);
      const query = withLabels
        ? `SELECT f.*, l.* EXCLUDE (merchant_id, as_of_date) FROM features f
           LEFT JOIN labels l ON l.merchant_id = f.merchant_id AND l.as_of_date = f.as_of_date
           WHERE f.as_of_date = $as_of_date ORDER BY f.merchant_id`
        : 'SELECT * FROM features WHERE as_of_date = $as_of_date ORDER BY merchant_id';
      const out = resolve(values.out);
      const rows = await writeParquet(db, query, out, { params: { as_of_date: asOf } });
      process.stdout.write(`${rows.toLocaleString('en-US')} merchants as of ${asOf} written to ${out}\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
