/**
 * The ingest never loses or doubles a row (issue 16, item 5): rows skipped as duplicates load
 * again when the row they repeated goes away, quarantined rows are rechecked, a CSV keeps its
 * own day, rows with one key and two contents are both held as a conflict, and _SUCCESS.json
 * is checked against the files.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { PaymentSchema, type Payment } from '../../engine/schema/index.ts';
import { count, freshLake as lakeIn, INGEST_START } from '../testing/ingest-fixture.ts';
import { smallLake } from '../testing/small-lake.ts';
import { csvCells, tempDir, writeCsv, writeLake } from '../testing/write-lake.ts';
import { ingestLake, recheckQuarantine } from './ingest.ts';
import { reconcileWithIngestLog } from './reconcile.ts';

const HEADER = Object.keys(PaymentSchema.shape);
const START = INGEST_START;
const DAY2 = '2024-03-02';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function freshLake(name: string, days = 3) {
  return lakeIn(dir, name, { merchants: 5, days, seed: 21 });
}

/** Writes `rows` as one day's Parquet file at `target` (through a scratch lake). */
async function writeDayFile(name: string, rows: Payment[], target: string): Promise<void> {
  const scratch = join(dir, `scratch-${name}`);
  await writeLake(scratch, { payments: rows });
  copyFileSync(join(scratch, 'payments', `payment_date=${rows[0].payment_date}`, 'data_0.parquet'), target);
}

/** Every quarantined row and every loaded row agree with the ingest log, file by file. */
async function expectReconciled(db: Database): Promise<void> {
  expect(await reconcileWithIngestLog(db)).toEqual([]);
  const held = await db.all<{ file_id: number; logged: number; held: number }>(
    `SELECT log.file_id, log.rows_quarantined AS logged, count(q.file_id) AS held
     FROM ingest_log AS log LEFT JOIN quarantine AS q ON q.file_id = log.file_id AND q.released_at IS NULL
     GROUP BY ALL HAVING logged <> held`,
  );
  expect(held).toEqual([]);
  expect(await count(db, 'SELECT count(*) AS n FROM ingest_log WHERE rows_read <> rows_loaded + rows_quarantined + rows_duplicate')).toBe(0);
}

