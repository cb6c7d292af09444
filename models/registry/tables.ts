/**
 * The registry's tables in the warehouse, created from their schemas on first use. Safe to
 * call before every registry operation.
 */
import { createTableSql, type Database } from '../../engine/db/index.ts';
import { ModelEventSchema, ModelRecordSchema } from './schema.ts';

export const REGISTRY_TABLE = 'model_registry';
export const EVENTS_TABLE = 'model_events';

export async function ensureRegistry(db: Database): Promise<void> {
  await db.run(createTableSql(REGISTRY_TABLE, ModelRecordSchema, { primaryKey: ['model_id'] }));
  await db.run(createTableSql(EVENTS_TABLE, ModelEventSchema));
}
