import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { smallLake, settle } from '../testing/small-lake.ts';
import { ingestLake } from '../ingest/ingest.ts';
import { loadRows } from '../testing/load-rows.ts';
import { tempDir, writeLake } from '../testing/write-lake.ts';
import { buildTurnover, updateTurnover } from './turnover.ts';

describe('daily turnover', () => {
  it('is the same table from payments as from the settlements of those payments', async () => {
    const options = { merchants: 8, days: 30, start: '2024-01-01', seed: 4 };
    const atPayment = smallLake({ ...options, grain: 'payment' });
    const atSettlement = smallLake({ ...options, grain: 'settlement' });
    const a = await Database.open(':memory:');
    const b = await Database.open(':memory:');
    await loadRows(a, atPayment);
    await loadRows(b, atSettlement);
    const builtA = await buildTurnover(a);
    await buildTurnover(b);
    const query = 'SELECT m.merchant_id, t.* FROM daily_turnover AS t JOIN merchants AS m USING (merchant_key) ORDER BY merchant_id, turnover_date';
    const fromPayments = await a.all(query);
    expect(fromPayments.length).toBe(builtA.rows);
    expect(await b.all(query)).toEqual(fromPayments);

    // One merchant-day, summed by hand.
    const expected = settle(atPayment.payments).find((s) => s.n_refunds > 0 && s.n_declined > 0)!;
    const row = fromPayments.find((r) => r.merchant_id === expected.merchant_id && r.turnover_date === expected.settlement_date)!;
    expect(row).toMatchObject({ ...Object.fromEntries(Object.entries(expected).filter(([k]) => k !== 'settlement_date')), net_fen: expected.gross_fen - expected.refund_fen });
    a.close();
    b.close();
  });

  it('is the same table built in spans of months as built in one statement', async () => {
    // Payments and settlements both: the payments' merchant-days win over settlements in every span.
    const lake = smallLake({ merchants: 10, days: 100, start: '2024-01-01', seed: 7, grain: 'payment' });
    const settled = smallLake({ merchants: 10, days: 100, start: '2024-01-01', seed: 8, grain: 'settlement' }).settlements!;
    const tables = async (spanRows?: number) => {
      const db = await Database.open(':memory:');
      await loadRows(db, { ...lake, settlements: settled.filter((s) => s.settlement_date >= '2024-02-20') });
      await buildTurnover(db, spanRows);
      const daily = await db.all('SELECT * FROM daily_turnover ORDER BY turnover_date, merchant_key');
      const monthly = await db.all('SELECT * FROM monthly_turnover ORDER BY month_start, merchant_key');
      // one span per month: the gaps of a span's first days count back into the span before (a
      // span without its seed would count them back to onboarding)
      const gaps = await db.one<{ n: number }>("SELECT count(*) AS n FROM daily_turnover WHERE turnover_date IN (DATE '2024-02-01', DATE '2024-03-01', DATE '2024-04-01') AND days_since_prev_active = 1");
      db.close();
      return { daily, monthly, gaps: Number(gaps!.n) };
    };
    const whole = await tables();
    const inSpans = await tables(1);
    expect(inSpans.daily.length).toBeGreaterThan(500);
    expect(inSpans.gaps).toBeGreaterThan(0);
    expect(inSpans).toEqual(whole);
  });

  it('counts gaps back to the previous active day or to the eve of onboarding', async () => {
    const db = await Database.open(':memory:');
    const lake = smallLake({ merchants: 3, days: 20, start: '2024-01-01', seed: 9, grain: 'settlement' });
    await loadRows(db, lake);
    await buildTurnover(db);
    const rows = await db.all<{ merchant_id: string; turnover_date: string; days_since_prev_active: number; onboarded_date: string }>(
      `SELECT m.merchant_id, t.turnover_date, t.days_since_prev_active, m.onboarded_date
       FROM daily_turnover t JOIN merchants m USING (merchant_key) ORDER BY 1, 2`,
    );
    for (const [i, row] of rows.entries()) {
      const prev = rows[i - 1]?.merchant_id === row.merchant_id ? rows[i - 1].turnover_date : null;
      const from = prev ?? new Date(Date.parse(row.onboarded_date) - 86_400_000).toISOString().slice(0, 10);
      expect(row.days_since_prev_active).toBe((Date.parse(row.turnover_date) - Date.parse(from)) / 86_400_000);
    }
    db.close();
  });

  it('rebuilds whole when rows arrive that the ingest log does not account for', async () => {
    const db = await Database.open(':memory:');
    const lake = smallLake({ merchants: 4, days: 12, start: '2024-01-01', seed: 5, grain: 'settlement' });
    const early = lake.settlements!.filter((s) => s.settlement_date < '2024-01-10');
    await loadRows(db, { ...lake, settlements: early });
    expect((await updateTurnover(db)).scope).toEqual({ mode: 'whole', why: 'there is no daily_turnover yet' });
    await loadRows(db, { settlements: lake.settlements!.filter((s) => s.settlement_date >= '2024-01-10') });
    const later = await updateTurnover(db);
    expect(later.scope).toMatchObject({ mode: 'whole', why: expect.stringContaining('the ingest log does not account for') });
    expect(Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM daily_turnover WHERE turnover_date >= DATE '2024-01-10'`))!.n)).toBeGreaterThan(0);
    db.close();
  });

  it('rebuilds whole when the turnover it would extend was built by other queries', async () => {
    const db = await Database.open(':memory:');
    const lake = join(tempDir(), 'lake');
    await writeLake(lake, smallLake({ merchants: 3, days: 5, start: '2024-01-01', seed: 2, grain: 'settlement' }));
    await ingestLake(db, lake, { requireFinished: false });
    await buildTurnover(db);
    expect((await updateTurnover(db)).scope).toEqual({ mode: 'unchanged', filesMoved: false });
    await db.run(`UPDATE turnover_files SET build_id = 'older-code:' || build_id`);
    expect((await updateTurnover(db)).scope).toEqual({ mode: 'whole', why: 'the turnover queries changed since its last whole build' });
    db.close();
    rmSync(dirname(lake), { recursive: true, force: true });
  });
});