describe('ingest without loss', () => {
  it('loads a row from another file once the file it was a duplicate of no longer has it', async () => {
    const { rows, lake, db } = await freshLake('dup-removed');
    const day = rows.payments.filter((p) => p.payment_date === START && p.kind === 'payment');
    const folder = join(lake, 'payments', `payment_date=${START}`);
    // A second export of the day repeats one payment of the first.
    await writeDayFile('second', [day[0], { ...day[1], payment_id: 'SECOND1', payment_token: 'secondtoken1' }], join(folder, 'data_1.parquet'));
    const first = await ingestLake(db, lake);
    expect(first.files.find((f) => f.path.endsWith('data_1.parquet'))).toMatchObject({ loaded: 1, duplicates: 1 });

    // The first export is corrected: the repeated payment is no longer in it.
    await writeDayFile('corrected', day.slice(1), join(folder, 'data_0.parquet'));
    await ingestLake(db, lake);
    expect(await count(db, 'SELECT count(*) AS n FROM payments WHERE payment_id = $id', { id: day[0].payment_id })).toBe(1);
    await expectReconciled(db);
    db.close();
  });

  it('keeps a CSV row’s own payment_date and quarantines it when it differs from its folder', async () => {
    const { rows, lake, db } = await freshLake('csv-day');
    await ingestLake(db, lake);
    const base = rows.payments.find((p) => p.kind === 'payment' && p.payment_date === START)!;
    const own = { ...base, payment_id: 'CSVDAY3', payment_date: '2024-03-03', paid_at: '2024-03-03 11:00:00' };
    const right = { ...base, payment_id: 'CSVDAY2', payment_date: DAY2, paid_at: `${DAY2} 11:00:00` };
    writeCsv(join(lake, 'payments', `payment_date=${DAY2}`, 'late.csv'), HEADER, [csvCells(own, HEADER), csvCells(right, HEADER)]);
    const summary = await ingestLake(db, lake);
    expect(summary.files).toMatchObject([{ read: 2, loaded: 1, quarantined: 1 }]);
    const held = await db.one<{ day: string; reason: string }>("SELECT row_json ->> 'payment_date' AS day, reason FROM quarantine WHERE row_json ->> 'payment_id' = 'CSVDAY3'");
    expect(held).toEqual({ day: '2024-03-03', reason: 'payment_date: differs from its folder name' });
    expect(await count(db, "SELECT count(*) AS n FROM payments WHERE payment_id = 'CSVDAY2' AND payment_date = DATE '2024-03-02'")).toBe(1);
    await expectReconciled(db);
    db.close();
  });

  it('rechecks quarantined rows once the registry is fixed, loading those that pass and keeping an audit', async () => {
    const rows = smallLake({ merchants: 5, days: 3, start: START, seed: 21, grain: 'payment' });
    const missing = rows.merchants[0].merchant_id;
    const lake = join(dir, 'recheck');
    await writeLake(lake, { ...rows, merchants: rows.merchants.slice(1) });
    // a payment of a merchant no registry knows: it stays held through every recheck
    const stranger = { ...rows.payments.find((p) => p.kind === 'payment' && p.payment_date === START)!, payment_id: 'STRANGER1', merchant_id: 'M99999999' };
    writeCsv(join(lake, 'payments', `payment_date=${START}`, 'stranger.csv'), HEADER, [csvCells(stranger, HEADER)]);
    const db = await Database.open(join(dir, 'recheck.duckdb'));
    await ingestLake(db, lake);
    const theirs = rows.payments.filter((p) => p.merchant_id === missing).length;
    expect(theirs).toBeGreaterThan(0);
    expect(await count(db, "SELECT count(*) AS n FROM quarantine WHERE reason = 'merchant_id: not in the merchant registry' AND table_name = 'payments'")).toBe(theirs + 1);

    // The registry is corrected; rechecking loads the payments that were held for it.
    const fixed = join(dir, 'recheck-fixed');
    await writeLake(fixed, { merchants: rows.merchants });
    copyFileSync(join(fixed, 'merchants', 'merchants.parquet'), join(lake, 'merchants', 'merchants.parquet'));
    await ingestLake(db, lake);
    const recheck = await recheckQuarantine(db);
    expect(recheck.released).toBeGreaterThanOrEqual(theirs);
    expect(await count(db, 'SELECT count(*) AS n FROM payments WHERE merchant_id = $m', { m: missing })).toBe(theirs);
    expect(await count(db, 'SELECT count(*) AS n FROM payments')).toBe(rows.payments.length);
    expect(await db.all("SELECT row_json ->> 'payment_id' AS id, reason FROM quarantine WHERE table_name = 'payments' AND released_at IS NULL")).toEqual([
      { id: 'STRANGER1', reason: 'merchant_id: not in the merchant registry' },
    ]);
    expect(await count(db, "SELECT count(*) AS n FROM quarantine WHERE table_name = 'payments' AND released_at IS NOT NULL")).toBe(theirs);
    await expectReconciled(db);
    // A second recheck has nothing left to release.
    expect((await recheckQuarantine(db)).released).toBe(0);
    db.close();
  });

  for (const order of ['first day first', 'second day first'] as const) {
    it(`holds both rows of a key with two contents as a conflict (${order})`, async () => {
      const { rows, lake, db } = await freshLake(`conflict-${order.split(' ')[0]}`);
      const one = rows.payments.find((p) => p.kind === 'payment' && p.payment_date === START)!;
      const other: Payment = { ...one, payment_date: DAY2, paid_at: `${DAY2} 09:30:00`, amount_fen: one.amount_fen + 100 };
      const folder = (day: string) => join(lake, 'payments', `payment_date=${day}`);
      const extra = order === 'first day first' ? join(folder(DAY2), 'data_1.parquet') : join(folder(START), 'data_1.parquet');
      if (order === 'second day first') {
        // the second day's copy is loaded first; the first day's original arrives later
        await writeDayFile('conflict-2', [other], join(folder(DAY2), 'data_1.parquet'));
        rmSync(join(folder(START), 'data_0.parquet'));
        await writeDayFile('conflict-rest', rows.payments.filter((p) => p.payment_date === START && p.payment_id !== one.payment_id && p.refund_of_payment_id !== one.payment_id), join(folder(START), 'data_0.parquet'));
        await ingestLake(db, lake);
        await writeDayFile('conflict-1', [one], extra);
      } else {
        await ingestLake(db, lake);
        await writeDayFile('conflict-2', [other], extra);
      }
      await ingestLake(db, lake);
      expect(await count(db, 'SELECT count(*) AS n FROM payments WHERE payment_id = $id', { id: one.payment_id })).toBe(0);
      const held = await db.all<{ day: string; reason: string }>(
        "SELECT row_json ->> 'payment_date' AS day, reason FROM quarantine WHERE row_json ->> 'payment_id' = $id AND released_at IS NULL ORDER BY day",
        { id: one.payment_id },
      );
      expect(held).toEqual([
        { day: START, reason: 'payment_id: conflicts with another row with the same key' },
        { day: DAY2, reason: 'payment_id: conflicts with another row with the same key' },
      ]);
      await expectReconciled(db);
      db.close();
    });
  }

  it('holds two rows of one file with one key and two contents as a conflict', async () => {
    const { rows, lake, db } = await freshLake('conflict-in-file');
    await ingestLake(db, lake);
    const base = rows.payments.find((p) => p.kind === 'payment' && p.payment_date === START)!;
    const a = { ...base, payment_id: 'TWICE1', payment_date: DAY2, paid_at: `${DAY2} 10:00:00` };
    writeCsv(join(lake, 'payments', `payment_date=${DAY2}`, 'twice.csv'), HEADER, [csvCells(a, HEADER), csvCells({ ...a, amount_fen: a.amount_fen + 1 }, HEADER), csvCells(a, HEADER)]);
    const summary = await ingestLake(db, lake);
    expect(summary.files).toMatchObject([{ read: 3, loaded: 0, quarantined: 3, duplicates: 0 }]);
    await expectReconciled(db);
    db.close();
  });
});

