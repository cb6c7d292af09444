/** `capillary ingest`: loads a lake, or exported files, into the warehouse (pipelines/ingest). */
import { Database } from '../../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable } from '../../engine/schema/index.ts';
import { existsSync, statSync } from 'node:fs';
import { describeFile, sortForLoad, type LakeFile } from '../../pipelines/ingest/discover.ts';
import { ingestFiles, ingestLake, recheckQuarantine, type IngestSummary } from '../../pipelines/ingest/ingest.ts';
import { formatManifestMismatches } from '../../pipelines/ingest/lake-manifest.ts';
import type { FileResult } from '../../pipelines/ingest/load-batch.ts';
import { reconcileWithIngestLog, formatReconciliation } from '../../pipelines/ingest/reconcile.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { warehousePath } from '../warehouse-option.ts';

export const ingest: Command = {
  summary: 'load a lake (or exported CSV/Parquet files) into the warehouse, validating every row',
  usage: `--lake DIR [--db FILE] [--partial]
       capillary ingest FILE... --table TABLE [--db FILE]
       capillary ingest --recheck [--db FILE]

  --lake DIR      a lake folder (as \`capillary simulate\` writes it); new and changed files load,
                  files already loaded are skipped
  --partial       load a lake folder that has no _SUCCESS.json yet
  --table TABLE   the table of the FILEs given by hand: ${Object.keys(LAKE_TABLES).join(', ')}
  --recheck       check the quarantined rows again (after the merchant registry was fixed, say):
                  their files load again, rows that now pass load and their quarantine rows are
                  kept, marked released
  --db FILE       warehouse (default ${dbOption.db.default})

Bad rows are kept in the quarantine table with their reason; the command prints, per table,
rows read = loaded + quarantined + duplicates. Two rows with one key and different contents
(a payment id on two days, say) are both quarantined as a conflict. A lake's _SUCCESS.json must
be JSON with the rows of each table; a table whose files hold another number of rows is
reported and the command exits 1. A file that cannot be read stops the ingest with its name and
the problem; files before it stay loaded, so a rerun continues.`,
  options: { lake: { type: 'string' }, table: { type: 'string' }, partial: { type: 'boolean', default: false }, recheck: { type: 'boolean', default: false }, ...dbOption },
  async run(values: OptionValues, positionals: string[]): Promise<number> {
    const lake = typeof values.lake === 'string' ? values.lake : null;
    const recheck = values.recheck === true;
    if (recheck && (lake || positionals.length > 0)) throw new UsageError('--recheck works on the warehouse alone: give no --lake or FILEs with it');
    if (lake && positionals.length > 0) throw new UsageError('give either --lake DIR or FILEs with --table, not both');
    if (!lake && !recheck && positionals.length === 0) throw new UsageError('--lake DIR is required (or FILEs with --table, or --recheck)');
    if (lake && (!existsSync(lake) || !statSync(lake).isDirectory())) throw new UsageError(`--lake: ${lake} not found (not a folder)`);
    let files: LakeFile[] = [];
    if (positionals.length > 0) {
      if (typeof values.table !== 'string' || !(values.table in LAKE_TABLES)) {
        throw new UsageError(`--table: one of ${Object.keys(LAKE_TABLES).join(', ')} is required with FILEs`);
      }
      const table = values.table as LakeTable;
      files = positionals.map((path) => {
        if (!existsSync(path)) throw new UsageError(`${path}: no such file`);
        try {
          return describeFile(path, table);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      });
    }
    const db = await Database.open(warehousePath(values, { create: !recheck }));
    try {
      const onProgress = progressBar();
      let loadedFiles: FileResult[];
      let code = 0;
      if (recheck) {
        const summary = await recheckQuarantine(db, { onProgress });
        loadedFiles = summary.files;
        const n = (value: number) => value.toLocaleString('en-US');
        const rechecked = new Set(summary.files.map((f) => f.path)).size;
        process.stdout.write(`rechecked ${n(rechecked)} file${rechecked === 1 ? '' : 's'}: ${n(summary.released)} quarantined row${summary.released === 1 ? '' : 's'} released\n`);
        if (summary.totals.length > 0) process.stdout.write(`${formatReconciliation(summary.totals)}\n`);
      } else {
        const summary: IngestSummary = lake
          ? await ingestLake(db, lake, { requireFinished: values.partial !== true, onProgress })
          : await ingestFiles(db, sortForLoad(files), { onProgress });
        loadedFiles = summary.files;
        process.stdout.write(`${formatReconciliation(summary.totals, summary.unchanged)}\n`);
        if (summary.manifestMismatches.length > 0) {
          process.stderr.write(`the lake's files do not hold the rows its _SUCCESS.json counts:\n${formatManifestMismatches(summary.manifestMismatches)}\n`);
          code = 1;
        }
      }
      const reasons = await db.all<{ table_name: string; reason: string; n: number }>(
        `SELECT table_name, reason, count(*) AS n FROM quarantine
         WHERE released_at IS NULL AND file_id IN (SELECT file_id FROM ingest_log WHERE path IN (SELECT unnest(string_split($paths, chr(10)))))
         GROUP BY ALL ORDER BY n DESC LIMIT 10`,
        { paths: loadedFiles.map((f) => f.path).join('\n') },
      );
      if (reasons.length > 0) {
        process.stdout.write(`quarantined rows by reason:\n${reasons.map((r) => `  ${r.table_name}: ${r.reason} (${r.n})`).join('\n')}\n`);
      }
      const mismatches = await reconcileWithIngestLog(db);
      if (mismatches.length > 0) {
        process.stderr.write(`warehouse does not match the ingest log: ${JSON.stringify(mismatches)}\n`);
        return 1;
      }
      return code;
    } finally {
      db.close();
    }
  },
};
