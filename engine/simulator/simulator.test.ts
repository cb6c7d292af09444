/**
 * Realism of a simulated lake, tested rather than assumed: tickets, weekdays, holidays,
 * customers, controls, refunds, determinism, and the two grains agreeing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../db/index.ts';
import { PaymentSchema, SettlementSchema, LineEventSchema, MerchantSchema, TruthMonthSchema } from '../schema/index.ts';
import { SUCCESS_FILE, simulate } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'capillary-sim-'));
let db: Database;

async function viewLake(name: string, dir: string, grain: 'payment' | 'settlement') {
  const main = grain === 'payment' ? 'payments' : 'settlements';
  await db.run(`CREATE OR REPLACE VIEW ${name}_${main} AS SELECT * FROM read_parquet('${join(dir, main)}/*/*.parquet', hive_partitioning = true)`);
  for (const [table, file] of [['merchants', 'merchants/merchants.parquet'], ['line_events', 'line_events/line_events.parquet'], ['truth_months', 'truth/truth_months.parquet']]) {
    await db.run(`CREATE OR REPLACE VIEW ${name}_${table} AS SELECT * FROM read_parquet('${join(dir, file)}')`);
  }
}

beforeAll(async () => {
  // Payment grain over Spring Festival 2024 (10–17 February); settlement grain over the same days.
  await simulate({ merchants: 240, days: 100, start: '2024-01-08', seed: 7, grain: 'payment', out: join(root, 'pay') });
  await simulate({ merchants: 240, days: 100, start: '2024-01-08', seed: 7, grain: 'settlement', out: join(root, 'set') });
  db = await Database.open(':memory:');
  await viewLake('p', join(root, 'pay'), 'payment');
  await viewLake('s', join(root, 'set'), 'settlement');
}, 300_000);

afterAll(() => {
  db?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the lake', () => {
  it('is complete, with a manifest counting its rows', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'pay', SUCCESS_FILE), 'utf8'));
    expect(manifest.grain).toBe('payment');
    expect(manifest.rows.payments).toBeGreaterThan(1_000_000);
    expect(manifest.rows.merchants).toBe(240);
  });

  it('holds rows that satisfy their zod schemas', async () => {
    const check = async (sql: string, schema: { parse: (row: unknown) => unknown }) => {
      const rows = await db.all(sql);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) schema.parse(row);
    };
    await check(`SELECT * FROM p_payments USING SAMPLE 3000 ROWS`, PaymentSchema);
    await check(`SELECT * FROM p_payments WHERE kind = 'refund' OR status = 'declined' LIMIT 2000`, PaymentSchema);
    await check(`SELECT * FROM s_settlements USING SAMPLE 3000 ROWS`, SettlementSchema);
    await check(`SELECT * FROM p_merchants`, MerchantSchema);
    await check(`SELECT * FROM p_truth_months`, TruthMonthSchema);
    const events = await db.all(`SELECT * FROM s_line_events`);
    for (const row of events) expect(LineEventSchema.parse(row).source).toBe('legacy_book');
  });
});

