/**
 * The API's serving path (issue 6's targets): GET of a merchant's offer over a warehouse of 1.5M
 * merchants, against a bare Hono route returning a constant JSON, measured in the same run with
 * autocannon (50 connections) — target at least half the bare route's requests per second, with
 * p99 ≤ 10 ms; then the same while a simulation job (simulate, ingest, pipeline) writes to the
 * warehouse — target no errors, p99 ≤ 50 ms. The index renders a merchant's JSON on its first
 * request and keeps it, so offers are measured twice: over all merchants (mostly first
 * requests) and over a working set of 50,000 asked for once before (the steady state). The server and the bare app run in processes of
 * their own, as `capillary serve` would.
 *
 * The offers table is built from 10,000 applicants decided by engine/credit under the default
 * policy, repeated over the merchants (the serving path does not care that rows repeat).
 * Usage: npm run bench -- api [merchants=1500000] [seconds=10]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { TokenAuthority } from '../api/auth/token.ts';
import { child } from './_child.ts';
import { decide, DEFAULT_POLICY } from '../engine/credit/index.ts';
import { mulberry32, randomApplicant } from '../engine/credit/test-support.ts';
import { Database } from '../engine/db/index.ts';
import { ensureOfferTables, insertOffers } from '../pipelines/offers/index.ts';

const TEMPLATES = 10_000;
/** Merchants asked for once before the cached measurement. */
const WORKING_SET = 50_000;
const RUN_ID = 'bench-run';
const AS_OF = '2025-06-30';

