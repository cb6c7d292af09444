/**
 * The offers store on a real DuckDB file: a few hand-written rows over two as-of dates, read,
 * queued, paged, changed (and raced) and replaced through the store's own functions, with the
 * table checked directly beside them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, type CodedColumn } from '../../../engine/db/index.ts';
import {
  changeOfferStatus,
  decidedOffers,
  declinesByRule,
  ensureOfferTables,
  insertOffers,
  isSliceSized,
  largestOffer,
  latestOfferColumns,
  latestOfferRow,
  latestOffersColumns,
  offersQueue,
  portfolioCells,
  replaceSlice,
  sliceTotals,
  type QueueRequest,
} from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'capillary-offers-store-'));
let db: Database;

/** One offers row per tuple: merchant, as-of date, line (null: a decline), status, segment. */
type Spec = [id: string, asOf: string, line: number | null, status: string, segment: string];
const SPECS: Spec[] = [
  ['M00000001', '2024-05-01', 90_000_00, 'suggested', 'cafe'],
  ['M00000001', '2024-06-01', 120_000_00, 'suggested', 'cafe'],
  ['M00000002', '2024-06-01', 50_000_00, 'approved', 'cafe'],
  ['M00000003', '2024-06-01', 300_000_00, 'suggested', 'hotel'],
  ['M00000004', '2024-06-01', null, 'suggested', 'hotel'],
  ['M00000005', '2024-06-01', 300_000_00, 'rejected', 'cafe'],
];

/** The rows as a query of offers columns by name (what a run or the bench hands insertOffers). */
function rowsSql(specs: Spec[], runId = 'run-1'): string {
  const values = specs
    .map(([id, asOf, line, status, segment]) => `('${id}', '${asOf}', ${line ?? 'NULL'}, '${status}', '${segment}')`)
    .join(', ');
  return `SELECT id AS merchant_id, CAST(as_of AS DATE) AS as_of_date, CASE WHEN line IS NULL THEN 'decline' ELSE 'offer' END AS outcome,
      segment, CASE WHEN line IS NULL THEN NULL ELSE 'B' END AS grade, 0.02 AS pd, 600.0 AS score, CAST(line AS BIGINT) AS line_fen,
      CASE WHEN line IS NULL THEN NULL ELSE 0.12 END AS annual_rate, CAST(line / 2 AS BIGINT) AS ead_fen, CAST(line / 100 AS BIGINT) AS expected_loss_fen,
      CASE WHEN line IS NULL THEN NULL ELSE CAST(as_of AS DATE) + 30 END AS expires_on, 'test-policy' AS policy_version, 'model-1' AS model_id,
      CASE WHEN line IS NULL THEN 'max_pd,min_months' END AS declined_rules, '${runId}' AS run_id, 'B' AS kyc_tier, 14 AS months_of_turnover,
      600000000 AS turnover_12m_fen, 50000000 AS monthly_turnover_sa_fen, 0.2 AS monthly_turnover_cv, 0 AS current_dpd, 0 AS balance_fen,
      0.02 AS pd_12m, '[]' AS reason_codes, '{}' AS rule_inputs, status, NULL AS decided_by, NULL AS decided_at, NULL AS officer_note
    FROM (VALUES ${values}) AS t(id, as_of, line, status, segment)`;
}

const statusOf = async (id: string, asOf = '2024-06-01') =>
  (await db.one<{ status: string; line_fen: number; decided_by: string | null; officer_note: string | null }>(
    `SELECT CAST(status AS VARCHAR) AS status, line_fen, decided_by, officer_note FROM offers WHERE merchant_id = $id AND as_of_date = CAST($d AS DATE)`,
    { id, d: asOf },
  ))!;

