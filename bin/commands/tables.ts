/** `capillary tables`: every table the warehouse contract declares, with its columns. */
import { WAREHOUSE_TABLES, type TableContract } from '../../engine/warehouse/index.ts';
import type { Command, OptionValues } from '../command.ts';

export const tables: Command = {
  summary: 'list every warehouse table: grain, key, and each column with type, unit and meaning',
  usage: `[--json]

  --json    one JSON document: an array of tables with their columns`,
  options: { json: { type: 'boolean', default: false } },
  async run(values: OptionValues): Promise<number> {
    process.stdout.write(values.json ? `${JSON.stringify(WAREHOUSE_TABLES.map(asJson), null, 2)}\n` : WAREHOUSE_TABLES.map(asText).join('\n'));
    return 0;
  },
};

function asJson(table: TableContract) {
  return {
    name: table.name,
    grain: table.grain,
    key: table.key,
    written_by: table.writtenBy,
    references: table.references ?? {},
    columns: table.declared.map((c) => ({
      name: c.name,
      type: c.sqlType,
      nullable: c.nullable,
      unit: c.unit,
      meaning: c.meaning,
      ...(c.values ? { values: c.values } : {}),
      ...(c.convention ? { time_convention: c.convention } : {}),
    })),
  };
}

function asText(table: TableContract): string {
  const width = Math.max(...table.declared.map((c) => c.name.length));
  const typeWidth = Math.max(...table.declared.map((c) => c.sqlType.length));
  const lines = table.declared.map((c) => `  ${c.name.padEnd(width)}  ${c.sqlType.padEnd(typeWidth)}  ${c.unit}: ${c.meaning}`);
  return `${table.name} (key ${table.key.join(', ')}): ${table.grain}\n${lines.join('\n')}\n`;
}
