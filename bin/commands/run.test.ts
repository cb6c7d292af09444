/**
 * The build plan over a real ingest: a rerun skips fresh steps, a new ingest makes the data steps
 * stale and they rerun, `through` stops where asked, and `capillary run --plan` shows each step's
 * state and why.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capillary } from '../testing/run-capillary.ts';
import { Database } from '../../engine/db/index.ts';
import { buildWarehouse } from '../../pipelines/build-warehouse.ts';
import { planStates, runPlan, type StepRun } from '../../pipelines/runner.ts';
import { smallLake } from '../../pipelines/testing/small-lake.ts';
import { tempDir, writeLake } from '../../pipelines/testing/write-lake.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CUT = '2024-03-01';
const rows = smallLake({ merchants: 10, days: 100, start: '2024-01-01', seed: 9, grain: 'settlement' });
const DATES = ['2024-02-01', '2024-03-01'];

const summary = (runs: StepRun[]) => runs.map((r) => `${r.step}${r.asOfDate ? ` ${r.asOfDate}` : ''} ${r.ran ? 'ran' : r.before.state}`);

describe('the build plan', () => {
  it('skips fresh steps, reruns what a new ingest made stale, and stops where asked', async () => {
    await writeLake(join(dir, 'early'), { merchants: rows.merchants, settlements: rows.settlements.filter((s) => s.settlement_date < CUT) });
    await writeLake(join(dir, 'later'), { settlements: rows.settlements.filter((s) => s.settlement_date >= CUT) });
    const path = join(dir, 'plan.duckdb');
    const db = await Database.open(path);

    const first = await buildWarehouse(db, { lake: join(dir, 'early'), through: 'features', asOfDates: DATES });
    expect(summary(first.runs)).toEqual(['holidays ran', 'turnover ran', 'features 2024-02-01 ran', 'features 2024-03-01 ran']);
    expect(await db.one('SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $t', { t: 'labels' })).toEqual({ n: 0 });

    // Through labels: what is built is fresh and skipped; labels are missing and run.
    const second = await runPlan(db, { through: 'labels', asOfDates: DATES });
    expect(summary(second)).toEqual([
      'holidays fresh', 'turnover fresh', 'features 2024-02-01 fresh', 'features 2024-03-01 fresh', 'labels 2024-02-01 ran', 'labels 2024-03-01 ran',
    ]);
    const features = await db.all('SELECT * FROM features ORDER BY as_of_date, merchant_id');

    // New days ingested: turnover is stale and adds those days only; features read nothing on or
    // after their dates, so they stay fresh; labels read what follows their dates and rerun.
    const after = await buildWarehouse(db, { lake: join(dir, 'later'), through: 'labels', asOfDates: DATES });
    expect(after.ingest!.files.length).toBeGreaterThan(0);
    expect(summary(after.runs)).toEqual([
      'holidays fresh', 'turnover ran', 'features 2024-02-01 fresh', 'features 2024-03-01 fresh', 'labels 2024-02-01 ran', 'labels 2024-03-01 ran',
    ]);
    expect(after.runs.find((r) => r.step === 'turnover')).toMatchObject({ before: { state: 'stale', why: 'new or changed data ingested since' }, detail: { rebuilt: `from ${CUT}` } });
    // Features read nothing on or after their date, so the late days change none of them.
    expect(await db.all('SELECT * FROM features ORDER BY as_of_date, merchant_id')).toEqual(features);

    const plan = await planStates(db, { through: 'offers', asOfDates: DATES });
    expect(plan.map((p) => `${p.step.name}${p.asOfDate ? ` ${p.asOfDate}` : ''} ${p.state.state}`)).toEqual([
      'holidays fresh', 'turnover fresh', 'features 2024-02-01 fresh', 'features 2024-03-01 fresh', 'labels 2024-02-01 fresh', 'labels 2024-03-01 fresh',
      'champion missing', 'score 2024-03-01 missing', 'offers 2024-03-01 missing',
    ]);
    db.close();

    const printed = await capillary('run', '--plan', '--db', path);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^step\s+as of\s+state\s+why$/m);
    expect(printed.stdout).toMatch(/^turnover\s+fresh\s+nothing it reads changed since its last run$/m);
    expect(printed.stdout).toMatch(/^labels\s+2024-03-01 fresh/m);
    expect(printed.stdout).toMatch(/^champion\s+missing no champion yet$/m);
    const rerun = await capillary('run', '--through', 'labels', '--from', '2024-02-01', '--to', '2024-03-01', '--db', path);
    expect(rerun.stdout.trim().split('\n').every((line) => /skipped\s+fresh: /.test(line))).toBe(true);
    expect(await capillary('run', '--through', 'nope', '--db', path)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--through: no step 'nope'/) });
    // A step asked for by name that cannot run says why and fails.
    expect(await capillary('run', '--step', 'score', '--db', path)).toMatchObject({ code: 1, stderr: expect.stringMatching(/step score as of 2024-03-01 failed: there is no champion to score with/) });
    expect(await capillary('run', '--step', 'offers', '--db', path)).toMatchObject({ code: 1, stderr: expect.stringMatching(/step offers failed: the champion has scored nothing yet/) });
  });
});