beforeAll(async () => {
  db = await Database.open(join(dir, 'warehouse.duckdb'));
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('before any offers run', () => {
  it('answers "none" rather than failing on a warehouse without the table', async () => {
    expect(await latestOfferRow(db, 'M00000001')).toBeUndefined();
    expect(await latestOffersColumns(db, ['status'])).toBeNull();
    expect(await isSliceSized(db, '2024-06-01', 'model-1')).toBe(false);
  });
});

describe('the offers store', () => {
  beforeAll(async () => {
    await ensureOfferTables(db);
    expect(await insertOffers(db, rowsSql(SPECS), {})).toBe(SPECS.length);
  });

  it("reads a merchant's latest row, or the row of a date, checked by its schema", async () => {
    expect((await latestOfferRow(db, 'M00000001'))).toMatchObject({ as_of_date: '2024-06-01', line_fen: 120_000_00, expires_on: '2024-07-01', status: 'suggested' });
    expect((await latestOfferRow(db, 'M00000001', '2024-05-01'))?.line_fen).toBe(90_000_00);
    expect(await latestOfferRow(db, 'M00000001', '2024-04-01')).toBeUndefined();
    expect(await latestOfferRow(db, 'M00000099')).toBeUndefined();
  });

  it('loads every merchant once, at its latest date, as compact columns', async () => {
    const columns = (await latestOffersColumns(db, ['as_of_date', 'status']))!;
    const ids = columns.merchant_id as string[];
    expect([...ids].sort()).toEqual(['M00000001', 'M00000002', 'M00000003', 'M00000004', 'M00000005']);
    const dates = columns.as_of_date as CodedColumn;
    expect(new Set(Array.from(dates.codes, (c) => dates.words[c]))).toEqual(new Set(['2024-06-01']));
    const one = await latestOfferColumns(db, 'M00000001');
    expect([one.merchant_id, one.as_of_date, one.line_fen]).toEqual([['M00000001'], ['2024-06-01'], [120_000_00]]);
    expect((await latestOfferColumns(db, 'M00000099')).merchant_id).toEqual([]);
  });

  it('queues latest rows filtered, sorted and paged by keyset without repeats or gaps', async () => {
    const request = (after: QueueRequest['after']): QueueRequest => ({ sort: { column: 'line_fen', as: 'number', order: 'desc' }, filters: { outcome: 'offer' }, after, limit: 2 });
    const first = await offersQueue(db, request(null));
    expect(first.map((e) => e.offer.merchant_id)).toEqual(['M00000005', 'M00000003']);
    const last = first[1];
    const second = await offersQueue(db, request({ value: last.sort_value, id: last.offer.merchant_id }));
    expect(second.map((e) => [e.offer.merchant_id, e.sort_value])).toEqual([['M00000001', 120_000_00], ['M00000002', 50_000_00]]);
    expect(second[0].offer).not.toHaveProperty('decided_by');
    const bySegment = await offersQueue(db, { sort: { column: 'merchant_id', as: 'text', order: 'asc' }, filters: { segment: 'hotel' }, after: null, limit: 10 });
    expect(bySegment.map((e) => e.sort_value)).toEqual(['M00000003', 'M00000004']);
    await expect(offersQueue(db, { ...request(null), sort: { column: 'pd; DROP TABLE offers', as: 'number', order: 'asc' } })).rejects.toThrow(/not a column of offers/);
  });

  it("changes a status only from the one the caller read, and records an officer's decision", async () => {
    const approve = { merchant_id: 'M00000003', as_of_date: '2024-06-01', from: 'suggested', to: 'approved' } as const;
    const decision = { decided_by: 'officer-7', decided_at: '2024-06-02 09:30:00', officer_note: 'seasonal dip explained', line_fen: 250_000_00 };
    expect(await db.transaction((tx) => changeOfferStatus(tx, { ...approve, decision }))).toBe(true);
    expect(await statusOf('M00000003')).toEqual({ status: 'approved', line_fen: 250_000_00, decided_by: 'officer-7', officer_note: 'seasonal dip explained' });
    // A second officer who read 'suggested' lost: nothing changes.
    expect(await db.transaction((tx) => changeOfferStatus(tx, { ...approve, to: 'rejected', decision: { ...decision, decided_by: 'officer-8', line_fen: null } }))).toBe(false);
    // The merchant's acceptance changes the status alone; the officer's record stays.
    expect(await db.transaction((tx) => changeOfferStatus(tx, { ...approve, from: 'approved', to: 'accepted' }))).toBe(true);
    expect(await statusOf('M00000003')).toEqual({ status: 'accepted', line_fen: 250_000_00, decided_by: 'officer-7', officer_note: 'seasonal dip explained' });
    expect((await latestOfferRow(db, 'M00000003'))?.decided_at).toBe('2024-06-02 09:30:00');
  });

  it('lets one of two transactions racing on a row change it; the other fails and changes nothing', async () => {
    const change = { merchant_id: 'M00000002', as_of_date: '2024-06-01', from: 'approved', to: 'accepted' } as const;
    const a = await db.connect();
    const b = await db.connect();
    try {
      await a.transaction(async (ta) => {
        expect(await changeOfferStatus(ta, change)).toBe(true);
        // b reads 'approved' too (a has not committed) and tries to reject it.
        await expect(b.transaction((tb) => changeOfferStatus(tb, { ...change, to: 'rejected', decision: { decided_by: 'o', decided_at: '2024-06-02 10:00:00', officer_note: null, line_fen: null } })))
          .rejects.toThrow(/conflict/i);
      });
    } finally {
      a.close();
      b.close();
    }
    expect(await statusOf('M00000002')).toMatchObject({ status: 'accepted', decided_by: null });
  });

  it("reads a date's decided rows: officers' work and acceptances, not the policy's suggestions", async () => {
    expect((await decidedOffers(db, '2024-06-01')).map((r) => [r.merchant_id, r.status])).toEqual([
      ['M00000002', 'accepted'], ['M00000003', 'accepted'], ['M00000005', 'rejected'],
    ]);
    expect(await decidedOffers(db, '2024-05-01')).toEqual([]);
  });

  it("sums a slice, names its largest offer and counts declines by rule", async () => {
    expect(await sliceTotals(db, '2024-06-01')).toEqual({ offers: 4, line_fen: 120_000_00 + 50_000_00 + 250_000_00 + 300_000_00, expected_loss_fen: 1_200_00 + 500_00 + 3_000_00 + 3_000_00 });
    expect(await largestOffer(db, '2024-06-01')).toBe('M00000005');
    expect(await largestOffer(db, '2024-01-01')).toBeNull();
    expect(await declinesByRule(db, '2024-06-01')).toEqual([{ rule: 'max_pd', n: 1 }, { rule: 'min_months', n: 1 }]);
    const cells = await portfolioCells(db, '2024-06-01');
    expect(cells.find((c) => c.dimension === 'all')).toMatchObject({ n: 5, n_offers: 4 });
    expect(cells.filter((c) => c.dimension === 'segment').map((c) => [c.key, Number(c.n)])).toEqual([['cafe', 3], ['hotel', 2]]);
  });

  it("replaces one date's slice in the caller's transaction, leaving other dates and a rolled-back attempt alone", async () => {
    const next: Spec[] = [['M00000001', '2024-06-01', 80_000_00, 'suggested', 'cafe'], ['M00000006', '2024-06-01', 10_000_00, 'suggested', 'cafe']];
    await expect(db.transaction(async (tx) => {
      await replaceSlice(tx, '2024-06-01', rowsSql(next, 'run-2'), {});
      throw new Error('the run failed before committing');
    })).rejects.toThrow(/failed/);
    expect(await sliceTotals(db, '2024-06-01')).toMatchObject({ offers: 4 });
    expect(await db.transaction((tx) => replaceSlice(tx, '2024-06-01', rowsSql(next, 'run-2'), {}))).toBe(2);
    expect(await sliceTotals(db, '2024-06-01')).toEqual({ offers: 2, line_fen: 90_000_00, expected_loss_fen: 900_00 });
    expect((await latestOfferRow(db, 'M00000001', '2024-05-01'))?.line_fen).toBe(90_000_00);
    expect(await latestOfferRow(db, 'M00000003')).toBeUndefined();
    expect(await isSliceSized(db, '2024-06-01', 'model-1')).toBe(true);
    expect(await isSliceSized(db, '2024-06-01', 'model-2')).toBe(false);
  });
});
