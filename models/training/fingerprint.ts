/**
 * A SHA-256 fingerprint of a training table: column names, kinds and values, the target and the
 * as-of dates. Two models with the same fingerprint (and parameters and seed) saw exactly the
 * same data; a changed row, column or label changes it.
 *
 * @example
 *   dataFingerprint(table); // 'sha256:9f2c…'
 */
import { createHash } from 'node:crypto';
import type { LabelledTable } from './labelled-table.ts';

export function dataFingerprint(table: LabelledTable): string {
  const hash = createHash('sha256');
  const { data } = table;
  hash.update(`rows ${data.nRows}\ntarget ${table.target}=${table.positive}\n`);
  hash.update(data.target);
  if (table.dates) hash.update(table.dates.join('\n'));
  for (const column of data.columns) {
    hash.update(`\ncolumn ${column.kind} ${column.name}\n`);
    if (column.kind === 'numeric') hash.update(new Uint8Array(column.values.buffer, column.values.byteOffset, column.values.byteLength));
    else hash.update(column.values.map((v) => (v === null ? '\u0000' : v)).join('\u0001'));
  }
  return `sha256:${hash.digest('hex')}`;
}
