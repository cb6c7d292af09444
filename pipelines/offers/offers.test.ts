/**
 * Offers on a real warehouse (a small lake through the real pipeline): one row per merchant,
 * every row through OfferRowSchema, every row equal to engine/credit's `decide` on its inputs
 * (so no offer exceeds the maximum or goes to a merchant failing a rule), a rerun replaces the
 * date's slice alone, the summary equals `summarise`, and applicants are point in time.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy, summarise, withThresholds, type Decision } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { OfferRowSchema } from '../../engine/schema/index.ts';
import { checkWarehouse, findingLine, WAREHOUSE_TABLES } from '../../engine/warehouse/index.ts';
import { tempDir } from '../testing/write-lake.ts';
import { buildApplicants, ensureOfferTables, latestOffer, OFFER_ROW_COLUMNS, offerDecision, portfolioSummary, runPolicy, sizeOffers } from './index.ts';
import { buildOffersWarehouse, FIXTURE_MODEL } from './testing/offers-warehouse.ts';

const dir = tempDir('capillary-offers-');
const AS_OF = '2024-03-01';
const EARLIER = '2024-02-01';
let db: Database;

beforeAll(async () => {
  db = await Database.open(join(dir, 'warehouse.duckdb'));
  await buildOffersWarehouse(db, { asOfDates: [EARLIER, AS_OF] });
}, 120_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rowsAt(asOf: string) {
  const raw = await db.all(`SELECT ${OFFER_ROW_COLUMNS} FROM offers WHERE as_of_date = CAST($d AS DATE) ORDER BY merchant_id`, { d: asOf });
  return raw.map((r) => OfferRowSchema.parse(r));
}

describe('sizeOffers on a warehouse', () => {
  it('decides every merchant of the features at the date, each row as decide() would', async () => {
    const run = await sizeOffers(db, { asOfDate: AS_OF, modelId: FIXTURE_MODEL });
    const rows = await rowsAt(AS_OF);
    const features = await db.one<{ n: number }>('SELECT count(*) AS n FROM features WHERE as_of_date = CAST($d AS DATE)', { d: AS_OF });
    expect(rows.length).toBe(Number(features!.n));
    expect(run.merchants).toBe(rows.length);
    expect(run.offers).toBeGreaterThan(0);
    expect(run.declines).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.merchant_id)).size).toBe(rows.length);
    const policy = await runPolicy(db, run.runId);
    expect(policy).toEqual(DEFAULT_POLICY);
    const decisions: Decision[] = [];
    for (const row of rows) {
      expect(row.status).toBe('suggested');
      expect(row.model_id).toBe(FIXTURE_MODEL);
      const d = offerDecision(row, policy); // throws when the row differs from decide()
      decisions.push(d);
      if (d.outcome === 'offer') {
        expect(row.line_fen!).toBeLessThanOrEqual(policy.line.max_line_fen);
        expect(row.line_fen!).toBeGreaterThanOrEqual(policy.line.min_line_fen);
        expect(d.checks.every((c) => c.passed)).toBe(true);
        expect(row.declined_rules).toBeNull();
        expect(row.expires_on).toBe('2024-03-31');
      } else {
        expect(row.line_fen).toBeNull();
        expect(row.declined_rules!.split(',')).toEqual(d.failed.map((f) => f.rule));
      }
    }
    const summary = await portfolioSummary(db, AS_OF);
    const expected = summarise(decisions);
    expect({ ...summary, mean_pd_offers: 0 }).toEqual({ ...expected, mean_pd_offers: 0, by_segment: summary.by_segment, by_grade: summary.by_grade });
    expect(summary.mean_pd_offers).toBeCloseTo(expected.mean_pd_offers, 12);
    for (const [key, cell] of Object.entries(expected.by_grade)) expect(summary.by_grade[key].total_line_fen).toBe(cell.total_line_fen);
    for (const [key, cell] of Object.entries(expected.by_segment)) expect(summary.by_segment[key].n_offers).toBe(cell.n_offers);
  });

  it('rerunning a date replaces its rows in one go and leaves other dates alone', async () => {
    await sizeOffers(db, { asOfDate: EARLIER, modelId: FIXTURE_MODEL });
    const earlier = await rowsAt(EARLIER);
    const tight = parsePolicy({ ...withThresholds(DEFAULT_POLICY, { max_pd: 0.02 }), version: 'tight' });
    const run = await sizeOffers(db, { asOfDate: AS_OF, policy: tight, modelId: FIXTURE_MODEL });
    const rows = await rowsAt(AS_OF);
    expect(rows.length).toBe(run.merchants);
    expect(new Set(rows.map((r) => r.policy_version))).toEqual(new Set(['tight']));
    expect(rows.filter((r) => r.outcome === 'offer').every((r) => r.pd <= 0.02)).toBe(true);
    expect(await rowsAt(EARLIER)).toEqual(earlier);
    const runs = await db.all<{ as_of_date: string; policy_version: string }>('SELECT CAST(as_of_date AS VARCHAR) AS as_of_date, policy_version FROM offer_runs ORDER BY finished_at');
    expect(runs.map((r) => r.policy_version)).toEqual([DEFAULT_POLICY.version, DEFAULT_POLICY.version, 'tight']);
  });

  it("reads one merchant's latest offer with its full decision", async () => {
    const [row] = await rowsAt(AS_OF);
    const latest = await latestOffer(db, row.merchant_id);
    expect(latest!.row).toEqual(row);
    expect(latest!.decision.merchant_id).toBe(row.merchant_id);
    expect(latest!.decision.trace.some((t) => t.step === 'rule.max_pd')).toBe(true);
    expect((await latestOffer(db, row.merchant_id, EARLIER))!.row.as_of_date).toBe(EARLIER);
    expect(await latestOffer(db, 'M99999999')).toBeNull();
  });

  it('sizes with a rule on a feature the applicant does not carry, added by one table entry, and rebuilds it from the row', async () => {
    const rule = {
      rule: 'min_active_days', input: 'active_day_share_90d', comparison: '>=' as const, threshold: 0.9, unit: 'ratio' as const,
      officer: 'share of days traded over the last 90', merchant: { to_qualify: 'trade on more days ({value} of days; we need {threshold})' },
    };
    const policy = parsePolicy({ ...DEFAULT_POLICY, version: 'active-days', eligibility: [...DEFAULT_POLICY.eligibility, rule] });
    await sizeOffers(db, { asOfDate: EARLIER, policy, modelId: FIXTURE_MODEL });
    const rows = await rowsAt(EARLIER);
    const shares = new Map((await db.all<{ merchant_id: string; share: number | null }>(
      'SELECT merchant_id, active_day_share_90d AS share FROM features WHERE as_of_date = CAST($d AS DATE)', { d: EARLIER },
    )).map((r) => [r.merchant_id, r.share]));
    let caught = 0;
    for (const row of rows) {
      expect(JSON.parse(row.rule_inputs)).toEqual({ active_day_share_90d: shares.get(row.merchant_id) });
      const decision = offerDecision(row, policy); // throws if the row disagrees with decide() on its inputs
      const check = decision.checks.find((c) => c.rule === 'min_active_days');
      if (check) expect(check.passed).toBe((shares.get(row.merchant_id) ?? -1) >= 0.9);
      if (row.declined_rules === 'min_active_days') caught++;
    }
    expect(caught).toBeGreaterThan(0);
    const unknown = parsePolicy({ ...policy, eligibility: [...DEFAULT_POLICY.eligibility, { ...rule, input: 'no_such_feature' }] });
    await expect(sizeOffers(db, { asOfDate: EARLIER, policy: unknown, modelId: FIXTURE_MODEL })).rejects.toThrow(/feature no_such_feature, which the features table does not have/);
    await sizeOffers(db, { asOfDate: EARLIER, modelId: FIXTURE_MODEL });
  });

  it('gives offers written before rules could read features an empty rule_inputs, and reads them as before', async () => {
    await db.run(`ALTER TABLE offers DROP COLUMN rule_inputs`);
    await ensureOfferTables(db);
    const rows = await rowsAt(AS_OF);
    expect(new Set(rows.map((r) => r.rule_inputs))).toEqual(new Set(['{}']));
    expect((await latestOffer(db, rows[0].merchant_id, AS_OF))!.row.merchant_id).toBe(rows[0].merchant_id);
  });

  it('names the missing step when there are no scores', async () => {
    await expect(sizeOffers(db, { asOfDate: '2024-01-01', modelId: FIXTURE_MODEL })).rejects.toThrow(/no scores as of 2024-01-01 by model fixture-pd: run `capillary score/);
    await expect(sizeOffers(db, { asOfDate: AS_OF })).rejects.toThrow(/no champion model/);
  });

  it("keeps officers' decisions and acceptances through a rerun, and sends an approval of other figures back to the queue", async () => {
    await sizeOffers(db, { asOfDate: AS_OF, modelId: FIXTURE_MODEL });
    const price = DEFAULT_POLICY.price;
    // offers whose rate moves when funding costs a point more (not clamped either side)
    const offers = (await rowsAt(AS_OF)).filter((r) => r.outcome === 'offer' && r.annual_rate! > price.rate_floor && r.annual_rate! < price.rate_cap - 0.02);
    expect(offers.length).toBeGreaterThanOrEqual(5);
    const [approved, adjusted, rejected, accepted, untouched] = offers;
    // as api/reviews (decisions) and api/lines (acceptance) write them
    const decide = (row: typeof approved, status: string, lineFen: number | null, note: string | null, by: string | null) =>
      db.run(
        `UPDATE offers SET status = $status, line_fen = coalesce($line_fen, line_fen), decided_by = $by, decided_at = CASE WHEN $by IS NULL THEN NULL ELSE TIMESTAMP '2024-03-02 10:00:00' END,
           officer_note = $note WHERE merchant_id = $merchant_id AND as_of_date = CAST($as_of AS DATE)`,
        { status, line_fen: lineFen, note, by, merchant_id: row.merchant_id, as_of: AS_OF },
      );
    await decide(approved, 'approved', null, null, 'officer:wang');
    await decide(adjusted, 'approved', Math.floor(adjusted.line_fen! / 2), 'lower until the second shop opens', 'officer:wang');
    await decide(rejected, 'rejected', null, 'turnover looks borrowed', 'officer:li');
    await decide(accepted, 'accepted', null, null, null);
    const mine = [approved, adjusted, rejected, accepted, untouched].map((r) => r.merchant_id);
    const pick = async () => new Map((await rowsAt(AS_OF)).filter((r) => mine.includes(r.merchant_id)).map((r) => [r.merchant_id, r]));
    const decided = await pick();

    await sizeOffers(db, { asOfDate: AS_OF, modelId: FIXTURE_MODEL });
    const same = await pick();
    for (const id of mine) expect({ ...same.get(id)!, run_id: '' }, id).toEqual({ ...decided.get(id)!, run_id: '' });
    expect(same.get(adjusted.merchant_id)!.line_fen).toBe(Math.floor(adjusted.line_fen! / 2));
    expect(same.get(untouched.merchant_id)!.status).toBe('suggested');

    const pricier = parsePolicy({ ...DEFAULT_POLICY, version: 'pricier', price: { ...price, cost_of_funds: price.cost_of_funds + 0.01 } });
    await sizeOffers(db, { asOfDate: AS_OF, policy: pricier, modelId: FIXTURE_MODEL });
    const resized = await pick();
    for (const id of mine) {
      const row = resized.get(id)!;
      expect(row.annual_rate, id).not.toBe(decided.get(id)!.annual_rate);
      expect([row.decided_by, row.decided_at, row.officer_note], id).toEqual([decided.get(id)!.decided_by, decided.get(id)!.decided_at, decided.get(id)!.officer_note]);
    }
    expect(resized.get(approved.merchant_id)!.status).toBe('suggested');
    expect(resized.get(adjusted.merchant_id)!.status).toBe('suggested');
    const policyLine = offerDecision(resized.get(adjusted.merchant_id)!, pricier); // throws unless the row holds the policy's line
    expect(policyLine.outcome === 'offer' && policyLine.line_fen).toBe(resized.get(adjusted.merchant_id)!.line_fen);
    expect(resized.get(rejected.merchant_id)!.status).toBe('rejected');
    expect(resized.get(accepted.merchant_id)!.status).toBe('accepted');
    expect(resized.get(untouched.merchant_id)!.decided_by).toBeNull();
    const decidedRows = await db.one<{ n: number }>('SELECT count(*) AS n FROM offers WHERE as_of_date = CAST($d AS DATE) AND decided_by IS NOT NULL', { d: AS_OF });
    expect(Number(decidedRows!.n)).toBe(3);
  });
});

describe('applicants', () => {
  it('count whole months with turnover and take the CV of the last 12, as counted by hand from daily turnover', async () => {
    await buildApplicants(db, AS_OF, FIXTURE_MODEL);
    const applicants = await db.all<{ merchant_id: string; months_of_turnover: number; monthly_turnover_cv: number }>(
      'SELECT merchant_id, months_of_turnover, monthly_turnover_cv FROM offer_applicants ORDER BY merchant_id',
    );
    const tenure = new Map((await db.all<{ merchant_id: string; tenure_days: number }>(
      'SELECT merchant_id, tenure_days FROM features WHERE as_of_date = CAST($d AS DATE)', { d: AS_OF },
    )).map((r) => [r.merchant_id, r.tenure_days]));
    const days = await db.all<{ merchant_id: string; month: string; net_fen: number }>(
      `SELECT m.merchant_id, strftime(t.turnover_date, '%Y-%m') AS month, t.net_fen FROM daily_turnover AS t JOIN merchants AS m USING (merchant_key)`,
    );
    const monthly = new Map<string, number>();
    for (const d of days) monthly.set(`${d.merchant_id} ${d.month}`, (monthly.get(`${d.merchant_id} ${d.month}`) ?? 0) + d.net_fen);
    const monthOf = (date: Date) => date.toISOString().slice(0, 7);
    let checked = 0;
    for (const a of applicants) {
      const onboarded = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - tenure.get(a.merchant_id)! * 86_400_000);
      // The first month wholly after onboarding, up to the month before the as-of date's.
      const first = new Date(Date.UTC(onboarded.getUTCFullYear(), onboarded.getUTCMonth() + (onboarded.getUTCDate() === 1 ? 0 : 1), 1));
      const months: string[] = [];
      for (let m = new Date(first); monthOf(m) < AS_OF.slice(0, 7); m.setUTCMonth(m.getUTCMonth() + 1)) months.push(monthOf(m));
      const net = months.map((m) => monthly.get(`${a.merchant_id} ${m}`) ?? 0);
      expect(a.months_of_turnover, a.merchant_id).toBe(net.filter((x) => x > 0).length);
      const window = net.slice(-12);
      const mean = window.reduce((x, y) => x + y, 0) / window.length;
      const sd = Math.sqrt(window.reduce((x, y) => x + (y - mean) ** 2, 0) / window.length);
      if (mean > 0) {
        expect(a.monthly_turnover_cv, a.merchant_id).toBeCloseTo(sd / mean, 9);
        checked++;
      } else {
        expect(a.monthly_turnover_cv, a.merchant_id).toBe(10);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('are point in time: a warehouse cut at the as-of date gives the same applicants', async () => {
    const cut = await Database.open(join(dir, 'cut.duckdb'));
    try {
      await buildOffersWarehouse(cut, { asOfDates: [AS_OF], cutAt: AS_OF });
      const read = async (w: Database) => {
        await buildApplicants(w, AS_OF, FIXTURE_MODEL);
        return w.all('SELECT * EXCLUDE (as_of_date) FROM offer_applicants ORDER BY merchant_key');
      };
      const full = await read(db);
      expect(full.length).toBeGreaterThan(30);
      expect(await read(cut)).toEqual(full);
      // The months rule and the CV read whole months only: some merchant has months on record.
      expect(full.some((a) => Number(a.months_of_turnover) >= 6)).toBe(true);
    } finally {
      cut.close();
    }
  }, 120_000);
});

describe('the offers warehouse', () => {
  it('passes the contract\'s checks once offers are written', async () => {
    await sizeOffers(db, { asOfDate: AS_OF, modelId: FIXTURE_MODEL });
    const report = await checkWarehouse(db, WAREHOUSE_TABLES);
    expect(report.findings.map(findingLine)).toEqual([]);
    expect(report.checked).toEqual(expect.arrayContaining(['features', 'scores', 'score_runs', 'offers', 'offer_runs']));
  });
});
