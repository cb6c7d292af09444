/** A step's table is checked against its declaration before it is swapped in. */
import { describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { columnType, LABELS } from '../engine/warehouse/index.ts';
import { buildSlice, buildTable, DataCheckError } from './staging.ts';
import { loadRows } from './testing/load-rows.ts';
import { smallLake } from './testing/small-lake.ts';

describe('staging a derived table', () => {
  it('refuses a query whose columns drift from the declaration, keeping the last good table', async () => {
    const db = await Database.open();
    await buildTable(db, { table: 'calendar_holidays', sql: "SELECT DATE '2024-10-01' AS holiday_date, 'National Day' AS holiday" });
    const drifted = buildTable(db, { table: 'calendar_holidays', sql: "SELECT DATE '2024-10-02' AS holiday_date, 'National Day' AS holiday_name" });
    await expect(drifted).rejects.toThrow(DataCheckError);
    await expect(drifted).rejects.toThrow(/calendar_holidays\.holiday: missing column.*calendar_holidays\.holiday_name: extra column/);
    expect(await db.all('SELECT CAST(holiday_date AS VARCHAR) AS d FROM calendar_holidays')).toEqual([{ d: '2024-10-01' }]);
    db.close();
  });

  it('refuses a slice naming a merchant the warehouse does not have', async () => {
    const db = await Database.open();
    const lake = smallLake({ merchants: 2, days: 10, start: '2024-01-01', seed: 3, grain: 'settlement' });
    await loadRows(db, { merchants: lake.merchants });
    const labels = `SELECT $merchant_id AS merchant_id, CAST($as_of_date AS DATE) AS as_of_date, CAST('good' AS ${columnType(LABELS, 'label_status')}) AS label_status,
      false AS default_12m, false AS is_censored, CAST(NULL AS DATE) AS default_date, CAST(NULL AS ${columnType(LABELS, 'default_reason')}) AS default_reason, false AS is_exit_12m,
      CAST(0 AS BIGINT) AS balance_at_exit_fen, CAST($as_of_date AS DATE) AS observed_through`;
    const slice = { as_of_date: '2024-02-01' };
    await buildSlice(db, { table: 'labels', sql: labels, params: { ...slice, merchant_id: lake.merchants[0].merchant_id }, slice });
    await expect(buildSlice(db, { table: 'labels', sql: labels, params: { ...slice, merchant_id: 'M99999999' }, slice })).rejects.toThrow(
      /labels\.merchant_id: orphan: 1 rows name no merchants\.merchant_id \(e\.g\. M99999999\)/,
    );
    expect(await db.all('SELECT merchant_id FROM labels')).toEqual([{ merchant_id: lake.merchants[0].merchant_id }]);
    db.close();
  });
});
