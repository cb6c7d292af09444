/** `capillary check`: a warehouse checked against the contract, one line per finding. */
import { existsSync } from 'node:fs';
import { Database } from '../../engine/db/index.ts';
import { checkWarehouse, findingLine, WAREHOUSE_TABLES } from '../../engine/warehouse/index.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { UsageError } from '../usage-error.ts';

export const check: Command = {
  summary: 'check a warehouse against the contract: columns, types, keys, nulls, values, references',
  usage: `[--db FILE]

  --db FILE    warehouse (default ${dbOption.db.default})

Prints one line per finding (missing, extra or mistyped columns, repeated keys, nulls in
required columns, values outside their set, rows naming no row of the table they reference,
tables the contract does not declare) and exits 1; exits 0 with a one-line summary when clean.
Declared tables not built yet are listed in the summary, not as findings.`,
  options: { ...dbOption },
  async run(values: OptionValues): Promise<number> {
    const path = String(values.db);
    if (!existsSync(path)) throw new UsageError(`--db: no warehouse at ${path}`);
    const db = await Database.open(path, { readOnly: true });
    try {
      const report = await checkWarehouse(db, WAREHOUSE_TABLES);
      for (const finding of report.findings) process.stdout.write(`${findingLine(finding)}\n`);
      const absent = report.absent.length > 0 ? `; not built yet: ${report.absent.join(', ')}` : '';
      const summary = `${report.checked.length} tables, ${report.rows} rows checked against the contract`;
      if (report.findings.length > 0) {
        process.stderr.write(`${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${summary}${absent}\n`);
        return 1;
      }
      process.stdout.write(`ok: ${summary}${absent}\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
