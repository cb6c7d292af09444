/**
 * `capillary train`: trains a scorecard, a gradient-boosted ensemble or a forest on the
 * warehouse (features and labels, split by as-of date) or on any Parquet/CSV table, prints every
 * metric (with the oracle when the truth is loaded) and registers the model as a candidate.
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Database } from '../../engine/db/index.ts';
import { serializeModel, type Algorithm } from '../../models/model/model.ts';
import { formatScorecard } from '../../models/scorecard/table.ts';
import { newModelRecord, registerModel } from '../../models/registry/index.ts';
import {
  ALGORITHMS,
  DEFAULT_PARAMETERS,
  formatReport,
  loadFileTable,
  loadWarehouseTable,
  parameterProblems,
  trainAndEvaluate,
  WAREHOUSE_TARGETS,
  type LabelledTable,
  type WarehouseTarget,
} from '../../models/training/index.ts';
import { DEFAULT_DB, type Command, type OptionValues } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { dateValue, parameterValues, wholeNumber } from './model-options.ts';

export const train: Command = {
  summary: 'train a scorecard, gbdt or forest (out-of-time), report every metric and register it',
  usage: `--algorithm scorecard|gbdt|forest [--db FILE] [--from DATE --to DATE] [--target LABEL] [--seed S]
       [--param NAME=VALUE ...] [--holdout SHARE] [--data FILE --target COLUMN [--positive VALUE] [--date-column NAME]
       [--id-column NAME] [--exclude A,B]]
       [--out MODEL.json] [--by NAME]

  --algorithm A     scorecard (binned WoE logistic, points and reason codes), gbdt (histogram
                    gradient boosting) or forest (random forest on the same trees)
  --db FILE         warehouse to train on and register in (default ${DEFAULT_DB}); with --data,
                    the model is registered only when --db is given
  --from, --to      as-of dates to train on (default: every date with known outcomes); the
                    latest dates become the out-of-time test, the ones before them validation
  --target LABEL    warehouse label: ${WAREHOUSE_TARGETS.join(', ')} (default: default_12m when the
                    bank's outcomes list names defaults, else is_exit_12m); with --data, the
                    binary target column
  --seed S          random seed (default 1): the same data and seed give the same model
  --holdout SHARE   share of merchants (entities) kept out of training to supply the validation
                    and test rows (default 0.2; 0 = split by date only, which lets a model that
                    memorised merchants look better than it is)
  --param N=V       override a parameter, repeatable (${Object.entries(DEFAULT_PARAMETERS).map(([a, p]) => `${a}: ${Object.keys(p).join(', ')}`).join('; ')});
                    gbdt earlyStoppingRounds=0 switches early stopping off
  --data FILE       train on a Parquet or CSV table instead of the warehouse
  --positive VALUE  the target value meaning the event (default: 1, true, bad, default, yes)
  --date-column C   column of as-of dates to split by (default: as_of_date when present)
  --id-column C     column naming the entity of each row, for --holdout
  --exclude A,B     columns that are not features (ids, leaky columns)
  --out FILE        also write the model file (JSON)
  --by NAME         who registers it (default: the login name)`,
  options: {
    algorithm: { type: 'string' },
    db: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    target: { type: 'string' },
    seed: { type: 'string' },
    param: { type: 'string', multiple: true },
    data: { type: 'string' },
    positive: { type: 'string' },
    'date-column': { type: 'string' },
    'id-column': { type: 'string' },
    holdout: { type: 'string' },
    exclude: { type: 'string' },
    out: { type: 'string' },
    by: { type: 'string' },
  },
  async run(values: OptionValues): Promise<number> {
    const algorithm = algorithmOf(values);
    const seed = wholeNumber(values, 'seed', 1);
    const parameters = parameterValues(values);
    for (const name of Object.keys(parameters)) {
      if (!(name in DEFAULT_PARAMETERS[algorithm])) throw new UsageError(`--param: ${algorithm} has no parameter '${name}' (parameters: ${Object.keys(DEFAULT_PARAMETERS[algorithm]).join(', ')})`);
    }
    const outOfRange = parameterProblems(algorithm, parameters);
    if (outOfRange.length > 0) throw new UsageError(outOfRange.map((problem) => `--param ${problem}`).join('\n'));
    const holdout = shareValue(values, 'holdout', 0.2);
    const from = dateValue(values, 'from');
    const to = dateValue(values, 'to');
    if (from && to && to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
    const data = typeof values.data === 'string' ? values.data : undefined;
    if (!data) {
      for (const name of ['positive', 'date-column', 'id-column', 'exclude']) if (values[name] !== undefined) throw new UsageError(`--${name} goes with --data FILE`);
      if (values.target !== undefined && !WAREHOUSE_TARGETS.includes(values.target as WarehouseTarget)) {
        throw new UsageError(`--target: the warehouse labels are ${WAREHOUSE_TARGETS.join(', ')} (got '${String(values.target)}'); use --data FILE for other tables`);
      }
    } else if (typeof values.target !== 'string') {
      throw new UsageError('--target COLUMN is required with --data: name the binary outcome column');
    }
    const registryPath = typeof values.db === 'string' ? values.db : data ? null : DEFAULT_DB;
    const registry = registryPath ? await Database.open(registryPath) : null;
    const reader = data ? await Database.open(':memory:') : registry!;
    try {
      const table: LabelledTable = data
        ? await loadFileTable(reader, {
            path: data,
            target: String(values.target),
            positive: values.positive as string | undefined,
            dateColumn: values['date-column'] as string | undefined,
            idColumn: values['id-column'] as string | undefined,
            exclude: typeof values.exclude === 'string' ? values.exclude.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
            from,
            to,
          })
        : await loadWarehouseTable(reader, { from, to, target: values.target as WarehouseTarget | undefined });
      const result = trainAndEvaluate(table, { algorithm, seed, parameters, split: { holdout }, onProgress: progressBar() });
      const title = `${algorithm} trained on ${table.data.nRows.toLocaleString('en-US')} rows in ${result.trainingSeconds.toFixed(2)} s (seed ${seed})`;
      process.stdout.write(formatReport({ ...result, title }));
      if (result.model.kind === 'scorecard') process.stdout.write(`\n${formatScorecard(result.model)}\n`);
      if (typeof values.out === 'string') {
        writeFileSync(resolve(values.out), serializeModel(result.model, 2));
        process.stdout.write(`model file written to ${resolve(values.out)}\n`);
      }
      if (registry) {
        const by = typeof values.by === 'string' && values.by.trim() ? values.by.trim() : userInfo().username;
        const { modelId, existed } = await registerModel(registry, newModelRecord(result), { by, why: `capillary train --algorithm ${algorithm}` });
        process.stdout.write(existed ? `already registered as ${modelId} (same model, same data)\n` : `registered as ${modelId} (candidate) in ${registry.path}\n`);
      }
      return 0;
    } finally {
      if (reader !== registry) reader.close();
      registry?.close();
    }
  },
};

function shareValue(values: OptionValues, name: string, fallback: number): number {
  if (values[name] === undefined) return fallback;
  const share = Number(values[name]);
  if (!(share >= 0 && share < 1)) throw new UsageError(`--${name}: a share from 0 to below 1 (got '${String(values[name])}')`);
  return share;
}

function algorithmOf(values: OptionValues): Algorithm {
  const algorithm = values.algorithm;
  if (algorithm === undefined) throw new UsageError(`--algorithm is required: ${ALGORITHMS.join(', ')}`);
  if (!ALGORITHMS.includes(algorithm as Algorithm)) throw new UsageError(`--algorithm: must be one of ${ALGORITHMS.join(', ')} (got '${String(algorithm)}')`);
  return algorithm as Algorithm;
}
