/**
 * `capillary import`: a bank's own files, through a mapping, into a lake laid out exactly as the
 * simulator writes one (so `capillary ingest` is the one way in). The lake is built in a hidden
 * folder and published by one rename after `_SUCCESS.json`, like a simulated lake.
 *
 * Rows whose cells cannot be converted (a date not in its format, yuan with a fraction of a fen,
 * a code missing from `values`, an unknown merchant id) are not written to the lake's tables:
 * they go to the import's own quarantine, `_quarantine/quarantine.parquet` (table, source file,
 * row number, the row as JSON, the reason), which the ingest does not read (folders starting
 * with `_` are skipped). Rows that convert but break a record rule are left for the ingest,
 * which quarantines them in the warehouse with its own reason.
 *
 * @example
 *   const summary = await importLake(db, 'bank/mapping.json', 'data/bank-lake');
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { columnsOf, quote, writeParquet, type Database, type Params } from '../../engine/db/index.ts';
import { abandonPartialLake, checkLakeTarget, publishLake, startPartialLake } from '../../engine/simulator/lake.ts';
import { readSql } from '../sql-file.ts';
import { checkRules, mapSource, MERCHANT_IDS_TABLE, type MapSourceInput } from './map-source.ts';
import { IMPORT_TABLES, MappingError, readMapping, type ImportTable, type Mapping } from './mapping.ts';
import { readSource, SourceReadError } from './read-source.ts';
import { IMPORT_TARGETS } from './targets.ts';

export const QUARANTINE_PATH = '_quarantine/quarantine.parquet';
export const MERCHANT_IDS_PATH = '_merchant_ids/merchant_ids.parquet';

export interface ImportOptions {
  overwrite?: boolean;
  now?: () => Date;
}

export interface ImportedTable {
  table: ImportTable;
  read: number;
  written: number;
  quarantined: number;
}

export interface ImportSummary {
  lake: string;
  tables: ImportedTable[];
  /** The most frequent reasons rows were quarantined, with their counts. */
  reasons: { table: string; reason: string; rows: number }[];
}

const ORDER: Record<ImportTable, string> = {
  merchants: 'merchant_id',
  settlements: 'settlement_date, merchant_id',
  payments: 'paid_at, payment_id',
  outcomes: 'merchant_id, event_date',
};

/** Imports with `db` as scratch space (an in-memory database is enough). */
export async function importLake(db: Database, mappingPath: string, out: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const mapping = readMapping(mappingPath);
  const target = checkLakeTarget(out, options.overwrite ?? false);
  const folder = dirname(resolve(mappingPath));
  const inputs: MapSourceInput[] = [];
  for (const [i, source] of mapping.sources.entries()) {
    const field = `sources[${i}]`;
    const paths = await matchFiles(db, isAbsolute(source.file) ? source.file : join(folder, source.file));
    if (paths.length === 0) throw new MappingError([`${field}.file: no file matches ${source.file} (relative to ${folder})`]);
    const raw = `import_source_${i}`;
    const header = await readSource(db, raw, paths.map((path) => ({ path, format: source.format, encoding: source.encoding, sheet: source.sheet }))).catch((error: unknown) => {
      throw error instanceof SourceReadError ? new SourceReadError(`${field}.file`, error.message) : error;
    });
    inputs.push({ raw, header, source, field, target: IMPORT_TARGETS[source.table], merchantIds: mapping.merchant_ids });
  }
  const problems = inputs.flatMap(checkRules);
  if (problems.length > 0) throw new MappingError(problems);
  if (mapping.merchant_ids === 'registry') await numberMerchants(db, inputs, mapping, folder);

  const created = new Set<ImportTable>();
  for (const input of inputs) {
    await mapSource(db, input, importedTable(input.source.table), !created.has(input.source.table));
    created.add(input.source.table);
  }

  const partial = startPartialLake(target);
  try {
    const tables: ImportedTable[] = [];
    const rows: Record<string, number> = {};
    const quarantined: string[] = [];
    for (const table of IMPORT_TABLES.filter((t) => created.has(t))) {
      const spec = IMPORT_TARGETS[table];
      const columns = columnsOf(spec.schema).map((c) => quote(c.name)).join(', ');
      const from = quote(importedTable(table));
      const written = await writeParquet(db, `SELECT ${columns} FROM ${from} WHERE reason = '' ORDER BY ${ORDER[table]}`, join(partial, spec.path), {
        partitionBy: spec.partitionBy ?? undefined,
        filenamePattern: spec.partitionBy ? 'data_{i}' : undefined,
      });
      const counts = await db.one<{ read: number; bad: number }>(`SELECT count(*)::INTEGER AS read, count(*) FILTER (reason <> '')::INTEGER AS bad FROM ${from}`);
      tables.push({ table, read: counts!.read, written, quarantined: counts!.bad });
      rows[table] = written;
      quarantined.push(`SELECT '${table}' AS table_name, source_file, source_row, row_json, reason FROM ${from} WHERE reason <> ''`);
    }
    await writeParquet(db, `${quarantined.join(' UNION ALL ')} ORDER BY table_name, source_file, source_row`, join(partial, QUARANTINE_PATH));
    const reasons = await db.all<{ table: string; reason: string; rows: number }>(
      `SELECT table_name AS "table", reason, count(*)::INTEGER AS rows FROM (${quarantined.join(' UNION ALL ')}) GROUP BY ALL ORDER BY rows DESC, reason LIMIT 10`,
    );
    if (mapping.merchant_ids === 'registry') await writeParquet(db, `SELECT * FROM ${MERCHANT_IDS_TABLE} ORDER BY merchant_id`, join(partial, MERCHANT_IDS_PATH));
    publishLake(partial, target, {
      format: 'capillary-lake',
      version: 1,
      grain: created.has('payments') ? 'payment' : 'settlement',
      options: { imported_from: resolve(mappingPath), merchant_ids: mapping.merchant_ids },
      rows,
      finished_at: (options.now ?? (() => new Date()))().toISOString(),
    });
    return { lake: target, tables, reasons };
  } catch (error) {
    abandonPartialLake(partial);
    throw error;
  }
}