export async function run(args: string[]): Promise<void> {
  const merchants = Number(args[0] ?? 1_500_000);
  const seconds = Number(args[1] ?? 10);
  const folder = mkdtempSync(join(tmpdir(), 'capillary-bench-api-'));
  const path = join(folder, 'warehouse.duckdb');
  const children: ChildProcess[] = [];
  try {
    console.log(`api benchmark: ${merchants.toLocaleString('en-US')} merchants, ${seconds} s per measurement, 50 connections; ${load()}`);
    let t = performance.now();
    await buildOffers(path, merchants);
    console.log(`offers table built in ${since(t)} s`);

    t = performance.now();
    const apiServer = await child(['bin/capillary.mjs', 'serve', '--db', path, '--port', '0'], /server listening.*"url":"http:\/\/127\.0\.0\.1:(\d+)"/, join(folder, 'server.log'));
    children.push(apiServer.process);
    console.log(`API server up (offer index of ${merchants.toLocaleString('en-US')} loaded) in ${since(t)} s`);
    const bare = await child(['--import', 'tsx', 'bench/_bare-hono.ts'], /listening (\d+)/, join(folder, 'bare.log'));
    children.push(bare.process);

    const tokens = TokenAuthority.forWarehouse(path);
    const officer = await tokens.sign({ role: 'officer', sub: 'bench' });
    const admin = await tokens.sign({ role: 'admin', sub: 'bench' });
    const rand = mulberry32(7);
    const merchantPath = (n: number) => `/api/v1/merchants/M${String(1 + n).padStart(8, '0')}/offer`;
    const anyMerchant = () => merchantPath(Math.floor(rand() * merchants));
    const working = Math.min(WORKING_SET, merchants);
    const workingMerchant = () => merchantPath(Math.floor(rand() * working));
    const api = `http://127.0.0.1:${apiServer.port}`;
    const auth = { authorization: `Bearer ${officer}` };

    const constant = await cannon(`http://127.0.0.1:${bare.port}/constant`, {}, seconds);
    report('bare Hono constant JSON', constant);
    // The offer runs below pick a merchant per request and send a token; the client's own cost
    // for that (it shares the 2 cores) shows in this second yardstick, not in the server's.
    const sameClient = await cannon(`http://127.0.0.1:${bare.port}`, auth, seconds, workingMerchant);
    report('bare Hono constant JSON, same client as the offer runs', sameClient);
    const cold = await cannon(api, auth, seconds, anyMerchant);
    report(`offer GET, any of ${merchants.toLocaleString('en-US')} (mostly first requests: rendered)`, cold);
    t = performance.now();
    let next = 0;
    await autocannon({ url: api, connections: 50, amount: working, headers: auth, requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: merchantPath(next++ % working) }) }] });
    console.log(`rendered the ${working.toLocaleString('en-US')} merchants of the working set in ${since(t)} s`);
    const warm = await cannon(api, auth, seconds, workingMerchant);
    report(`offer GET, ${working.toLocaleString('en-US')} merchants already asked for (cached JSON)`, warm);
    console.log(
      `ratio offer/bare: ${(warm.requests.average / constant.requests.average).toFixed(2)} cached, ${(cold.requests.average / constant.requests.average).toFixed(2)} first requests ` +
        `(target ≥ 0.5); p99 ${warm.latency.p99} ms cached, ${cold.latency.p99} ms first requests (target ≤ 10)`,
    );
    console.log(`ratio offer/bare with the same client: ${(warm.requests.average / sameClient.requests.average).toFixed(2)} cached`);

    const job = await fetch(`${api}/api/v1/jobs/simulate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ merchants: 2000, days: 365, start: '2024-01-01', seed: 3 }),
    }).then((r) => r.json() as Promise<{ job_id: string }>);
    const during = await cannon(api, auth, seconds, workingMerchant);
    const status = await fetch(`${api}/api/v1/jobs/${job.job_id}`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.json() as Promise<{ status: string; stage: string }>);
    report(`offer GET (cached) while a simulate job writes (job ${status.status}, at '${status.stage}')`, during);
    console.log(`while writing: ${during.errors} errors, ${during.non2xx} non-2xx, p99 ${during.latency.p99} ms (target: none, ≤ 50 ms); ${load()}`);
  } finally {
    await Promise.all(children.map((c) => new Promise((resolve) => {
      c.once('exit', resolve);
      c.kill('SIGTERM');
    })));
    // The simulate job may still be writing its lake when the server stops.
    rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  }
}

export async function buildOffers(path: string, merchants: number): Promise<void> {
  const rand = mulberry32(11);
  const rows = Array.from({ length: TEMPLATES }, (_, i) => {
    const applicant = randomApplicant(rand, i);
    const d = decide({ ...applicant, as_of_date: AS_OF }, DEFAULT_POLICY, AS_OF);
    return {
      template: i,
      as_of_date: AS_OF,
      outcome: d.outcome,
      segment: d.segment,
      grade: d.grade,
      pd: d.pd,
      score: d.score,
      line_fen: d.outcome === 'offer' ? d.line_fen : null,
      annual_rate: d.outcome === 'offer' ? d.annual_rate : null,
      ead_fen: d.outcome === 'offer' ? d.ead_fen : null,
      expected_loss_fen: d.outcome === 'offer' ? d.expected_loss_fen : null,
      expires_on: d.outcome === 'offer' ? d.expires_on : null,
      policy_version: d.policy_version,
      model_id: d.model_id,
      declined_rules: d.outcome === 'decline' ? d.failed.map((f) => f.rule).join(',') : null,
      run_id: RUN_ID,
      kyc_tier: applicant.kyc_tier,
      months_of_turnover: applicant.months_of_turnover,
      turnover_12m_fen: applicant.turnover_12m_fen,
      monthly_turnover_sa_fen: applicant.monthly_turnover_sa_fen,
      monthly_turnover_cv: applicant.monthly_turnover_cv,
      current_dpd: applicant.current_dpd,
      balance_fen: applicant.balance_fen,
      pd_12m: applicant.pd_12m,
      reason_codes: JSON.stringify(applicant.reason_codes),
      rule_inputs: '{}',
    };
  });
  const db = await Database.open(path);
  try {
    await ensureOfferTables(db);
    await db.run(`CREATE TEMP TABLE templates AS SELECT * FROM read_json_auto($file)`, { file: writeJson(path, rows) });
    await insertOffers(
      db,
      `SELECT 'M' || lpad(CAST(i + 1 AS VARCHAR), 8, '0') AS merchant_id, t.* EXCLUDE (template), 'suggested' AS status,
              NULL AS decided_by, NULL AS decided_at, NULL AS officer_note
       FROM range($n) AS r(i) JOIN templates AS t ON t.template = i % $templates`,
      { n: merchants, templates: TEMPLATES },
    );
    await db.run(
      `INSERT INTO offer_runs VALUES ($run_id, CAST($as_of AS DATE), $version, NULL, $n, 0, 0, 0, 0, TIMESTAMP '2025-06-30 12:00:00', 0, $policy)`,
      { run_id: RUN_ID, as_of: AS_OF, version: DEFAULT_POLICY.version, n: merchants, policy: JSON.stringify(DEFAULT_POLICY) },
    );
  } finally {
    db.close();
  }
}

function writeJson(beside: string, rows: object[]): string {
  const file = `${beside}.templates.json`;
  writeFileSync(file, JSON.stringify(rows));
  return file;
}

function cannon(url: string, headers: Record<string, string>, seconds: number, path?: () => string): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: 50,
    duration: seconds,
    headers,
    requests: path ? [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) }] : undefined,
  });
}

function report(name: string, r: autocannon.Result): void {
  console.log(
    `${name.padEnd(64)} ${Math.round(r.requests.average).toLocaleString('en-US').padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
      `errors ${r.errors}  non-2xx ${r.non2xx}`,
  );
}

function since(t: number): string {
  return ((performance.now() - t) / 1000).toFixed(1);
}

function load(): string {
  return `load average ${loadavg()[0].toFixed(1)} on this machine`;
}