describe('_SUCCESS.json', () => {
  it('refuses a manifest that is not JSON, naming it, and loads nothing', async () => {
    const { lake, db } = await freshLake('bad-manifest', 1);
    writeFileSync(join(lake, '_SUCCESS.json'), '{"rows": {"payments": 12');
    await expect(ingestLake(db, lake)).rejects.toThrow(/_SUCCESS\.json: not JSON/);
    writeFileSync(join(lake, '_SUCCESS.json'), JSON.stringify({ rows: { payments: -3 } }));
    await expect(ingestLake(db, lake)).rejects.toThrow(/_SUCCESS\.json: rows\.payments: .*/);
    expect(await count(db, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'ingest_log'")).toBe(0);
    db.close();
  });

  it('reports a table whose files hold another number of rows than the manifest says', async () => {
    const { rows, lake, db } = await freshLake('count-mismatch', 2);
    const counts = { merchants: rows.merchants.length, payments: rows.payments.length + 5, line_events: rows.line_events.length, truth_months: rows.truth_months.length, truth_merchants: rows.truth_merchants.length };
    writeFileSync(join(lake, '_SUCCESS.json'), JSON.stringify({ format: 'capillary-lake', rows: counts }));
    const summary = await ingestLake(db, lake);
    expect(summary.manifestMismatches).toEqual([{ table: 'payments', manifest: rows.payments.length + 5, files: rows.payments.length }]);
    // and again on a rerun that loads nothing
    expect((await ingestLake(db, lake)).manifestMismatches).toEqual([{ table: 'payments', manifest: rows.payments.length + 5, files: rows.payments.length }]);
    db.close();
  });
});
