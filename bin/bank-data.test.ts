/**
 * A bank's own data, end to end (issue 16): a simulated network handed over as a ledger-less
 * bank's files — an Excel registry and GB18030 settlement CSVs with Chinese headers and yuan,
 * and a defaulted-merchants list — imported through a mapping, built through offers (ingest,
 * features, labels from the list, a first scorecard, scores, offers) with no truth anywhere,
 * trained again by `capillary train`, and a merchant's offer served by the real API server.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../api/server.ts';
import { Database } from '../engine/db/index.ts';
import { addDays } from '../engine/calendar/days.ts';
import { simulate } from '../engine/simulator/index.ts';
import { championModel } from '../models/index.ts';
import { buildWarehouse, networkAsOfDates } from '../pipelines/build-warehouse.ts';
import { writeSimulatedBankFiles, type SimulatedBankFiles } from '../pipelines/testing/simulated-bank-files.ts';
import { tempDir } from '../pipelines/testing/write-lake.ts';
import { capillary } from './testing/run-capillary.ts';

const NETWORK = { merchants: 300, days: 760, start: '2023-01-01', seed: 11, grain: 'settlement' as const };

let dir: string;
let bank: SimulatedBankFiles;
let warehouse: string;
beforeAll(async () => {
  dir = tempDir();
  const simulated = join(dir, 'simulated');
  await simulate({ ...NETWORK, out: simulated });
  bank = await writeSimulatedBankFiles(simulated, join(dir, 'bank'));
  warehouse = join(dir, 'bank.duckdb');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a bank's own files, from import to a served offer", () => {
  it('imports, builds through offers without a ledger or truth, trains with no oracle, and serves an offer', async () => {
    expect(bank.defaults).toBeGreaterThan(10); // enough defaults for a scorecard to learn from

    const lake = join(dir, 'bank-lake');
    const imported = await capillary('import', '--mapping', bank.mapping, '--out', lake);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`settlements  read ${bank.settlements} = written ${bank.settlements} + quarantined 0`);

    const db = await Database.open(warehouse);
    let offered: string;
    try {
      const built = await buildWarehouse(db, { lake, through: 'offers', asOfDates: networkAsOfDates(NETWORK.start, NETWORK.days) });
      expect(built.runs.filter((r) => r.ran).map((r) => r.step)).toEqual(expect.arrayContaining(['features', 'labels', 'champion', 'score', 'offers']));
      const counts = await db.one<Record<string, number>>(`SELECT
        (SELECT count(*) FROM merchants)::INTEGER AS merchants, (SELECT count(*) FROM settlements)::INTEGER AS settlements,
        (SELECT count(*) FROM outcomes)::INTEGER AS outcomes, (SELECT count(*) FROM line_events)::INTEGER AS line_events,
        (SELECT count(*) FROM truth.truth_months)::INTEGER AS truth, (SELECT count(*) FROM quarantine)::INTEGER AS quarantined`);
      expect(counts).toEqual({ merchants: bank.merchants, settlements: bank.settlements, outcomes: bank.defaults + bank.closures, line_events: 0, truth: 0, quarantined: 0 });

      // The list's defaults are the labels' defaults.
      const labelled = await db.one<{ listed: number; other: number }>(`SELECT
        count(*) FILTER (WHERE default_reason = 'listed_default')::INTEGER AS listed,
        count(*) FILTER (WHERE default_reason <> 'listed_default')::INTEGER AS other FROM labels`);
      expect(labelled!.listed).toBeGreaterThan(30);
      expect(labelled!.other).toBe(0);

      // The first champion learnt the bank's default, without an oracle.
      const champion = (await championModel(db))!;
      expect(champion.record.target).toBe('default_12m');
      expect(champion.metrics.oracle).toBeNull();
      // The out-of-time parts of so small a network hold a bad or two: the training part shows it learnt.
      expect(champion.split.info.train.bads).toBeGreaterThan(30);
      expect(champion.metrics.parts.train.auc).toBeGreaterThan(0.75);

      const offers = await db.one<{ offers: number; merchants: number }>(
        `SELECT count(*) FILTER (WHERE outcome = 'offer')::INTEGER AS offers, count(*)::INTEGER AS merchants FROM offers WHERE model_id = $model`,
        { model: champion.record.model_id },
      );
      expect(offers!.offers).toBeGreaterThan(0);
      offered = (await db.one<{ merchant_id: string }>(`SELECT min(merchant_id) AS merchant_id FROM offers WHERE outcome = 'offer'`))!.merchant_id;
    } finally {
      db.close();
    }

    // A data scientist trains on the same warehouse: a report, no oracle line, no failure.
    const trained = await capillary('train', '--db', warehouse, '--algorithm', 'scorecard');
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toContain('target default_12m');
    expect(trained.stdout).not.toMatch(/oracle/i);

    // The network's last day is the server's today, so the offers it sized have not expired.
    const today = addDays(NETWORK.start, NETWORK.days - 1);
    const server: RunningServer = await startServer({ db: warehouse, port: 0, host: '127.0.0.1', log: () => {}, jobGraceMs: 5_000, businessDate: today });
    try {
      const token = await server.context.tokens.sign({ role: 'merchant', sub: offered, merchant_id: offered });
      const response = await fetch(`${server.url}/api/v1/merchants/${offered}/offer`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const offer = (await response.json()) as { merchant_id: string; outcome: string; line_fen: number };
      expect(offer).toMatchObject({ merchant_id: offered, outcome: 'offer' });
      expect(offer.line_fen).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 180_000);
});
