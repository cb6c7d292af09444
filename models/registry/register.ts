/**
 * Registering a trained model: one row in `model_registry` (status candidate) and a
 * `registered` event, in one transaction. The id is derived from the model and its data
 * (algorithm plus a hash of the model file, target and data fingerprint), so registering the
 * same training twice finds the first entry instead of making a twin.
 *
 * @example
 *   const { modelId, existed } = await registerModel(db, newModelRecord(result), { by: 'ana', why: 'monthly retrain' });
 */
import { createHash } from 'node:crypto';
import { cstTimestamp, type Database } from '../../engine/db/index.ts';
import { ModelRecordSchema, type ModelRecord } from '../../engine/schema/model-record.ts';
import { EVENTS_TABLE, REGISTRY_TABLE, ensureRegistry } from './tables.ts';

export type NewModelRecord = Omit<ModelRecord, 'model_id' | 'status' | 'registered_at'>;

export interface Actor {
  by: string;
  why: string;
  /** When it happened; defaults to now. */
  at?: Date;
}

export function modelIdOf(record: NewModelRecord): string {
  // The wall-clock training time is in the file but says nothing about the model: leave it out.
  const model = JSON.parse(record.model_json, (key, value) => (key === 'seconds' ? 0 : value));
  const hash = createHash('sha256').update(JSON.stringify(model)).update(record.target).update(record.positive).update(record.data_fingerprint).digest('hex');
  return `${record.algorithm}-${hash.slice(0, 12)}`;
}

export async function registerModel(db: Database, record: NewModelRecord, actor: Actor): Promise<{ modelId: string; existed: boolean }> {
  assertActor(actor);
  await ensureRegistry(db);
  const modelId = modelIdOf(record);
  const found = await db.one('SELECT model_id FROM model_registry WHERE model_id = $id', { id: modelId });
  if (found) return { modelId, existed: true };
  const at = cstTimestamp(actor.at ?? new Date());
  const row = ModelRecordSchema.parse({ ...record, model_id: modelId, status: 'candidate', registered_at: at });
  const columns = Object.keys(row);
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO ${REGISTRY_TABLE} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `$${c}`).join(', ')})`,
      row as Record<string, string | number | null>,
    );
    await tx.run(`INSERT INTO ${EVENTS_TABLE} VALUES ($id, 'registered', $at, $by, $why)`, { id: modelId, at, by: actor.by, why: actor.why });
  });
  return { modelId, existed: false };
}

export function assertActor(actor: Actor): void {
  if (!actor.by?.trim()) throw new Error('who does this is required (--by NAME)');
  if (!actor.why?.trim()) throw new Error('why is required (--why TEXT)');
}
