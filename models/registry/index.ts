/** models/registry: models stored in the warehouse with their metrics, status and history. */
export { ModelEventSchema, ModelRecordSchema, ModelStatusSchema, type ModelEvent, type ModelRecord, type ModelStatus } from '../../engine/schema/model-record.ts';
export { EVENTS_TABLE, REGISTRY_TABLE, ensureRegistry } from './tables.ts';
export { modelIdOf, registerModel, type Actor, type NewModelRecord } from './register.ts';
export { championModel, getModel, listModels, modelEvents, type StoredModel } from './read.ts';
export { promoteModel, retireModel } from './status.ts';
export { newModelRecord } from './from-training.ts';
