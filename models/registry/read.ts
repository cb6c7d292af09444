/**
 * Reading the registry: one model with its parsed file, metrics and reference profile (checked
 * on the way in, so a damaged entry fails with the model id), the list of all models, the
 * champion, and a model's event history. Reads never create the tables, so they work on a
 * warehouse opened read-only.
 *
 * @example
 *   const champion = await championModel(db);
 *   if (champion) scoreRow(champion.model, row);
 */
import type { Database } from '../../engine/db/index.ts';
import { parseModel, type Model } from '../model/model.ts';
import type { PopulationProfile } from '../monitoring/profile.ts';
import type { TrainingMetrics } from '../training/evaluate-parts.ts';
import type { DroppedColumn } from '../training/labelled-table.ts';
import type { Parts } from '../training/split-parts.ts';
import type { ModelEvent, ModelRecord } from '../../engine/schema/model-record.ts';
import { EVENTS_TABLE, REGISTRY_TABLE } from './tables.ts';

export interface StoredModel {
  record: ModelRecord;
  model: Model;
  parameters: Record<string, number | string | boolean>;
  features: string[];
  split: Pick<Parts, 'kind' | 'info'>;
  dropped: DroppedColumn[];
  metrics: TrainingMetrics;
  reference: PopulationProfile;
}

const SELECT = `SELECT * REPLACE (CAST(registered_at AS VARCHAR) AS registered_at, CAST(train_from AS VARCHAR) AS train_from,
  CAST(train_to AS VARCHAR) AS train_to, CAST(test_from AS VARCHAR) AS test_from, CAST(test_to AS VARCHAR) AS test_to) FROM ${REGISTRY_TABLE}`;

export async function getModel(db: Database, modelId: string): Promise<StoredModel> {
  if (!(await db.exists(REGISTRY_TABLE))) throw new Error(`no model ${modelId}: the registry of ${db.path} is empty`);
  const record = await db.one<ModelRecord>(`${SELECT} WHERE model_id = $id`, { id: modelId });
  if (!record) {
    const known = await db.all<{ model_id: string }>(`SELECT model_id FROM ${REGISTRY_TABLE} ORDER BY registered_at DESC LIMIT 5`);
    const hint = known.length > 0 ? ` (latest: ${known.map((k) => k.model_id).join(', ')})` : ' (the registry is empty)';
    throw new Error(`no model ${modelId} in the registry${hint}`);
  }
  return stored(record);
}

export async function listModels(db: Database): Promise<StoredModel[]> {
  if (!(await db.exists(REGISTRY_TABLE))) return [];
  const records = await db.all<ModelRecord>(`${SELECT} ORDER BY registered_at, model_id`);
  return records.map(stored);
}

export async function championModel(db: Database): Promise<StoredModel | null> {
  if (!(await db.exists(REGISTRY_TABLE))) return null;
  const records = await db.all<ModelRecord>(`${SELECT} WHERE status = 'champion'`);
  if (records.length > 1) throw new Error(`the registry has ${records.length} champions (${records.map((r) => r.model_id).join(', ')}); retire all but one`);
  return records.length === 1 ? stored(records[0]) : null;
}

export async function modelEvents(db: Database, modelId?: string): Promise<ModelEvent[]> {
  if (!(await db.exists(EVENTS_TABLE))) return [];
  const where = modelId ? 'WHERE model_id = $id' : '';
  return db.all<ModelEvent>(
    `SELECT model_id, event, CAST(event_at AS VARCHAR) AS event_at, who, why FROM ${EVENTS_TABLE} ${where} ORDER BY event_at, rowid`,
    modelId ? { id: modelId } : undefined,
  );
}

function stored(record: ModelRecord): StoredModel {
  try {
    return {
      record,
      model: parseModel(record.model_json),
      parameters: JSON.parse(record.parameters),
      features: JSON.parse(record.features),
      split: JSON.parse(record.split),
      dropped: JSON.parse(record.dropped),
      metrics: JSON.parse(record.metrics),
      reference: JSON.parse(record.reference),
    };
  } catch (cause) {
    throw new Error(`registry entry ${record.model_id} is damaged: ${(cause as Error).message}`, { cause });
  }
}
