/**
 * A champion for benchmarks whose lake is too short for 12-month labels (a bench lake of 90 or
 * 365 days): a scorecard trained by the plan on a small network of its own (200 merchants over
 * 560 days, a few seconds), registered and promoted in the bench's warehouse. The champion is an
 * input of the plan, as in a bank, where a person promotes it; its features are the catalog's.
 */
import { join } from 'node:path';
import { Database } from '../engine/db/index.ts';
import { simulate } from '../engine/simulator/index.ts';
import { championModel, promoteModel, registerModel } from '../models/index.ts';
import { buildWarehouse, networkAsOfDates } from '../pipelines/build-warehouse.ts';

const CHAMPION_NETWORK = { merchants: 200, days: 560, start: '2023-01-01', seed: 21, grain: 'settlement' as const };
const ACTOR = { by: 'benchmark', why: 'a champion trained on a small network: the bench lake is too short for 12-month labels' };

/** Trains the champion under `dir` and promotes it in `db` (which must hold features, as promotion checks). */
export async function promoteSmallNetworkChampion(dir: string, db: Database): Promise<string> {
  const lake = join(dir, 'champion-lake');
  await simulate({ ...CHAMPION_NETWORK, out: lake, overwrite: true });
  const small = await Database.open(join(dir, 'champion.duckdb'));
  let record;
  try {
    await buildWarehouse(small, { lake, through: 'champion', asOfDates: networkAsOfDates(CHAMPION_NETWORK.start, CHAMPION_NETWORK.days) });
    record = (await championModel(small))!.record;
  } finally {
    small.close();
  }
  const { model_id: modelId, status: _status, registered_at: _at, ...model } = record;
  await registerModel(db, model, ACTOR);
  await promoteModel(db, modelId, ACTOR);
  return modelId;
}
