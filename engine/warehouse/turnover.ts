/**
 * The tables the pipeline derives before features: the holiday calendar, daily turnover (from
 * payments or settlements alike) and its monthly sums. Their SQL defines the columns; these
 * declarations are what that SQL must produce (a test compares them after a real run).
 */
import { z } from 'zod';
import { isoDate, merchantId, SettlementSchema } from '../schema/index.ts';
import { DAY_MEASURES } from './lake.ts';
import { defineTable } from './table.ts';

const fenSum = () => z.number().int().meta({ sql: 'BIGINT' });
const dayCount = () => z.number().int().min(0).meta({ sql: 'INTEGER' });
const huge = () => z.number().meta({ sql: 'HUGEINT' });
const MERCHANT_KEY = 'integer key of the merchant (features group by it, faster than by the text id)';

export const CALENDAR_HOLIDAYS = defineTable({
  name: 'calendar_holidays',
  grain: 'one row per public holiday date',
  key: ['holiday_date'],
  schema: z.object({ holiday_date: isoDate(), holiday: z.string().min(1) }).strict(),
  writtenBy: 'run (holidays)',
  createdBy: 'query',
  columns: { holiday_date: 'a public holiday in mainland China', holiday: 'the holiday’s name' },
});

/**
 * Settlement rows as they are, or payments summed the same way: one schema for both grains. Keyed
 * by the merchant's integer key alone: the text id, a copy of the registry's, cost a tenth of the
 * table's bytes; readers that need it join merchants.
 */
const DailyTurnoverSchema = SettlementSchema.omit({ settlement_date: true, merchant_id: true })
  .extend({
    merchant_key: dayCount(),
    turnover_date: isoDate(),
    net_fen: fenSum(),
    days_since_prev_active: dayCount().nullable(),
  })
  .strict();
export type DailyTurnover = z.infer<typeof DailyTurnoverSchema>;

export const DAILY_TURNOVER = defineTable({
  name: 'daily_turnover',
  grain: 'one row per merchant per day with a payment, refund or decline, from payments or settlements alike',
  key: ['merchant_key', 'turnover_date'],
  schema: DailyTurnoverSchema,
  writtenBy: 'run (turnover)',
  createdBy: 'query',
  references: { merchant_key: 'merchants.merchant_key' },
  columns: {
    merchant_key: 'the merchant’s integer key (merchants.merchant_key)',
    turnover_date: 'the day',
    ...DAY_MEASURES,
    net_fen: 'net turnover: gross approved amount less refunds',
    days_since_prev_active: { meaning: 'days back to the previous day with approved payments (or the eve of onboarding)', unit: 'days' },
  },
});

export const MONTHLY_TURNOVER = defineTable({
  name: 'monthly_turnover',
  grain: 'one row per merchant per calendar month with trading: daily turnover summed, for long windows',
  key: ['merchant_key', 'month_start'],
  schema: z
    .object({
      merchant_key: dayCount(),
      month_start: isoDate(),
      net_fen: fenSum(),
      gross_fen: fenSum(),
      // a month's counts of one merchant stay far below 2^31 (a payment a second is 2.7M)
      n_payments: dayCount(),
      n_refunds: dayCount(),
      refund_fen: fenSum(),
      n_declined: dayCount(),
      n_flagged: dayCount(),
      n_customers: dayCount(),
      other_bank_fen: fenSum(),
      overseas_fen: fenSum(),
      online_fen: fenSum(),
      o2o_fen: fenSum(),
      merchant_scans_customer_fen: fenSum(),
      active_days: dayCount(),
      first_active_date: isoDate(),
      last_active_date: isoDate(),
      first_active_gap: dayCount().nullable(),
      inner_gap: dayCount().nullable(),
      max_daily_net_fen: fenSum(),
      net_squared: huge(),
      net_by_day: huge(),
      ticket_millifen: fenSum(),
      ticket_millifen_squared: huge(),
      first_turnover_date: isoDate(),
      first_turnover_gap: dayCount(),
    })
    .strict(),
  writtenBy: 'run (turnover)',
  createdBy: 'query',
  columns: {
    merchant_key: MERCHANT_KEY,
    month_start: 'first day of the calendar month',
    net_fen: 'net turnover of the month',
    gross_fen: 'gross approved amount of the month',
    n_payments: 'approved payments',
    n_refunds: 'refunds',
    refund_fen: 'refunded amount',
    n_declined: 'declined payments',
    n_flagged: 'payments flagged by monitoring',
    n_customers: { meaning: 'customer-days: distinct paying customers summed over days', unit: 'customer-days' },
    other_bank_fen: 'approved amount from other banks’ cards or accounts',
    overseas_fen: 'approved amount from overseas issuers',
    online_fen: 'approved amount paid online',
    o2o_fen: 'approved amount paid online-to-offline',
    merchant_scans_customer_fen: 'approved amount where the merchant scanned the customer’s code',
    active_days: { meaning: 'days with approved payments', unit: 'days' },
    first_active_date: 'first day with trading in the month',
    last_active_date: 'last day with trading in the month',
    first_active_gap: { meaning: 'the first active day’s gap back to the previous active day (may reach before the month)', unit: 'days' },
    inner_gap: { meaning: 'longest gap between active days inside the month', unit: 'days' },
    max_daily_net_fen: 'highest daily net turnover',
    net_squared: { meaning: 'sum of squared daily net turnover, for variances', unit: 'fen²' },
    net_by_day: { meaning: 'sum of daily net turnover times the day number, for trends', unit: 'fen × days' },
    ticket_millifen: { meaning: 'sum over active days of the day’s average ticket', unit: 'millifen' },
    ticket_millifen_squared: { meaning: 'sum of squared daily average tickets', unit: 'millifen²' },
    first_turnover_date: 'first day of the month with turnover (payments, refunds or declines)',
    first_turnover_gap: { meaning: 'that day’s gap back to the previous active day, or to the eve of onboarding', unit: 'days' },
  },
});

