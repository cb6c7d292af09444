/** The model registry (versions, their metrics and status changes) and the scores models write. */
import { ModelEventSchema, ModelRecordSchema, ScoreRunSchema, ScoreSchema } from '../schema/index.ts';
import { defineTable } from './table.ts';

const JSON_TEXT = { meaning: '', unit: 'JSON' };
const json = (meaning: string) => ({ ...JSON_TEXT, meaning });

export const MODEL_REGISTRY = defineTable({
  name: 'model_registry',
  grain: 'one row per trained model version',
  key: ['model_id'],
  schema: ModelRecordSchema,
  writtenBy: '`capillary train`, `capillary models promote|retire`',
  createdBy: 'ddl',
  primaryKey: true,
  columns: {
    model_id: 'the model version',
    algorithm: 'scorecard, gbdt or forest',
    status: 'candidate, champion (at most one) or retired',
    registered_at: 'when the model was registered',
    target: 'the label column trained on',
    positive: 'the target value that counted as the event',
    source: '‘warehouse’ or the path of the file trained on',
    split_kind: 'time (split by as-of date) or random',
    train_from: 'first as-of date trained on',
    train_to: 'last as-of date trained on',
    test_from: 'first as-of date of the out-of-time test',
    test_to: 'last as-of date of the out-of-time test',
    n_train: 'training rows',
    n_validation: 'validation rows',
    n_test: 'test rows',
    split: json('rows, bads and dates of each part'),
    data_fingerprint: 'hash of the training data',
    seed: { meaning: 'random seed of the fit', unit: 'seed' },
    parameters: json('parameters as fitted'),
    features: json('the features the model reads'),
    dropped: json('columns dropped before or during fitting, with reasons'),
    metrics: json('training, validation and test metrics'),
    reference: json('the training population’s profile, for drift monitoring'),
    model_json: json('the model file'),
  },
});

export const MODEL_EVENTS = defineTable({
  name: 'model_events',
  grain: 'one row per registration, promotion or retirement of a model',
  key: ['model_id', 'event', 'event_at'],
  schema: ModelEventSchema,
  writtenBy: '`capillary train`, `capillary models promote|retire`',
  createdBy: 'ddl',
  references: { model_id: 'model_registry.model_id' },
  columns: {
    model_id: 'the model (model_registry.model_id)',
    event: 'registered, promoted or retired',
    event_at: 'when it happened',
    who: 'who did it',
    why: 'the reason given',
  },
});

export const SCORES = defineTable({
  name: 'scores',
  grain: 'one row per merchant per as-of date per model',
  key: ['merchant_id', 'as_of_date', 'model_id'],
  schema: ScoreSchema,
  writtenBy: '`capillary score`',
  createdBy: 'ddl',
  references: { merchant_id: 'merchants.merchant_id', model_id: 'model_registry.model_id', run_id: 'score_runs.run_id' },
  columns: {
    merchant_id: 'the merchant (merchants.merchant_id)',
    as_of_date: 'the as-of date of the features scored',
    model_id: 'the model that scored (model_registry.model_id)',
    pd: { meaning: 'probability of default within 12 months', unit: 'probability' },
    score: { meaning: 'scorecard points; null for tree ensembles', unit: 'points' },
    run_id: 'the scoring run that wrote the row (score_runs.run_id)',
  },
});

export const SCORE_RUNS = defineTable({
  name: 'score_runs',
  grain: 'one row per scoring run of a model at an as-of date',
  key: ['run_id'],
  schema: ScoreRunSchema,
  writtenBy: '`capillary score`',
  createdBy: 'ddl',
  references: { model_id: 'model_registry.model_id' },
  columns: {
    run_id: 'the run',
    model_id: 'the model (model_registry.model_id)',
    as_of_date: 'the as-of date scored',
    method: 'sql (compiled expression in DuckDB) or typescript (compiled tree program)',
    rows: { meaning: 'merchants scored', unit: 'count' },
    seconds: { meaning: 'time the run took', unit: 'seconds' },
    scored_at: 'when the run finished',
  },
});
