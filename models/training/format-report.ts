/**
 * The training report as text, for the CLI and model cards: the split, what was dropped, every
 * metric by part next to the oracle's, calibration and lift on the out-of-time test, PSI and
 * the least stable features. Works from what the registry stores, so `models show` prints the
 * same report as `train` did.
 *
 * @example
 *   process.stdout.write(formatReport(reportOf(result)));
 */
import type { MetricSummary } from '../metrics/summary.ts';
import type { Algorithm } from '../model/model.ts';
import type { TrainingMetrics } from './evaluate-parts.ts';
import type { DroppedColumn } from './labelled-table.ts';
import type { PartInfo } from './split-parts.ts';

export interface ReportInput {
  title: string;
  algorithm: Algorithm;
  target: string;
  positive: string;
  source: string;
  split: { kind: 'time' | 'random'; holdout?: number; info: Record<'train' | 'validation' | 'test', PartInfo> };
  features: string[];
  dropped: DroppedColumn[];
  /** Lines about how the data was read and the model fitted (absent in older registry records). */
  notes?: string[];
  metrics: TrainingMetrics;
}

const fixed = (digits: number) => (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const ROWS: [string, (m: MetricSummary) => string][] = [
  ['AUC', (m) => fixed(4)(m.auc)],
  ['Gini', (m) => fixed(4)(m.gini)],
  ['KS', (m) => fixed(4)(m.ks)],
  ['Brier', (m) => fixed(5)(m.brier)],
  ['log loss', (m) => fixed(5)(m.logLoss)],
  ['bad rate', (m) => `${(100 * m.badRate).toFixed(2)}%`],
  ['HL p-value', (m) => fixed(4)(m.calibration.pValue)],
  ['deciles calibrated', (m) => `${m.calibration.groupsInside}/${m.calibration.deciles.length}`],
];

export function formatReport(r: ReportInput): string {
  const lines = [r.title, `target ${r.target} = ${r.positive} (the event), from ${r.source}`, splitLine(r.split)];
  lines.push(`features: ${r.features.length} in the model${r.dropped.length > 0 ? `; dropped ${r.dropped.length}:` : ''}`);
  for (const d of r.dropped) lines.push(`  ${d.feature}: ${d.reason}`);
  for (const note of r.notes ?? []) lines.push(note);
  const { parts, oracle } = r.metrics;
  const header = ['', 'train', 'validation', 'test', ...(oracle ? ['oracle test'] : [])];
  const table = ROWS.map(([name, f]) => [name, f(parts.train), f(parts.validation), f(parts.test), ...(oracle ? [f(oracle.test.oracle)] : [])]);
  lines.push('', ...align([header, ...table]));
  if (oracle) {
    const o = oracle.test;
    lines.push('', `model/oracle AUC on ${r.split.kind === 'time' ? 'the out-of-time test' : 'the test part'}: ${o.aucRatio.toFixed(4)} (model ${o.modelAuc.toFixed(4)}, oracle ${o.oracle.auc.toFixed(4)}, ${o.rows} rows with a known true PD)`);
    if (o.trueEvent) {
      const t = o.trueEvent;
      lines.push(`  against the truth's own event (${t.events} failures): model ${t.modelAuc.toFixed(4)}, oracle ${t.oracleAuc.toFixed(4)}, ratio ${t.aucRatio.toFixed(4)}`);
    }
  }
  const test = parts.test;
  const testName = r.split.kind === 'time' ? 'the out-of-time test' : 'the test part';
  lines.push('', `calibration on ${testName} (Hosmer–Lemeshow ${test.calibration.hosmerLemeshow.toFixed(2)}, p = ${fixed(4)(test.calibration.pValue)}):`);
  lines.push(...align([
    ['decile', 'rows', 'predicted', 'observed', '95% interval', 'inside'],
    ...test.calibration.deciles.map((d) => [String(d.group), String(d.n), pct(d.meanPredicted), pct(d.observedRate), `${pct(d.lower)}–${pct(d.upper)}`, d.inside ? 'yes' : 'no']),
  ]).map((l) => `  ${l}`));
  const top = test.lift[0];
  if (top) lines.push(`lift: the riskiest decile has ${pct(top.badRate)} bads, ${top.lift.toFixed(2)}× the average, and holds ${pct(top.cumulativeCapture)} of all bads`);
  lines.push(`PSI of the PD, training → ${testName.replace('the ', '')}: ${r.metrics.psi.index.toFixed(4)} (${r.metrics.psi.verdict})`);
  const csi = [...r.metrics.csi].sort((a, b) => b.index - a.index).slice(0, 5);
  if (csi.length > 0) lines.push(`CSI, least stable features: ${csi.map((c) => `${c.feature} ${c.index.toFixed(4)} (${c.verdict})`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function splitLine(split: ReportInput['split']): string {
  const part = (name: string, p: PartInfo) => `${name} ${p.from ? `${p.from}..${p.to} ` : ''}(${p.rows.toLocaleString('en-US')} rows, ${p.bads.toLocaleString('en-US')} bads)`;
  const how = split.kind === 'time' ? 'split by as-of date' : 'split at random, stratified (the data has no dates to split by)';
  const holdout = split.holdout ? `\n  validation and test on ${Math.round(100 * split.holdout)}% of the entities, held out of training (none of them trains)` : '';
  return `${how}: ${part('train', split.info.train)}, ${part('validation', split.info.validation)}, ${part(split.kind === 'time' ? 'out-of-time test' : 'test', split.info.test)}${holdout}`;
}

function pct(v: number): string {
  return `${(100 * v).toFixed(2)}%`;
}

/** Columns padded to their widest cell; numbers right-aligned. */
export function align(rows: string[][]): string[] {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)));
  return rows.map((r) => r.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ').trimEnd());
}
