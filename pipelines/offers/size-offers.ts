/**
 * `sizeOffers`: every merchant of the warehouse at an as-of date decided under a policy — an
 * offer or a decline naming its failing rules — and written to `offers` (the date's slice
 * replaced in one transaction, officers' decisions carried over: kept-decisions.ts) with an
 * `offer_runs` row. Applicants are built in DuckDB
 * (applicants.sql), decided in one TypeScript loop over columns (decide-columns.ts) and joined
 * back in DuckDB (offer-rows.sql): no merchant's text crosses into JavaScript.
 *
 * @example
 *   const run = await sizeOffers(db, { asOfDate: '2024-01-01' }); // champion model, default policy
 *   run.offers; run.summary.by_grade.A.total_line_fen;
 */
import { randomUUID } from 'node:crypto';
import { cstTimestamp, type Database } from '../../engine/db/index.ts';
import { DEFAULT_POLICY, parsePolicy, ruleFeatures, rulesOfMask, type CreditPolicy, type PortfolioSummary } from '../../engine/credit/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import { readSql } from '../sql-file.ts';
import { buildApplicants, readApplicantColumns } from './applicants.ts';
import { decideColumns } from './decide-columns.ts';
import { keepDecisions } from './kept-decisions.ts';
import { portfolioSummary } from './portfolio.ts';
import { ensureOfferTables, replaceSlice, sliceTotals } from './store/index.ts';
import { DECISION_TABLES_SQL, OFFER_RUNS_TABLE } from './tables.ts';

export interface SizeOffersOptions {
  asOfDate: string;
  /** Defaults to engine/credit's DEFAULT_POLICY; checked by parsePolicy (a PolicyError names the field). */
  policy?: CreditPolicy;
  /** The model whose scores give the PD; defaults to the registry's champion. */
  modelId?: string;
  onProgress?: ProgressListener;
}

export interface OffersRun {
  runId: string;
  asOfDate: string;
  policyVersion: string;
  modelId: string;
  merchants: number;
  offers: number;
  declines: number;
  seconds: number;
  summary: PortfolioSummary;
}

export async function sizeOffers(db: Database, options: SizeOffersOptions): Promise<OffersRun> {
  const started = performance.now();
  const { asOfDate } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOfDate) || Number.isNaN(Date.parse(asOfDate))) throw new RangeError(`asOfDate: expected a date YYYY-MM-DD (got '${asOfDate}')`);
  // Checked again here: the bulk path trusts the policy's invariants (every eligible PD graded).
  const policy = parsePolicy(options.policy ?? DEFAULT_POLICY);
  const progress = options.onProgress ?? silentProgress;
  const stage = `offers ${asOfDate}`;
  const steps = 4;
  progress({ stage, done: 0, total: steps, unit: 'steps' });

  const features = ruleFeatures(policy.eligibility);
  const modelId = await buildApplicants(db, asOfDate, options.modelId, features);
  progress({ stage, done: 1, total: steps, unit: 'steps' });

  const columns = await readApplicantColumns(db, features);
  const figures = decideColumns(columns, policy);
  progress({ stage, done: 2, total: steps, unit: 'steps' });

  await db.run(DECISION_TABLES_SQL);
  await db.append('offer_figures', { merchant_key: columns.merchant_key, ...figures });
  await db.append('offer_grades', { grade_index: policy.grades.map((_, i) => i), grade: policy.grades.map((g) => g.grade) });
  const masks = [...new Set(figures.failed_mask)].filter((m) => m !== 0);
  await db.append('offer_rule_masks', { failed_mask: masks, rules: masks.map((m) => rulesOfMask(m, policy).join(',')) });
  progress({ stage, done: 3, total: steps, unit: 'steps' });

  await ensureOfferTables(db);
  const runId = randomUUID();
  const params = {
    policy_version: policy.version,
    model_id: modelId,
    run_id: runId,
    offer_validity_days: policy.terms.offer_validity_days,
  };
  const written = await db.transaction(async (tx) => {
    await keepDecisions(tx, asOfDate);
    const rows = await replaceSlice(tx, asOfDate, readSql(import.meta.url, 'offer-rows.sql'), params);
    const totals = await sliceTotals(tx, asOfDate);
    const seconds = (performance.now() - started) / 1000;
    await tx.run(
      `INSERT INTO ${OFFER_RUNS_TABLE} BY NAME SELECT $run_id AS run_id, CAST($as_of_date AS DATE) AS as_of_date, $policy_version AS policy_version,
         $model_id AS model_id, $merchants AS merchants, $offers AS offers, $declines AS declines, $total_line_fen AS total_line_fen,
         $expected_loss_fen AS expected_loss_fen, CAST($finished_at AS TIMESTAMP) AS finished_at, $seconds AS seconds, $policy AS policy`,
      {
        run_id: runId, as_of_date: asOfDate, policy_version: policy.version, model_id: modelId, merchants: rows,
        offers: totals.offers, declines: rows - totals.offers, total_line_fen: totals.line_fen,
        expected_loss_fen: totals.expected_loss_fen, finished_at: cstTimestamp(), seconds, policy: JSON.stringify(policy),
      },
    );
    return { rows, offers: totals.offers };
  });
  await db.run('DROP TABLE IF EXISTS offer_applicants; DROP TABLE IF EXISTS offer_figures; DROP TABLE IF EXISTS offer_grades; DROP TABLE IF EXISTS offer_rule_masks; DROP TABLE IF EXISTS offer_kept_decisions');
  progress({ stage, done: steps, total: steps, unit: 'steps' });
  const summary = await portfolioSummary(db, asOfDate);
  return {
    runId, asOfDate, policyVersion: policy.version, modelId, merchants: written.rows, offers: written.offers,
    declines: written.rows - written.offers, seconds: (performance.now() - started) / 1000, summary,
  };
}