describe('payments', () => {
  it('has ticket medians inside each segment calibration range (ARCHITECTURE.md §4)', async () => {
    const ranges: Record<string, [number, number]> = {
      convenience_store: [20, 35], cafe: [25, 40], fast_food: [30, 50], gas_station: [200, 350],
      supermarket: [80, 150], hotel: [300, 600], department_store: [300, 800],
    };
    const rows = await db.all<{ segment: string; median_rmb: number }>(`
      SELECT m.segment, median(p.amount_fen) / 100 AS median_rmb
      FROM p_payments p JOIN p_merchants m USING (merchant_id)
      WHERE p.kind = 'payment' GROUP BY m.segment`);
    expect(rows.length).toBe(7);
    for (const row of rows) {
      const [low, high] = ranges[row.segment];
      expect(row.median_rmb, row.segment).toBeGreaterThanOrEqual(low);
      expect(row.median_rmb, row.segment).toBeLessThanOrEqual(high);
    }
  });

  it('shows weekday shapes: supermarkets sell more on Saturdays, cafes on Tuesdays', async () => {
    const rows = await db.all<{ segment: string; ratio: number }>(`
      WITH daily AS (
        SELECT m.segment, p.payment_date, dayofweek(p.payment_date) AS dow, sum(p.amount_fen) AS fen
        FROM p_payments p JOIN p_merchants m USING (merchant_id)
        WHERE p.kind = 'payment' AND p.status = 'approved'
          AND p.payment_date NOT BETWEEN DATE '2024-01-30' AND DATE '2024-02-26'
        GROUP BY ALL
      )
      SELECT segment, avg(fen) FILTER (dow = 6) / avg(fen) FILTER (dow = 2) AS ratio
      FROM daily WHERE segment IN ('supermarket', 'cafe') GROUP BY segment`);
    const ratio = Object.fromEntries(rows.map((row) => [row.segment, row.ratio]));
    expect(ratio.supermarket).toBeGreaterThan(1.1);
    expect(ratio.cafe).toBeLessThan(0.95);
  });

  it('shows Spring Festival: small shops lose 30–60% of turnover over the holiday', async () => {
    const row = await db.one<{ ratio: number }>(`
      WITH daily AS (
        SELECT p.payment_date, sum(p.amount_fen) AS fen
        FROM p_payments p JOIN p_merchants m USING (merchant_id)
        WHERE m.segment IN ('convenience_store', 'cafe', 'fast_food') AND p.kind = 'payment' AND p.status = 'approved'
        GROUP BY ALL
      )
      SELECT avg(fen) FILTER (payment_date BETWEEN DATE '2024-02-10' AND DATE '2024-02-17')
           / avg(fen) FILTER (payment_date BETWEEN DATE '2024-01-08' AND DATE '2024-01-28') AS ratio
      FROM daily`);
    expect(row!.ratio).toBeGreaterThan(0.4);
    expect(row!.ratio).toBeLessThan(0.7);
  });

  it('has regular customers: a good share of payments come from customers seen before at that merchant', async () => {
    const row = await db.one<{ repeat_share: number; distinct_share: number }>(`
      WITH ranked AS (
        SELECT merchant_id, customer_id, row_number() OVER (PARTITION BY merchant_id, customer_id ORDER BY paid_at) AS nth
        FROM p_payments WHERE kind = 'payment'
      )
      SELECT avg((nth > 1)::INTEGER) AS repeat_share, count(DISTINCT customer_id) / count(*) AS distinct_share FROM ranked`);
    expect(row!.repeat_share).toBeGreaterThan(0.3);
    expect(row!.repeat_share).toBeLessThan(0.7);
  });

  it('mixes issuers, channels and QR modes as the segments do', async () => {
    const row = await db.one<Record<string, number>>(`
      SELECT avg((issuer = 'own')::INTEGER) AS own, avg((issuer = 'overseas')::INTEGER) AS overseas,
             avg((channel = 'o2o')::INTEGER) AS o2o, avg((channel = 'online')::INTEGER) AS online,
             avg((qr_mode = 'merchant_scans_customer')::INTEGER) AS msc, avg((code_type = 'static')::INTEGER) AS static
      FROM p_payments WHERE kind = 'payment'`);
    expect(row!.own).toBeGreaterThan(0.25);
    expect(row!.own).toBeLessThan(0.45);
    expect(row!.overseas).toBeGreaterThan(0.001);
    expect(row!.overseas).toBeLessThan(0.05);
    expect(row!.o2o).toBeGreaterThan(0.05);
    expect(row!.online).toBeGreaterThan(0.01);
    expect(row!.msc).toBeGreaterThan(0.1);
    expect(row!.static).toBeGreaterThan(0.2);
  });

  it('declines only for the stated reasons, and for every stated reason its rule holds', async () => {
    const rows = await db.all<{ decline_reason: string | null; status: string; n: number; broken: number }>(`
      SELECT decline_reason, status, count(*) AS n,
        count(*) FILTER (NOT CASE decline_reason
          WHEN 'static_code_limit' THEN code_type = 'static' AND amount_fen > 50000
          WHEN 'tier_daily_limit' THEN code_type = 'dynamic' AND amount_fen > 100000
          WHEN 'verification_failed' THEN amount_fen >= 200000 AND is_verified
          WHEN 'monitoring_rule' THEN is_flagged AND hour(paid_at) < 5
          WHEN 'insufficient_funds' THEN true
        END) AS broken
      FROM p_payments WHERE kind = 'payment' GROUP BY ALL`);
    const reasons = new Set(rows.map((row) => row.decline_reason));
    for (const row of rows) {
      if (row.decline_reason === null) expect(row.status).toBe('approved');
      else {
        expect(row.status).toBe('declined');
        expect(row.broken, row.decline_reason).toBe(0);
      }
    }
    for (const reason of ['static_code_limit', 'tier_daily_limit', 'verification_failed', 'insufficient_funds']) expect(reasons.has(reason), reason).toBe(true);
    const rate = rows.filter((r) => r.status === 'declined').reduce((a, r) => a + r.n, 0) / rows.reduce((a, r) => a + r.n, 0);
    expect(rate).toBeGreaterThan(0.005);
    expect(rate).toBeLessThan(0.05);
  });

  it('refunds only approved payments, in full, the same day, at the same merchant', async () => {
    const row = await db.one<{ refunds: number; orphans: number }>(`
      SELECT count(*) AS refunds,
        count(*) FILTER (p.payment_id IS NULL OR p.status <> 'approved' OR p.amount_fen <> r.amount_fen
          OR p.merchant_id <> r.merchant_id OR p.payment_date <> r.payment_date OR r.paid_at < p.paid_at) AS orphans
      FROM p_payments r LEFT JOIN p_payments p ON p.payment_id = r.refund_of_payment_id AND p.kind = 'payment'
      WHERE r.kind = 'refund'`);
    expect(row!.refunds).toBeGreaterThan(100);
    expect(row!.orphans).toBe(0);
  });

  it('carries a different token on every payment, and nothing shaped like a card number', async () => {
    const row = await db.one<{ n: number; tokens: number; ids: number; digits: number }>(`
      SELECT count(*) AS n, count(DISTINCT payment_token) AS tokens, count(DISTINCT payment_id) AS ids,
             count(*) FILTER (regexp_full_match(payment_token, '\\d{13,19}') OR regexp_full_match(customer_id, '\\d{13,19}')
               OR regexp_full_match(payment_id, '\\d{13,19}')) AS digits
      FROM p_payments`);
    expect(row!.tokens).toBe(row!.n);
    expect(row!.ids).toBe(row!.n);
    expect(row!.digits).toBe(0);
    expect(Object.keys(PaymentSchema.shape).filter((name) => /card|pan|account_number/.test(name))).toEqual([]);
  });
});

