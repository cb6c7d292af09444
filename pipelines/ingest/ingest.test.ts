import { copyFileSync, mkdirSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, writeParquet } from '../../engine/db/index.ts';
import { LineEventSchema, PaymentSchema, type LineEvent, type Payment } from '../../engine/schema/index.ts';
import { count, freshLake as lakeIn, INGEST_START } from '../testing/ingest-fixture.ts';
import { smallLake } from '../testing/small-lake.ts';
import { csvCells, tempDir, writeCsv, writeLake } from '../testing/write-lake.ts';
import { IngestFileError } from './errors.ts';
import { ingestLake, UnfinishedLakeError } from './ingest.ts';
import { reconcileWithIngestLog, formatReconciliation } from './reconcile.ts';

const HEADER = Object.keys(PaymentSchema.shape);
const START = INGEST_START;

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function freshLake(name: string, days = 6) {
  return lakeIn(dir, name, { merchants: 6, days, seed: 11 });
}

describe('ingest', () => {
  it('loads a lake, reconciles, and loads nothing on a second run', async () => {
    const { rows, lake, db } = await freshLake('basic');
    const first = await ingestLake(db, lake);
    const payments = first.totals.find((t) => t.table === 'payments')!;
    expect(payments).toMatchObject({ read: rows.payments.length, loaded: rows.payments.length, quarantined: 0, duplicates: 0 });
    expect(await count(db, 'SELECT count(*) AS n FROM payments')).toBe(rows.payments.length);
    expect(await count(db, 'SELECT count(*) AS n FROM merchants')).toBe(rows.merchants.length);
    expect(await count(db, 'SELECT count(*) AS n FROM truth.truth_merchants')).toBe(rows.truth_merchants.length);
    expect(await count(db, "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name LIKE 'truth%'")).toBe(0);
    const log = await db.all<{ path: string; size_bytes: number; checksum: string }>('SELECT path, size_bytes, checksum FROM ingest_log');
    expect(log.length).toBe(first.files.length);
    expect(log.every((row) => row.size_bytes > 0 && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);

    const second = await ingestLake(db, lake);
    expect(second.files).toEqual([]);
    expect(second.unchanged).toBe(first.files.length);
    expect(formatReconciliation(second.totals, second.unchanged)).toContain('nothing new to load');
    expect(await count(db, 'SELECT count(*) AS n FROM payments')).toBe(rows.payments.length);

    // A touched file with the same bytes is recognised by its checksum and not reloaded.
    const anyDay = join(lake, 'payments', `payment_date=${START}`, 'data_0.parquet');
    utimesSync(anyDay, new Date(), new Date(Date.now() + 5000));
    const third = await ingestLake(db, lake);
    expect(third.files).toEqual([]);
    expect(await reconcileWithIngestLog(db)).toEqual([]);
    db.close();
  });

  it('quarantines bad rows with their reason and reconciles exactly', async () => {
    const { rows, lake, db } = await freshLake('bad-rows');
    await ingestLake(db, lake);
    const good = rows.payments.filter((p) => p.kind === 'payment' && p.payment_date === START);
    const base = good[0];
    const day = '2024-03-02';
    const row = (patch: Partial<Record<keyof Payment, unknown>>, id: string) =>
      csvCells({ ...base, payment_id: id, payment_date: day, paid_at: `${day} 10:00:00`, ...patch }, HEADER);
    const bad = [
      row({ amount_fen: -5 }, 'X1'),
      row({ channel: 'fax' }, 'X2'),
      row({ merchant_id: 'M99999999' }, 'X3'),
      row({ amount_fen: 'abc' }, 'X4'),
      row({ paid_at: '2024-03-03 10:00:00' }, 'X5'),
      row({ status: 'declined', decline_reason: null }, 'X6'),
      row({ kind: 'refund', refund_of_payment_id: 'NOPE' }, 'X7'),
      row({ merchant_id: 'm1' }, 'X8'),
      row({}, 'OK1'),
      row({}, 'OK1'), // repeated in the file
      csvCells(rows.payments.find((p) => p.payment_date === day && p.kind === 'payment')!, HEADER), // already loaded from that day's parquet
    ];
    writeCsv(join(lake, 'payments', `payment_date=${day}`, 'export.csv'), HEADER, bad);
    const summary = await ingestLake(db, lake);
    expect(summary.files).toHaveLength(1);
    expect(summary.files[0]).toMatchObject({ read: 11, loaded: 1, quarantined: 8, duplicates: 2 });
    const reasons = await db.all<{ id: string; reason: string }>(
      "SELECT row_json ->> 'payment_id' AS id, reason FROM quarantine ORDER BY source_row",
    );
    expect(reasons).toEqual([
      { id: 'X1', reason: 'amount_fen: must be >= 1' },
      { id: 'X2', reason: 'channel: not one of offline, online, o2o' },
      { id: 'X3', reason: 'merchant_id: not in the merchant registry' },
      { id: 'X4', reason: 'amount_fen: not a valid BIGINT' },
      { id: 'X5', reason: 'payment_date: not the day of paid_at' },
      { id: 'X6', reason: 'decline_reason: missing on a declined payment' },
      { id: 'X7', reason: 'refund_of_payment_id: no payment of this merchant on this day' },
      { id: 'X8', reason: 'merchant_id: does not match ^M\\d{8}$' },
    ]);
    expect(formatReconciliation(summary.totals)).toMatch(/read 11 = loaded 1 \+ quarantined 8 \+ duplicates 2 {2}ok/);
    const log = await db.one('SELECT rows_read, rows_loaded, rows_quarantined, rows_duplicate FROM ingest_log WHERE path LIKE $p', { p: '%export.csv' });
    expect(log).toEqual({ rows_read: 11, rows_loaded: 1, rows_quarantined: 8, rows_duplicate: 2 });
    expect(await reconcileWithIngestLog(db)).toEqual([]);
    db.close();
  });

  it('loads the legacy book into the one ledger, quarantining invalid rows and any row the book did not write', async () => {
    const { rows, lake, db } = await freshLake('ledger');
    await ingestLake(db, lake);
    const header = Object.keys(LineEventSchema.shape);
    const merchant = rows.merchants[0].merchant_id;
    const base: LineEvent = {
      event_id: 'E1', line_id: 'L1', merchant_id: merchant, business_date: START, event_type: 'accepted', amount_fen: 500_000,
      interest_fen: 0, limit_fen: 500_000, balance_fen: 0, dpd: 0, instalments: null, annual_rate: 0.09, repayment: 'instalments', source: 'legacy_book',
      reason: null, recorded_at: null,
    };
    const drawn: LineEvent = { ...base, event_type: 'drawn', amount_fen: 200_000, balance_fen: 200_000, instalments: 6 };
    const ledger = [
      base,
      { ...drawn, event_id: 'E2' },
      { ...drawn, event_id: 'X1', source: 'api', recorded_at: `${START} 10:00:00` },
      { ...drawn, event_id: 'X2', instalments: null },
      { ...drawn, event_id: 'X3', event_type: 'repaid', instalments: null, annual_rate: null, repayment: null, amount_fen: 1_000, interest_fen: 2_000 },
      { ...drawn, event_id: 'X4', event_type: 'past_due', instalments: null, annual_rate: null, repayment: null, amount_fen: 0, interest_fen: 10 },
      { ...drawn, event_id: 'X5', event_type: 'lent' as LineEvent['event_type'] },
      { ...drawn, event_id: 'X6', merchant_id: 'M99999999' },
      { ...drawn, event_id: 'X7', event_type: 'closed', instalments: null, repayment: null },
      { ...drawn, event_id: 'X8', repayment: 'holdback' },
      { ...drawn, event_id: 'X9', repayment: null },
      { ...drawn, event_id: 'E3', repayment: 'holdback', instalments: null },
    ];
    writeCsv(join(lake, 'line_events', 'export.csv'), header, ledger.map((row) => csvCells(row, header)));
    const summary = await ingestLake(db, lake);
    expect(summary.files[0]).toMatchObject({ table: 'line_events', read: 12, loaded: 3, quarantined: 9 });
    const reasons = await db.all<{ id: string; reason: string }>("SELECT row_json ->> 'event_id' AS id, reason FROM quarantine ORDER BY source_row");
    expect(reasons).toEqual([
      { id: 'X1', reason: 'source: a lake file holds only the legacy book (legacy_book)' },
      { id: 'X2', reason: 'instalments: required on draws repaid in instalments and only there' },
      { id: 'X3', reason: 'interest_fen: more than amount_fen' },
      { id: 'X4', reason: 'interest_fen: only repayments and due instalments carry interest' },
      { id: 'X5', reason: expect.stringMatching(/^event_type: not one of offered, accepted, drawn/) },
      { id: 'X6', reason: 'merchant_id: not in the merchant registry' },
      { id: 'X7', reason: 'annual_rate: required on draws, allowed on acceptances, and only there' },
      { id: 'X8', reason: 'instalments: required on draws repaid in instalments and only there' },
      { id: 'X9', reason: 'repayment: required on acceptances and draws and only there' },
    ]);
    const loaded = await db.all('SELECT event_id, source, file_id IS NOT NULL AS from_lake FROM line_events ORDER BY event_id');
    expect(loaded).toEqual(['E1', 'E2', 'E3'].map((event_id) => ({ event_id, source: 'legacy_book', from_lake: true })));
    db.close();
  });

  it('replaces what a changed file loaded, and loads a late file for an old day', async () => {
    const { rows, lake, db } = await freshLake('changes');
    await ingestLake(db, lake);
    const before = await count(db, 'SELECT count(*) AS n FROM payments');
    const dayRows = rows.payments.filter((p) => p.payment_date === START);
    const kept = dayRows.filter((p) => p.kind === 'payment').slice(0, 3);

    // Rewrite the first day with three payments only.
    const rewrite = join(dir, 'rewrite');
    await writeLake(rewrite, { payments: kept });
    copyFileSync(join(rewrite, 'payments', `payment_date=${START}`, 'data_0.parquet'), join(lake, 'payments', `payment_date=${START}`, 'data_0.parquet'));
    const changed = await ingestLake(db, lake);
    expect(changed.files).toMatchObject([{ action: 'replaced', read: 3, loaded: 3 }]);
    expect(await count(db, 'SELECT count(*) AS n FROM payments')).toBe(before - dayRows.length + 3);
    expect(await count(db, 'SELECT count(*) AS n FROM ingest_log WHERE path LIKE $p', { p: `%payment_date=${START}%` })).toBe(1);

    // A late second file for that old day: its new payment loads, the repeated one is a duplicate.
    const late: Payment[] = [{ ...kept[0], payment_id: 'LATE1', payment_token: 'latetoken1' }, kept[1]];
    const lateLake = join(dir, 'late');
    await writeLake(lateLake, { payments: late });
    copyFileSync(join(lateLake, 'payments', `payment_date=${START}`, 'data_0.parquet'), join(lake, 'payments', `payment_date=${START}`, 'data_1.parquet'));
    const lateRun = await ingestLake(db, lake);
    expect(lateRun.files).toMatchObject([{ action: 'loaded', read: 2, loaded: 1, duplicates: 1 }]);
    expect(await count(db, "SELECT count(*) AS n FROM payments WHERE payment_id = 'LATE1'")).toBe(1);
    expect(await reconcileWithIngestLog(db)).toEqual([]);
    db.close();
  });

  it('loads CSV and Parquet exports of the same rows the same way', async () => {
    const rows = smallLake({ merchants: 4, days: 2, start: START, seed: 5, grain: 'payment' });
    const parquetLake = join(dir, 'as-parquet');
    const csvLake = join(dir, 'as-csv');
    await writeLake(parquetLake, rows);
    await writeLake(csvLake, { ...rows, payments: [] });
    for (const day of [START, '2024-03-02']) {
      const dayRows = rows.payments.filter((p) => p.payment_date === day);
      writeCsv(join(csvLake, 'payments', `export-${day}.csv`), HEADER, dayRows.map((p) => csvCells(p, HEADER)));
    }
    const a = await Database.open(join(dir, 'as-parquet.duckdb'));
    const b = await Database.open(join(dir, 'as-csv.duckdb'));
    await ingestLake(a, parquetLake);
    await ingestLake(b, csvLake);
    const query = 'SELECT * EXCLUDE (file_id) FROM payments ORDER BY payment_id';
    const fromParquet = await a.all(query);
    expect(fromParquet.length).toBe(rows.payments.length);
    expect(await b.all(query)).toEqual(fromParquet);
    a.close();
    b.close();
  });

  it('fails a bad file with its name and the problem, loading nothing from it', async () => {
    const { lake, db } = await freshLake('bad-files', 2);
    await ingestLake(db, lake);
    const snapshot = async () => [await count(db, 'SELECT count(*) AS n FROM payments'), await count(db, 'SELECT count(*) AS n FROM ingest_log')];
    const before = await snapshot();
    const folder = join(lake, 'payments', 'payment_date=2024-03-02');
    const cases: [string, (path: string) => void, RegExp][] = [
      ['truncated.parquet', (p) => { copyFileSync(join(folder, 'data_0.parquet'), p); truncateSync(p, 200); }, /truncated\.parquet: not a readable Parquet file/],
      ['empty.parquet', (p) => writeFileSync(p, ''), /empty\.parquet: not a readable Parquet file/],
      ['broken.csv', (p) => writeFileSync(p, `${HEADER.join(',')}\nP1,2024-03-02 10:00:00\n`), /broken\.csv: cannot be read as a payments CSV file \(CSV Error on Line: 2/],
      ['columns.csv', (p) => writeFileSync(p, 'payment_id,amount\nP1,100\n'), /columns\.csv: not a payments file: missing columns .*unexpected column amount/],
    ];
    for (const [name, make, message] of cases) {
      const path = join(folder, name);
      make(path);
      const error = await ingestLake(db, lake).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestFileError);
      expect((error as Error).message).toMatch(message);
      expect(await snapshot()).toEqual(before);
      rmSync(path);
    }
    // Wrong types in Parquet.
    const wrongTypes = join(folder, 'types.parquet');
    await writeParquet(db, `SELECT 'P1' AS payment_id, 'x' AS paid_at, 'M00000001' AS merchant_id, 'c' AS customer_id, 'tokentoken' AS payment_token,
      'payment' AS kind, NULL::VARCHAR AS refund_of_payment_id, 'lots' AS amount_fen, 'offline' AS channel, 'customer_scans_merchant' AS qr_mode,
      'static' AS code_type, 'own' AS issuer, 'approved' AS status, NULL::VARCHAR AS decline_reason, false AS is_verified, false AS is_flagged`, wrongTypes);
    const error = await ingestLake(db, lake).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/types\.parquet: not a payments file: column paid_at has type VARCHAR, expected TIMESTAMP; column amount_fen has type VARCHAR, expected BIGINT/);
    expect(await snapshot()).toEqual(before);
    db.close();
  });

  it('refuses an unfinished lake', async () => {
    const lake = join(dir, 'unfinished');
    mkdirSync(lake, { recursive: true });
    await writeLake(lake, smallLake({ merchants: 2, days: 1, start: START, seed: 1, grain: 'payment' }), { finished: false });
    const db = await Database.open(':memory:');
    await expect(ingestLake(db, lake)).rejects.toBeInstanceOf(UnfinishedLakeError);
    expect((await ingestLake(db, lake, { requireFinished: false })).files.length).toBeGreaterThan(0);
    db.close();
  });
});
