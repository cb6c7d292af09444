/**
 * The registry's tables in the warehouse, as the contract declares them
 * (engine/warehouse/models.ts), created on first use. Safe to call before every registry operation.
 */
import type { Database } from '../../engine/db/index.ts';
import { ensureTables, MODEL_EVENTS, MODEL_REGISTRY } from '../../engine/warehouse/index.ts';

export const REGISTRY_TABLE = MODEL_REGISTRY.name;
export const EVENTS_TABLE = MODEL_EVENTS.name;

export async function ensureRegistry(db: Database): Promise<void> {
  await ensureTables(db, [MODEL_REGISTRY, MODEL_EVENTS]);
}
