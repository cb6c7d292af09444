/**
 * The training flow, from a labelled table to a model ready for the registry: split by as-of
 * date (train / validation / out-of-time test), drop what cannot be learnt from, fit, evaluate
 * every part (and the oracle), and profile the training population for later monitoring.
 * Every refusal is an error naming its cause: one class in a part, no usable feature, NaN.
 *
 * @example
 *   const result = trainAndEvaluate(await loadFileTable(db, { path, target }), { algorithm: 'scorecard' });
 *   result.metrics.parts.test.auc;
 */
import { assertTrainable, selectRows } from '../data/frame.ts';
import type { ProgressListener } from '../../engine/progress.ts';
import { ivBand } from '../binning/woe.ts';
import { modelFeatures, type Algorithm, type Model } from '../model/model.ts';
import { profilePopulation, type PopulationProfile } from '../monitoring/profile.ts';
import { evaluateParts, PART_NAMES, type TrainingMetrics } from './evaluate-parts.ts';
import { fitModel, type Parameters } from './fit-model.ts';
import { dataFingerprint } from './fingerprint.ts';
import type { DroppedColumn, LabelledTable } from './labelled-table.ts';
import { splitParts, type Parts, type SplitOptions } from './split-parts.ts';
import { keepColumns, usableFeatures } from './usable-features.ts';

export interface TrainOptions {
  algorithm: Algorithm;
  seed?: number;
  parameters?: Parameters;
  /** Shares of the split; `holdout` defaults to 0.2 when rows name their entities. */
  split?: Omit<SplitOptions, 'seed' | 'entities'>;
  onProgress?: ProgressListener;
}

export interface TrainingResult {
  model: Model;
  algorithm: Algorithm;
  parameters: Parameters;
  seed: number;
  target: string;
  positive: string;
  source: string;
  features: string[];
  split: Pick<Parts, 'kind' | 'holdout' | 'info'>;
  dropped: DroppedColumn[];
  /** What the reader and the fit want the report to say: text columns, rows trained on, trees kept, how validation was used. */
  notes: string[];
  metrics: TrainingMetrics;
  fingerprint: string;
  reference: PopulationProfile;
  trainingSeconds: number;
}

const PART_LABEL = { train: 'training', validation: 'validation', test: 'out-of-time test' } as const;

export function trainAndEvaluate(table: LabelledTable, options: TrainOptions): TrainingResult {
  const seed = options.seed ?? 1;
  assertTrainable(table.data);
  const parts = splitParts(table.data.target, table.dates, { holdout: 0.2, ...options.split, seed, entities: table.entities });
  for (const name of PART_NAMES) {
    const { rows, bads, from, to } = parts.info[name];
    if (bads === 0 || bads === rows) {
      const span = from ? ` (as of ${from} to ${to})` : '';
      throw new Error(`the ${PART_LABEL[name]} part${span} has ${rows} rows and ${bads} bads: it needs both classes; widen the window or add dates`);
    }
  }
  const train = selectRows(table.data, parts.train);
  const { keep, dropped } = usableFeatures(train);
  const started = performance.now();
  const { model, parameters } = fitModel(keepColumns(train, keep), keepColumns(selectRows(table.data, parts.validation), keep), {
    algorithm: options.algorithm,
    seed,
    parameters: options.parameters,
    onProgress: options.onProgress,
  });
  const trainingSeconds = (performance.now() - started) / 1000;
  const { metrics, pd } = evaluateParts(model, table, parts);
  const features = modelFeatures(model);
  return {
    model,
    algorithm: options.algorithm,
    parameters,
    seed,
    target: table.target,
    positive: table.positive,
    source: table.source,
    features,
    split: { kind: parts.kind, holdout: parts.holdout, info: parts.info },
    dropped: [...table.dropped, ...dropped, ...(model.kind === 'scorecard' ? model.dropped : [])],
    notes: [...(table.notes ?? []), ...fitNotes(model, parameters, train.nRows, parts.info.validation.rows)],
    metrics,
    fingerprint: dataFingerprint(table),
    reference: profilePopulation(train, pd.train, features),
    trainingSeconds,
  };
}

/** Rows actually trained on, trees kept, and what the validation part was used for. */
function fitNotes(model: Model, parameters: Parameters, trainRows: number, validationRows: number): string[] {
  const rows = `trained on ${trainRows.toLocaleString('en-US')} rows`;
  if (model.kind === 'scorecard') {
    const kept = model.characteristics.map(({ feature, binning }) =>
      `${feature} ${binning.iv.toFixed(3)} (${ivBand(binning.iv)}${binning.type === 'numeric' ? `, WoE ${binning.monotonicity === 'none' ? 'non-monotonic' : binning.monotonicity === 'increasing' ? 'falling' : 'rising'}` : ''})`);
    const bent = model.characteristics.filter((c) => c.binning.type === 'numeric' && c.binning.monotonicity === 'none').map((c) => c.feature);
    return [
      `${rows}; the validation part (${validationRows.toLocaleString('en-US')} rows) is not used to fit: bins, WoE and weights come from the training rows, validation is only reported`,
      `kept variables and their IV: ${kept.join(', ')}`,
      ...(bent.length > 0 ? [`non-monotonic: ${bent.join(', ')} (merging their bins into one shape would lose over half their IV, so they keep their bins)`] : []),
    ];
  }
  if (model.kind === 'forest') {
    return [`${rows}; ${model.trees.length} trees kept; the validation part (${validationRows.toLocaleString('en-US')} rows) is not used to fit, only reported`];
  }
  const max = Number(parameters.maxIterations);
  const stopping = Number(parameters.earlyStoppingRounds) > 0
    ? `early stopping on the validation part (${validationRows.toLocaleString('en-US')} rows): ${model.trees.length} trees kept of at most ${max} (best validation log loss at tree ${model.training.bestIteration + 1})`
    : `early stopping off: all ${model.trees.length} trees kept (at most ${max}); the validation part is only reported`;
  return [`${rows}; ${stopping}`];
}
