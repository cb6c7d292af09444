/** Yuan to fen, exactly: decimal text to DECIMAL, never a float; a fraction of a fen is quarantined. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { importLake, QUARANTINE_PATH } from './import-lake.ts';

const dir = mkdtempSync(join(tmpdir(), 'capillary-yuan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AMOUNTS: [string, bigint | string][] = [
  ['0.10', 10n],
  ['0.29', 29n], // 0.29 * 100 is 28.999999999999996 in floating point
  ['1,234,567.89', 123456789n],
  ['12.300', 1230n],
  ['12.', 1200n],
  ['7', 700n],
  ['  35.5 ', 3550n],
  ['90071992547409.93', 9007199254740993n], // past 2^53: a float would lose the last fen
  ['12.345', 'gross_fen: 12.345 yuan has a fraction of a fen (never rounded)'],
  ['0.001', 'gross_fen: 0.001 yuan has a fraction of a fen (never rounded)'],
  ['1e3', 'gross_fen: 1e3 is not an amount in yuan'],
  ['¥5', 'gross_fen: ¥5 is not an amount in yuan'],
];

describe('yuan', () => {
  it('become whole fen exactly, or the row is quarantined with the reason', async () => {
    const lines = ['id,day,amount', 'M00000001,2024-01-01,1.00'];
    AMOUNTS.forEach(([amount], i) => lines.push(`M${String(i + 2).padStart(8, '0')},2024-01-01,"${amount}"`));
    writeFileSync(join(dir, 'turnover.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify({
      sources: [{ table: 'settlements', file: 'turnover.csv', format: 'csv', columns: { merchant_id: 'id', settlement_date: 'day', gross_fen: { from: 'amount', unit: 'yuan' }, n_payments: { default: 1 }, n_customers: { default: 1 } } }],
    }));
    const db = await Database.open();
    try {
      await importLake(db, join(dir, 'mapping.json'), join(dir, 'lake'));
      const written = new Map((await db.all<{ merchant_id: string; gross_fen: string }>(`SELECT merchant_id, CAST(gross_fen AS VARCHAR) AS gross_fen FROM read_parquet($p)`, { p: join(dir, 'lake/settlements/*/*.parquet') })).map((r) => [r.merchant_id, BigInt(r.gross_fen)]));
      const reasons = new Map((await db.all<{ row_json: string; reason: string }>(`SELECT row_json, reason FROM read_parquet($p)`, { p: join(dir, 'lake', QUARANTINE_PATH) })).map((r) => [JSON.parse(r.row_json).id as string, r.reason]));
      AMOUNTS.forEach(([amount, expected], i) => {
        const id = `M${String(i + 2).padStart(8, '0')}`;
        if (typeof expected === 'bigint') expect(written.get(id), amount).toBe(expected);
        else expect(reasons.get(id), amount).toBe(expected);
      });
    } finally {
      db.close();
    }
  });
});
