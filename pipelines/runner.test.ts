import { describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { STEPS } from './manifest.ts';
import { runPlan, StepFailedError } from './runner.ts';
import { smallLake } from './testing/small-lake.ts';
import { loadRows } from './testing/load-rows.ts';

describe('runner', () => {
  it('runs the steps in dependency order and logs each', async () => {
    const names = STEPS.map((s) => s.name);
    for (const step of STEPS) for (const dep of step.dependsOn) expect(names.indexOf(dep)).toBeLessThan(names.indexOf(step.name));
    const db = await Database.open(':memory:');
    await loadRows(db, smallLake({ merchants: 10, days: 90, start: '2024-01-01', seed: 3, grain: 'settlement' }));
    const events: string[] = [];
    // The first run has nothing to skip: every step is missing.
    const runs = await runPlan(db, { asOfDates: ['2024-03-01', '2024-02-01'], onProgress: (e) => events.push(`${e.stage}:${e.done}/${e.total}`) });
    expect(runs.every((r) => r.ran && r.before.state === 'missing')).toBe(true);
    expect(runs.map((r) => `${r.step} ${r.asOfDate ?? ''}`.trim())).toEqual([
      'holidays', 'turnover', 'features 2024-02-01', 'features 2024-03-01', 'labels 2024-02-01', 'labels 2024-03-01',
    ]);
    expect(events.at(-1)).toBe('labels 2024-03-01:6/6');
    const log = await db.all('SELECT step, status, rows_out FROM run_log ORDER BY started_at');
    expect(log).toHaveLength(6);
    expect(log.every((row) => row.status === 'ok' && Number(row.rows_out) > 0)).toBe(true);

    // One step alone, one date, rebuilt though fresh: replaces that date's slice only.
    const before = await db.all('SELECT * FROM features ORDER BY as_of_date, merchant_id');
    await runPlan(db, { asOfDates: ['2024-03-01'], steps: ['features'] });
    expect(await db.all('SELECT * FROM features ORDER BY as_of_date, merchant_id')).toEqual(before);
    expect(await db.one('SELECT count(*) AS n FROM run_log')).toEqual({ n: 7 });
    db.close();
  });

  it('keeps the last good table when a step fails its checks', async () => {
    const db = await Database.open(':memory:');
    const lake = smallLake({ merchants: 5, days: 30, start: '2024-01-01', seed: 8, grain: 'settlement' });
    await loadRows(db, lake);
    await runPlan(db, { steps: ['turnover'] });
    const good = await db.all('SELECT * FROM daily_turnover ORDER BY merchant_key, turnover_date');
    // A settlement row repeated behind ingest's back breaks the grain of daily_turnover.
    await loadRows(db, { settlements: [lake.settlements[0]] });
    const error = await runPlan(db, { steps: ['turnover'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepFailedError);
    expect((error as Error).message).toMatch(/step turnover failed: data check failed on daily_turnover: daily_turnover: duplicate key: 1 rows repeat the key \(merchant_key, turnover_date\)/);
    expect(await db.all('SELECT * FROM daily_turnover ORDER BY merchant_key, turnover_date')).toEqual(good);
    expect(await db.one("SELECT status, error IS NOT NULL AS has_error FROM run_log WHERE status = 'failed'")).toEqual({ status: 'failed', has_error: true });
    expect(await db.one("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '%staging'")).toEqual({ n: 0 });
    db.close();
  });

  it('rejects an unknown step', async () => {
    const db = await Database.open(':memory:');
    await expect(runPlan(db, { steps: ['nope'] })).rejects.toThrow(/no pipeline step 'nope'/);
    await expect(runPlan(db, { through: 'nope' })).rejects.toThrow(/no pipeline step 'nope'/);
    db.close();
  });
});
