/**
 * `backtest`: Easy Loan policies applied at a past as-of date, each judged against what the
 * simulator says happened over the next 12 months. Applicants are built once (the same
 * applicants.sql and decideColumns as `capillary offers`, nothing written to `offers`); each
 * policy, and each PD cutoff asked for, is decided and evaluated side by side, and the frontier
 * of approval rate against realised loss rate marked. The truth is read here for evaluation
 * only (outcomes.sql); nothing that decides reads it.
 *
 * @example
 *   const result = await backtest(db, { asOfDate: '2024-01-01', pdCutoffs: [0.02, 0.05, 0.1] });
 *   result.policies.filter((p) => p.on_frontier);
 */
import { addDays, DEFAULT_POLICY, ruleFeatures, type CreditPolicy } from '../../engine/credit/index.ts';
import type { Database } from '../../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import { buildApplicants, decideColumns, readApplicantColumns } from '../offers/index.ts';
import { readSql } from '../sql-file.ts';
import { withPdCutoff } from './cutoffs.ts';
import { evaluatePolicy, markFrontier, type Outcomes, type PolicyResult } from './evaluate.ts';

export interface BacktestOptions {
  asOfDate: string;
  /** Default: engine/credit's DEFAULT_POLICY alone. */
  policies?: CreditPolicy[];
  /** Each policy is also run at each of these PD cutoffs. */
  pdCutoffs?: number[];
  modelId?: string;
  onProgress?: ProgressListener;
}

export interface BacktestResult {
  as_of_date: string;
  model_id: string;
  /** The 12 months judged: [as_of_date, horizon_end). */
  horizon_end: string;
  /** The last day the warehouse saw; before horizon_end − 1 the outcomes are incomplete. */
  observed_through: string;
  outcomes_complete: boolean;
  merchants: number;
  policies: PolicyResult[];
}

export async function backtest(db: Database, options: BacktestOptions): Promise<BacktestResult> {
  const { asOfDate } = options;
  const progress = options.onProgress ?? silentProgress;
  const base = options.policies && options.policies.length > 0 ? options.policies : [DEFAULT_POLICY];
  const policies = base.flatMap((p) => [p, ...(options.pdCutoffs ?? []).map((c) => withPdCutoff(p, c))]);
  // The truth tables exist (empty) in every warehouse; a bank's own lake has no rows in them.
  for (const table of ['truth.truth_merchants', 'truth.truth_months', 'labels']) {
    if (!(await db.exists(table)) || Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} LIMIT 1)`))!.n) === 0) {
      throw new Error(`the warehouse ${db.path} has no rows in ${table}: a backtest needs the simulator's truth and the labels (ingest a simulated lake, then \`capillary run\`)`);
    }
  }
  const stage = `backtest ${asOfDate}`;
  progress({ stage, done: 0, total: policies.length + 1, unit: 'policies' });
  const features = ruleFeatures(policies.flatMap((p) => p.eligibility));
  const modelId = await buildApplicants(db, asOfDate, options.modelId, features);
  const applicants = await readApplicantColumns(db, features);
  const outcomes = await readOutcomes(db, asOfDate, applicants.merchant_key);
  const horizon = (await db.one<{ horizon_end: string; observed_through: string }>(
    `SELECT CAST(CAST(CAST($d AS DATE) + INTERVAL 12 MONTH AS DATE) AS VARCHAR) AS horizon_end,
       CAST((SELECT max(turnover_date) FROM daily_turnover) AS VARCHAR) AS observed_through`,
    { d: asOfDate },
  ))!;
  progress({ stage, done: 1, total: policies.length + 1, unit: 'policies' });
  const results = policies.map((policy, k) => {
    const result = evaluatePolicy(policy, applicants, decideColumns(applicants, policy), outcomes);
    progress({ stage, done: k + 2, total: policies.length + 1, unit: 'policies' });
    return result;
  });
  await db.run('DROP TABLE IF EXISTS offer_applicants');
  markFrontier(results);
  return {
    as_of_date: asOfDate,
    model_id: modelId,
    horizon_end: horizon.horizon_end,
    observed_through: horizon.observed_through,
    outcomes_complete: horizon.observed_through >= addDays(horizon.horizon_end, -1),
    merchants: applicants.n,
    policies: results,
  };
}

async function readOutcomes(db: Database, asOfDate: string, merchantKeys: Int32Array): Promise<Outcomes> {
  const c = await db.columns(readSql(import.meta.url, 'outcomes.sql'), { as_of_date: asOfDate });
  const keys = c.merchant_key as number[];
  if (keys.length !== merchantKeys.length || keys.some((k, i) => k !== merchantKeys[i])) {
    throw new Error('backtest outcomes do not line up with the applicants (merchant keys differ)');
  }
  return {
    failed_12m: Int32Array.from(c.failed_12m as number[]),
    days_to_failure: Int32Array.from(c.days_to_failure as number[]),
    true_pd: Float64Array.from(c.true_pd as number[]),
    observed_exit: Int32Array.from(c.observed_exit as number[]),
  };
}

