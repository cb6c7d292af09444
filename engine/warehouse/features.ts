/**
 * The `features` table, declared by its catalog: every column after the keys (merchant_id,
 * as_of_date), with its definition, window, unit and type. Adding a feature is its SQL
 * (pipelines/features) plus one line here; the table's schema, the README's catalog and the
 * pages' labels follow. Windows end the day before the as-of date ("90d" = the 90 days before
 * it); turnover is net: approved payments less refunds.
 */
import { z } from 'zod';
import { isoDate, MerchantSchema, merchantId } from '../schema/index.ts';
import { defineTable, type ColumnDoc, type TableSpec } from './table.ts';

export interface FeatureSpec {
  name: string;
  family: 'size' | 'growth' | 'volatility' | 'regularity' | 'tickets' | 'customers' | 'mix' | 'quality' | 'calendar' | 'profile' | 'easy_loan';
  definition: string;
  window: string;
  unit: string;
  /** 'ENUM': a closed set copied from the registry column of the same name, with its values. */
  sqlType: 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'ENUM';
}

const f = (name: string, family: FeatureSpec['family'], sqlType: FeatureSpec['sqlType'], window: string, unit: string, definition: string): FeatureSpec => ({
  name, family, definition, window, unit, sqlType,
});

export const FEATURE_CATALOG: readonly FeatureSpec[] = [
  f('turnover_30d_fen', 'size', 'BIGINT', '30d', 'fen', 'Net turnover: approved payments less refunds'),
  f('turnover_90d_fen', 'size', 'BIGINT', '90d', 'fen', 'Net turnover'),
  f('turnover_180d_fen', 'size', 'BIGINT', '180d', 'fen', 'Net turnover'),
  f('turnover_365d_fen', 'size', 'BIGINT', '365d', 'fen', 'Net turnover'),
  f('growth_30d', 'growth', 'DOUBLE', '30d vs the 30d before', 'ratio', 'Turnover of the last 30 days over the 30 days before, less 1; null under 60 days of tenure or no base'),
  f('growth_90d_yoy', 'growth', 'DOUBLE', '90d vs the same 90d a year before', 'ratio', 'Turnover of the last 90 days over the same 90 days a year earlier, less 1; null under 455 days of tenure'),
  f('turnover_30d_sa_fen', 'size', 'BIGINT', '30d', 'fen', 'Seasonally adjusted turnover: 30d turnover divided by its segment season index'),
  f('segment_season_index_30d', 'calendar', 'DOUBLE', '30d vs 365d', 'ratio', "The segment's last-30-day turnover over its 365-day daily pace times 30 (merchants with a year of tenure); 1 = an average month"),
  f('lowest_month_180d_fen', 'size', 'BIGINT', '6 × 30d', 'fen', 'Lowest of the six 30-day turnovers; null under 180 days of tenure'),
  f('max_daily_turnover_90d_fen', 'size', 'BIGINT', '90d', 'fen', 'Highest daily net turnover'),
  f('cv_daily_90d', 'volatility', 'DOUBLE', '90d', 'coefficient of variation', 'Coefficient of variation of daily net turnover, days without trading as zero; null under 14 days observed'),
  f('cv_weekly_13w', 'volatility', 'DOUBLE', '13 weeks', 'coefficient of variation', 'Coefficient of variation of weekly net turnover over the whole weeks since onboarding (at least 4)'),
  f('trend_90d', 'growth', 'DOUBLE', '90d', 'share per 30 days', 'Least-squares slope of daily net turnover, times 30, over the mean daily turnover'),
  f('active_day_share_30d', 'regularity', 'DOUBLE', '30d', 'share', 'Days with approved payments over days since onboarding in the window'),
  f('active_day_share_90d', 'regularity', 'DOUBLE', '90d', 'share', 'Days with approved payments over days since onboarding in the window'),
  f('active_day_share_365d', 'regularity', 'DOUBLE', '365d', 'share', 'Days with approved payments over days since onboarding in the window'),
  f('longest_gap_365d', 'regularity', 'INTEGER', '365d', 'days', 'Longest run of days without approved payments, including the run up to the as-of date'),
  f('days_since_last_active', 'regularity', 'INTEGER', '365d', 'days', 'Days from the last day with approved payments to the as-of date; capped at the observed window (365 days or tenure)'),
  f('n_payments_30d', 'tickets', 'INTEGER', '30d', 'payments', 'Approved payments'),
  f('n_payments_90d', 'tickets', 'INTEGER', '90d', 'payments', 'Approved payments'),
  f('avg_ticket_90d_fen', 'tickets', 'DOUBLE', '90d', 'fen', 'Gross approved amount per approved payment'),
  f('avg_ticket_365d_fen', 'tickets', 'DOUBLE', '365d', 'fen', 'Gross approved amount per approved payment'),
  f('ticket_cv_90d', 'tickets', 'DOUBLE', '90d', 'coefficient of variation', "Coefficient of variation of the day's average ticket across active days (at least 5)"),
  f('ticket_change_30d', 'tickets', 'DOUBLE', '30d vs 90d', 'ratio', 'Average ticket of the last 30 days over that of the last 90, less 1'),
  f('customer_visits_90d', 'customers', 'INTEGER', '90d', 'customer-days', 'Sum over days of distinct paying customers that day'),
  f('customers_per_active_day_90d', 'customers', 'DOUBLE', '90d', 'customers', 'Distinct paying customers per active day'),
  f('distinct_customers_90d', 'customers', 'INTEGER', '90d', 'customers', 'Distinct paying customers over the window; payment grain only (null from settlements)'),
  f('repeat_customer_share_90d', 'customers', 'DOUBLE', '90d', 'share', 'Share of distinct customers who paid on two days or more; payment grain only'),
  f('other_bank_share_90d', 'mix', 'DOUBLE', '90d', 'share', 'Share of gross approved amount paid with other banks’ cards or accounts'),
  f('overseas_share_90d', 'mix', 'DOUBLE', '90d', 'share', 'Share of gross approved amount paid by overseas issuers'),
  f('online_share_90d', 'mix', 'DOUBLE', '90d', 'share', 'Share of gross approved amount paid online'),
  f('o2o_share_90d', 'mix', 'DOUBLE', '90d', 'share', 'Share of gross approved amount paid online-to-offline'),
  f('merchant_scans_customer_share_90d', 'mix', 'DOUBLE', '90d', 'share', 'Share of gross approved amount where the merchant scanned the customer’s code'),
  f('refund_ratio_90d', 'quality', 'DOUBLE', '90d', 'ratio', 'Refunded amount over gross approved amount'),
  f('decline_ratio_90d', 'quality', 'DOUBLE', '90d', 'share', 'Declined payments over approved and declined payments'),
  f('flagged_share_90d', 'quality', 'DOUBLE', '90d', 'share', 'Payments flagged by 24x7 monitoring over all payment rows'),
  f('weekday_concentration_91d', 'calendar', 'DOUBLE', '91d', 'index', 'Herfindahl index of net turnover over the seven weekdays (1/7 = even, 1 = one day)'),
  f('weekend_share_91d', 'calendar', 'DOUBLE', '91d', 'share', 'Share of net turnover taken on Saturdays and Sundays'),
  f('holiday_uplift_365d', 'calendar', 'DOUBLE', '365d', 'ratio', 'Mean daily turnover on public holidays over that on other days'),
  f('spring_festival_ratio_365d', 'calendar', 'DOUBLE', '365d', 'ratio', 'Mean daily turnover in Spring Festival week over that on non-holidays'),
  f('tenure_days', 'profile', 'INTEGER', 'to as-of date', 'days', 'Days since onboarding'),
  f('segment', 'profile', 'ENUM', 'registry', 'category', 'Merchant segment'),
  f('segment_class', 'profile', 'ENUM', 'registry', 'category', 'artery (large, high-ticket) or capillary (small, everyday)'),
  f('city_tier', 'profile', 'INTEGER', 'registry', 'tier', 'City tier, 1 to 4'),
  f('kyc_tier', 'profile', 'ENUM', 'registry', 'category', 'PBoC barcode risk tier A, B or C'),
  f('has_open_line', 'easy_loan', 'BOOLEAN', 'at as-of date', 'flag', 'An Easy Loan line accepted and neither closed nor written off'),
  f('line_fen', 'easy_loan', 'BIGINT', 'at as-of date', 'fen', 'Limit of open lines'),
  f('balance_fen', 'easy_loan', 'BIGINT', 'at as-of date', 'fen', 'Outstanding balance over all lines'),
  f('utilisation', 'easy_loan', 'DOUBLE', 'at as-of date', 'share', 'Balance over limit; null without an open line'),
  f('current_dpd', 'easy_loan', 'INTEGER', 'at as-of date', 'days', 'Days past due after the last event, worst line'),
  f('worst_dpd_365d', 'easy_loan', 'INTEGER', '365d', 'days', 'Worst days past due on any event'),
  f('n_draws_365d', 'easy_loan', 'INTEGER', '365d', 'draws', 'Draws on Easy Loan lines'),
  f('n_missed_payments_365d', 'easy_loan', 'INTEGER', '365d', 'events', 'Missed instalments'),
  f('line_age_days', 'easy_loan', 'INTEGER', 'to as-of date', 'days', 'Days since the first line was accepted; null without one'),
  f('has_defaulted_before', 'easy_loan', 'BOOLEAN', 'before as-of date', 'flag', 'A line defaulted (90 days past due) before the as-of date'),
  f('repayment_ratio_365d', 'easy_loan', 'DOUBLE', '365d', 'ratio', 'Amount repaid over amount drawn'),
];

