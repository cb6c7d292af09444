/**
 * Train / validation / out-of-time test. With as-of dates the split is by date, never at random
 * across time: the latest dates are the test, the dates before them the validation (early
 * stopping), the rest the training set — the way a model meets the future.
 *
 * When rows repeat entities (a merchant at every month-end), a date split alone flatters the
 * model: a merchant's label at one date ("exits within 12 months") is mostly its label a month
 * later, so a model that memorised training merchants "predicts" the test from their future. A
 * share of the entities (`holdout`, by a seeded hash of the id) is therefore kept out of
 * training altogether and supplies the validation and test rows; the others train, up to the
 * last validation date. With a single date or none, the rows are split at random, stratified by
 * the target, and the split says so.
 *
 * @example
 *   splitParts(table.data.target, table.dates, { seed: 1, entities: table.entities, holdout: 0.2 });
 */
import { Rng } from '../random.ts';

export interface PartInfo {
  rows: number;
  bads: number;
  /** First and last as-of date in the part (time splits). */
  from: string | null;
  to: string | null;
}

export interface Parts {
  kind: 'time' | 'random';
  /** Share of entities held out of training for validation and test (0: none). */
  holdout: number;
  train: Uint32Array;
  validation: Uint32Array;
  test: Uint32Array;
  info: { train: PartInfo; validation: PartInfo; test: PartInfo };
}

export interface SplitOptions {
  /** Share of dates (time) or rows (random) for the test and validation parts. */
  testShare?: number;
  validationShare?: number;
  seed?: number;
  /** Entity of each row; with `holdout` > 0, validation and test entities never train. */
  entities?: string[] | null;
  holdout?: number;
}

export function splitParts(target: Uint8Array, dates: string[] | null, options: SplitOptions = {}): Parts {
  const { testShare = 0.2, validationShare = 0.2, seed = 1, entities = null } = options;
  const distinct = dates ? [...new Set(dates)].sort() : [];
  let parts: Omit<Parts, 'info'>;
  if (dates && distinct.length >= 3) {
    const nTest = Math.max(1, Math.round(distinct.length * testShare));
    const nValid = Math.max(1, Math.min(distinct.length - nTest - 1, Math.round(distinct.length * validationShare)));
    const testFrom = distinct[distinct.length - nTest];
    const validFrom = distinct[distinct.length - nTest - nValid];
    const holdout = entities ? (options.holdout ?? 0) : 0;
    if (!(holdout >= 0 && holdout < 1)) throw new Error(`the held-out share of entities must be in [0, 1), got ${holdout}`);
    const heldOut = holdout > 0 ? (i: number) => entityShare(entities![i], seed) < holdout : () => true;
    const trains = holdout > 0 ? (d: string, i: number) => d < testFrom && !heldOut(i) : (d: string) => d < validFrom;
    parts = {
      kind: 'time',
      holdout,
      train: rowsWhere(dates, trains),
      validation: rowsWhere(dates, (d, i) => d >= validFrom && d < testFrom && heldOut(i)),
      test: rowsWhere(dates, (d, i) => d >= testFrom && heldOut(i)),
    };
  } else {
    parts = { kind: 'random', holdout: 0, ...randomParts(target, testShare, validationShare, seed) };
  }
  const info = (rows: Uint32Array): PartInfo => {
    let bads = 0;
    let from: string | null = null;
    let to: string | null = null;
    for (const i of rows) {
      bads += target[i];
      if (dates && parts.kind === 'time') {
        if (from === null || dates[i] < from) from = dates[i];
        if (to === null || dates[i] > to) to = dates[i];
      }
    }
    return { rows: rows.length, bads, from, to };
  };
  return { ...parts, info: { train: info(parts.train), validation: info(parts.validation), test: info(parts.test) } };
}

function rowsWhere(dates: string[], keep: (date: string, row: number) => boolean): Uint32Array {
  const rows: number[] = [];
  dates.forEach((d, i) => keep(d, i) && rows.push(i));
  return Uint32Array.from(rows);
}

/** A uniform number in [0, 1) from an id and the seed (FNV-1a, then murmur3's finaliser): the same entity always lands alike. */
export function entityShare(id: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Each class shuffled and dealt out by share, so every part keeps the bad rate. */
function randomParts(target: Uint8Array, testShare: number, validationShare: number, seed: number): Omit<Parts, 'info' | 'kind' | 'holdout'> {
  const rng = new Rng(seed);
  const out: number[][] = [[], [], []];
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < target.length; i++) if (target[i] === label) rows.push(i);
    rng.shuffle(rows);
    const nTest = Math.round(rows.length * testShare);
    const nValid = Math.round(rows.length * validationShare);
    rows.forEach((row, k) => out[k < nTest ? 2 : k < nTest + nValid ? 1 : 0].push(row));
  }
  const sorted = (rows: number[]): Uint32Array => Uint32Array.from(rows).sort();
  return { train: sorted(out[0]), validation: sorted(out[1]), test: sorted(out[2]) };
}
