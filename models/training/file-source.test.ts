/** Training on a real file: missing-value tokens, text columns, probable ids, and what the fit reports. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { parseCsvRows } from '../data/csv.ts';
import { GERMAN_CREDIT_CSV } from '../data/german-credit.ts';
import { loadFileTable } from './file-source.ts';
import { formatReport } from './format-report.ts';
import { trainAndEvaluate } from './train-and-evaluate.ts';

const NUMERIC = ['duration_in_month', 'credit_amount', 'age_in_years', 'installment_rate_in_percentage_of_disposable_income', 'present_residence_since'];
const TOKENS = ['NA', 'N/A', 'null', 'NULL', 'NaN', ''];

let dir: string;
let db: Database;
let withGaps: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'capillary-file-source-'));
  db = await Database.open();
  // German Credit as R or pandas would write it with gaps: missing-value tokens in numeric cells, and a row number.
  const [header, ...rows] = parseCsvRows(readFileSync(GERMAN_CREDIT_CSV, 'utf8'));
  const columns = NUMERIC.map((name) => header.indexOf(name));
  const quoteCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = [['row_no', ...header].join(','), ...rows.map((row, i) => {
    const cells = [...row];
    columns.forEach((c, k) => {
      if ((i + k) % 9 === 0) cells[c] = TOKENS[(i + k) % TOKENS.length];
    });
    return [String(i + 1), ...cells.map(quoteCell)].join(',');
  })];
  withGaps = join(dir, 'german-with-gaps.csv');
  writeFileSync(withGaps, `${lines.join('\n')}\n`);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('training from a CSV file', () => {
  it('reads NA, N/A, null, NULL, NaN and empty cells as missing, keeping numeric columns numeric', async () => {
    const table = await loadFileTable(db, { path: withGaps, target: 'creditability', positive: 'bad' });
    for (const name of NUMERIC) {
      const column = table.data.columns.find((c) => c.name === name)!;
      expect(column.kind, name).toBe('numeric');
      expect((column.values as Float64Array).filter(Number.isNaN).length, name).toBeGreaterThan(100);
    }
    const notes = (table.notes ?? []).join('\n');
    expect(notes).toMatch(/read as text \(categories\): status_of_existing_checking_account, credit_history, purpose/);
    expect(notes).not.toMatch(/text[^\n]*duration_in_month/);
    expect(notes).toMatch(/probable identifiers[^\n]*: row_no;/);
  });

  it('reports rows trained on, trees kept, and whether early stopping used the validation part', async () => {
    const table = await loadFileTable(db, { path: withGaps, target: 'creditability', positive: 'bad', exclude: ['row_no'] });
    const off = trainAndEvaluate(table, { algorithm: 'gbdt', seed: 3, parameters: { maxIterations: 30, earlyStoppingRounds: 0 } });
    expect(off.model.kind === 'gbdt' && off.model.trees.length).toBe(30);
    const report = formatReport({ ...off, title: 'gbdt' });
    expect(report).toContain(`trained on ${off.split.info.train.rows} rows; early stopping off: all 30 trees kept (at most 30)`);
    const on = trainAndEvaluate(table, { algorithm: 'gbdt', seed: 3, parameters: { maxIterations: 300, earlyStoppingRounds: 5 } });
    const kept = on.model.kind === 'gbdt' ? on.model.trees.length : 0;
    expect(kept).toBeLessThan(300);
    expect(formatReport({ ...on, title: 'gbdt' })).toContain(`early stopping on the validation part (${on.split.info.validation.rows} rows): ${kept} trees kept of at most 300`);
  });

  it('refuses parameters out of range, naming them and the range', async () => {
    const table = await loadFileTable(db, { path: withGaps, target: 'creditability', positive: 'bad' });
    expect(() => trainAndEvaluate(table, { algorithm: 'gbdt', parameters: { maxIterations: 0, learningRate: 1.5 } })).toThrow(
      'gbdt parameters out of range: maxIterations: a whole number ≥ 1; trees (got 0); learningRate: a number > 0 and ≤ 1 (got 1.5)',
    );
    expect(() => trainAndEvaluate(table, { algorithm: 'forest', parameters: { trees: 2.5 } })).toThrow(/trees: a whole number ≥ 1 \(got 2.5\)/);
  });
});