/** The lake files the built turnover reflects: what the next run compares the ingest log with. */
export const TURNOVER_FILES = defineTable({
  name: 'turnover_files',
  grain: 'one row per loaded lake file of payments, settlements or merchants that daily_turnover was built from',
  key: ['file_id'],
  schema: z
    .object({
      file_id: z.number().int().min(1).meta({ sql: 'INTEGER' }),
      table_name: z.string().min(1),
      checksum: z.string().length(64),
      file_day: isoDate().nullable(),
      build_id: z.string().min(1),
    })
    .strict(),
  writtenBy: 'run (turnover)',
  createdBy: 'query',
  columns: {
    file_id: 'the file (ingest_log.file_id)',
    table_name: 'the warehouse table it loaded into',
    checksum: { meaning: 'SHA-256 of the file as turnover last read it', unit: 'hex digest' },
    file_day: 'the day partition of its path (null when it has none): the day a change to it rebuilds',
    build_id: 'the whole build the turnover descends from: new at each whole rebuild, kept by the daily increments after it',
  },
});

export const LABELS = defineTable({
  name: 'labels',
  grain: 'one row per merchant per as-of date (the merchants of features at that date)',
  key: ['merchant_id', 'as_of_date'],
  schema: z
    .object({
      merchant_id: merchantId(),
      as_of_date: isoDate(),
      label_status: z.enum(['good', 'default', 'censored', 'excluded']),
      default_12m: z.boolean().nullable(),
      is_censored: z.boolean(),
      default_date: isoDate().nullable(),
      default_reason: z.enum(['dpd_90', 'listed_default', 'exit_with_balance']).nullable(),
      is_exit_12m: z.boolean(),
      balance_at_exit_fen: fenSum(),
      observed_through: isoDate(),
    })
    .strict(),
  writtenBy: 'run (labels)',
  createdBy: 'query',
  enums: 'enum',
  references: { merchant_id: 'merchants.merchant_id' },
  columns: {
    merchant_id: 'the merchant (merchants.merchant_id)',
    as_of_date: 'the date the label looks forward from',
    label_status: 'good, default, censored (horizon not yet observed) or excluded (in default at the start)',
    default_12m: 'defaulted within 12 months after the as-of date; null when censored or excluded',
    is_censored: 'the 12-month horizon runs past the observed data',
    default_date: 'day of the default, if any',
    default_reason: '90+ days past due, listed as defaulted on the bank’s outcomes list, or an exit with an unpaid balance',
    is_exit_12m: 'the merchant exited (closed, listed as closed, or went silent) within 12 months',
    balance_at_exit_fen: 'unpaid Easy Loan balance at the exit',
    observed_through: 'last day of observed data',
  },
});
