/**
 * The daily increment equals a full rebuild. A lake of N days is built through offers; day N+1
 * lands in it, is ingested, and the plan runs at the new as-of date: turnover rebuilds that day
 * only, and the warehouse's turnover, features, scores and offers equal those of a warehouse built
 * from scratch on the N+1 days (same as-of dates, same champion: the champion is kept until a
 * person changes it, so it is an input of both, not something either derives). A re-delivered old
 * day rebuilds from that day, and ends equal to turnover rebuilt whole. A re-delivered registry
 * rebuilds nothing unless it moves a merchant's built rows (its onboarding date), then all.
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../engine/calendar/days.ts';
import { Database } from '../../engine/db/index.ts';
import { simulate } from '../../engine/simulator/index.ts';
import type { ModelRecord } from '../../engine/schema/model-record.ts';
import { championModel, promoteModel, registerModel } from '../../models/index.ts';
import { buildWarehouse, networkAsOfDates } from '../build-warehouse.ts';
import { ingestLake } from '../ingest/ingest.ts';
import { runPlan } from '../runner.ts';
import { readSql } from '../sql-file.ts';
import { tempDir } from '../testing/write-lake.ts';
import { buildTurnover } from './turnover.ts';

const NETWORK = { merchants: 200, days: 560, start: '2023-01-01', seed: 21, grain: 'settlement' as const };
/** Day N+1: the last day of the simulated network, held back from the first build. */
const NEW_DAY = addDays(NETWORK.start, NETWORK.days - 1);
const DATES = networkAsOfDates(NETWORK.start, NETWORK.days - 1);
const NEW_AS_OF = addDays(NEW_DAY, 1);
const TIMEOUT = 300_000;

const dir = tempDir();
const full = join(dir, 'full');
const daily = join(dir, 'daily');
const dayFolder = (lake: string, day: string) => join(lake, 'settlements', `settlement_date=${day}`);
let inc: Database;

