/**
 * `capillary monitor` as a person runs it, on a small warehouse file whose six lines each call
 * for one action: the run's counts are printed, a rerun writes nothing, `--json` gives the run,
 * and a date before the ledger's last event exits 2 naming the option and the business date.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { buildMonitoringFixture, MONITOR_AS_OF } from '../../pipelines/monitoring/testing/monitoring-fixture.ts';
import { capillary } from '../testing/run-capillary.ts';

const root = mkdtempSync(join(tmpdir(), 'capillary-monitor-cli-'));
const warehouse = join(root, 'warehouse.duckdb');

beforeAll(async () => {
  const db = await Database.open(warehouse);
  await buildMonitoringFixture(db);
  db.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('capillary monitor', () => {
  it('monitors the lines, then finds the date monitored', async () => {
    const first = await capillary('monitor', '--as-of', MONITOR_AS_OF, '--model', 'm1', '--db', warehouse);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^monitored 6 lines as of 2024-06-01 \(policy easy-loan-2025\.3, PD from m1\) in [\d.]+ s: 1 watched, 1 limits reduced, 1 frozen, 1 unfrozen, 1 limits raised\n$/);
    const again = await capillary('monitor', '--as-of', MONITOR_AS_OF, '--json', '--db', warehouse);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ as_of_date: MONITOR_AS_OF, already_monitored: true, lines: 6, frozen: 1 });
  });

  it('refuses a date before the ledger’s last event, and a bad date, naming the option', async () => {
    const past = await capillary('monitor', '--as-of', '2024-05-01', '--db', warehouse);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/--as-of: monitoring as of 2024-05-01 would write events dated before the ledger's last \(2024-06-01\)/);
    const bad = await capillary('monitor', '--as-of', '2024-13-01', '--db', warehouse);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of');
  });
});
