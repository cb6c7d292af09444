/**
 * Promoting and retiring models. There is one champion at most: promoting a model retires the
 * one it replaces, in the same transaction, and both changes are events with who and why. A
 * model cannot be promoted when the warehouse lacks a feature it reads — it could not score —
 * and a retired model stays retired (train and register it again to bring it back).
 *
 * @example
 *   await promoteModel(db, 'gbdt-3f9a0c1d2e4b', { by: 'ana', why: 'beats the scorecard out of time' });
 */
import { cstTimestamp, type Database } from '../../engine/db/index.ts';
import { warehouseFeatures } from '../warehouse/tables.ts';
import { getModel } from './read.ts';
import { assertActor, type Actor } from './register.ts';
import { EVENTS_TABLE, REGISTRY_TABLE, ensureRegistry } from './tables.ts';

export async function promoteModel(db: Database, modelId: string, actor: Actor): Promise<{ replaced: string | null }> {
  assertActor(actor);
  const { record, features } = await getModel(db, modelId);
  if (record.status === 'champion') throw new Error(`${modelId} is already the champion`);
  if (record.status === 'retired') throw new Error(`${modelId} is retired; train and register it again to bring it back`);
  const available = new Set(await warehouseFeatures(db));
  const missing = features.filter((f) => !available.has(f));
  if (missing.length > 0) {
    const where = available.size === 0 ? 'the warehouse has no features table' : `the warehouse's features table lacks ${missing.join(', ')}`;
    throw new Error(`cannot promote ${modelId}: it reads ${features.length} features and ${where}, so it could not score merchants`);
  }
  const at = cstTimestamp(actor.at ?? new Date());
  return db.transaction(async (tx) => {
    const previous = await tx.all<{ model_id: string }>(`SELECT model_id FROM ${REGISTRY_TABLE} WHERE status = 'champion'`);
    for (const { model_id } of previous) {
      await tx.run(`UPDATE ${REGISTRY_TABLE} SET status = 'retired' WHERE model_id = $id`, { id: model_id });
      await tx.run(`INSERT INTO ${EVENTS_TABLE} VALUES ($id, 'retired', $at, $by, $why)`, { id: model_id, at, by: actor.by, why: `replaced by ${modelId}: ${actor.why}` });
    }
    await tx.run(`UPDATE ${REGISTRY_TABLE} SET status = 'champion' WHERE model_id = $id`, { id: modelId });
    await tx.run(`INSERT INTO ${EVENTS_TABLE} VALUES ($id, 'promoted', $at, $by, $why)`, { id: modelId, at, by: actor.by, why: actor.why });
    return { replaced: previous[0]?.model_id ?? null };
  });
}

export async function retireModel(db: Database, modelId: string, actor: Actor): Promise<void> {
  assertActor(actor);
  await ensureRegistry(db);
  const { record } = await getModel(db, modelId);
  if (record.status === 'retired') throw new Error(`${modelId} is already retired`);
  const at = cstTimestamp(actor.at ?? new Date());
  await db.transaction(async (tx) => {
    await tx.run(`UPDATE ${REGISTRY_TABLE} SET status = 'retired' WHERE model_id = $id`, { id: modelId });
    await tx.run(`INSERT INTO ${EVENTS_TABLE} VALUES ($id, 'retired', $at, $by, $why)`, { id: modelId, at, by: actor.by, why: actor.why });
  });
}
