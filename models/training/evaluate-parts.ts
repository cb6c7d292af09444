/**
 * Every metric of a fitted model on its train, validation and out-of-time test parts; the score's
 * PSI and each feature's CSI between training and test; and, when the truth is known, the
 * oracle: the same metrics for the true PD on the same rows, and the model's AUC over the
 * oracle's — how much of the knowable signal the model found — both against the observed label
 * and against the truth's own event.
 *
 * @example
 *   const metrics = evaluateParts(model, table, parts);
 *   metrics.oracle?.test.aucRatio; // 0.97
 */
import { selectRows, type Dataset } from '../data/frame.ts';
import { auc } from '../metrics/auc.ts';
import { featureStability, type FeatureStability } from '../metrics/feature-stability.ts';
import { psi, type StabilityResult } from '../metrics/stability.ts';
import { evaluate, type MetricSummary } from '../metrics/summary.ts';
import { scoreDataset, usedFeatures, type Model } from '../model/model.ts';
import { csiByCharacteristic } from '../scorecard/stability.ts';
import type { LabelledTable, Truth } from './labelled-table.ts';
import type { Parts } from './split-parts.ts';
import { keepColumns } from './usable-features.ts';

export type PartName = 'train' | 'validation' | 'test';
export const PART_NAMES: readonly PartName[] = ['train', 'validation', 'test'];

export interface OracleComparison {
  /** Rows of the part with a known true PD, and their share. */
  rows: number;
  coverage: number;
  /** The true PD's metrics against the observed labels. */
  oracle: MetricSummary;
  /** The model's AUC on the same rows, and its ratio to the oracle's. */
  modelAuc: number;
  aucRatio: number;
  /**
   * The same two AUCs against the event the true PD is the probability of (the truth's own
   * failures). When the observed label holds more than that event (exits include voluntary
   * closures), a model can beat the oracle on the label; here it cannot.
   */
  trueEvent: { events: number; modelAuc: number; oracleAuc: number; aucRatio: number } | null;
}

export interface TrainingMetrics {
  parts: Record<PartName, MetricSummary>;
  oracle: Record<PartName, OracleComparison> | null;
  /** PSI of the predicted PD, training population vs out-of-time test. */
  psi: StabilityResult;
  /** CSI of each feature the model uses, training vs test (a scorecard: on its own bins). */
  csi: (StabilityResult & { feature: string })[];
}

export function evaluateParts(model: Model, table: LabelledTable, parts: Parts): { metrics: TrainingMetrics; pd: Record<PartName, Float64Array> } {
  const data: Record<PartName, Dataset> = { train: selectRows(table.data, parts.train), validation: selectRows(table.data, parts.validation), test: selectRows(table.data, parts.test) };
  const pd = { train: scoreDataset(model, data.train), validation: scoreDataset(model, data.validation), test: scoreDataset(model, data.test) };
  const summaries = Object.fromEntries(PART_NAMES.map((p) => [p, evaluate(data[p].target, pd[p])])) as Record<PartName, MetricSummary>;
  const oracle = table.truth
    ? (Object.fromEntries(PART_NAMES.map((p) => [p, compareToOracle(data[p].target, pd[p], parts[p], table.truth!)])) as Record<PartName, OracleComparison>)
    : null;
  const used = usedFeatures(model);
  const csi: FeatureStability[] = model.kind === 'scorecard'
    ? csiByCharacteristic(model, data.train, data.test)
    : featureStability(keepColumns(data.train, used), keepColumns(data.test, used));
  return { metrics: { parts: summaries, oracle, psi: psi(pd.train, pd.test), csi }, pd };
}

function compareToOracle(labels: Uint8Array, pd: Float64Array, rows: Uint32Array, truth: Truth): OracleComparison {
  const known: number[] = [];
  rows.forEach((row, k) => !Number.isNaN(truth.pd[row]) && known.push(k));
  if (known.length === 0) throw new Error('the truth is loaded but covers none of these rows: check truth.truth_months against the as-of dates');
  const y = Uint8Array.from(known, (k) => labels[k]);
  const oraclePd = Float64Array.from(known, (k) => truth.pd[rows[k]]);
  const modelPd = Float64Array.from(known, (k) => pd[k]);
  const oracle = evaluate(y, oraclePd);
  const modelAuc = auc(y, modelPd);
  const event = Uint8Array.from(known, (k) => truth.event[rows[k]]);
  let events = 0;
  for (const e of event) events += e;
  const trueEvent = events > 0 && events < event.length
    ? { events, modelAuc: auc(event, modelPd), oracleAuc: auc(event, oraclePd), aucRatio: auc(event, modelPd) / auc(event, oraclePd) }
    : null;
  return { rows: known.length, coverage: known.length / rows.length, oracle, modelAuc, aucRatio: modelAuc / oracle.auc, trueEvent };
}
