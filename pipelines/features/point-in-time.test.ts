import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { runPlan } from '../runner.ts';
import { smallLake } from '../testing/small-lake.ts';
import { loadRows } from '../testing/load-rows.ts';
import { tempDir, type LakeRows } from '../testing/write-lake.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the bank's systems would have exported on the eve of `asOf`. */
function cutAt(rows: Required<LakeRows>, asOf: string): LakeRows {
  return {
    merchants: rows.merchants
      .filter((m) => m.onboarded_date < asOf)
      .map((m) => (m.closed_date && m.closed_date < asOf ? m : { ...m, status: 'active' as const, closed_date: null })),
    payments: rows.payments.filter((p) => p.payment_date < asOf),
    settlements: rows.settlements.filter((s) => s.settlement_date < asOf),
    line_events: rows.line_events.filter((e) => e.business_date < asOf),
  };
}

async function featuresOf(name: string, rows: LakeRows, asOf: string): Promise<Record<string, unknown>[]> {
  const db = await Database.open(join(dir, `${name}.duckdb`));
  await loadRows(db, rows);
  await runPlan(db, { asOfDates: [asOf], through: 'features' });
  const features = await db.all('SELECT * FROM features ORDER BY merchant_id');
  db.close();
  return features;
}

function expectSame(a: Record<string, unknown>[], b: Record<string, unknown>[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const other = b[i][key];
      if (typeof value === 'number' && typeof other === 'number' && !Number.isInteger(value)) {
        expect(other, `${row.merchant_id} ${key}`).toBeCloseTo(value, 9);
      } else {
        expect(other, `${row.merchant_id} ${key}`).toEqual(value);
      }
    }
  });
}

describe('features are point in time', () => {
  for (const grain of ['payment', 'settlement'] as const) {
    it(`at ${grain} grain: a warehouse cut at the as-of date gives the same features as the full one`, async () => {
      const rows = smallLake({ merchants: 40, days: grain === 'payment' ? 200 : 520, start: '2023-01-01', seed: 21, grain });
      const asOf = grain === 'payment' ? '2023-05-15' : '2024-04-20';
      const full = await featuresOf(`${grain}-full`, rows, asOf);
      const cut = await featuresOf(`${grain}-cut`, cutAt(rows, asOf), asOf);
      expect(full.length).toBeGreaterThan(20);
      expectSame(full, cut);
      // The future exists in the full warehouse and would change the features if read.
      expect(rows.settlements.length + rows.payments.length).toBeGreaterThan(0);
      const later = rows.line_events.filter((e) => e.business_date >= asOf);
      expect(later.length + rows.merchants.filter((m) => m.closed_date && m.closed_date >= asOf).length).toBeGreaterThan(0);
    });
  }
});
