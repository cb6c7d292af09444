/**
 * The portfolio report through a real server: GET /api/v1/portfolio answers the same report as
 * the report's pipeline (what `capillary portfolio --json` prints, bin/commands/portfolio.test.ts)
 * on a copy of the same warehouse, defaults to the whole book as it stands, and names the field of
 * a bad query.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/calendar/days.ts';
import { Database } from '../engine/db/index.ts';
import { portfolioReport } from '../pipelines/portfolio/index.ts';
import { fixtureWarehouse } from './testing/fixture-warehouse.ts';
import { FIXTURE_TIMEOUT_MS, FIXTURE_TODAY, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let officer: string;
let copy: { dir: string; db: string };

beforeAll(async () => {
  copy = await fixtureWarehouse();
  t = await startTestServer();
  officer = await t.token('officer');
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
  rmSync(copy.dir, { recursive: true, force: true });
});

describe('GET /api/v1/portfolio', () => {
  it('answers the report the pipeline makes', async () => {
    const db = await Database.open(copy.db);
    const report = await portfolioReport(db, { asOfDate: FIXTURE_TODAY }).finally(() => db.close());
    const api = await t.call('GET', `/api/v1/portfolio?as_of_date=${FIXTURE_TODAY}`, { token: officer });
    expect(api.status).toBe(200);
    expect(api.json).toEqual(JSON.parse(JSON.stringify(report)));
    expect(api.json.total.n_lines).toBeGreaterThan(0);
  });

  it('reports the whole book as it stands without a date, and takes a period', async () => {
    const latest = await t.call('GET', '/api/v1/portfolio', { token: officer });
    expect(latest.status).toBe(200);
    // The day after the ledger's last event: within the network's last month, at most the day after its last day.
    expect(latest.json.as_of_date > addDays(FIXTURE_TODAY, -31) && latest.json.as_of_date <= addDays(FIXTURE_TODAY, 1)).toBe(true);
    expect((await t.call('GET', `/api/v1/portfolio?as_of_date=${latest.json.as_of_date}`, { token: officer })).json).toEqual(latest.json);
    const since = await t.call('GET', `/api/v1/portfolio?as_of_date=${FIXTURE_TODAY}&from_date=2024-10-01`, { token: officer });
    expect(since.status).toBe(200);
    expect(since.json.roll_rates.from_date).toBe('2024-10-01');
    expect(since.json.loss.from_date).toBe('2024-10-01');
  });

  it('names the field of a bad query, and is for officers only', async () => {
    const bad = await t.call('GET', '/api/v1/portfolio?as_of_date=2024-02-30', { token: officer });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json)).toContain('as_of_date');
    const backwards = await t.call('GET', `/api/v1/portfolio?as_of_date=${FIXTURE_TODAY}&from_date=${FIXTURE_TODAY}`, { token: officer });
    expect(backwards.status).toBe(422);
    expect(backwards.json.detail).toContain('from_date must be before as_of_date');
    expect((await t.call('GET', '/api/v1/portfolio', { token: t.token('merchant') })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/portfolio', { token: t.token('admin') })).status).toBe(200);
  });
});