function importedTable(table: ImportTable): string {
  return `import_${table}`;
}

async function matchFiles(db: Database, pattern: string): Promise<string[]> {
  const rows = await db.all<{ file: string }>('SELECT file FROM glob($pattern) ORDER BY file', { pattern });
  return rows.map((row) => row.file);
}

/** The crosswalk of `merchant_ids: "registry"`: the merchants sources' ids, numbered (merchant-ids.sql). */
async function numberMerchants(db: Database, inputs: MapSourceInput[], mapping: Mapping, folder: string): Promise<void> {
  const registry = inputs
    .filter((input) => input.source.table === 'merchants')
    .map((input) => {
      const rule = input.source.columns.merchant_id;
      const from = typeof rule === 'string' ? rule : rule?.from;
      if (from === undefined) throw new MappingError([`${input.field}.columns.merchant_id: "registry" ids need a source column`]);
      return `SELECT nullif(trim(${quote(from)}), '') AS bank_merchant_id FROM ${quote(input.raw)}`;
    });
  if (registry.length === 0) throw new MappingError([`merchant_ids: "registry" needs a merchants source (mapping ${mapping.sources.length} sources)`]);
  const params: Params = {};
  let known = NO_CROSSWALK;
  if (mapping.merchant_id_crosswalk !== undefined) {
    const path = isAbsolute(mapping.merchant_id_crosswalk) ? mapping.merchant_id_crosswalk : join(folder, mapping.merchant_id_crosswalk);
    if (!existsSync(path)) throw new MappingError([`merchant_id_crosswalk: ${path} does not exist`]);
    known = 'read_parquet($crosswalk)';
    params.crosswalk = path;
  }
  try {
    await db.run(`CREATE TEMP TABLE ${MERCHANT_IDS_TABLE} AS ${merchantIdsSql(registry.join(' UNION ALL '), known)}`, params);
  } catch (cause) {
    if (params.crosswalk === undefined) throw cause;
    throw new MappingError([`merchant_id_crosswalk: not a crosswalk an import wrote (${(cause as Error).message.split('\n')[0]})`]);
  }
}

const NO_CROSSWALK = '(SELECT NULL AS bank_merchant_id, NULL AS merchant_id WHERE false)';

/** merchant-ids.sql over a query of the registry's ids (one column, bank_merchant_id) and the known crosswalk. */
export function merchantIdsSql(registryIds: string, known = NO_CROSSWALK): string {
  return readSql(import.meta.url, 'merchant-ids.sql', { registry_ids: registryIds, known });
}
