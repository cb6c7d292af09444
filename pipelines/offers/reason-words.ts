/**
 * Words for a score reason, rendered when read (offers store only the feature and the points
 * lost, so a sentence changes without a rerun): plain words as a merchant reads them ("what held
 * your line back most: ..."), one phrase per feature of the catalog, falling back to its
 * definition; and the catalog's definition for an officer.
 */
import { FEATURE_CATALOG } from '../../engine/warehouse/index.ts';

const WORDS: Record<string, string> = {
  turnover_30d_fen: 'your sales over the last month',
  turnover_90d_fen: 'your sales over the last three months',
  turnover_180d_fen: 'your sales over the last six months',
  turnover_365d_fen: 'your sales over the last year',
  turnover_30d_sa_fen: 'your sales over the last month, allowing for the season',
  growth_30d: 'how your sales changed over the last month',
  growth_90d_yoy: 'how your sales compare with the same months last year',
  segment_season_index_30d: 'the season in your line of business',
  lowest_month_180d_fen: 'your weakest month of the last six',
  max_daily_turnover_90d_fen: 'your best day of the last three months',
  cv_daily_90d: 'how much your sales vary from day to day',
  cv_weekly_13w: 'how much your sales vary from week to week',
  trend_90d: 'the direction of your sales over the last three months',
  active_day_share_30d: 'how many days you traded last month',
  active_day_share_90d: 'how many days you traded over the last three months',
  active_day_share_365d: 'how many days you traded over the last year',
  longest_gap_365d: 'the longest break in your trading this year',
  days_since_last_active: 'the days since your last sale',
  n_payments_30d: 'the number of payments you took last month',
  n_payments_90d: 'the number of payments you took over the last three months',
  avg_ticket_90d_fen: 'the size of your average sale',
  avg_ticket_365d_fen: 'the size of your average sale over the year',
  ticket_cv_90d: 'how much the size of your sales varies',
  ticket_change_30d: 'a recent change in the size of your sales',
  customer_visits_90d: 'the number of customer visits',
  customers_per_active_day_90d: 'the number of customers on a trading day',
  distinct_customers_90d: 'the number of different customers',
  repeat_customer_share_90d: 'how many of your customers come back',
  other_bank_share_90d: "the share of payments from other banks' customers",
  overseas_share_90d: 'the share of payments from overseas cards',
  online_share_90d: 'the share of your sales made online',
  o2o_share_90d: 'the share of your sales made online for pick-up or delivery',
  merchant_scans_customer_share_90d: "the share of payments where you scan the customer's code",
  refund_ratio_90d: 'how much you refund',
  decline_ratio_90d: 'how many payments to you are declined',
  flagged_share_90d: 'payments flagged by our monitoring',
  weekday_concentration_91d: 'sales concentrated on a few days of the week',
  weekend_share_91d: 'the share of your sales at weekends',
  holiday_uplift_365d: 'your sales on public holidays',
  spring_festival_ratio_365d: 'your sales around Spring Festival',
  tenure_days: 'how long you have been with us',
  segment: 'your line of business',
  segment_class: 'your kind of business',
  city_tier: 'the size of your city',
  kyc_tier: 'your payment risk tier',
  has_open_line: 'an Easy Loan line you already have',
  line_fen: 'the size of your current Easy Loan line',
  balance_fen: 'what you owe on Easy Loan',
  utilisation: 'how much of your Easy Loan line you use',
  current_dpd: 'a repayment that is late',
  worst_dpd_365d: 'late repayments over the last year',
  n_draws_365d: 'how often you drew on Easy Loan',
  n_missed_payments_365d: 'missed repayments over the last year',
  line_age_days: 'how long you have had Easy Loan',
  has_defaulted_before: 'an earlier Easy Loan default',
  repayment_ratio_365d: 'how much of what you borrowed you repaid this year',
};

const DEFINITIONS = new Map(FEATURE_CATALOG.map((spec) => [spec.name, spec.definition]));

export function plainWords(feature: string): string {
  return WORDS[feature] ?? DEFINITIONS.get(feature)?.toLowerCase() ?? feature.replaceAll('_', ' ');
}

/** What the feature measures, as the feature catalog defines it. */
export function officerWords(feature: string): string {
  return DEFINITIONS.get(feature) ?? feature.replaceAll('_', ' ');
}
