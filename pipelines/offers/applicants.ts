/**
 * Applicants in the warehouse: the temporary table `offer_applicants` (applicants.sql) for a
 * date and model, and its decision inputs read back as columns for decideColumns. Shared by
 * `sizeOffers` and the backtest.
 *
 * @example
 *   const modelId = await buildApplicants(db, '2024-01-01');
 *   const columns = await readApplicantColumns(db);
 */
import type { Database } from '../../engine/db/index.ts';
import { SEGMENTS } from '../../engine/schema/index.ts';
import { championModel, getModel, reasonCodesSql, REGISTRY_TABLE, sqlIdentifier, sqlString, type Model } from '../../models/index.ts';
import { readSql } from '../sql-file.ts';
import { KYC_TIERS, type ApplicantColumns } from './decide-columns.ts';

export const APPLICANTS_TABLE = 'offer_applicants';

/**
 * Builds `offer_applicants` for the date from the named model's scores (default: the champion's)
 * with the `features` the policies' rules read beyond the applicant's own inputs (engine/credit
 * ruleFeatures); returns the model id.
 */
export async function buildApplicants(db: Database, asOfDate: string, modelId?: string, features: readonly string[] = []): Promise<string> {
  const resolved = await resolveModel(db, modelId);
  await requireScores(db, asOfDate, resolved.modelId);
  await requireFeatures(db, features);
  const ruleInputs = features.length === 0 ? `'{}'` : `to_json({${features.map((f) => `${sqlString(f)}: CAST(f.${sqlIdentifier(f)} AS DOUBLE)`).join(', ')}})`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${APPLICANTS_TABLE} AS ${readSql(import.meta.url, 'applicants.sql', {
      reason_codes: reasonCodesSql(resolved.model, (feature) => `f.${sqlIdentifier(feature)}`),
      rule_inputs: ruleInputs,
    })}`,
    { as_of_date: asOfDate, model_id: resolved.modelId },
  );
  return resolved.modelId;
}

/** The named model, or the champion; its scorecard (if any) gives the reason codes. */
async function resolveModel(db: Database, modelId: string | undefined): Promise<{ modelId: string; model: Model | null }> {
  if (modelId === undefined) {
    const champion = await championModel(db);
    if (!champion) throw new Error('there is no champion model to take PDs from: promote one (`capillary models promote ID ...`) or pass a model id');
    return { modelId: champion.record.model_id, model: champion.model };
  }
  // Scores may come from a model kept outside this registry; it then gives no reason codes.
  const registered = (await db.exists(REGISTRY_TABLE))
    && Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${REGISTRY_TABLE} WHERE model_id = $id`, { id: modelId }))!.n) > 0;
  return { modelId, model: registered ? (await getModel(db, modelId)).model : null };
}

/** A rule may read a numeric column of the features table, and nothing else. */
async function requireFeatures(db: Database, features: readonly string[]): Promise<void> {
  if (features.length === 0) return;
  const columns = await db.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'features' AND table_schema = 'main'`,
  );
  const types = new Map(columns.map((c) => [c.column_name, c.data_type]));
  for (const f of features) {
    const type = types.get(f);
    if (type === undefined) throw new Error(`a policy rule reads the feature ${f}, which the features table does not have: add it to the features pipeline or fix the rule's input`);
    if (!/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*|BOOLEAN)$/.test(type)) {
      throw new Error(`a policy rule reads the feature ${f}, which is ${type}, not a number`);
    }
  }
}

async function requireScores(db: Database, asOfDate: string, modelId: string): Promise<void> {
  for (const table of ['features', 'scores', 'monthly_turnover']) {
    if (!(await db.exists(table))) {
      throw new Error(`the warehouse ${db.path} has no ${table} table yet: run \`capillary run\` and \`capillary score --as-of ${asOfDate}\` first`);
    }
  }
  const found = await db.one<{ n: number }>('SELECT count(*) AS n FROM scores WHERE as_of_date = CAST($d AS DATE) AND model_id = $id', { d: asOfDate, id: modelId });
  if (Number(found!.n) === 0) {
    throw new Error(`no scores as of ${asOfDate} by model ${modelId}: run \`capillary score --as-of ${asOfDate} --model ${modelId}\` first`);
  }
}

/** The applicants' decision inputs as columns, with the named features (NaN where a merchant has none). */
export async function readApplicantColumns(db: Database, features: readonly string[] = []): Promise<ApplicantColumns & { merchant_key: Int32Array }> {
  // An index into the schema's values; -1 for a value it does not know (refused below).
  const codes = (values: readonly string[], column: string) =>
    `CAST(coalesce(list_position([${values.map(sqlString).join(', ')}], ${column}), 0) - 1 AS INTEGER) AS ${column}`;
  const c = await db.columns(
    `SELECT merchant_key, ${codes(SEGMENTS, 'segment')}, ${codes(KYC_TIERS, 'kyc_tier')}, months_of_turnover,
       CAST(turnover_12m_fen AS DOUBLE) AS turnover_12m_fen, CAST(monthly_turnover_sa_fen AS DOUBLE) AS monthly_turnover_sa_fen,
       monthly_turnover_cv, current_dpd, CAST(balance_fen AS DOUBLE) AS balance_fen, pd_12m
       ${features.map((f, k) => `, coalesce(CAST(rule_inputs->>${sqlString(`$.${f}`)} AS DOUBLE), CAST('NaN' AS DOUBLE)) AS feature_${k}`).join('')}
     FROM ${APPLICANTS_TABLE} ORDER BY merchant_key`,
  );
  const ints = (name: string) => Int32Array.from(c[name] as number[]);
  const doubles = (name: string) => Float64Array.from(c[name] as number[]);
  const segment = ints('segment');
  const kyc = ints('kyc_tier');
  if (segment.some((s) => s < 0) || kyc.some((k) => k < 0)) throw new Error('offer applicants hold a segment or KYC tier the schema does not know');
  return {
    n: segment.length, merchant_key: ints('merchant_key'), segment, kyc_tier: kyc,
    months_of_turnover: ints('months_of_turnover'), turnover_12m_fen: doubles('turnover_12m_fen'),
    monthly_turnover_sa_fen: doubles('monthly_turnover_sa_fen'), monthly_turnover_cv: doubles('monthly_turnover_cv'),
    current_dpd: ints('current_dpd'), balance_fen: doubles('balance_fen'), pd_12m: doubles('pd_12m'),
    features: Object.fromEntries(features.map((f, k) => [f, doubles(`feature_${k}`)])),
  };
}
