/** The portfolio report over a ledger written in the test: a temp DuckDB with the declared tables. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { PortfolioReportSchema, type LineEvent, type PortfolioReport } from '../../engine/schema/index.ts';
import { loadRows } from '../testing/load-rows.ts';
import { smallLake } from '../testing/small-lake.ts';
import { tempDir } from '../testing/write-lake.ts';
import { bookLines } from './book-lines.ts';
import { portfolioReport } from './report.ts';

const dir = tempDir('capillary-portfolio-');
let db: Database;
let m: string[];

type Ev = Pick<LineEvent, 'line_id' | 'merchant_id' | 'business_date' | 'event_type'> & Partial<LineEvent>;
let seq = 0;
const row = (e: Ev): LineEvent & { file_id: null } => ({
  event_id: `E${String(++seq).padStart(4, '0')}`, amount_fen: 0, interest_fen: 0, limit_fen: 0, balance_fen: 0, dpd: 0,
  instalments: null, annual_rate: null, repayment: null, source: 'api', reason: null, recorded_at: null, file_id: null, ...e,
});

beforeAll(async () => {
  db = await Database.open(join(dir, 'w.duckdb'));
  const merchants = smallLake({ merchants: 3, days: 1, start: '2023-01-01', seed: 1, grain: 'settlement' }).merchants;
  await loadRows(db, { merchants });
  m = merchants.map((x) => x.merchant_id);
  const [m1, m2, m3] = m;
  const events: Ev[] = [
    // L1: open and current all along.
    { line_id: 'L1', merchant_id: m1, business_date: '2024-01-10', event_type: 'accepted', amount_fen: 1_000_000, limit_fen: 1_000_000 },
    { line_id: 'L1', merchant_id: m1, business_date: '2024-01-10', event_type: 'drawn', amount_fen: 400_000, limit_fen: 1_000_000, balance_fen: 400_000 },
    { line_id: 'L1', merchant_id: m1, business_date: '2024-02-10', event_type: 'repaid', amount_fen: 50_000, interest_fen: 5_000, limit_fen: 1_000_000, balance_fen: 355_000 },
    // L2: falls behind month by month and defaults.
    { line_id: 'L2', merchant_id: m2, business_date: '2024-01-20', event_type: 'accepted', amount_fen: 500_000, limit_fen: 500_000 },
    { line_id: 'L2', merchant_id: m2, business_date: '2024-01-20', event_type: 'drawn', amount_fen: 300_000, limit_fen: 500_000, balance_fen: 300_000 },
    { line_id: 'L2', merchant_id: m2, business_date: '2024-02-21', event_type: 'missed', amount_fen: 20_000, limit_fen: 500_000, balance_fen: 300_000, dpd: 1 },
    { line_id: 'L2', merchant_id: m2, business_date: '2024-03-22', event_type: 'missed', amount_fen: 20_000, limit_fen: 500_000, balance_fen: 300_000, dpd: 31 },
    { line_id: 'L2', merchant_id: m2, business_date: '2024-04-21', event_type: 'missed', amount_fen: 20_000, limit_fen: 500_000, balance_fen: 300_000, dpd: 61 },
    { line_id: 'L2', merchant_id: m2, business_date: '2024-05-21', event_type: 'defaulted', limit_fen: 500_000, balance_fen: 300_000, dpd: 90 },
    // L3: repaid and closed.
    { line_id: 'L3', merchant_id: m3, business_date: '2024-02-05', event_type: 'accepted', amount_fen: 800_000, limit_fen: 800_000 },
    { line_id: 'L3', merchant_id: m3, business_date: '2024-02-05', event_type: 'drawn', amount_fen: 200_000, limit_fen: 800_000, balance_fen: 200_000 },
    { line_id: 'L3', merchant_id: m3, business_date: '2024-04-05', event_type: 'repaid', amount_fen: 203_000, interest_fen: 3_000, limit_fen: 800_000, balance_fen: 0 },
    { line_id: 'L3', merchant_id: m3, business_date: '2024-04-05', event_type: 'closed', limit_fen: 800_000 },
    // L4: offered, never accepted.
    { line_id: 'L4', merchant_id: m3, business_date: '2024-05-01', event_type: 'offered', amount_fen: 900_000, limit_fen: 900_000 },
  ];
  const values = events.map(row);
  const cols = Object.keys(values[0]);
  for (const v of values) {
    await db.run(`INSERT INTO line_events (${cols.join(', ')}) VALUES (${cols.map((c) => `$${c}`).join(', ')})`, v as never);
  }
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('portfolio report', () => {
  let report: PortfolioReport;
  beforeAll(async () => {
    report = await portfolioReport(db, { asOfDate: '2024-07-01', fromDate: '2024-03-01' });
  });

  it('puts accepted lines neither closed nor written off on the book, with EAD = drawn + CCF × undrawn', () => {
    expect(PortfolioReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({ as_of_date: '2024-07-01', policy_version: DEFAULT_POLICY.version, model_id: null, n_lines_without_pd: 2 });
    expect(report.total).toMatchObject({ n_lines: 2, limit_fen: 1_500_000, balance_fen: 655_000, ead_fen: 355_000 + 322_500 + 300_000 });
    expect(report.total.utilisation).toBeCloseTo(655_000 / 1_500_000, 12);
  });

  it('stages: the defaulted line in 3, the current one in 1; stage EAD adds up to the total', () => {
    expect(report.total.stages.map((s) => [s.stage, s.n_lines, s.ead_fen])).toEqual([[1, 1, 677_500], [2, 0, 0], [3, 1, 300_000]]);
    expect(report.total.stages[2].ecl_fen).toBe(135_000);
    expect(report.stage_reasons).toMatchObject({ performing: 1, defaulted: 1 });
    for (const cell of [report.total, ...report.by_segment]) expect(cell.stages.reduce((s, c) => s + c.ead_fen, 0)).toBe(cell.ead_fen);
  });

  it('vintage curves by month of origination', () => {
    expect(report.vintages.map((v) => [v.vintage, v.n_lines, v.n_defaults])).toEqual([['2024-01', 2, 1], ['2024-02', 1, 0]]);
    expect(report.vintages[0].points.map((p) => p.cumulative_default_rate)).toEqual([0, 0, 0, 0, 0.5, 0.5]);
  });

  it('roll rates pooled over the months of the period, each row adding up to 1', () => {
    const byFrom = Object.fromEntries(report.roll_rates.rows.map((r) => [r.from, r]));
    expect(byFrom.current.n).toBe(6);
    expect(byFrom.current.to.current).toBeCloseTo(5 / 6, 12);
    expect(byFrom.current.to.closed).toBeCloseTo(1 / 6, 12);
    expect(byFrom['1-29'].to['30-59']).toBe(1);
    expect(byFrom['30-59'].to['60-89']).toBe(1);
    expect(byFrom['60-89'].to['90+']).toBe(1);
    expect(byFrom['90+']).toMatchObject({ n: 1, to: { '90+': 1 } });
    for (const r of report.roll_rates.rows) expect(Object.values(r.to).reduce((a, b) => a + b, 0)).toBeCloseTo(r.n > 0 ? 1 : 0, 12);
  });

  it('expected loss of the lines performing at the start against what they lost', () => {
    // Without a model every line takes the worst grade's PD band (8%).
    expect(report.loss).toMatchObject({ from_date: '2024-03-01', n_lines: 3, realised_defaults: 1, realised_loss_fen: 300_000 });
    expect(report.loss.expected_loss_fen).toBe([677_500, 400_000, 500_000].reduce((s, ead) => s + Math.round(0.08 * 0.45 * ead), 0));
  });

  it('refuses a period that does not start before the date', async () => {
    await expect(portfolioReport(db, { asOfDate: '2024-07-01', fromDate: '2024-07-01' })).rejects.toThrow(/must start before/);
  });
});

describe('PDs at origination and at the date', () => {
  it('take the features of the latest date on or before each, scored by the model expression', async () => {
    const [m1, m2] = m;
    await db.run(`CREATE TEMP TABLE features AS SELECT * FROM (VALUES
      ($m1, DATE '2024-01-01', 0.01), ($m1, DATE '2024-06-01', 0.04), ($m1, DATE '2024-07-01', 0.5),
      ($m2, DATE '2024-02-01', 0.02)) AS f(merchant_id, as_of_date, risk)`, { m1, m2 });
    const lines = await bookLines(db, '2024-07-01', { pdSql: 'f.risk', defaultDpd: 90 });
    const byId = Object.fromEntries(lines.map((l) => [l.line_id, l]));
    // L1 opened 2024-01-10: the 2024-01-01 features; at 2024-07-01 the features of that very date (they read only days before it).
    expect(byId.L1).toMatchObject({ pd_origination: 0.01, pd: 0.5, default_date: null, loss_fen: 0 });
    // L2 opened before its merchant's first features: no origination PD.
    expect(byId.L2).toMatchObject({ pd_origination: null, pd: 0.02, default_date: '2024-05-21', loss_fen: 300_000 });
    const before = await bookLines(db, '2024-06-15', { pdSql: 'f.risk', defaultDpd: 90 });
    expect(before.find((l) => l.line_id === 'L1')).toMatchObject({ pd: 0.04 });
    await db.run('DROP TABLE features');
  });
});
