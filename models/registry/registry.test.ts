/**
 * The registry in a real DuckDB file: a reloaded model scores identically (all three kinds),
 * registering twice finds the first entry, one champion at a time with every change recorded,
 * and a model whose features the warehouse lacks cannot be promoted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { rowAt } from '../data/frame.ts';
import { scoreRow } from '../model/model.ts';
import { loadFileTable } from '../training/file-source.ts';
import { trainAndEvaluate, type TrainingResult } from '../training/train-and-evaluate.ts';
import { championModel, getModel, listModels, modelEvents } from './read.ts';
import { newModelRecord } from './from-training.ts';
import { registerModel } from './register.ts';
import { promoteModel, retireModel } from './status.ts';
import { GERMAN_CREDIT_CSV } from '../data/german-credit.ts';
import type { LabelledTable } from '../training/labelled-table.ts';

const folder = mkdtempSync(join(tmpdir(), 'capillary-registry-'));
const path = join(folder, 'warehouse.duckdb');
let db: Database;
let table: LabelledTable;
const trained: Record<string, TrainingResult> = {};
const ids: Record<string, string> = {};
const by = { by: 'ana', why: 'test', at: new Date('2025-01-02T03:04:05Z') };

beforeAll(async () => {
  db = await Database.open(path);
  table = await loadFileTable(db, { path: GERMAN_CREDIT_CSV, target: 'creditability' });
  trained.scorecard = trainAndEvaluate(table, { algorithm: 'scorecard' });
  trained.gbdt = trainAndEvaluate(table, { algorithm: 'gbdt', parameters: { maxIterations: 40 } });
  trained.forest = trainAndEvaluate(table, { algorithm: 'forest', parameters: { trees: 15 } });
  for (const [name, result] of Object.entries(trained)) ids[name] = (await registerModel(db, newModelRecord(result), by)).modelId;
});
afterAll(() => {
  db.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the model registry', () => {
  it('stores every field and gives back a model that scores identically, after a reopen', async () => {
    db.close();
    db = await Database.open(path);
    for (const [name, result] of Object.entries(trained)) {
      const stored = await getModel(db, ids[name]);
      // Stored on the warehouse's one clock: China Standard Time wall-clock, UTC+8.
      expect(stored.record).toMatchObject({ algorithm: name, status: 'candidate', target: 'creditability', positive: 'bad', split_kind: 'random', seed: 1, registered_at: '2025-01-02 11:04:05' });
      expect(stored.record.data_fingerprint).toBe(result.fingerprint);
      expect(stored.features).toEqual(result.features);
      expect(stored.metrics.parts.test.auc).toBe(result.metrics.parts.test.auc);
      expect(stored.reference.rows).toBe(result.split.info.train.rows);
      for (let i = 0; i < table.data.nRows; i++) {
        const row = rowAt(table.data, i);
        expect(scoreRow(stored.model, row)).toBe(scoreRow(result.model, row));
      }
    }
    expect((await listModels(db)).map((s) => s.record.model_id)).toEqual(expect.arrayContaining(Object.values(ids)));
  });

  it('finds the first entry when the same training is registered again', async () => {
    const again = trainAndEvaluate(table, { algorithm: 'gbdt', parameters: { maxIterations: 40 } });
    expect(await registerModel(db, newModelRecord(again), by)).toEqual({ modelId: ids.gbdt, existed: true });
    expect(ids.gbdt).toMatch(/^gbdt-[0-9a-f]{12}$/);
  });

  it('refuses to promote a model whose features the warehouse lacks, naming them', async () => {
    await expect(promoteModel(db, ids.gbdt, by)).rejects.toThrow(/cannot promote gbdt-\w+: it reads 20 features and the warehouse has no features table/);
    await db.run(`CREATE TABLE features AS SELECT 'M00000001' AS merchant_id, DATE '2025-01-01' AS as_of_date, * EXCLUDE (creditability, purpose, job) FROM read_csv($path)`, { path: GERMAN_CREDIT_CSV });
    await expect(promoteModel(db, ids.gbdt, by)).rejects.toThrow(/the warehouse's features table lacks purpose, job, so it could not score/);
    await db.run('DROP TABLE features');
    await db.run(`CREATE TABLE features AS SELECT 'M00000001' AS merchant_id, DATE '2025-01-01' AS as_of_date, * EXCLUDE (creditability) FROM read_csv($path)`, { path: GERMAN_CREDIT_CSV });
  });

  it('keeps one champion: promoting retires the previous one, and every change is an event with who and why', async () => {
    expect(await championModel(db)).toBeNull();
    expect(await promoteModel(db, ids.gbdt, { by: 'ana', why: 'first champion' })).toEqual({ replaced: null });
    expect(await promoteModel(db, ids.scorecard, { by: 'bo', why: 'explainable' })).toEqual({ replaced: ids.gbdt });
    const statuses = Object.fromEntries((await listModels(db)).map((s) => [s.record.model_id, s.record.status]));
    expect(statuses).toEqual({ [ids.scorecard]: 'champion', [ids.gbdt]: 'retired', [ids.forest]: 'candidate' });
    expect((await championModel(db))?.record.model_id).toBe(ids.scorecard);
    const events = (await modelEvents(db, ids.gbdt)).map(({ event, who, why }) => ({ event, who, why }));
    expect(events).toEqual([
      { event: 'registered', who: 'ana', why: 'test' },
      { event: 'promoted', who: 'ana', why: 'first champion' },
      { event: 'retired', who: 'bo', why: `replaced by ${ids.scorecard}: explainable` },
    ]);
    await expect(promoteModel(db, ids.scorecard, by)).rejects.toThrow(/already the champion/);
    await expect(promoteModel(db, ids.gbdt, by)).rejects.toThrow(/is retired; train and register it again/);
    await retireModel(db, ids.scorecard, { by: 'bo', why: 'drift' });
    expect(await championModel(db)).toBeNull();
    await expect(retireModel(db, ids.scorecard, by)).rejects.toThrow(/already retired/);
  });

  it('requires who and why, and names an unknown model', async () => {
    await expect(promoteModel(db, ids.forest, { by: ' ', why: 'x' })).rejects.toThrow(/who does this is required/);
    await expect(retireModel(db, ids.forest, { by: 'x', why: '' })).rejects.toThrow(/why is required/);
    await expect(getModel(db, 'gbdt-000000000000')).rejects.toThrow(/no model gbdt-000000000000 in the registry \(latest: /);
  });

  it('reads nothing but fails clearly on a warehouse without a registry', async () => {
    const empty = await Database.open(':memory:');
    expect(await listModels(empty)).toEqual([]);
    expect(await championModel(empty)).toBeNull();
    await expect(getModel(empty, 'x')).rejects.toThrow(/registry of :memory: is empty/);
    empty.close();
  });
});
