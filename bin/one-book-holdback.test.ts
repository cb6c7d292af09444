/**
 * Holdback over the API, end to end: a warehouse built from a simulated network's lake as it
 * stood on 2025-01-31 (February's settlement days held back); `capillary serve` (a child process) lets a merchant accept its offer repaid by
 * holdback and draw; the server stops; February's settlements arrive (`capillary ingest` of the
 * whole lake) and `capillary run --through offers --as-of 2025-03-01` sweeps 13% of each settled
 * day into the line's ledger, which the merchant's features then show.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../engine/calendar/days.ts';
import { DEFAULT_POLICY, formatRmb, replayLine } from '../engine/credit/index.ts';
import { Database } from '../engine/db/index.ts';
import { simulate } from '../engine/simulator/index.ts';
import { buildWarehouse } from '../pipelines/build-warehouse.ts';
import { ingestLake } from '../pipelines/ingest/ingest.ts';
import { lineEvents } from '../pipelines/lines/line-events.ts';
import { monthlyAsOfDates } from '../pipelines/runner.ts';
import { tempDir } from '../pipelines/testing/write-lake.ts';
import { capillary } from './testing/run-capillary.ts';
import { call, killServerChildren, serveChild, tokenFor } from './testing/serve-child.ts';

// 791 days from 2022-12-31: the whole lake ends 2025-02-28; the first warehouse sees it to 2025-01-31.
const NETWORK = { merchants: 400, days: 791, start: '2022-12-31', seed: 11, grain: 'settlement' as const };
const CUTOFF = '2025-01-31';
const LATER = '2025-03-01';

let dir: string;
let lake: string;
let warehouse: string;
beforeAll(async () => {
  dir = tempDir();
  lake = join(dir, 'lake');
  await simulate({ ...NETWORK, out: lake });
  // The lake as it stood on the cutoff: the settlement days after it held back, its manifest counting the rest.
  const later = join(dir, 'later-settlements');
  mkdirSync(later);
  for (const day of readdirSync(join(lake, 'settlements'))) {
    if (day.slice('settlement_date='.length) > CUTOFF) renameSync(join(lake, 'settlements', day), join(later, day));
  }
  const manifestPath = join(lake, '_SUCCESS.json');
  const manifest = readFileSync(manifestPath, 'utf8');
  warehouse = join(dir, 'capillary.duckdb');
  const db = await Database.open(warehouse);
  try {
    const kept = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM read_parquet($glob)', { glob: join(lake, 'settlements', '*', '*.parquet') });
    const parsed = JSON.parse(manifest);
    writeFileSync(manifestPath, JSON.stringify({ ...parsed, rows: { ...parsed.rows, settlements: kept!.n } }));
    await buildWarehouse(db, { lake, through: 'offers', asOfDates: monthlyAsOfDates(addDays(NETWORK.start, 182), '2025-01-01') });
  } finally {
    db.close();
  }
  // February arrives later: the days put back, the manifest whole again.
  for (const day of readdirSync(later)) renameSync(join(later, day), join(lake, 'settlements', day));
  writeFileSync(manifestPath, manifest);
}, 300_000);
afterAll(() => {
  killServerChildren();
  rmSync(dir, { recursive: true, force: true });
});

describe('a line repaid by holdback through the API', () => {
  it('opens by holdback over HTTP, and the next run sweeps each settled day of February into its ledger', async () => {
    const db = await Database.open(warehouse, { readOnly: true });
    const chosen = (await db.one<{ merchant_id: string; line_fen: number }>(
      `SELECT merchant_id, line_fen FROM offers
       WHERE as_of_date = DATE '2025-01-01' AND outcome = 'offer' AND merchant_id NOT IN (SELECT merchant_id FROM line_events)
       ORDER BY line_fen DESC, merchant_id LIMIT 1`,
    ))!;
    db.close();
    const merchant = chosen.merchant_id;
    const token = await tokenFor(warehouse, '--role', 'merchant', '--merchant', merchant);
    const drawn = Math.floor((chosen.line_fen * 0.5) / 100) * 100;

    const server = await serveChild(warehouse);
    let lineId: string;
    try {
      const opened = await call(server.url, 'POST', `/api/v1/merchants/${merchant}/offer/accept?repayment=holdback`, token);
      expect(opened.status, JSON.stringify(opened.json)).toBe(201);
      expect(opened.json).toMatchObject({ repayment: 'holdback', opened_date: CUTOFF });
      lineId = opened.json.line_id;
      const draw = await call(server.url, 'POST', `/api/v1/merchants/${merchant}/line/draws`, token, { amount_fen: drawn }, 'holdback-e2e-1');
      expect(draw.status, JSON.stringify(draw.json)).toBe(201);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    // February's settlements arrive; the run sweeps them into the line and builds a month later.
    const ingested = await ingestOnce();
    expect(ingested).toBeGreaterThan(0);
    const run = await capillary('run', '--through', 'offers', '--as-of', LATER, '--db', warehouse);
    expect(run.code, run.stderr).toBe(0);

    const after = await Database.open(warehouse, { readOnly: true });
    try {
      const events = await lineEvents(after, lineId);
      const sweeps = events.filter((e) => e.event_type === 'repaid');
      const days = await after.all<{ d: string; net_fen: number }>(
        `SELECT CAST(turnover_date AS VARCHAR) AS d, net_fen FROM daily_turnover WHERE merchant_key = (SELECT merchant_key FROM merchants WHERE merchant_id = $merchant) AND turnover_date > DATE '${CUTOFF}' AND net_fen > 0 ORDER BY 1`,
        { merchant },
      );
      expect(days.length).toBeGreaterThan(10);
      const share = DEFAULT_POLICY.repayment.holdback_share;
      // Each settled day after the draw repays 13% of it (the line is far from repaid in a month).
      expect(sweeps.map((e) => [e.business_date, e.amount_fen])).toEqual(days.map((d) => [d.d, Math.floor(share * d.net_fen)]));
      expect(sweeps.every((e) => e.source === 'api' && e.interest_fen > 0 && e.reason!.startsWith('holdback: 13% of'))).toBe(true);
      const state = replayLine(events);
      const features = (await after.one<{ balance_fen: number; n_draws_365d: number; repayment_ratio_365d: number }>(
        `SELECT balance_fen, n_draws_365d, repayment_ratio_365d FROM features WHERE merchant_id = $merchant AND as_of_date = CAST($as_of AS DATE)`,
        { merchant, as_of: LATER },
      ))!;
      expect(features.balance_fen).toBe(state.balance_fen);
      expect(features.balance_fen).toBeLessThan(drawn);
      const repaid = sweeps.reduce((sum, e) => sum + e.amount_fen, 0);
      expect(features.repayment_ratio_365d).toBeCloseTo(repaid / drawn, 6);
      console.log(
        `holdback: ${merchant} line ${formatRmb(chosen.line_fen)}, drew ${formatRmb(drawn)} on ${CUTOFF}; ${sweeps.length} settled days of February ` +
          `repaid ${formatRmb(repaid)} (interest ${formatRmb(sweeps.reduce((s, e) => s + e.interest_fen, 0))}); owed ${formatRmb(state.balance_fen)} as of ${LATER}`,
      );
    } finally {
      after.close();
    }
  }, 300_000);
});

/** Ingest of the whole lake again: only the files not loaded yet (February's) come in. */
async function ingestOnce(): Promise<number> {
  const db = await Database.open(warehouse);
  try {
    const result = await ingestLake(db, lake, { requireFinished: true });
    return result.files.filter((f) => f.loaded > 0).length;
  } finally {
    db.close();
  }
}
