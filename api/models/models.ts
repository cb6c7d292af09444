/** The registry as the API shows it: summaries with test metrics, comparisons, drift. */
import type { Database } from '../../engine/db/index.ts';
import { latestScoredDate, measureDrift } from '../../models/monitoring/index.ts';
import { championModel, getModel, listModels, type StoredModel } from '../../models/registry/index.ts';
import { ApiProblem } from '../http/problem.ts';
import type { ModelSummary } from './schemas.ts';

export function modelSummary(stored: StoredModel): ModelSummary {
  const { record, metrics } = stored;
  const test = metrics.parts.test;
  return {
    model_id: record.model_id,
    algorithm: record.algorithm,
    status: record.status,
    registered_at: record.registered_at,
    target: record.target,
    train_from: record.train_from,
    train_to: record.train_to,
    test_from: record.test_from,
    test_to: record.test_to,
    n_train: record.n_train,
    n_test: record.n_test,
    features: stored.features,
    test: { n: test.n, bad_rate: test.badRate, auc: test.auc, gini: test.gini, ks: test.ks, brier: test.brier, log_loss: test.logLoss },
    oracle_auc_ratio: metrics.oracle ? metrics.oracle.test.aucRatio : null,
  };
}

export async function allModels(db: Database): Promise<ModelSummary[]> {
  return (await listModels(db)).map(modelSummary);
}

/** A registered model, or a 404 naming the field it came from. */
export async function modelNamed(db: Database, modelId: string, field: string): Promise<StoredModel> {
  try {
    return await getModel(db, modelId);
  } catch (error) {
    throw new ApiProblem(404, (error as Error).message, { field });
  }
}

export async function compareModels(db: Database, a: string, b: string) {
  const [first, second] = [modelSummary(await modelNamed(db, a, 'query.a')), modelSummary(await modelNamed(db, b, 'query.b'))];
  const diff = (name: keyof ModelSummary['test']) => second.test[name] - first.test[name];
  return {
    a: first,
    b: second,
    difference: { bad_rate: diff('bad_rate'), auc: diff('auc'), gini: diff('gini'), ks: diff('ks'), brier: diff('brier'), log_loss: diff('log_loss') },
    same_test_rows: first.target === second.target && first.test_from === second.test_from && first.test_to === second.test_to && first.n_test === second.n_test,
  };
}

export async function driftOf(db: Database, modelId: string | undefined, asOfDate: string | undefined) {
  const stored = modelId ? await modelNamed(db, modelId, 'query.model_id') : await championModel(db);
  if (!stored) throw new ApiProblem(409, 'there is no champion to measure: promote a model or pass model_id', { field: 'query.model_id' });
  const id = stored.record.model_id;
  const date = asOfDate ?? (await latestScoredDate(db, id));
  if (!date) throw new ApiProblem(409, `${id} has not scored any date yet: run a score job first`, { field: 'query.as_of_date' });
  const drift = await measureDrift(db, id, stored.reference, date).catch((error: Error) => {
    throw new ApiProblem(409, error.message, { field: 'query.as_of_date' });
  });
  return {
    model_id: id,
    as_of_date: drift.asOfDate,
    rows: drift.rows,
    psi: { index: drift.psi.index, verdict: drift.psi.verdict },
    csi: drift.csi.map((c) => ({ feature: c.feature, index: c.index, verdict: c.verdict })),
  };
}
