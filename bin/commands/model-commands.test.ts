/**
 * The model commands as a person runs them: train on German Credit from its CSV (through the
 * real executable), train on a warehouse, promote, score and check drift; bad options name the
 * option and exit 2, failures exit 1 with the reason. Most runs call the CLI's main in-process,
 * output captured, because starting a process per command would make this file slow.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { GERMAN_CREDIT_CSV } from '../../models/data/german-credit.ts';
import { buildFixtureWarehouse } from '../../models/testing/fixture-warehouse.ts';
import { capillary } from '../testing/run-capillary.ts';

const cli = join(import.meta.dirname, '..', 'capillary.mjs');
const root = mkdtempSync(join(tmpdir(), 'capillary-models-cli-'));
const warehouse = join(root, 'warehouse.duckdb');

beforeAll(async () => {
  const db = await Database.open(warehouse);
  await buildFixtureWarehouse(db, { merchants: 300, dates: ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'] });
  db.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('capillary train --data', () => {
  it('trains a scorecard on German Credit and reports every metric (the executable, end to end)', () => {
    const run = spawnSync(process.execPath, [cli, 'train', '--algorithm', 'scorecard', '--data', GERMAN_CREDIT_CSV, '--target', 'creditability'], { encoding: 'utf8', cwd: root });
    const { status: code, stdout, stderr } = run;
    expect(stderr).toMatch(/train scorecard: 100%/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/target creditability = bad \(the event\)/);
    expect(stdout).toMatch(/split at random, stratified/);
    for (const metric of ['AUC', 'Gini', 'KS', 'Brier', 'log loss', 'HL p-value', 'deciles calibrated']) expect(stdout).toMatch(new RegExp(`^${metric} `, 'm'));
    expect(stdout).toMatch(/lift: the riskiest decile/);
    expect(stdout).toMatch(/PSI of the PD/);
    expect(stdout).not.toMatch(/registered/);
  });

  const bad: [string, string[], RegExp][] = [
    ['no algorithm', [], /--algorithm is required: scorecard, gbdt, forest/],
    ['an unknown algorithm', ['--algorithm', 'xgboost'], /--algorithm: must be one of scorecard, gbdt, forest \(got 'xgboost'\)/],
    ['a file without a target', ['--algorithm', 'gbdt', '--data', GERMAN_CREDIT_CSV], /--target COLUMN is required with --data/],
    ['an unknown parameter', ['--algorithm', 'gbdt', '--param', 'depth=3'], /--param: gbdt has no parameter 'depth'/],
    ['a bad date', ['--algorithm', 'gbdt', '--from', '2024-13-01'], /--from: expected a date YYYY-MM-DD/],
    ['an unknown warehouse label', ['--algorithm', 'gbdt', '--target', 'churn'], /--target: the warehouse labels are is_exit_12m, default_12m/],
  ];
  for (const [what, args, message] of bad) {
    it(`names the option for ${what} and exits 2`, async () => {
      const { code, stderr } = await capillary('train', ...args);
      expect(stderr).toMatch(message);
      expect(code).toBe(2);
    });
  }

  it('exits 1 with the reason when the data cannot be used', async () => {
    const { code, stderr } = await capillary('train', '--algorithm', 'gbdt', '--data', join(root, 'nowhere.csv'), '--target', 'bad');
    expect(stderr).toMatch(/no such file: .*nowhere\.csv/);
    expect(code).toBe(1);
  });
});

describe('capillary train, models, score and drift on a warehouse', () => {
  it('trains, registers, promotes with who and why, scores the champion and checks drift', async () => {
    const trained = await capillary('train', '--algorithm', 'gbdt', '--param', 'maxIterations=30', '--db', warehouse, '--by', 'ana');
    expect(trained.stderr).toMatch(/train gbdt/);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/split by as-of date: train 2024-01-01\.\.2024-04-01 .*out-of-time test 2024-05-01\.\.2024-05-01 .*\n  validation and test on 20% of the entities, held out of training/);
    expect(trained.stdout).toMatch(/model\/oracle AUC on the out-of-time test: \d\.\d{4}/);
    const id = /registered as (gbdt-[0-9a-f]{12}) \(candidate\)/.exec(trained.stdout)![1];

    expect(await capillary('score', '--as-of', '2024-06-01', '--db', warehouse)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no champion to score with/) });
    expect(await capillary('models', 'promote', id, '--db', warehouse)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--by NAME is required/) });
    expect(await capillary('models', 'promote', id, '--by', 'ana', '--why', 'first model', '--db', warehouse)).toMatchObject({ code: 0, stdout: `${id} is the champion\n` });
    const list = await capillary('models', 'list', '--db', warehouse);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+champion\\s+is_exit_12m\\s+warehouse`));

    const scored = await capillary('score', '--as-of', '2024-06-01', '--db', warehouse);
    expect(scored.code).toBe(0);
    expect(scored.stdout).toMatch(new RegExp(`scored 300 merchants as of 2024-06-01 with ${id} \\(champion, typescript\\)`));
    const drift = await capillary('drift', '--db', warehouse);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toMatch(/vs scoring run as of 2024-06-01 \(300 merchants\)\nPSI of the PD: \d\.\d{4} — (stable|monitor|shift)/);

    const shown = await capillary('models', 'show', id, '--db', warehouse);
    expect(shown.stdout).toMatch(/promoted\s+by ana: first model/);
    expect(await capillary('models', 'compare', id, 'gbdt-000000000000', '--db', warehouse)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no model gbdt-000000000000/) });
  });

  it('refuses to promote a model trained on a file: the warehouse lacks its features', async () => {
    const trained = await capillary('train', '--algorithm', 'scorecard', '--data', GERMAN_CREDIT_CSV, '--target', 'creditability', '--db', warehouse);
    const id = /registered as (scorecard-[0-9a-f]{12})/.exec(trained.stdout)![1];
    const { code, stderr } = await capillary('models', 'promote', id, '--by', 'ana', '--why', 'try', '--db', warehouse);
    expect(stderr).toMatch(/cannot promote scorecard-\w+: it reads \d+ features and the warehouse's features table lacks/);
    expect(code).toBe(1);
  });
});
