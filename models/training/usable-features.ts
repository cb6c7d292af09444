/**
 * Features a model can learn from, judged on the training rows: a column that is entirely
 * missing, or holds one value on every row, is dropped with its reason (and the model card shows it),
 * rather than left for a binning or a tree to quietly ignore. No usable feature at all is an
 * error.
 *
 * @example
 *   const { data, dropped } = usableFeatures(train); // dropped: [{ feature: 'x', reason: 'constant (always 3)' }]
 */
import type { Column, Dataset } from '../data/frame.ts';
import type { DroppedColumn } from './labelled-table.ts';

export function usableFeatures(train: Dataset): { keep: string[]; dropped: DroppedColumn[] } {
  const keep: string[] = [];
  const dropped: DroppedColumn[] = [];
  for (const column of train.columns) {
    const reason = uselessBecause(column);
    if (reason) dropped.push({ feature: column.name, reason });
    else keep.push(column.name);
  }
  if (keep.length === 0) {
    throw new Error(`no usable feature in the training rows: ${dropped.map((d) => `${d.feature} (${d.reason})`).join('; ')}`);
  }
  return { keep, dropped };
}

function uselessBecause(column: Column): string | null {
  let first: number | string | null = null;
  let present = 0;
  for (const value of column.values) {
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) continue;
    if (present === 0) first = value;
    else if (value !== first) return null;
    present++;
  }
  if (present === 0) return 'missing on every training row';
  // One value and some missing rows still tells present from missing: keep it as that flag.
  return present < column.values.length ? null : `constant on the training rows (always ${first})`;
}

/** The dataset with only the named columns, in their order. */
export function keepColumns(data: Dataset, names: string[]): Dataset {
  const byName = new Map(data.columns.map((c) => [c.name, c]));
  return { ...data, columns: names.map((n) => byName.get(n)!) };
}
