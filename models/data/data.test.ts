import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { parseCsv, parseCsvRows } from './csv.ts';
import { assertTrainable, datasetFromRecords, rowAt, selectRows } from './frame.ts';
import { loadGermanCredit } from './german-credit.ts';
import { stratifiedSplit } from './split.ts';

describe('csv', () => {
  it('reads quotes, doubled quotes, commas and newlines inside quotes, CRLF', () => {
    const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n';
    expect(parseCsvRows(text)).toEqual([['a', 'b', 'c'], ['1', 'x, y', 'say "hi"'], ['2', 'two\nlines', '']]);
    expect(parseCsv(text)[1]).toEqual({ a: '2', b: 'two\nlines', c: '' });
    expect(() => parseCsv('a,b\n1\n')).toThrow(/line 2/);
    expect(() => parseCsvRows('a\n"open')).toThrow(/quoted/);
  });

  it('reads German Credit: 1,000 rows, 7 numeric and 13 categorical attributes, 300 bad', () => {
    const data = loadGermanCredit();
    expect(data.nRows).toBe(1000);
    expect(data.columns.filter((c) => c.kind === 'numeric')).toHaveLength(7);
    expect(data.columns.filter((c) => c.kind === 'categorical')).toHaveLength(13);
    expect(data.target.reduce((s, y) => s + y, 0)).toBe(300);
    expect(rowAt(data, 0).credit_history).toBe('critical account/ other credits existing (not at this bank)');
  });
});

describe('dataset', () => {
  const records = [
    { x: '1', c: 'a', y: '1' },
    { x: '', c: 'b', y: '0' },
    { x: '3.5', c: '', y: '0' },
  ];

  it('infers numeric columns and treats blanks as missing', () => {
    const data = datasetFromRecords(records, { target: 'y' });
    expect(data.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical']);
    expect(Number.isNaN(data.columns[0].values[1] as number)).toBe(true);
    expect(data.columns[1].values[2]).toBeNull();
    expect(rowAt(data, 1)).toEqual({ x: null, c: 'b' });
    expect(selectRows(data, [2, 2]).columns[0].values).toEqual(Float64Array.of(3.5, 3.5));
  });

  it('refuses what no model should train on', () => {
    expect(() => datasetFromRecords([], { target: 'y' })).toThrow(/empty/);
    expect(() => datasetFromRecords(records, { target: 'z' })).toThrow(/not found/);
    expect(() => assertTrainable(datasetFromRecords(records, { target: 'y', positive: 'never' }))).toThrow(/single class/);
    const infinite = datasetFromRecords(records, { target: 'y' });
    (infinite.columns[0].values as Float64Array)[0] = Infinity;
    expect(() => assertTrainable(infinite)).toThrow(/infinite/);
  });
});

describe('split and random numbers', () => {
  it('keeps the bad rate in both parts and is reproducible', () => {
    const target = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 < 3 ? 1 : 0));
    const split = stratifiedSplit(target, 0.3, 42);
    expect(split.test.length).toBe(300);
    expect(split.test.reduce((s, i) => s + target[i], 0)).toBe(90);
    expect(new Set([...split.train, ...split.test]).size).toBe(1000);
    expect(stratifiedSplit(target, 0.3, 42)).toEqual(split);
    expect(stratifiedSplit(target, 0.3, 43)).not.toEqual(split);
  });

  it('draws the same sequence for a seed, uniform enough, distinct samples', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    const draws = Array.from({ length: 10_000 }, () => a.next());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    const sample = new Rng(1).sample(100, 30);
    expect(new Set(sample).size).toBe(30);
    expect([...sample]).toEqual([...sample].sort((x, y) => x - y));
  });
});
