/**
 * The offers job with no date sizes the champion's latest scored date, even when a challenger
 * has scored a later date (it used to take the latest date scored by any model, then fail to
 * find the champion's scores there).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { silentProgress } from '../../engine/progress.ts';
import { championModel } from '../../models/registry/index.ts';
import { runPlan } from '../../pipelines/runner.ts';
import { fixtureWarehouse } from '../testing/fixture-warehouse.ts';
import { FIXTURE_TIMEOUT_MS } from '../testing/test-server.ts';
import { sizeLatestOffers } from './size.ts';

let dir: string;
let db: Database;
beforeAll(async () => {
  const fixture = await fixtureWarehouse();
  dir = fixture.dir;
  db = await Database.open(fixture.db);
}, FIXTURE_TIMEOUT_MS);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the offers job', () => {
  it('with no date, sizes the champion’s latest scored date when a challenger scored later', async () => {
    const champion = (await championModel(db))!;
    const championDate = (await db.one<{ d: string }>('SELECT CAST(max(as_of_date) AS VARCHAR) AS d FROM scores WHERE model_id = $m', { m: champion.record.model_id }))!.d;
    await db.run(
      `INSERT INTO scores SELECT merchant_id, as_of_date + 31, 'challenger-later', pd, score, 'test' FROM scores WHERE model_id = $m AND as_of_date = CAST($d AS DATE)`,
      { m: champion.record.model_id, d: championDate },
    );
    const result = await sizeLatestOffers(db, undefined, silentProgress);
    expect(result).toMatchObject({ as_of_date: championDate, model_id: champion.record.model_id });
    expect(result.merchants).toBeGreaterThan(0);
  });

  it('leaves a warehouse built through offers as it is: every step of the plan is fresh', async () => {
    const runs = await runPlan(db, { through: 'offers' });
    expect(runs.map((r) => `${r.step} ${r.ran ? 'ran' : r.before.state}`)).toEqual([
      'holidays fresh', 'turnover fresh', 'champion fresh', 'score fresh', 'offers fresh',
    ]);
  });
});
