import { describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import type { LineEvent, LineEventSource, Merchant, Settlement } from '../../engine/schema/index.ts';
import { runPlan } from '../runner.ts';
import { addDays } from '../../engine/calendar/days.ts';
import { loadRows } from '../testing/load-rows.ts';

const AS_OF = '2024-01-01';

const merchant = (id: number, closed: string | null = null): Merchant => ({
  merchant_id: `M${String(id).padStart(8, '0')}`,
  segment: 'fast_food',
  segment_class: 'capillary',
  city_tier: 1,
  kyc_tier: 'A',
  onboarded_date: '2023-01-01',
  status: closed ? 'closed' : 'active',
  closed_date: closed,
});

const trading = (id: number, from: string, to: string): Settlement[] => {
  const rows: Settlement[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    rows.push({
      settlement_date: d, merchant_id: `M${String(id).padStart(8, '0')}`, n_payments: 1, gross_fen: 100, n_refunds: 0, refund_fen: 0,
      n_declined: 0, declined_fen: 0, n_customers: 1, n_flagged: 0, offline_fen: 100, online_fen: 0, o2o_fen: 0,
      customer_scans_merchant_fen: 100, merchant_scans_customer_fen: 0, own_bank_fen: 100, other_bank_fen: 0, overseas_fen: 0,
    });
  }
  return rows;
};

let n = 0;
/** A ledger event on merchant `id`'s line, stating the line's balance and days past due after it. */
const event = (id: number, date: string, type: LineEvent['event_type'], balance: number, dpd = 0, source: LineEventSource = 'legacy_book'): LineEvent => ({
  event_id: `E${String(++n).padStart(5, '0')}`,
  line_id: `L${id}`,
  merchant_id: `M${String(id).padStart(8, '0')}`,
  business_date: date,
  event_type: type,
  amount_fen: type === 'drawn' ? balance : type === 'accepted' ? 1_000_000 : 0,
  interest_fen: 0,
  limit_fen: 1_000_000,
  balance_fen: balance,
  dpd,
  instalments: type === 'drawn' ? 6 : null,
  annual_rate: type === 'drawn' || type === 'accepted' ? 0.1 : null,
  repayment: type === 'drawn' || type === 'accepted' ? 'instalments' : null,
  source,
  reason: null,
  recorded_at: source === 'legacy_book' ? null : `${date} 10:00:00`,
});

async function labelsAt(observedThrough: string) {
  const db = await Database.open(':memory:');
  await loadRows(db, {
    merchants: [merchant(1), merchant(2, '2024-03-01'), merchant(3, '2024-03-01'), merchant(4), merchant(5), merchant(6)],
    settlements: [
      ...trading(1, '2023-06-01', observedThrough),
      ...trading(2, '2023-06-01', '2024-02-28'), // stops trading the day before its registry closure
      ...trading(3, '2023-06-01', '2024-02-28'),
      ...trading(4, '2023-06-01', observedThrough),
      ...trading(5, '2023-06-01', '2023-12-31'),
      ...trading(6, '2023-06-01', '2024-04-30'), // then stops trading
    ],
    line_events: [
      event(1, '2023-06-01', 'accepted', 0), event(1, '2023-07-01', 'drawn', 300_000),
      event(1, '2024-03-01', 'missed', 300_000, 30), event(1, '2024-05-01', 'defaulted', 300_000, 90),
      event(2, '2023-06-01', 'accepted', 0), event(2, '2023-07-01', 'drawn', 200_000),
      event(5, '2023-06-01', 'accepted', 0), event(5, '2023-07-01', 'drawn', 200_000), event(5, '2023-12-01', 'defaulted', 200_000, 95),
      event(6, '2023-06-01', 'accepted', 0), event(6, '2023-07-01', 'drawn', 150_000),
    ],
  });
  await runPlan(db, { asOfDates: [AS_OF] });
  const rows = await db.all('SELECT merchant_id, label_status, default_12m, is_censored, default_date, default_reason, is_exit_12m FROM labels ORDER BY merchant_id');
  db.close();
  return rows;
}

describe('labels', () => {
  it('labels defaults from observed events and censors unobserved futures', async () => {
    const full = await labelsAt('2025-01-31');
    expect(full).toEqual([
      { merchant_id: 'M00000001', label_status: 'default', default_12m: true, is_censored: false, default_date: '2024-05-01', default_reason: 'dpd_90', is_exit_12m: false },
      { merchant_id: 'M00000002', label_status: 'default', default_12m: true, is_censored: false, default_date: '2024-02-29', default_reason: 'exit_with_balance', is_exit_12m: true },
      { merchant_id: 'M00000003', label_status: 'good', default_12m: false, is_censored: false, default_date: null, default_reason: null, is_exit_12m: true },
      { merchant_id: 'M00000004', label_status: 'good', default_12m: false, is_censored: false, default_date: null, default_reason: null, is_exit_12m: false },
      { merchant_id: 'M00000005', label_status: 'excluded', default_12m: null, is_censored: false, default_date: null, default_reason: null, is_exit_12m: true },
      { merchant_id: 'M00000006', label_status: 'default', default_12m: true, is_censored: false, default_date: '2024-05-01', default_reason: 'exit_with_balance', is_exit_12m: true },
    ]);
  });

  it('never labels a merchant good without 12 observed months', async () => {
    const short = await labelsAt('2024-10-31');
    const status = Object.fromEntries(short.map((row) => [row.merchant_id, row.label_status]));
    expect(status).toEqual({
      M00000001: 'default', // seen before the data ends
      M00000002: 'default',
      M00000003: 'censored',
      M00000004: 'censored',
      M00000005: 'excluded',
      M00000006: 'default',
    });
    expect(short.filter((row) => row.label_status === 'censored').every((row) => row.default_12m === null && row.is_censored === true)).toBe(true);
  });
});

describe('labels from the bank’s outcomes list', () => {
  it('counts a listed default as a default and a listed closure as an exit, with or without a ledger', async () => {
    const db = await Database.open(':memory:');
    const id = (k: number) => `M${String(k).padStart(8, '0')}`;
    await loadRows(db, {
      merchants: [1, 2, 3, 4, 5].map((k) => merchant(k)),
      settlements: [1, 2, 3, 4, 5].flatMap((k) => trading(k, '2023-06-01', '2025-01-31')),
      outcomes: [
        { merchant_id: id(1), event_date: '2024-05-01', event: 'default' },
        { merchant_id: id(2), event_date: '2024-03-01', event: 'closure' }, // the list alone makes the exit; no balance, so not a default
        { merchant_id: id(3), event_date: '2023-11-01', event: 'default' }, // already in default at the as-of date
        { merchant_id: id(5), event_date: '2024-04-01', event: 'default' }, // listed before the ledger's 90 days
      ],
      line_events: [
        event(5, '2023-06-01', 'accepted', 0), event(5, '2023-07-01', 'drawn', 300_000),
        event(5, '2024-06-01', 'defaulted', 300_000, 90),
      ],
    });
    await runPlan(db, { asOfDates: [AS_OF] });
    const rows = await db.all('SELECT merchant_id, label_status, default_date, default_reason, is_exit_12m FROM labels ORDER BY merchant_id');
    db.close();
    expect(rows).toEqual([
      { merchant_id: id(1), label_status: 'default', default_date: '2024-05-01', default_reason: 'listed_default', is_exit_12m: false },
      { merchant_id: id(2), label_status: 'good', default_date: null, default_reason: null, is_exit_12m: true },
      { merchant_id: id(3), label_status: 'excluded', default_date: null, default_reason: null, is_exit_12m: false },
      { merchant_id: id(4), label_status: 'good', default_date: null, default_reason: null, is_exit_12m: false },
      { merchant_id: id(5), label_status: 'default', default_date: '2024-04-01', default_reason: 'listed_default', is_exit_12m: false },
    ]);
  });
});

describe('labels from lines of every source', () => {
  it('count a default on a line opened through the API, and exclude a merchant an officer defaulted before the date', async () => {
    const db = await Database.open(':memory:');
    const id = (k: number) => `M${String(k).padStart(8, '0')}`;
    await loadRows(db, {
      merchants: [1, 2, 3].map((k) => merchant(k)),
      settlements: [1, 2, 3].flatMap((k) => trading(k, '2023-06-01', '2025-01-31')),
    });
    // Written in the warehouse (file_id null), as the API, officers and monitoring write them.
    const events = [
      event(1, '2023-07-01', 'accepted', 0, 0, 'api'), event(1, '2023-07-02', 'drawn', 400_000, 0, 'api'),
      event(1, '2024-06-01', 'defaulted', 400_000, 90, 'monitoring'),
      event(2, '2023-07-01', 'accepted', 0, 0, 'api'), event(2, '2023-07-02', 'drawn', 100_000, 0, 'api'),
      event(2, '2023-11-01', 'defaulted', 100_000, 0, 'officer'),
      event(3, '2023-07-01', 'accepted', 0, 0, 'api'), event(3, '2023-07-02', 'drawn', 100_000, 0, 'api'),
    ];
    await loadRows(db, { line_events: events }, { fileId: null });
    expect(await db.one('SELECT count(*)::INTEGER AS n FROM line_events WHERE file_id IS NULL')).toEqual({ n: events.length });
    await runPlan(db, { asOfDates: [AS_OF] });
    const rows = await db.all('SELECT merchant_id, label_status, default_date, default_reason FROM labels ORDER BY merchant_id');
    db.close();
    expect(rows).toEqual([
      { merchant_id: id(1), label_status: 'default', default_date: '2024-06-01', default_reason: 'dpd_90' },
      { merchant_id: id(2), label_status: 'excluded', default_date: null, default_reason: null },
      { merchant_id: id(3), label_status: 'good', default_date: null, default_reason: null },
    ]);
  });
});
