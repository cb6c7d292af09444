/**
 * The README's table sections, written from the contract: a summary (table, grain, key, written
 * by) and each table's columns with type, unit and meaning. `capillary tables` prints the same.
 */
import type { TableContract } from './table.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** One row per table: name, grain, key, writer. */
export function tablesMarkdown(tables: readonly TableContract[]): string {
  const rows = tables.map((t) => `| \`${t.name}\` | ${cell(t.grain)} | ${t.key.map((k) => `\`${k}\``).join(', ')} | ${cell(t.writtenBy)} |`);
  return ['| table | grain | key | written by |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Each table's columns, folded under its name. */
export function columnsMarkdown(tables: readonly TableContract[]): string {
  return tables
    .map((t) => {
      const rows = t.declared.map(
        (c) => `| \`${c.name}\` | ${c.sqlType}${c.nullable ? '' : ' not null'} | ${cell(c.unit)} | ${cell(c.meaning)}${c.values ? ` (${c.values.join(', ')})` : ''} |`,
      );
      return [
        `<details><summary><code>${t.name}</code>: ${t.grain}</summary>`,
        '',
        '| column | type | unit | meaning |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
        '</details>',
      ].join('\n');
    })
    .join('\n\n');
}
