/**
 * Columns held compactly for a long-lived in-memory index: numbers (with nulls) in a
 * Float64Array (NaN for null), repetitive text as codes into a dictionary, other text as it is.
 * 1.5M rows of an offers table become a handful of typed arrays instead of tens of millions of
 * heap objects, which keeps garbage collection pauses short on the serving path. Columns read
 * already compact (`readCodedColumns`: Float64Array numbers, coded text) are taken as they come.
 */
import type { CodedColumn, ReadColumn } from '../../engine/db/index.ts';

type Column =
  | { kind: 'number'; values: Float64Array }
  | { kind: 'dictionary'; codes: Uint16Array; words: (string | null)[] }
  | { kind: 'plain'; values: unknown[] };

const MAX_WORDS = 65_535;

export class ColumnStore {
  private readonly columns: [string, Column][];
  readonly length: number;

  constructor(source: Record<string, ReadColumn | CodedColumn>) {
    this.columns = Object.entries(source).map(([name, values]) => [name, taken(values)]);
    this.length = this.columns[0]?.[1] ? columnLength(this.columns[0][1]) : 0;
  }

  /** One row as a plain object. */
  row(i: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, column] of this.columns) {
      if (column.kind === 'number') {
        const v = column.values[i];
        out[name] = Number.isNaN(v) ? null : v;
      } else if (column.kind === 'dictionary') out[name] = column.words[column.codes[i]];
      else out[name] = column.values[i];
    }
    return out;
  }
}

function taken(values: ReadColumn | CodedColumn): Column {
  if (values instanceof Float64Array) return { kind: 'number', values };
  if (ArrayBuffer.isView(values)) return { kind: 'number', values: Float64Array.from(values as ArrayLike<number | bigint>, Number) };
  if (Array.isArray(values)) return compact(values);
  const coded = values as CodedColumn;
  if (coded.words.length > MAX_WORDS + 1) return { kind: 'plain', values: Array.from(coded.codes, (code) => coded.words[code]) };
  return { kind: 'dictionary', codes: Uint16Array.from(coded.codes), words: coded.words };
}

function compact(values: unknown[]): Column {
  if (values.every((v) => v === null || typeof v === 'number')) {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = values[i] === null ? Number.NaN : (values[i] as number);
    return { kind: 'number', values: out };
  }
  const words = new Map<string | null, number>();
  const codes = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && typeof v !== 'string') return { kind: 'plain', values };
    let code = words.get(v);
    if (code === undefined) {
      if (words.size >= MAX_WORDS) return { kind: 'plain', values };
      code = words.size;
      words.set(v, code);
    }
    codes[i] = code;
  }
  return { kind: 'dictionary', codes, words: [...words.keys()] };
}

function columnLength(column: Column): number {
  return column.kind === 'dictionary' ? column.codes.length : column.values.length;
}
