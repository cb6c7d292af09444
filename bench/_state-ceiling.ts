/**
 * The ceiling of a model on a simulated warehouse: a gbdt (the training flow's defaults) that sees
 * what the simulator hides from every feature — the merchant's health state at each month-end so
 * far — with its segment and KYC tier, on the training flow's own split and test rows. The
 * oracle knows one thing more, each merchant's frailty, which nothing observed reveals except
 * through the states it caused: the gap between this ceiling and the oracle is out of reach of
 * any model, however good its features. Evaluation only: the truth never feeds a real model.
 *
 * @example
 *   const ceiling = await stateCeiling(db, table); // after loadWarehouseTable(db, ...) on the same db
 */
import { readFileSync } from 'node:fs';
import type { Database } from '../engine/db/index.ts';
import type { Dataset } from '../models/data/frame.ts';
import { selectRows } from '../models/data/frame.ts';
import { auc } from '../models/metrics/auc.ts';
import { scoreDataset } from '../models/model/model.ts';
import { fitModel } from '../models/training/fit-model.ts';
import type { LabelledTable } from '../models/training/labelled-table.ts';
import { splitParts } from '../models/training/split-parts.ts';
import { TRUTH_MONTHS_TABLE } from '../models/warehouse/tables.ts';

const SQL = readFileSync(new URL('_state-ceiling.sql', import.meta.url), 'utf8');
const STATE_COLUMNS = ['state_now', 'months_stressed', 'months_distressed', 'months_unwell_12m', 'months_observed'] as const;

export interface StateCeiling {
  auc: number;
  oracleAuc: number;
  ratio: number;
  trees: number;
}

/** Null when the warehouse has no truth or the training set is not the `training_rows` of this connection. */
export async function stateCeiling(db: Database, table: LabelledTable): Promise<StateCeiling | null> {
  if (!table.truth || !table.entities || !table.dates || !(await db.exists(TRUTH_MONTHS_TABLE))) return null;
  const rows = await db.all<Record<string, string | number | null>>(SQL);
  const byKey = new Map(rows.map((r) => [`${r.merchant_id}|${r.as_of_date}`, r]));
  const aligned = table.entities.map((id, i) => {
    const row = byKey.get(`${id}|${table.dates![i]}`);
    if (!row) throw new Error(`the state ceiling has no row for merchant ${id} as of ${table.dates![i]}`);
    return row;
  });
  const data: Dataset = {
    nRows: aligned.length,
    target: table.data.target,
    columns: [
      ...STATE_COLUMNS.map((name) => ({ kind: 'numeric' as const, name, values: Float64Array.from(aligned, (r) => (r[name] === null ? NaN : Number(r[name]))) })),
      { kind: 'categorical' as const, name: 'segment', values: aligned.map((r) => (r.segment === null ? null : String(r.segment))) },
      { kind: 'categorical' as const, name: 'kyc_tier', values: aligned.map((r) => (r.kyc_tier === null ? null : String(r.kyc_tier))) },
    ],
  };
  // The training flow's split (same seed and held-out share), so the test rows are the flow's.
  const parts = splitParts(data.target, table.dates, { entities: table.entities, holdout: 0.2, seed: 1 });
  const { model } = fitModel(selectRows(data, parts.train), selectRows(data, parts.validation), { algorithm: 'gbdt', seed: 1 });
  const test = Array.from(parts.test).filter((i) => !Number.isNaN(table.truth!.pd[i]));
  const labels = test.map((i) => data.target[i]);
  const pd = scoreDataset(model, selectRows(data, Uint32Array.from(test)));
  const modelAuc = auc(labels, pd);
  const oracleAuc = auc(labels, test.map((i) => table.truth!.pd[i]));
  return { auc: modelAuc, oracleAuc, ratio: modelAuc / oracleAuc, trees: model.kind === 'gbdt' ? model.trees.length : 0 };
}