describe('two grains of one merchant model', () => {
  it('agree on turnover by segment and on decline rates', async () => {
    const rows = await db.all<{ segment: string; payment_grain: number; settlement_grain: number; pay_decl: number; set_decl: number }>(`
      WITH pay AS (
        SELECT m.segment, sum(p.amount_fen) FILTER (p.kind = 'payment' AND p.status = 'approved') AS fen,
               count(*) FILTER (p.status = 'declined') / count(*) FILTER (p.kind = 'payment') AS decl
        FROM p_payments p JOIN p_merchants m USING (merchant_id) GROUP BY ALL
      ), sett AS (
        SELECT m.segment, sum(gross_fen) AS fen, sum(n_declined) / sum(n_payments + n_declined) AS decl
        FROM s_settlements s JOIN s_merchants m USING (merchant_id) GROUP BY ALL
      )
      SELECT pay.segment, pay.fen AS payment_grain, sett.fen AS settlement_grain, pay.decl AS pay_decl, sett.decl AS set_decl
      FROM pay JOIN sett USING (segment)`);
    expect(rows.length).toBe(7);
    for (const row of rows) {
      expect(row.settlement_grain / row.payment_grain, row.segment).toBeGreaterThan(0.93);
      expect(row.settlement_grain / row.payment_grain, row.segment).toBeLessThan(1.07);
      expect(Math.abs(row.set_decl - row.pay_decl), row.segment).toBeLessThan(0.01);
    }
  });

  it('agrees on the registry, the ledger and the truth, which do not depend on the grain', async () => {
    const same = await db.one<{ merchants: number; truth: number }>(`
      SELECT (SELECT count(*) FROM (SELECT * FROM p_merchants EXCEPT SELECT * FROM s_merchants)) AS merchants,
             (SELECT count(*) FROM (SELECT * FROM p_truth_months EXCEPT SELECT * FROM s_truth_months)) AS truth`);
    expect(same).toEqual({ merchants: 0, truth: 0 });
  });

  it('splits settlement turnover by channel, QR mode and issuer without losing a fen', async () => {
    const row = await db.one<{ bad: number }>(`
      SELECT count(*) FILTER (offline_fen + online_fen + o2o_fen <> gross_fen
        OR customer_scans_merchant_fen + merchant_scans_customer_fen <> gross_fen
        OR own_bank_fen + other_bank_fen + overseas_fen <> gross_fen
        OR least(offline_fen, online_fen, o2o_fen, own_bank_fen, other_bank_fen, overseas_fen) < 0
        OR n_customers > n_payments OR gross_fen < 100 * n_payments OR refund_fen > gross_fen) AS bad
      FROM s_settlements`);
    expect(row!.bad).toBe(0);
  });
});
