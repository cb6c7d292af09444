/**
 * `capillary offers` and `capillary backtest` as a person runs them, on a small warehouse
 * built by the real pipeline: the summary is printed, the table written; `--json` gives the
 * backtest for notebooks; bad options and bad policy files exit 2 naming the option or field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, thresholdOf, withThresholds } from '../../engine/credit/index.ts';
import { Database } from '../../engine/db/index.ts';
import { buildOffersWarehouse, FIXTURE_MODEL } from '../../pipelines/offers/testing/offers-warehouse.ts';
import { capillary } from '../testing/run-capillary.ts';

const root = mkdtempSync(join(tmpdir(), 'capillary-offers-cli-'));
const warehouse = join(root, 'warehouse.duckdb');
const AS_OF = '2024-03-01';

function policyFile(name: string, policy: unknown): string {
  const file = join(root, name);
  writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
  return file;
}

beforeAll(async () => {
  const db = await Database.open(warehouse);
  await buildOffersWarehouse(db, { asOfDates: [AS_OF], merchants: 60 });
  db.close();
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('capillary offers', () => {
  it('decides every merchant, writes the offers table and prints the summary by segment and grade', async () => {
    const tight = policyFile('tight.json', { ...withThresholds(DEFAULT_POLICY, { max_pd: 0.03 }), version: 'tight-1' });
    const run = await capillary('offers', '--as-of', AS_OF, '--model', FIXTURE_MODEL, '--policy', tight, '--db', warehouse);
    expect(run.stderr).toMatch(/offers 2024-03-01: 100%/);
    expect(run.code).toBe(0);
    const decided = /decided (\d+) merchants as of 2024-03-01 under policy tight-1 with model fixture-pd .*: (\d+) offers, (\d+) declines/.exec(run.stdout)!;
    expect(Number(decided[2]) + Number(decided[3])).toBe(Number(decided[1]));
    expect(run.stdout).toMatch(/^segment +merchants +offers +approval/m);
    expect(run.stdout).toMatch(/^grade +merchants +offers +approval/m);
    expect(run.stdout).toMatch(/declines by rule: .*max_pd \d+/);
    const db = await Database.open(warehouse, { readOnly: true });
    try {
      const rows = await db.one<{ n: number; v: string }>(`SELECT count(*) AS n, any_value(policy_version) AS v FROM offers`);
      expect([Number(rows!.n), rows!.v]).toEqual([Number(decided[1]), 'tight-1']);
    } finally {
      db.close();
    }
  });

  const bad: [string, string[], RegExp][] = [
    ['no date', [], /--as-of DATE is required/],
    ['a bad date', ['--as-of', '2024-02-30'], /--as-of: expected a date YYYY-MM-DD/],
    ['a missing policy file', ['--as-of', AS_OF, '--policy', join(root, 'nowhere.json')], /--policy: cannot read .*nowhere\.json: ENOENT/],
  ];
  it.each(bad)('refuses %s with exit code 2', async (_, args, message) => {
    const { code, stderr } = await capillary('offers', ...args, '--db', warehouse);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
  });

  it('refuses a policy file that is not JSON or breaks the rules, naming every bad field', async () => {
    const notJson = await capillary('offers', '--as-of', AS_OF, '--policy', policyFile('broken.json', '{ "version": '), '--db', warehouse);
    expect(notJson).toMatchObject({ code: 2, stderr: expect.stringMatching(/--policy: .*broken\.json is not JSON/) });
    const { version: _, ...noVersion } = DEFAULT_POLICY;
    const bad = {
      ...noVersion,
      colour: 'red',
      price: { ...DEFAULT_POLICY.price, cost_of_funds: -0.01 },
    };
    const refused = await capillary('offers', '--as-of', AS_OF, '--policy', policyFile('bad.json', bad), '--db', warehouse);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not a valid policy/);
    expect(refused.stderr).toMatch(/version: missing/);
    expect(refused.stderr).toMatch(/colour: unknown field/);
    expect(refused.stderr).toMatch(/price\.cost_of_funds: must not be negative/);
    // Rules across fields are checked once every field is valid.
    const inverted = { ...DEFAULT_POLICY, line: { ...DEFAULT_POLICY.line, min_line_fen: 2_000_000_000 } };
    const crossed = await capillary('offers', '--as-of', AS_OF, '--policy', policyFile('inverted.json', inverted), '--db', warehouse);
    expect(crossed).toMatchObject({ code: 2, stderr: expect.stringMatching(/line\.min_line_fen: must not exceed line\.max_line_fen/) });
  });

  it('fails with the step to run when the date has no scores', async () => {
    const { code, stderr } = await capillary('offers', '--as-of', '2024-01-01', '--model', FIXTURE_MODEL, '--db', warehouse);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no scores as of 2024-01-01 by model fixture-pd: run `capillary score --as-of 2024-01-01/);
  });
});

describe('capillary backtest', () => {
  it('compares policies and PD cutoffs and prints the frontier', async () => {
    const strict = policyFile('strict.json', { ...withThresholds(DEFAULT_POLICY, { allowed_kyc_tier: ['A'] }), version: 'strict-1' });
    const run = await capillary('backtest', '--as-of', AS_OF, '--model', FIXTURE_MODEL, '--policy', strict, '--policy', policyFile('default.json', DEFAULT_POLICY), '--pd-cutoffs', '0,0.05,1', '--db', warehouse);
    expect(run.code).toBe(0);
    const approved = (version: string) => Number(new RegExp(`^${version} +[\\d.]+ +([\\d,]+) `, 'm').exec(run.stdout)![1].replaceAll(',', ''));
    expect(approved('strict-1')).toBeLessThanOrEqual(approved(DEFAULT_POLICY.version));
    expect(run.stdout).toMatch(/^strict-1 pd<=1 /m);
    expect(run.stdout).toMatch(/backtest as of 2024-03-01: \d+ merchants scored by fixture-pd/);
    expect(run.stdout).toMatch(new RegExp(`^${DEFAULT_POLICY.version} pd<=0 +0 +0 +0%`, 'm'));
    expect(run.stdout).toMatch(/^frontier \(approval rate against realised loss rate/m);
    expect(run.stdout).toMatch(/INCOMPLETE/); // the lake ends before 12 months have passed
  });

  it('prints JSON with --json', async () => {
    const run = await capillary('backtest', '--as-of', AS_OF, '--model', FIXTURE_MODEL, '--pd-cutoffs', '0.02,0.1', '--json', '--db', warehouse);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.policies.map((p: { max_pd: number }) => p.max_pd)).toEqual([thresholdOf(DEFAULT_POLICY, 'max_pd'), 0.02, 0.1]);
    expect(result.policies[2].approved).toBeGreaterThanOrEqual(result.policies[1].approved);
  });

  it('refuses bad cutoffs with exit code 2', async () => {
    const { code, stderr } = await capillary('backtest', '--as-of', AS_OF, '--pd-cutoffs', '0.02,abc', '--db', warehouse);
    expect(stderr).toMatch(/--pd-cutoffs: each cutoff must be a share between 0 and 1 \(got 'abc'\)/);
    expect(code).toBe(2);
  });
});

describe('capillary backtest --repayment-compare', () => {
  it('compares instalments and holdback on the same simulated merchants, as a table or JSON, without a warehouse', async () => {
    const network = ['--merchants', '1500', '--days', '730', '--start', '2023-01-01', '--seed', '4'];
    const table = await capillary('backtest', '--repayment-compare', ...network);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^repayment compared on the same 1,500 merchants \(seed 4, 730 days from 2023-01-01\): holdback 13% /);
    expect(table.stdout).toMatch(/^ +instalments +holdback$/m);
    expect(table.stdout).toMatch(/^days to repay median +\d+ +\d+$/m);
    const half = policyFile('half.json', { ...DEFAULT_POLICY, version: 'half-1', repayment: { ...DEFAULT_POLICY.repayment, holdback_share: 0.065 } });
    const json = await capillary('backtest', '--repayment-compare', ...network, '--policy', half, '--json');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ merchants: 1500, policy_version: 'half-1', holdback_share: 0.065 });
    expect(result.books.map((b: { repayment: string }) => b.repayment)).toEqual(['instalments', 'holdback']);
    expect(result.books[0].lines).toBe(result.books[1].lines);
    // The holdback's terms change how lines are repaid, never which lines are lent.
    expect(table.stdout).toMatch(new RegExp(`^lines +${result.books[0].lines.toLocaleString('en-US')} +`, 'm'));
  });

  it('refuses a network the simulator would refuse, naming the option, with exit code 2', async () => {
    const { code, stderr } = await capillary('backtest', '--repayment-compare', '--days', '0');
    expect(stderr).toMatch(/--days: must be at least 1/);
    expect(code).toBe(2);
  });
});