/** The rows of `sql` in the daily warehouse (attached as inc) and not in the one built from scratch, and the other way (EXCEPT ALL keeps repeats). */
async function difference(db: Database, sql: string): Promise<{ onlyIncrement: number; onlyScratch: number; rows: number }> {
  const other = sql.replace(/\bFROM (\w+)/, 'FROM inc.$1');
  const n = async (q: string) => Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM (${q})`))!.n);
  return { onlyIncrement: await n(`${other} EXCEPT ALL ${sql}`), onlyScratch: await n(`${sql} EXCEPT ALL ${other}`), rows: await n(sql) };
}

beforeAll(async () => {
  await simulate({ ...NETWORK, out: full });
  // The lake of N days: the same files without the last day's partition.
  cpSync(full, daily, { recursive: true, filter: (source) => source !== dayFolder(full, NEW_DAY) });

  inc = await Database.open(join(dir, 'inc.duckdb'));
  await buildWarehouse(inc, { lake: daily, through: 'offers', asOfDates: DATES, everyDate: true });
  mkdirSync(dayFolder(daily, NEW_DAY));
  cpSync(dayFolder(full, NEW_DAY), dayFolder(daily, NEW_DAY), { recursive: true });
}, TIMEOUT);

afterAll(() => {
  inc?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Builds the scratch warehouse from the whole N+1-day lake at the same dates, with the daily
 * warehouse's champion, and compares the tables the increment touched.
 */
async function compareWithScratch(championId: string, champion: Omit<ModelRecord, 'model_id' | 'status' | 'registered_at'>): Promise<void> {
  const scratch = await Database.open(join(dir, 'scratch.duckdb'));
  try {
    await ingestLake(scratch, full);
    const plan = { asOfDates: [...DATES, NEW_AS_OF], everyDate: true };
    await runPlan(scratch, { ...plan, through: 'labels' });
    const actor = { by: 'increment test', why: 'the same champion as the daily warehouse' };
    expect((await registerModel(scratch, champion, actor)).modelId).toBe(championId);
    await promoteModel(scratch, championId, actor);
    await runPlan(scratch, { ...plan, through: 'offers' });
    await scratch.run(`ATTACH '${join(dir, 'inc.duckdb')}' AS inc (READ_ONLY)`);
    for (const sql of [
      'SELECT * FROM daily_turnover',
      'SELECT * FROM monthly_turnover',
      'SELECT * FROM features',
      'SELECT * EXCLUDE (run_id) FROM scores',
      'SELECT * EXCLUDE (run_id) FROM offers',
    ]) {
      const diff = await difference(scratch, sql);
      expect({ sql, ...diff, rows: diff.rows > 0 }).toEqual({ sql, onlyIncrement: 0, onlyScratch: 0, rows: true });
    }
    const newRows = await scratch.one<{ n: number }>(`SELECT count(*) AS n FROM daily_turnover WHERE turnover_date = CAST($d AS DATE)`, { d: NEW_DAY });
    expect(Number(newRows!.n)).toBeGreaterThan(0);
  } finally {
    scratch.close();
  }
}

describe('the daily increment', () => {
  it('rebuilds the new day only, and equals a full rebuild on N+1 days', async () => {
    const increment = await buildWarehouse(inc, { lake: daily, through: 'offers', asOfDates: [NEW_AS_OF], everyDate: true });
    expect(increment.ingest!.files.map((f) => f.path)).toEqual([join(dayFolder(daily, NEW_DAY), readdirSync(dayFolder(daily, NEW_DAY))[0])]);
    const turnover = increment.runs.find((r) => r.step === 'turnover')!;
    expect(turnover).toMatchObject({ ran: true, detail: { rebuilt: `from ${NEW_DAY}`, days: 1 } });
    expect(increment.runs.filter((r) => r.ran && r.asOfDate !== null).every((r) => r.asOfDate === NEW_AS_OF)).toBe(true);
    expect(increment.runs.filter((r) => r.ran).map((r) => r.step)).toEqual(['turnover', 'features', 'labels', 'score', 'offers']);
    // The earlier dates' features read nothing the new day changed: they stay fresh.
    const earlier = await runPlan(inc, { through: 'features', asOfDates: DATES });
    expect(earlier.filter((r) => r.step === 'features').map((r) => r.before.state)).toEqual(DATES.map(() => 'fresh'));
    const { model_id: championId, status: _status, registered_at: _at, ...champion } = (await championModel(inc))!.record;
    inc.close();

    try {
      await compareWithScratch(championId, champion);
    } finally {
      inc = await Database.open(join(dir, 'inc.duckdb'));
    }
  }, TIMEOUT);

  it('rebuilds a re-delivered old day from that day on, equal to turnover rebuilt whole', async () => {
    // The day re-delivered without one merchant that traded on it: its later gaps reach further back.
    const day = addDays(NETWORK.start, 400);
    const file = join(dayFolder(daily, day), readdirSync(dayFolder(daily, day))[0]);
    const dropped = (await inc.one<{ merchant_id: string }>(
      `SELECT m.merchant_id FROM daily_turnover AS t JOIN merchants AS m USING (merchant_key) WHERE t.turnover_date IN (CAST($d AS DATE), CAST($d AS DATE) + 1) AND t.n_payments > 0
       GROUP BY m.merchant_id HAVING count(*) = 2 ORDER BY m.merchant_id LIMIT 1`,
      { d: day },
    ))!.merchant_id;
    await inc.run(`COPY (SELECT * FROM read_parquet($file) WHERE merchant_id <> $m) TO '${file}.new' (FORMAT parquet)`, { file, m: dropped });
    rmSync(file);
    cpSync(`${file}.new`, file);
    rmSync(`${file}.new`);
    const before = await inc.one<{ n: number }>(`SELECT count(*) AS n FROM daily_turnover WHERE turnover_date < CAST($d AS DATE)`, { d: day });

    await ingestLake(inc, daily);
    const runs = await runPlan(inc, { through: 'turnover' });
    expect(runs.find((r) => r.step === 'turnover')).toMatchObject({ ran: true, detail: { rebuilt: `from ${day}`, days: 1 } });
    // Features of dates up to the re-delivered day stay fresh; those after it read it and are stale.
    const features = await runPlan(inc, { through: 'features', asOfDates: [...DATES, NEW_AS_OF] });
    expect(features.filter((r) => r.step === 'features').map((r) => `${r.asOfDate} ${r.before.state}`)).toEqual(
      [...DATES, NEW_AS_OF].map((date) => `${date} ${date <= day ? 'fresh' : 'stale'}`),
    );
    expect(Number((await inc.one<{ n: number }>(`SELECT count(*) AS n FROM daily_turnover AS t JOIN merchants AS m USING (merchant_key) WHERE m.merchant_id = $m AND t.turnover_date = CAST($d AS DATE)`, { m: dropped, d: day }))!.n)).toBe(0);
    expect(Number((await inc.one<{ n: number }>(`SELECT count(*) AS n FROM daily_turnover WHERE turnover_date < CAST($d AS DATE)`, { d: day }))!.n)).toBe(Number(before!.n));

    await inc.run('CREATE TABLE increment_daily AS SELECT * FROM daily_turnover; CREATE TABLE increment_monthly AS SELECT * FROM monthly_turnover');
    await buildTurnover(inc);
    for (const [built, whole] of [['increment_daily', 'daily_turnover'], ['increment_monthly', 'monthly_turnover']]) {
      const n = async (q: string) => Number((await inc.one<{ n: number }>(`SELECT count(*) AS n FROM (${q})`))!.n);
      expect([await n(`SELECT * FROM ${built} EXCEPT ALL SELECT * FROM ${whole}`), await n(`SELECT * FROM ${whole} EXCEPT ALL SELECT * FROM ${built}`)]).toEqual([0, 0]);
    }
    // the dropped merchant's next active day now counts back past the re-delivered day
    const next = await inc.one<{ gap: number }>(
      `SELECT t.days_since_prev_active AS gap FROM daily_turnover AS t JOIN merchants AS m USING (merchant_key) WHERE m.merchant_id = $m AND t.turnover_date = CAST($d AS DATE) + 1`, { m: dropped, d: day },
    );
    expect(next!.gap).toBeGreaterThan(1);
  }, TIMEOUT);

  it('records a registry change that moves no built row, and rebuilds whole for one that does', async () => {
    const registry = join(daily, 'merchants', readdirSync(join(daily, 'merchants'))[0]);
    const redeliver = async (select: string, params: Record<string, string>) => {
      await inc.run(`COPY (${select}) TO '${registry}.new' (FORMAT parquet)`, { file: registry, ...params });
      rmSync(registry);
      cpSync(`${registry}.new`, registry);
      rmSync(`${registry}.new`);
      await ingestLake(inc, daily);
      return (await runPlan(inc, { through: 'turnover' })).find((r) => r.step === 'turnover')!;
    };
    const traded = (await inc.one<{ merchant_id: string }>('SELECT min(m.merchant_id) AS merchant_id FROM daily_turnover AS t JOIN merchants AS m USING (merchant_key)'))!.merchant_id;

    const retiered = await redeliver(`SELECT * REPLACE (CASE WHEN merchant_id = $m THEN 5 - city_tier ELSE city_tier END AS city_tier) FROM read_parquet($file)`, { m: traded });
    expect(retiered).toMatchObject({ ran: true, rows: 0, detail: { rebuilt: 'nothing' } });
    expect((await runPlan(inc, { through: 'turnover' })).find((r) => r.step === 'turnover')).toMatchObject({ ran: false, before: { state: 'fresh' } });

    const onboardedEarlier = await redeliver(
      `SELECT * REPLACE (CASE WHEN merchant_id = $m THEN onboarded_date - 1 ELSE onboarded_date END AS onboarded_date) FROM read_parquet($file)`, { m: traded },
    );
    expect(onboardedEarlier).toMatchObject({ ran: true, detail: { rebuilt: 'whole', why: `the registry dropped or changed the onboarding date of 1 merchant with turnover (first ${traded})` } });
    // The check runs whenever a registry file changes (at a bank, daily): it reads the monthly
    // sums, never every day of daily_turnover.
    const check = await inc.all<{ explain_value: string }>(`EXPLAIN ${readSql(new URL('./turnover.ts', import.meta.url).href, 'registry-changes.sql')}`);
    const plan = check.map((row) => row.explain_value).join('\n');
    expect(plan).toContain('monthly_turnover');
    expect(plan).not.toContain('daily_turnover');
  }, TIMEOUT);
});
