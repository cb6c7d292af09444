/**
 * The pipeline's steps in dependency order. A step either rebuilds a whole table or, when
 * `perAsOf`, one slice of a table per as-of date. Every step builds into staging and swaps in
 * only after its data checks pass (staging.ts), so each can be rerun alone at any time.
 */
import type { Database } from '../engine/db/index.ts';
import { buildFeatures } from './features/features.ts';
import { buildLabels } from './labels/labels.ts';
import { buildHolidays } from './reference/holidays.ts';
import type { BuildResult } from './staging.ts';
import { buildTurnover } from './turnover/turnover.ts';

export interface Step {
  name: string;
  summary: string;
  /** Table the step writes and its grain. */
  table: string;
  grain: string;
  dependsOn: string[];
  perAsOf: boolean;
  run(db: Database, asOfDate: string | null): Promise<BuildResult>;
}

export const STEPS: readonly Step[] = [
  {
    name: 'holidays',
    summary: 'public holiday calendar (reference data)',
    table: 'calendar_holidays',
    grain: 'one row per holiday_date',
    dependsOn: [],
    perAsOf: false,
    run: (db) => buildHolidays(db),
  },
  {
    name: 'turnover',
    summary: 'daily turnover per merchant from payments or settlements, and its monthly sums',
    table: 'daily_turnover',
    grain: 'one row per merchant_id per turnover_date',
    dependsOn: [],
    perAsOf: false,
    run: (db) => buildTurnover(db),
  },
  {
    name: 'features',
    summary: 'point-in-time merchant features as of a date',
    table: 'features',
    grain: 'one row per merchant_id per as_of_date',
    dependsOn: ['holidays', 'turnover'],
    perAsOf: true,
    run: (db, asOf) => buildFeatures(db, asOf!),
  },
  {
    name: 'labels',
    summary: '12-month default labels from observed events',
    table: 'labels',
    grain: 'one row per merchant_id per as_of_date',
    dependsOn: ['features'],
    perAsOf: true,
    run: (db, asOf) => buildLabels(db, asOf!),
  },
];

export function stepNamed(name: string): Step {
  const step = STEPS.find((s) => s.name === name);
  if (!step) throw new Error(`no pipeline step '${name}' (steps: ${STEPS.map((s) => s.name).join(', ')})`);
  return step;
}
