/**
 * `capillary models`: the registry from the command line — list the models, show one (its
 * training report, scorecard table, history), compare two on their test metrics, and promote or
 * retire a model with who and why.
 */
import { Database } from '../../engine/db/index.ts';
import type { MetricSummary } from '../../models/metrics/summary.ts';
import { getModel, listModels, modelEvents, promoteModel, retireModel, type StoredModel } from '../../models/registry/index.ts';
import { formatScorecard } from '../../models/scorecard/table.ts';
import { align, formatReport } from '../../models/training/format-report.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { UsageError } from '../usage-error.ts';
import { actorOf } from './model-options.ts';

const ACTIONS = ['list', 'show', 'compare', 'promote', 'retire'];

export const models: Command = {
  summary: 'the model registry: list, show ID, compare ID ID, promote ID, retire ID',
  usage: `list | show ID | compare ID ID | promote ID --by NAME --why TEXT | retire ID --by NAME --why TEXT [--db FILE]

  list            every registered model: status, window, test AUC, model/oracle ratio
  show ID         a model's training report, its scorecard table or trees, and its history
  compare A B     two models side by side on their test metrics
  promote ID      make ID the champion (the current one is retired); the warehouse must have
                  every feature it reads
  retire ID       take ID out of service
  --by, --why     who makes the change and why (both required for promote and retire)
  --db FILE       warehouse (default ${dbOption.db.default})`,
  options: { by: { type: 'string' }, why: { type: 'string' }, ...dbOption },
  async run(values: OptionValues, positionals: string[]): Promise<number> {
    const [action, ...ids] = positionals;
    if (!action || !ACTIONS.includes(action)) throw new UsageError(`what to do: ${ACTIONS.join(', ')} (got '${action ?? ''}')`);
    const wanted = { list: 0, show: 1, compare: 2, promote: 1, retire: 1 }[action as 'list'];
    if (ids.length !== wanted) throw new UsageError(`models ${action} takes ${wanted === 0 ? 'no model id' : wanted === 1 ? 'one model id' : 'two model ids'}`);
    const actor = action === 'promote' || action === 'retire' ? actorOf(values) : null;
    const db = await Database.open(warehousePath(values, { create: false }), { readOnly: !actor });
    try {
      if (action === 'list') process.stdout.write(listText(await listModels(db)));
      if (action === 'show') process.stdout.write(showText(await getModel(db, ids[0]), await modelEvents(db, ids[0])));
      if (action === 'compare') process.stdout.write(compareText(await getModel(db, ids[0]), await getModel(db, ids[1])));
      if (action === 'promote') {
        const { replaced } = await promoteModel(db, ids[0], actor!);
        process.stdout.write(`${ids[0]} is the champion${replaced ? `; ${replaced} is retired` : ''}\n`);
      }
      if (action === 'retire') {
        await retireModel(db, ids[0], actor!);
        process.stdout.write(`${ids[0]} is retired\n`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};

function listText(stored: StoredModel[]): string {
  if (stored.length === 0) return 'the registry is empty: train a model with `capillary train --algorithm scorecard`\n';
  const rows = stored.map(({ record, metrics }) => [
    record.model_id,
    record.status,
    record.target,
    record.source === 'warehouse' ? 'warehouse' : 'file',
    record.train_from ? `${record.train_from}..${record.test_to}` : `${record.split_kind} split`,
    record.n_train.toLocaleString('en-US'),
    metrics.parts.test.auc.toFixed(4),
    metrics.oracle ? metrics.oracle.test.aucRatio.toFixed(3) : '-',
    metrics.oracle?.test.trueEvent ? metrics.oracle.test.trueEvent.aucRatio.toFixed(3) : '-',
    record.registered_at,
  ]);
  return `${align([['model', 'status', 'target', 'source', 'window', 'train rows', 'test AUC', '/oracle', '/oracle (failures)', 'registered'], ...rows]).join('\n')}\n`;
}

function showText(stored: StoredModel, events: { event: string; event_at: string; who: string; why: string }[]): string {
  const { record, model } = stored;
  const title = `${record.model_id} — ${record.algorithm}, ${record.status}; seed ${record.seed}; data ${record.data_fingerprint.slice(0, 19)}…; parameters ${JSON.stringify(stored.parameters)}`;
  const { target, positive, source, algorithm } = record;
  const report = formatReport({ title, algorithm, target, positive, source, split: stored.split, features: stored.features, dropped: stored.dropped, metrics: stored.metrics });
  const body = model.kind === 'scorecard'
    ? formatScorecard(model)
    : `${model.trees.length} trees (${model.kind}), ${model.trees.reduce((n, t) => n + t.feature.length, 0).toLocaleString('en-US')} nodes, reading ${stored.features.length} features: ${stored.features.join(', ')}`;
  const history = events.map((e) => `  ${e.event_at}  ${e.event.padEnd(10)} by ${e.who}: ${e.why}`);
  return `${report}\n${body}\n\nhistory:\n${history.join('\n')}\n`;
}

const COMPARED: [string, (m: MetricSummary) => number, number][] = [
  ['AUC', (m) => m.auc, 4], ['Gini', (m) => m.gini, 4], ['KS', (m) => m.ks, 4], ['Brier', (m) => m.brier, 5],
  ['log loss', (m) => m.logLoss, 5], ['HL p-value', (m) => m.calibration.pValue, 4], ['deciles calibrated', (m) => m.calibration.groupsInside, 0],
];

function compareText(a: StoredModel, b: StoredModel): string {
  const rows = COMPARED.map(([name, f, digits]) => [name, f(a.metrics.parts.test).toFixed(digits), f(b.metrics.parts.test).toFixed(digits)]);
  rows.push(['PSI train → test', a.metrics.psi.index.toFixed(4), b.metrics.psi.index.toFixed(4)]);
  const ratio = (s: StoredModel) => (s.metrics.oracle ? s.metrics.oracle.test.aucRatio.toFixed(4) : '-');
  const failures = (s: StoredModel) => (s.metrics.oracle?.test.trueEvent ? s.metrics.oracle.test.trueEvent.aucRatio.toFixed(4) : '-');
  rows.push(['model/oracle AUC', ratio(a), ratio(b)], ['  on true failures', failures(a), failures(b)]);
  rows.push(['features', String(a.features.length), String(b.features.length)], ['test rows', String(a.record.n_test), String(b.record.n_test)]);
  const notes: string[] = [];
  const window = (s: StoredModel) => `${s.record.target} ${s.record.test_from ?? ''}..${s.record.test_to ?? ''} ${s.record.n_test}`;
  if (window(a) !== window(b)) notes.push('note: the two were tested on different rows (target, window or size differ); the comparison is indicative');
  else if (a.record.data_fingerprint !== b.record.data_fingerprint) notes.push('note: the two were trained on different data (fingerprints differ)');
  return `${align([['test metrics', a.record.model_id, b.record.model_id], ...rows]).join('\n')}\n${notes.map((n) => `${n}\n`).join('')}`;
}
