import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../engine/db/index.ts';
import { segmentFeatures } from './segment-features.ts';

const FEATURES = [
  'turnover_90d_fen', 'turnover_365d_fen', 'growth_30d', 'trend_90d', 'cv_daily_90d', 'active_day_share_90d', 'longest_gap_365d',
  'avg_ticket_90d_fen', 'customers_per_active_day_90d', 'refund_ratio_90d', 'decline_ratio_90d', 'tenure_days',
];

let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  // Four cafes and a hotel on 2025-01-01, and the first cafe again a month later.
  await db.run(`CREATE TABLE features (merchant_id VARCHAR, as_of_date DATE, segment VARCHAR, extra DOUBLE, ${FEATURES.map((f) => `${f} ${f.endsWith('_fen') || f.endsWith('_days') || f.startsWith('longest') ? 'BIGINT' : 'DOUBLE'}`).join(', ')})`);
  const rows: [string, string, string, number, number | null][] = [
    ['M00000001', '2025-01-01', 'cafe', 1, 100],
    ['M00000002', '2025-01-01', 'cafe', 2, 200],
    ['M00000003', '2025-01-01', 'cafe', 3, 400],
    ['M00000004', '2025-01-01', 'cafe', 4, null],
    ['M00000005', '2025-01-01', 'hotel', 5, 9_000],
    ['M00000001', '2025-02-01', 'cafe', 6, 7_000],
  ];
  for (const [id, date, segment, extra, value] of rows) {
    await db.run(
      `INSERT INTO features VALUES ($id, CAST($date AS DATE), $segment, $extra, ${FEATURES.map(() => '$value').join(', ')})`,
      { id, date, segment, extra, value },
    );
  }
});

afterAll(() => db?.close());

describe('a merchant against its segment', () => {
  it('gives every compared feature in order with the merchant value and the segment median of the same date', async () => {
    const { bars, peers } = await segmentFeatures(db, 'M00000002', '2025-01-01');
    expect(peers).toBe(4);
    expect(bars.map((b) => b.feature)).toEqual(FEATURES);
    // Median over 100, 200, 400 (the null is ignored); the hotel and February rows are not peers.
    for (const bar of bars) expect([bar.merchant, bar.segment]).toEqual([200, 200]);
    const empty = await segmentFeatures(db, 'M00000004', '2025-01-01');
    expect(empty.bars[0]).toMatchObject({ merchant: null, segment: 200 });
  });

  it('formats each feature in its unit', async () => {
    const { bars } = await segmentFeatures(db, 'M00000003', '2025-01-01');
    const text = Object.fromEntries(bars.map((b) => [b.feature, b.format(b.merchant!)]));
    expect(text.turnover_90d_fen).toBe('¥4');
    expect(text.growth_30d).toBe('40000%');
    expect(text.tenure_days).toBe('400 d');
  });

  it('labels each feature with its declaration in the contract', async () => {
    const { bars } = await segmentFeatures(db, 'M00000003', '2025-01-01');
    const label = Object.fromEntries(bars.map((b) => [b.feature, b.definition]));
    expect(label.turnover_90d_fen).toBe('Net turnover (90d; fen)');
    expect(label.cv_daily_90d).toMatch(/^Coefficient of variation of daily net turnover.*\(90d; coefficient of variation\)$/);
  });

  it('is empty without a features row for that date', async () => {
    expect(await segmentFeatures(db, 'M00000002', '2025-02-01')).toEqual({ bars: [], peers: 0 });
  });
});
