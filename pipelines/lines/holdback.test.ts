/**
 * Holdback on lines opened through the API: each day of settled turnover after the line's last
 * event repays the policy's share of it (interest accrued first, never more than owed), through
 * the writer; a rerun sweeps nothing twice; instalment lines and the bank's own book are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../engine/calendar/days.ts';
import { interestDueFen } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { createTableFrom, DAILY_TURNOVER } from '../../engine/warehouse/index.ts';
import { ensureWarehouse } from '../warehouse.ts';
import { appendLineEvents } from './append-events.ts';
import { sweepHoldback } from './holdback.ts';
import { lineEvents } from './line-events.ts';

const OPENED = '2024-03-01';
let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  await ensureWarehouse(db);
  // Three merchants with RMB 2,000 of net turnover a day for 40 days after OPENED, one idle day in between.
  await db.run(`INSERT INTO merchants SELECT printf('M%08d', k), 'cafe', 'capillary', 1, 'A', DATE '2022-01-01', 'active', NULL, k, 0 FROM range(1, 4) AS ks(k)`);
  await createTableFrom(db, DAILY_TURNOVER, `
    SELECT CAST(k AS INTEGER) AS merchant_key, CAST($opened AS DATE) + INTERVAL (d) DAY AS turnover_date, 200000 AS net_fen
    FROM range(1, 4) AS ks(k), range(0, 41) AS t(d) WHERE d <> 5`, { opened: OPENED });
  const open = (line: string, merchant: string, repayment: 'holdback' | 'instalments') =>
    appendLineEvents(db, { line_id: line, merchant_id: merchant, business_date: OPENED, source: 'api', events: [
      { event_type: 'accepted', amount_fen: 1_000_000, annual_rate: 0.18, repayment },
      { event_type: 'drawn', amount_fen: 300_000, annual_rate: 0.18, repayment, instalments: repayment === 'instalments' ? 6 : null },
    ] });
  await open('LH1', 'M00000001', 'holdback');
  await open('LI1', 'M00000002', 'instalments');
  await open('LH2', 'M00000003', 'holdback');
  await appendLineEvents(db, { line_id: 'LH2', merchant_id: 'M00000003', business_date: addDays(OPENED, 3), source: 'officer', events: [{ event_type: 'closed', amount_fen: 0 }] });
});
afterAll(() => db.close());

describe('sweepHoldback', () => {
  it('repays 13% of each later day’s turnover, interest first, until the line is repaid, then nothing twice', async () => {
    const first = await sweepHoldback(db, 0.13);
    const events = await lineEvents(db, 'LH1');
    const repaid = events.filter((e) => e.event_type === 'repaid');
    // RMB 260 a day: 300,000 fen principal plus a little interest take 12 trading days (day 5 idle).
    expect(repaid.map((e) => e.business_date)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13].map((d) => addDays(OPENED, d)));
    expect(repaid.slice(0, -1).every((e) => e.amount_fen === 26_000 && e.source === 'api' && e.reason?.startsWith('holdback: 13% of'))).toBe(true);
    // The first day pays a day's interest on 300,000 fen at 18% first.
    expect(repaid[0].interest_fen).toBe(interestDueFen(events.slice(0, 2), addDays(OPENED, 1)));
    expect(repaid[0].balance_fen).toBe(300_000 - (26_000 - repaid[0].interest_fen));
    expect(events.at(-1)!.balance_fen).toBe(0);
    expect(first).toEqual({ lines: 1, repayments: 12, repaid_fen: repaid.reduce((sum, e) => sum + e.amount_fen, 0) });
    expect(first.repaid_fen - 300_000).toBe(repaid.reduce((sum, e) => sum + e.interest_fen, 0));

    expect(await sweepHoldback(db, 0.13)).toEqual({ lines: 0, repayments: 0, repaid_fen: 0 });
    expect(await lineEvents(db, 'LH1')).toHaveLength(events.length);
  });

  it('leaves instalment lines and closed lines alone', async () => {
    expect((await lineEvents(db, 'LI1')).map((e) => e.event_type)).toEqual(['accepted', 'drawn']);
    expect((await lineEvents(db, 'LH2')).map((e) => e.event_type)).toEqual(['accepted', 'drawn', 'closed']);
  });
});
