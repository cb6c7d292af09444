/**
 * The registry row of a training result: every field the registry keeps, the model file and
 * the JSON documents (parameters, features, dropped columns, metrics, reference profile).
 */
import { serializeModel } from '../model/model.ts';
import type { TrainingResult } from '../training/train-and-evaluate.ts';
import type { NewModelRecord } from './register.ts';

export function newModelRecord(result: TrainingResult): NewModelRecord {
  const { info, kind } = result.split;
  return {
    algorithm: result.algorithm,
    target: result.target,
    positive: result.positive,
    source: result.source,
    split_kind: kind,
    train_from: info.train.from,
    train_to: info.train.to,
    test_from: info.test.from,
    test_to: info.test.to,
    n_train: info.train.rows,
    n_validation: info.validation.rows,
    n_test: info.test.rows,
    split: JSON.stringify(result.split),
    data_fingerprint: result.fingerprint,
    seed: result.seed,
    parameters: JSON.stringify(result.parameters),
    features: JSON.stringify(result.features),
    dropped: JSON.stringify(result.dropped),
    metrics: JSON.stringify(result.metrics),
    reference: JSON.stringify(result.reference),
    model_json: serializeModel(result.model),
  };
}
