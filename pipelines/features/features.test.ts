import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import type { Merchant, Settlement } from '../../engine/schema/index.ts';
import { monthlyAsOfDates, runPlan } from '../runner.ts';
import { addDays } from '../../engine/calendar/days.ts';
import { loadRows } from '../testing/load-rows.ts';
import { smallLake } from '../testing/small-lake.ts';
import { buildFamilies, buildFeatures, merchantBands } from './features.ts';
import { readmeSection, tablesSection } from '../readme-section.ts';
import { FEATURE_CATALOG } from '../../engine/warehouse/index.ts';

const merchant = (id: number, onboarded: string, closed: string | null = null): Merchant => ({
  merchant_id: `M${String(id).padStart(8, '0')}`,
  segment: 'cafe',
  segment_class: 'capillary',
  city_tier: 2,
  kyc_tier: 'B',
  onboarded_date: onboarded,
  status: closed ? 'closed' : 'active',
  closed_date: closed,
});

function day(merchantId: string, date: string, net: number): Settlement {
  return {
    settlement_date: date, merchant_id: merchantId, n_payments: 2, gross_fen: net, n_refunds: 0, refund_fen: 0, n_declined: 1,
    declined_fen: 500, n_customers: 2, n_flagged: 0, offline_fen: net, online_fen: 0, o2o_fen: 0, customer_scans_merchant_fen: net,
    merchant_scans_customer_fen: 0, own_bank_fen: 0, other_bank_fen: net, overseas_fen: 0,
  };
}

describe('features', () => {
  it('computes windows, gaps and shares as defined in the catalog', async () => {
    const asOf = '2024-01-01';
    const settlements: Settlement[] = [];
    for (let d = '2023-10-01'; d <= '2023-12-20'; d = addDays(d, 1)) settlements.push(day('M00000001', d, 1000));
    settlements.push(day('M00000001', asOf, 99_999)); // on the as-of date: must not count
    const db = await Database.open(':memory:');
    await loadRows(db, {
      merchants: [merchant(1, '2023-01-01'), merchant(2, '2023-12-22'), merchant(3, '2023-02-01', '2023-12-31'), merchant(4, asOf)],
      settlements,
    });
    await runPlan(db, { asOfDates: [asOf], through: 'features' });
    const rows = await db.all('SELECT * FROM features ORDER BY merchant_id');
    expect(rows.map((r) => r.merchant_id)).toEqual(['M00000001', 'M00000002']); // 3 closed before, 4 not yet onboarded
    expect(rows[0]).toMatchObject({
      as_of_date: asOf,
      turnover_30d_fen: 19_000,
      turnover_90d_fen: 79_000,
      turnover_365d_fen: 81_000,
      n_payments_30d: 38,
      active_day_share_90d: 79 / 90,
      days_since_last_active: 12,
      longest_gap_365d: 273,
      avg_ticket_90d_fen: 500,
      other_bank_share_90d: 1,
      online_share_90d: 0,
      decline_ratio_90d: 1 / 3,
      tenure_days: 365,
      has_open_line: false,
      utilisation: null,
      distinct_customers_90d: null, // settlement grain
    });
    expect(rows[1]).toMatchObject({ turnover_30d_fen: 0, days_since_last_active: 10, longest_gap_365d: 10, active_day_share_30d: 0, tenure_days: 10 });
    db.close();
  });

  it('is the same table built in bands of merchants as built in one', async () => {
    // Mid-month, a year and a half in: every window has partial months and the year before is observed.
    const asOf = '2024-06-17';
    const db = await Database.open(':memory:');
    await loadRows(db, smallLake({ merchants: 40, days: 540, start: '2023-01-01', seed: 3, grain: 'settlement' }));
    await runPlan(db, { asOfDates: [asOf], through: 'features' });
    const features = () => db.all('SELECT * FROM features ORDER BY merchant_id');
    const inOne = await features();
    await buildFeatures(db, asOf, 7);
    const inBands = await features();
    expect(inBands.length).toBeGreaterThan(30);
    expect(inBands.filter((r) => Number(r.turnover_365d_fen) > 0 && r.cv_weekly_13w !== null).length).toBeGreaterThan(20);
    expect(inBands).toEqual(inOne);
    db.close();
  });

  it('sums the turnover of the public holidays in the year before the as-of date', async () => {
    const asOf = '2024-10-20'; // the Spring Festival, Qingming, Labour Day, Dragon Boat, Mid-Autumn and National Day of 2024 behind it
    const db = await Database.open(':memory:');
    await loadRows(db, smallLake({ merchants: 20, days: 300, start: '2024-01-01', seed: 5, grain: 'settlement' }));
    await runPlan(db, { steps: ['holidays', 'turnover'] });
    await buildFamilies(db, asOf, await merchantBands(db, 7));
    const sums = (sql: string) => db.all(`${sql} ORDER BY merchant_id`);
    const built = await sums('SELECT merchant_id, holiday_365d_fen, spring_festival_365d_fen FROM feature_turnover WHERE holiday_365d_fen IS NOT NULL');
    const expected = await sums(
      `SELECT m.merchant_id, sum(d.net_fen) AS holiday_365d_fen, sum(d.net_fen) FILTER (WHERE h.holiday = 'spring_festival') AS spring_festival_365d_fen
       FROM daily_turnover AS d
       JOIN merchants AS m USING (merchant_key)
       JOIN calendar_holidays AS h ON h.holiday_date = d.turnover_date
       WHERE d.turnover_date >= DATE '${asOf}' - 365 AND d.turnover_date < DATE '${asOf}'
         AND m.onboarded_date < DATE '${asOf}' AND (m.closed_date IS NULL OR m.closed_date >= DATE '${asOf}')
       GROUP BY m.merchant_id`,
    );
    expect(expected.filter((r) => r.spring_festival_365d_fen !== null).length).toBeGreaterThan(10);
    expect(built).toEqual(expected);
    db.close();
  });

  it('has a catalog of 30 to 60 features, one per column after the keys', async () => {
    expect(FEATURE_CATALOG.length).toBeGreaterThanOrEqual(30);
    expect(FEATURE_CATALOG.length).toBeLessThanOrEqual(60);
    const db = await Database.open(':memory:');
    await loadRows(db, { merchants: [merchant(1, '2023-01-01')] });
    await runPlan(db, { asOfDates: ['2024-01-01'], through: 'features' });
    const columns = await db.all<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'features' ORDER BY column_index",
    );
    expect(columns.map((c) => c.column_name)).toEqual(['merchant_id', 'as_of_date', ...FEATURE_CATALOG.map((f) => f.name)]);
    expect(columns.slice(2).map((c) => c.data_type)).toEqual(FEATURE_CATALOG.map((f) => (f.sqlType === 'ENUM' ? expect.stringMatching(/^ENUM\('/) : f.sqlType)));
    db.close();
  });

  it('is listed in the top-level README as the contract gives it, with every table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme, 'regenerate with: npx tsx pipelines/readme-section.ts --write').toContain(readmeSection());
    expect(readme, 'regenerate with: npx tsx pipelines/readme-section.ts --write').toContain(tablesSection());
  });

  it('lists monthly as-of dates', () => {
    expect(monthlyAsOfDates('2024-01-01', '2024-04-01')).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01']);
    expect(monthlyAsOfDates('2024-01-15', '2024-03-14')).toEqual(['2024-01-15', '2024-02-15']);
  });
});
