/** `capillary import`: a bank's own files into a lake, through a mapping (pipelines/import). */
import { existsSync } from 'node:fs';
import { Database } from '../../engine/db/index.ts';
import { InvalidOptionsError } from '../../engine/simulator/index.ts';
import { describeDefaults, importLake, inferMapping, MappingError, QUARANTINE_PATH, SourceReadError } from '../../pipelines/import/index.ts';
import type { Command, OptionValues } from '../command.ts';
import { UsageError } from '../usage-error.ts';

export const importCommand: Command = {
  summary: "turn a bank's own files (CSV, TSV, Parquet, Excel; UTF-8 or GB18030) into a lake, through a mapping",
  usage: `--mapping MAP.json --out DIR [--overwrite]
       capillary import --infer FILE [--sheet NAME]

  --mapping FILE  the mapping (JSON): per source, its table (merchants, settlements or payments,
                  outcomes), file or glob (relative to the mapping's folder), encoding (utf-8,
                  gb18030), format (csv, tsv, parquet, xlsx with "sheet"), and per lake column a
                  source column name or { "from", "format": "%Y/%m/%d", "unit": "yuan",
                  "values": { "便利店": "convenience_store" }, "default": V }; "merchant_ids":
                  lake | digits | registry says how the bank's ids become M and 8 digits
  --out DIR       lake folder to create (then: capillary ingest --lake DIR)
  --overwrite     replace an existing lake at DIR once the new one is complete
  --infer FILE    print a draft mapping for FILE from its header and sample values
  --sheet NAME    the worksheet --infer reads (default: the first)

Rows whose cells cannot be converted (a date not in its format, yuan with a fraction of a fen,
a code not in "values") go to DIR/${QUARANTINE_PATH} with the reason, never rounded or dropped.
Lake columns the bank lacks take these defaults (any other missing column is refused):
${describeDefaults().map((line) => `  ${line}`).join('\n')}`,
  options: {
    mapping: { type: 'string' },
    out: { type: 'string' },
    overwrite: { type: 'boolean', default: false },
    infer: { type: 'string' },
    sheet: { type: 'string' },
  },
  async run(values: OptionValues): Promise<number> {
    const db = await Database.open(':memory:');
    try {
      if (typeof values.infer === 'string') return await infer(db, values);
      if (typeof values.mapping !== 'string') throw new UsageError('--mapping FILE is required (or --infer FILE)');
      if (typeof values.out !== 'string') throw new UsageError('--out DIR is required');
      if (!existsSync(values.mapping)) throw new UsageError(`--mapping: ${values.mapping} does not exist`);
      const summary = await importLake(db, values.mapping, values.out, { overwrite: values.overwrite === true }).catch(asUsageError);
      const lines = summary.tables.map((t) => `  ${t.table.padEnd(12)} read ${t.read} = written ${t.written} + quarantined ${t.quarantined}`);
      const reasons = summary.reasons.map((r) => `  ${r.table}: ${r.reason} (${r.rows})`);
      process.stdout.write(`lake written to ${summary.lake}\n${lines.join('\n')}\n${reasons.length > 0 ? `quarantined rows (${QUARANTINE_PATH}):\n${reasons.join('\n')}\n` : ''}`);
      return 0;
    } finally {
      db.close();
    }
  },
};

async function infer(db: Database, values: OptionValues): Promise<number> {
  const file = String(values.infer);
  if (!existsSync(file)) throw new UsageError(`--infer: ${file} does not exist`);
  const draft = await inferMapping(db, file, typeof values.sheet === 'string' ? values.sheet : undefined).catch(asUsageError);
  process.stdout.write(`${JSON.stringify(draft.mapping, null, 2)}\n`);
  if (draft.unplaced.length > 0) process.stderr.write(`columns not placed (add them by hand if the lake needs them): ${draft.unplaced.join(', ')}\n`);
  if (draft.missing.length > 0) process.stderr.write(`lake columns still to map (no default): ${draft.missing.join(', ')}\n`);
  return 0;
}

function asUsageError(error: unknown): never {
  if (error instanceof MappingError) throw new UsageError(`--mapping: ${error.message}`);
  if (error instanceof InvalidOptionsError) throw new UsageError(error.problems.join('\n'));
  if (error instanceof SourceReadError) throw new UsageError(error.message);
  throw error;
}
