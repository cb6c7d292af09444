/** The backtest's outcomes see a default on any line of the one ledger, a line opened through the API too. */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../engine/calendar/days.ts';
import { Database } from '../../engine/db/index.ts';
import type { LineEvent, Settlement } from '../../engine/schema/index.ts';
import { runPlan } from '../runner.ts';
import { readSql } from '../sql-file.ts';
import { loadRows } from '../testing/load-rows.ts';

const AS_OF = '2024-01-01';
const id = (k: number) => `M${String(k).padStart(8, '0')}`;

const trading = (k: number): Settlement[] => {
  const rows: Settlement[] = [];
  for (let d = '2023-06-01'; d <= '2025-01-31'; d = addDays(d, 1)) {
    rows.push({
      settlement_date: d, merchant_id: id(k), n_payments: 1, gross_fen: 100, n_refunds: 0, refund_fen: 0,
      n_declined: 0, declined_fen: 0, n_customers: 1, n_flagged: 0, offline_fen: 100, online_fen: 0, o2o_fen: 0,
      customer_scans_merchant_fen: 100, merchant_scans_customer_fen: 0, own_bank_fen: 100, other_bank_fen: 0, overseas_fen: 0,
    });
  }
  return rows;
};

let n = 0;
const apiEvent = (k: number, date: string, type: LineEvent['event_type'], balance: number, dpd = 0): LineEvent => ({
  event_id: `A${String(++n).padStart(5, '0')}`, line_id: `API-${k}`, merchant_id: id(k), business_date: date, event_type: type,
  amount_fen: type === 'drawn' ? balance : type === 'accepted' ? 1_000_000 : 0, interest_fen: 0, limit_fen: 1_000_000,
  balance_fen: balance, dpd, instalments: type === 'drawn' ? 6 : null, annual_rate: type === 'drawn' || type === 'accepted' ? 0.1 : null,
  repayment: type === 'drawn' || type === 'accepted' ? 'instalments' : null, source: type === 'defaulted' ? 'monitoring' : 'api', reason: null, recorded_at: `${date} 09:30:00`,
});

async function outcomesOf(db: Database): Promise<Record<string, unknown>[]> {
  await db.run('CREATE OR REPLACE TEMP TABLE offer_applicants AS SELECT merchant_key, merchant_id FROM merchants');
  const outcomes = readSql(new URL('./backtest.ts', import.meta.url).href, 'outcomes.sql');
  return db.all(
    `SELECT a.merchant_id, o.observed_exit FROM (${outcomes}) AS o JOIN offer_applicants AS a USING (merchant_key) ORDER BY a.merchant_id`,
    { as_of_date: AS_OF },
  );
}

describe('backtest outcomes', () => {
  it('count a defaulted event on a line opened through the API, with or without labels at the date', async () => {
    const db = await Database.open(':memory:');
    await loadRows(db, {
      merchants: [1, 2].map((k) => ({
        merchant_id: id(k), segment: 'fast_food', segment_class: 'capillary', city_tier: 1, kyc_tier: 'A',
        onboarded_date: '2023-01-01', status: 'active', closed_date: null,
      })),
      settlements: [1, 2].flatMap(trading),
    });
    await loadRows(db, {
      line_events: [
        apiEvent(1, '2023-07-01', 'accepted', 0), apiEvent(1, '2023-07-02', 'drawn', 400_000),
        apiEvent(1, '2024-06-01', 'defaulted', 400_000, 90),
        apiEvent(2, '2023-07-01', 'accepted', 0), apiEvent(2, '2023-07-02', 'drawn', 400_000),
      ],
    }, { fileId: null });
    await runPlan(db, { asOfDates: ['2023-12-01'] }); // labels, but none at the date
    expect(await outcomesOf(db)).toEqual([
      { merchant_id: id(1), observed_exit: 1 },
      { merchant_id: id(2), observed_exit: -1 },
    ]);
    await runPlan(db, { asOfDates: [AS_OF] });
    expect(await outcomesOf(db)).toEqual([
      { merchant_id: id(1), observed_exit: 1 },
      { merchant_id: id(2), observed_exit: 0 },
    ]);
    db.close();
  });
});
