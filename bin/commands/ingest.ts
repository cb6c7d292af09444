/** `capillary ingest`: loads a lake, or exported files, into the warehouse (pipelines/ingest). */
import { Database } from '../../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable } from '../../engine/schema/index.ts';
import { describeFile, sortForLoad } from '../../pipelines/ingest/discover.ts';
import { ingestFiles, ingestLake, type IngestSummary } from '../../pipelines/ingest/ingest.ts';
import { checkWarehouse, formatReconciliation } from '../../pipelines/ingest/reconcile.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';

export const ingest: Command = {
  summary: 'load a lake (or exported CSV/Parquet files) into the warehouse, validating every row',
  usage: `--lake DIR [--db FILE] [--partial]
       capillary ingest FILE... --table TABLE [--db FILE]

  --lake DIR      a lake folder (as \`capillary simulate\` writes it); new and changed files load,
                  files already loaded are skipped
  --partial       load a lake folder that has no _SUCCESS.json yet
  --table TABLE   the table of the FILEs given by hand: ${Object.keys(LAKE_TABLES).join(', ')}
  --db FILE       warehouse (default ${dbOption.db.default})

Bad rows are kept in the quarantine table with their reason; the command prints, per table,
rows read = loaded + quarantined + duplicates. A file that cannot be read stops the ingest
with its name and the problem; files before it stay loaded, so a rerun continues.`,
  options: { lake: { type: 'string' }, table: { type: 'string' }, partial: { type: 'boolean', default: false }, ...dbOption },
  async run(values: OptionValues, positionals: string[]): Promise<number> {
    const lake = typeof values.lake === 'string' ? values.lake : null;
    if (lake && positionals.length > 0) throw new UsageError('give either --lake DIR or FILEs with --table, not both');
    if (!lake && positionals.length === 0) throw new UsageError('--lake DIR is required (or FILEs with --table)');
    let table: LakeTable | null = null;
    if (positionals.length > 0) {
      if (typeof values.table !== 'string' || !(values.table in LAKE_TABLES)) {
        throw new UsageError(`--table: one of ${Object.keys(LAKE_TABLES).join(', ')} is required with FILEs`);
      }
      table = values.table as LakeTable;
    }
    const db = await Database.open(String(values.db));
    try {
      const onProgress = progressBar();
      let summary: IngestSummary;
      if (lake) {
        summary = await ingestLake(db, lake, { requireFinished: values.partial !== true, onProgress });
      } else {
        const files = positionals.map((path) => {
          try {
            return describeFile(path, table!);
          } catch (error) {
            throw new UsageError((error as Error).message);
          }
        });
        summary = await ingestFiles(db, sortForLoad(files), { onProgress });
      }
      process.stdout.write(`${formatReconciliation(summary.totals, summary.unchanged)}\n`);
      const reasons = await db.all<{ table_name: string; reason: string; n: number }>(
        `SELECT table_name, reason, count(*) AS n FROM quarantine
         WHERE file_id IN (SELECT file_id FROM ingest_log WHERE path IN (SELECT unnest(string_split($paths, chr(10)))))
         GROUP BY ALL ORDER BY n DESC LIMIT 10`,
        { paths: summary.files.map((f) => f.path).join('\n') },
      );
      if (reasons.length > 0) {
        process.stdout.write(`quarantined rows by reason:\n${reasons.map((r) => `  ${r.table_name}: ${r.reason} (${r.n})`).join('\n')}\n`);
      }
      const mismatches = await checkWarehouse(db);
      if (mismatches.length > 0) {
        process.stderr.write(`warehouse does not match the ingest log: ${JSON.stringify(mismatches)}\n`);
        return 1;
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