/** The catalog as a Markdown table (for the README). */
export function catalogMarkdown(): string {
  const rows = FEATURE_CATALOG.map((spec) => `| \`${spec.name}\` | ${spec.family} | ${spec.definition} | ${spec.window} | ${spec.unit} |`);
  return ['| name | family | definition | window | unit |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const ZOD_OF: Record<Exclude<FeatureSpec['sqlType'], 'ENUM'>, () => z.ZodType> = {
  BIGINT: () => z.number().int().meta({ sql: 'BIGINT' }),
  INTEGER: () => z.number().int().meta({ sql: 'INTEGER' }),
  DOUBLE: () => z.number().meta({ sql: 'DOUBLE' }),
  VARCHAR: () => z.string(),
  BOOLEAN: () => z.boolean(),
};

/**
 * An ENUM feature keeps the registry's type: a DuckDB ENUM of the same values (a byte a row,
 * compared as text), declared by the registry's schema.
 */
function zodOf(spec: FeatureSpec): z.ZodType {
  if (spec.sqlType !== 'ENUM') return ZOD_OF[spec.sqlType]();
  const field = (MerchantSchema.shape as Record<string, z.ZodType>)[spec.name];
  if (!(field instanceof z.ZodEnum)) throw new Error(`feature ${spec.name}: an ENUM feature copies a closed set of the registry, which has none of that name`);
  return field;
}

/** Features every merchant has at every date; the others are null where their definition says so. */
const ALWAYS_PRESENT = new Set(['turnover_30d_fen', 'tenure_days']);

const FeatureRowSchema = z
  .object({
    merchant_id: merchantId(),
    as_of_date: isoDate(),
    ...Object.fromEntries(FEATURE_CATALOG.map((spec) => [spec.name, ALWAYS_PRESENT.has(spec.name) ? zodOf(spec) : zodOf(spec).nullable()])),
  })
  .strict();
export type FeatureRow = z.infer<typeof FeatureRowSchema>;

export const FEATURES = defineTable({
  name: 'features',
  grain: `one row per merchant per as-of date: the ${FEATURE_CATALOG.length} features of the catalog, from data before that date only`,
  key: ['merchant_id', 'as_of_date'],
  schema: FeatureRowSchema,
  writtenBy: 'run (features), `capillary features`',
  createdBy: 'query',
  enums: 'enum',
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    merchant_id: 'the merchant (merchants.merchant_id)',
    as_of_date: 'the date the features are computed as of (they read only days before it)',
    ...Object.fromEntries(FEATURE_CATALOG.map((spec): [string, ColumnDoc] => [spec.name, { meaning: `${spec.definition} (${spec.window})`, unit: spec.unit }])),
  } as TableSpec<typeof FeatureRowSchema>['columns'],
});

/** A feature's declaration, or undefined for a column outside the catalog. */
export function featureNamed(name: string): FeatureSpec | undefined {
  return FEATURE_CATALOG.find((spec) => spec.name === name);
}
