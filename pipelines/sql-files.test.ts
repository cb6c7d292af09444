/** Every pipeline .sql file opens with its grain, never reads the clock, and is planned by DuckDB. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { merchantIdsSql } from './import/import-lake.ts';
import { mapSourceSql, MERCHANT_IDS_TABLE } from './import/map-source.ts';
import { IMPORT_TARGETS } from './import/targets.ts';
import { describeFile } from './ingest/discover.ts';
import { openSource } from './ingest/source-file.ts';
import { rulesFor } from './ingest/table-rules.ts';
import { checkSql, conflictParams, loadCleanSql, loadSql, quarantineSql, rejectsSql, repeatedKeysSql } from './ingest/batch-sql.ts';
import { buildFeatures, familySql, holidayDays } from './features/features.ts';
import { buildLabels, labelsSql } from './labels/labels.ts';
import { ensureScoreTables } from '../models/scoring/index.ts';
import { ensureOfferTables } from './offers/store/index.ts';
import { storeSql } from './offers/store/sql.ts';
import { DECISION_TABLES_SQL } from './offers/tables.ts';
import { HOLIDAY_CSV, HOLIDAY_FILE } from '../engine/calendar/holiday-file.ts';
import { forgetMerchantKeys, rememberMerchantKeys, withMerchantKeys } from './ingest/merchant-keys.ts';
import { buildHolidays } from './reference/holidays.ts';
import { bookLinesSql } from './portfolio/book-lines.ts';
import { signalsSql } from './monitoring/signals.ts';
import { readSql } from './sql-file.ts';
import { smallLake } from './testing/small-lake.ts';
import { csvCells, tempDir, writeCsv, writeLake } from './testing/write-lake.ts';
import { buildTurnover, monthlySql, prepareTurnoverSeed, turnoverSql } from './turnover/turnover.ts';
import { DAY_PATTERN, turnoverFilesSql } from './turnover/turnover-changes.ts';
import { ensureWarehouse } from './warehouse.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sqlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sqlFiles(join(folder, entry.name)) : entry.name.endsWith('.sql') ? [join(folder, entry.name)] : [],
  );
}

describe('pipeline SQL files', () => {
  const files = sqlFiles(root).map((file) => relative(root, file));

  it('open with a grain line and never read the clock', () => {
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).toMatch(/^-- grain: one row per /);
      expect(text, file).not.toMatch(/\b(now|current_date|current_timestamp|today)\b\s*\(?/i);
    }
  });

  it('are all planned by DuckDB on an empty warehouse', async () => {
    const db = await Database.open(':memory:');
    await ensureWarehouse(db);
    const planned = new Set<string>();
    const plan = async (file: string, sql: string, params: Record<string, string | number | boolean | null> = {}) => {
      await db.all(`EXPLAIN ${sql}`, params);
      planned.add(file);
    };
    const asOf = { as_of_date: '2024-06-01' };
    const url = (file: string) => new URL(file, import.meta.url).href;

    await plan('reference/holidays.sql', readSql(url('reference/holidays.ts'), 'holidays.sql', { holiday_csv: HOLIDAY_CSV }), { holiday_file: HOLIDAY_FILE });
    await buildHolidays(db);
    await prepareTurnoverSeed(db, null);
    await plan('turnover/turnover.sql', turnoverSql(), { from_date: '2024-06-01', until_date: '2024-07-01' });
    await db.run(`CREATE TEMP TABLE daily_turnover__staging AS ${turnoverSql()}`, { from_date: null, until_date: null });
    await plan('turnover/monthly-turnover.sql', monthlySql('daily_turnover__staging'), { from_date: null, until_date: null });
    await plan('turnover/turnover-months.sql', readSql(url('turnover/turnover.ts'), 'turnover-months.sql'), {});
    await plan('turnover/turnover-span-seed.sql', readSql(url('turnover/turnover.ts'), 'turnover-span-seed.sql'), { previous_from: '2024-06-01' });
    await db.run('DROP TABLE daily_turnover__staging');
    await plan('turnover/turnover-files.sql', turnoverFilesSql(), { day_pattern: DAY_PATTERN, build_id: 'b' });
    await buildTurnover(db);
    await plan('turnover/turnover-seed.sql', readSql(url('turnover/turnover.ts'), 'turnover-seed.sql'), { from_date: '2024-06-01', from_month: '2024-06-01' });
    await plan('turnover/turnover-changes.sql', readSql(url('turnover/turnover.ts'), 'turnover-changes.sql', { current_files: turnoverFilesSql() }), { day_pattern: DAY_PATTERN, build_id: 'b' });
    await db.run('CREATE TEMP TABLE turnover_month_kept AS SELECT * FROM monthly_turnover');
    await plan('turnover/monthly-append.sql', readSql(url('turnover/turnover.ts'), 'monthly-append.sql', { appended_months: monthlySql('daily_turnover') }), { from_date: '2024-06-01', until_date: null });
    await db.run('DROP TABLE turnover_month_kept');
    await plan('turnover/registry-changes.sql', readSql(url('turnover/turnover.ts'), 'registry-changes.sql'));
    await plan('features/holiday-runs.sql', readSql(url('features/features.ts'), 'holiday-runs.sql'), asOf);
    for (const family of ['turnover', 'pattern', 'customer', 'loan'] as const) {
      const file = `${family}-features.sql` as const;
      const sql = familySql(file, await holidayDays(db, asOf.as_of_date));
      const band = { key_from: 1, key_until: 1_000_000 };
      const params = family === 'turnover' || family === 'pattern' ? { ...asOf, ...band } : asOf;
      await plan(`features/${file}`, sql, params);
      const table = { turnover: 'feature_turnover', pattern: 'feature_pattern', customer: 'feature_customers', loan: 'feature_loans' }[family];
      await db.run(`CREATE TEMP TABLE ${table} AS ${sql}`, params);
    }
    await plan('features/features.sql', readSql(url('features/features.ts'), 'features.sql'), asOf);
    await buildFeatures(db, asOf.as_of_date);
    await plan('features/segment-features.sql', readSql(url('features/segment-features.ts'), 'segment-features.sql'), { ...asOf, merchant_id: 'M1' });
    await plan('lines/line-state.sql', readSql(url('lines/line-state.ts'), 'line-state.sql'), asOf);
    await plan('portfolio/book-lines.sql', bookLinesSql(null), { ...asOf, default_dpd: 90 });
    await plan('portfolio/book-lines.sql', bookLinesSql('CAST(0.01 AS DOUBLE)'), { ...asOf, default_dpd: 90 });
    await plan('lines/holdback-days.sql', readSql(url('lines/holdback.ts'), 'holdback-days.sql'));
    await plan('labels/labels.sql', labelsSql(), asOf);

    // Offers and the backtest, with the temporary tables their runs fill.
    await ensureScoreTables(db);
    const offers = url('offers/size-offers.ts');
    const applicants = readSql(offers, 'applicants.sql', { reason_codes: `'[]'`, rule_inputs: `'{}'` });
    await plan('offers/applicants.sql', applicants, { ...asOf, model_id: 'm' });
    await db.run(`CREATE TEMP TABLE offer_applicants AS ${applicants}`, { ...asOf, model_id: 'm' });
    await db.run(DECISION_TABLES_SQL);
    await plan('offers/offer-rows.sql', readSql(offers, 'offer-rows.sql'), { policy_version: 'p', model_id: 'm', run_id: 'r', offer_validity_days: 30 });
    await ensureOfferTables(db);
    // The offers store's queries, each on the table itself.
    const merchant = { merchant_id: 'M1' };
    await plan('offers/store/portfolio.sql', storeSql('portfolio.sql'), asOf);
    await plan('offers/store/declines-by-rule.sql', storeSql('declines-by-rule.sql'), asOf);
    await plan('offers/store/slice-totals.sql', storeSql('slice-totals.sql'), asOf);
    await plan('offers/store/largest-offer.sql', storeSql('largest-offer.sql'), asOf);
    await plan('offers/store/slice-built.sql', storeSql('slice-built.sql'), { ...asOf, model_id: 'm' });
    await plan('offers/store/decided-offers.sql', storeSql('decided-offers.sql'), asOf);
    await plan('offers/store/delete-slice.sql', storeSql('delete-slice.sql'), asOf);
    await plan('offers/store/latest-offer.sql', storeSql('latest-offer.sql'), { ...merchant, as_of_date: null });
    await plan('offers/store/latest-offers.sql', storeSql('latest-offers.sql'), { merchant_id: null });
    await plan('offers/store/insert-offers.sql', storeSql('insert-offers.sql', { rows: readSql(offers, 'offer-rows.sql') }), { policy_version: 'p', model_id: 'm', run_id: 'r', offer_validity_days: 30 });
    await plan('offers/store/change-status.sql', storeSql('change-status.sql'), {
      ...merchant, as_of_date: '2024-06-01', from_status: 'suggested', to_status: 'approved', is_decision: true, line_fen: null,
      decided_by: 'officer', decided_at: '2024-06-02 09:00:00', officer_note: null,
    });
    await plan('offers/store/queue.sql', storeSql('queue.sql', { sort_column: '"line_fen"', sort_key: '_sort_number', sort_compare: '<', sort_direction: 'DESC' }), {
      segment: null, grade: null, status: null, outcome: null, min_line_fen: null, max_line_fen: null, after_value: 0, after_id: null, limit: 10,
    });
    await buildLabels(db, asOf.as_of_date);
    await plan('backtest/outcomes.sql', readSql(url('backtest/backtest.ts'), 'outcomes.sql'), asOf);
    await plan('monitoring/signals.sql', signalsSql(), { ...asOf, model_id: 'm' });

    await plan('testing/synthetic-turnover.sql', readSql(url('testing/synthetic-payments.ts'), 'synthetic-turnover.sql'), {
      merchants: 2, days: 3, end_date: '2024-01-01', seed: 1,
    });

    // The import's templates, over a source table of text cells.
    await db.run(`CREATE TEMP TABLE import_source AS SELECT '898310048160001' AS "商户号", '20240105' AS "日期", '1,234.50' AS "金额", '3' AS "笔数", 'x' AS _source_file, 1 AS _source_row`);
    await plan('import/merchant-ids.sql', merchantIdsSql(`SELECT "商户号" AS bank_merchant_id FROM import_source`));
    await db.run(`CREATE TEMP TABLE ${MERCHANT_IDS_TABLE} AS ${merchantIdsSql(`SELECT "商户号" AS bank_merchant_id FROM import_source`)}`);
    const mapped = mapSourceSql({
      raw: 'import_source', header: ['商户号', '日期', '金额', '笔数'], field: 'sources[0]', merchantIds: 'registry', target: IMPORT_TARGETS.settlements,
      source: { table: 'settlements', file: 'x.csv', encoding: 'utf-8', format: 'csv', columns: { merchant_id: '商户号', settlement_date: { from: '日期', format: '%Y%m%d' }, gross_fen: { from: '金额', unit: 'yuan' }, n_payments: '笔数', n_customers: { default: 0 } } },
    });
    await plan('import/map-source.sql', mapped.sql, mapped.params as Record<string, string>);

    // The ingest templates, filled for a Parquet and a CSV file.
    const lake = join(dir, 'lake');
    const rows = smallLake({ merchants: 2, days: 1, start: '2024-01-01', seed: 1, grain: 'payment' });
    await writeLake(lake, rows);
    const header = Object.keys(rows.payments[0]);
    writeCsv(join(lake, 'payments', 'export.csv'), header, rows.payments.map((p) => csvCells(p, header)));
    await db.run('CREATE TEMP TABLE ingest_rejects (file_seq INTEGER, file_id INTEGER, source_row BIGINT, outcome VARCHAR, reason VARCHAR)');
    for (const path of [join(lake, 'payments', 'payment_date=2024-01-01', 'data_0.parquet'), join(lake, 'payments', 'export.csv')]) {
      const file = describeFile(path, 'payments');
      const rules = rulesFor('payments');
      const source = await openSource(db, file.path, file.format, rules, file.partitionValue !== null);
      await db.run(
        `CREATE OR REPLACE TEMP TABLE ingest_batch AS SELECT 0 AS file_seq, 1 AS file_id, $path AS source_path, $partition_value AS partition_value`,
        { path: file.path, partition_value: file.partitionValue },
      );
      const paths = { source_paths: file.path };
      await plan('ingest/check.sql', checkSql(rules, source), paths);
      await db.run(`CREATE OR REPLACE TEMP TABLE ingest_checked AS ${checkSql(rules, source)}`, paths);
      await plan('ingest/validate.sql', rejectsSql(rules), { ...conflictParams(rules), range_min: '2024-01-01', range_max: '2024-01-01' });
      await plan('ingest/quarantine.sql', quarantineSql(source), paths);
      await plan('ingest/load.sql', loadSql(rules, source, true), paths);
      await plan('ingest/load-clean.sql', loadCleanSql(rules, source), paths);
    }
    const settlements = rulesFor('settlements');
    await plan('ingest/repeated-keys.sql', repeatedKeysSql(settlements), { ...conflictParams(settlements), key_min: '2024-01-01', key_max: '2024-01-02' });
    await rememberMerchantKeys(db);
    await plan('ingest/merchant-keys.sql', withMerchantKeys('(SELECT * EXCLUDE (merchant_key) FROM merchants) AS registry'));
    await forgetMerchantKeys(db);
    expect([...planned].sort()).toEqual([...files].sort());
    db.close();
  });
});
