/**
 * `capillary backtest --as-of D --monitoring`: daily monitoring replayed over the book's history,
 * one step every N days from D to the last day observed, judged against what happened. At each
 * step every open line's signals are read (signals.sql, data before the step only) and decided
 * under the policy (engine/credit/monitoring.ts), with the actions of earlier steps held in memory
 * (nothing is written). Then, from the ledger's defaults (90 days past due):
 *   - how many days before default the first warning came (a signal at watch or worse), over all
 *     signals and over the turnover signals alone (the DPD signal warns at the first missed
 *     instalment, 90 days before default by the definition of default);
 *   - the share of defaults warned at least 30 days ahead, and of warned lines that defaulted;
 *   - the loss of the same lines (same approvals) with monitoring's freezes and cuts holding
 *     against them left static (monitoring-replay.ts), LGD × principal outstanding at default.
 *
 * @example
 *   const r = await monitoringBacktest(db, { asOfDate: '2023-01-01', stepDays: 7 });
 *   r.all_signals.median_lead_days; r.loss.saved_fen;
 */
import { addDays, daysBetween } from '../../engine/calendar/days.ts';
import { decideMonitoring, DEFAULT_POLICY, type CreditPolicy, type MonitoringAction, type MonitoringSignal, type Severity } from '../../engine/credit/index.ts';
import type { Database } from '../../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import { championModel, ensureScoreTables } from '../../models/index.ts';
import { lineSignals } from '../monitoring/signals.ts';
import { counterfactualBalance, quartiles, type LedgerPoint, type Restriction } from './monitoring-replay.ts';

export interface MonitoringBacktestOptions {
  asOfDate: string;
  /** Days between monitoring steps (1 = daily; 7 keeps three years fast). */
  stepDays?: number;
  /** Last step no later than this (default: the last day of turnover observed). */
  endDate?: string;
  policy?: CreditPolicy;
  /** The model whose scores give the behavioural PD (default: the champion; null: none). */
  modelId?: string | null;
  onProgress?: ProgressListener;
}

export interface LeadTimes {
  /** Defaults with a warning before them. */
  warned: number;
  median_lead_days: number | null;
  p25_lead_days: number | null;
  p75_lead_days: number | null;
  /** Defaults warned 30 days or more ahead, over all defaults. */
  share_warned_30d: number;
  /**
   * Days from the first warning to the line's first missed instalment (negative: warned after
   * it), median and quartiles over warned defaults: how much earlier than the arrears a
   * collector would see anyway the warning came, beside the 90 days from arrears to default.
   */
  median_before_first_missed_days: number | null;
  p25_before_first_missed_days: number | null;
  p75_before_first_missed_days: number | null;
  /** Lines warned at least once, and the share of them that defaulted after the first warning. */
  warned_lines: number;
  share_of_warned_lines_defaulted: number;
}

export interface MonitoringBacktestResult {
  as_of_date: string;
  end_date: string;
  step_days: number;
  steps: number;
  policy_version: string;
  model_id: string | null;
  lines_monitored: number;
  /** Lines that defaulted after the first step (90 days past due, from the ledger). */
  defaults: number;
  all_signals: LeadTimes;
  /** The same, counting only the signals read from turnover (not PD, not DPD). */
  turnover_signals: LeadTimes;
  /** Actions taken (a line frozen, thawed and frozen again counts twice). */
  actions: Record<Exclude<MonitoringAction, 'none'>, number>;
  /** Each defaulted line: when it defaulted, was first warned (by any signal, by turnover), last drew, and was first frozen. */
  defaulted_lines: {
    line_id: string;
    default_date: string;
    first_warning: string | null;
    first_turnover_warning: string | null;
    last_draw: string | null;
    first_freeze: string | null;
  }[];
  loss: {
    lgd: number;
    static_ead_fen: number;
    monitored_ead_fen: number;
    static_loss_fen: number;
    monitored_loss_fen: number;
    saved_fen: number;
    /** Draws refused on lines that never defaulted: business monitoring would have turned away. */
    blocked_on_good_lines_fen: number;
  };
}

const TURNOVER_SIGNALS: readonly MonitoringSignal[] = ['turnover_drop', 'closed_days', 'turnover_cv', 'refund_surge', 'decline_share'];

interface Held {
  frozen: boolean;
  limit_fen: number | null;
  last_action: string | null;
  last_increase: string | null;
  restrictions: Restriction[];
  first_warning: string | null;
  first_turnover_warning: string | null;
}

export async function monitoringBacktest(db: Database, options: MonitoringBacktestOptions): Promise<MonitoringBacktestResult> {
  const policy = options.policy ?? DEFAULT_POLICY;
  const stepDays = options.stepDays ?? 7;
  if (!Number.isInteger(stepDays) || stepDays < 1) throw new RangeError(`stepDays must be a whole number of days, at least 1 (got ${stepDays})`);
  const progress = options.onProgress ?? silentProgress;
  const observed = (await db.one<{ d: string | null }>('SELECT CAST(max(turnover_date) AS VARCHAR) AS d FROM daily_turnover'))?.d ?? null;
  if (observed === null) throw new Error(`the warehouse ${db.path} has no daily turnover: run the plan through turnover first`);
  const endDate = options.endDate && options.endDate < observed ? options.endDate : observed;
  if (options.asOfDate > endDate) throw new RangeError(`--as-of ${options.asOfDate} is after the last day observed (${endDate})`);
  await ensureScoreTables(db); // signals.sql reads the behavioural PD from scores, empty until a model scores
  const modelId = options.modelId !== undefined ? options.modelId : ((await championModel(db))?.record.model_id ?? null);

  const held = new Map<string, Held>();
  const actions = { watch: 0, reduce_limit: 0, freeze: 0, unfreeze: 0, increase_limit: 0 };
  const dates: string[] = [];
  for (let d = options.asOfDate; d <= endDate; d = addDays(d, stepDays)) dates.push(d);
  const stage = `monitoring backtest ${options.asOfDate} … ${endDate}`;
  for (const [k, date] of dates.entries()) {
    progress({ stage, done: k, total: dates.length, unit: 'steps' });
    for (const row of await lineSignals(db, date, modelId)) {
      let h = held.get(row.line_id);
      if (!h) {
        h = { frozen: false, limit_fen: null, last_action: null, last_increase: null, restrictions: [], first_warning: null, first_turnover_warning: null };
        held.set(row.line_id, h);
      }
      const ledgerFrozen = row.line.status === 'frozen';
      const line = {
        ...row.line,
        status: h.frozen || ledgerFrozen ? ('frozen' as const) : ('open' as const),
        limit_fen: h.limit_fen ?? row.line.limit_fen,
        days_since_action: h.last_action === null ? null : daysBetween(h.last_action, date),
        days_since_increase: h.last_increase === null ? null : daysBetween(h.last_increase, date),
        frozen_by_monitoring: h.frozen,
      };
      const d = decideMonitoring(policy.monitoring, policy.line.max_line_fen, line, row.signals);
      if (d.severity !== null) h.first_warning ??= date;
      if (TURNOVER_SIGNALS.some((s) => warns(policy, s, row.signals[s]))) h.first_turnover_warning ??= date;
      if (d.action === 'none') continue;
      actions[d.action]++;
      if (d.action !== 'unfreeze') h.last_action = date;
      if (d.action === 'freeze') h.frozen = true;
      if (d.action === 'unfreeze') h.frozen = false;
      if (d.action === 'increase_limit') h.last_increase = date;
      // Raises are not played against the ledger (monitoring-replay.ts): the cap stays the lower of the two.
      if (d.action === 'reduce_limit') h.limit_fen = d.limit_fen;
      if (d.action === 'freeze' || d.action === 'unfreeze' || d.action === 'reduce_limit') {
        h.restrictions.push({ from_date: date, frozen: h.frozen, limit_fen: h.limit_fen });
      }
    }
  }
  progress({ stage, done: dates.length, total: dates.length, unit: 'steps' });

  const events = await ledgerOf(db, [...held.keys()]);
  const lgd = policy.expected_loss.lgd;
  const defaultsAt = new Map<string, string>();
  for (const [lineId, list] of events) {
    const def = list.find((e) => e.event_type === 'defaulted' && e.business_date > options.asOfDate && e.business_date <= endDate);
    if (def) defaultsAt.set(lineId, def.business_date);
  }
  const firstMissed = new Map<string, string>();
  for (const lineId of defaultsAt.keys()) {
    const missed = (events.get(lineId) ?? []).find((e) => e.event_type === 'missed');
    if (missed) firstMissed.set(lineId, missed.business_date);
  }
  const loss = { lgd, static_ead_fen: 0, monitored_ead_fen: 0, static_loss_fen: 0, monitored_loss_fen: 0, saved_fen: 0, blocked_on_good_lines_fen: 0 };
  for (const [lineId, h] of held) {
    const list = events.get(lineId) ?? [];
    const defaulted = defaultsAt.get(lineId);
    const c = counterfactualBalance(list, h.restrictions, defaulted ?? endDate);
    if (defaulted) {
      loss.static_ead_fen += c.actual_fen;
      loss.monitored_ead_fen += c.monitored_fen;
    } else {
      loss.blocked_on_good_lines_fen += c.blocked_fen;
    }
  }
  loss.static_loss_fen = Math.round(lgd * loss.static_ead_fen);
  loss.monitored_loss_fen = Math.round(lgd * loss.monitored_ead_fen);
  loss.saved_fen = loss.static_loss_fen - loss.monitored_loss_fen;

  return {
    as_of_date: options.asOfDate,
    end_date: endDate,
    step_days: stepDays,
    steps: dates.length,
    policy_version: policy.version,
    model_id: modelId,
    lines_monitored: held.size,
    defaults: defaultsAt.size,
    all_signals: leadTimes(held, defaultsAt, firstMissed, (h) => h.first_warning),
    turnover_signals: leadTimes(held, defaultsAt, firstMissed, (h) => h.first_turnover_warning),
    actions,
    defaulted_lines: [...defaultsAt].map(([lineId, defaultDate]) => {
      const h = held.get(lineId)!;
      return {
        line_id: lineId,
        default_date: defaultDate,
        first_warning: h.first_warning,
        first_turnover_warning: h.first_turnover_warning,
        last_draw: (events.get(lineId) ?? []).filter((e) => e.event_type === 'drawn').at(-1)?.business_date ?? null,
        first_freeze: h.restrictions.find((r) => r.frozen)?.from_date ?? null,
      };
    }),
    loss,
  };
}

function warns(policy: CreditPolicy, signal: MonitoringSignal, value: number | null): boolean {
  const entry = policy.monitoring.signals.find((s) => s.signal === signal);
  if (!entry || value === null || Number.isNaN(value)) return false;
  return (['watch', 'reduce', 'freeze'] as Severity[]).some((sev) => entry[sev] !== null && value >= entry[sev]!);
}

function leadTimes(held: Map<string, Held>, defaultsAt: Map<string, string>, firstMissed: Map<string, string>, firstWarning: (h: Held) => string | null): LeadTimes {
  const leads: number[] = [];
  const beforeMissed: number[] = [];
  let warnedLines = 0;
  let warnedDefaulted = 0;
  for (const [lineId, h] of held) {
    const warned = firstWarning(h);
    const defaulted = defaultsAt.get(lineId);
    if (warned !== null) warnedLines++;
    if (warned !== null && defaulted && warned <= defaulted) {
      leads.push(daysBetween(warned, defaulted));
      warnedDefaulted++;
      const missed = firstMissed.get(lineId);
      if (missed) beforeMissed.push(daysBetween(warned, missed));
    }
  }
  const q = quartiles(leads);
  const m = quartiles(beforeMissed);
  return {
    warned: leads.length,
    median_lead_days: q?.median ?? null,
    p25_lead_days: q?.p25 ?? null,
    p75_lead_days: q?.p75 ?? null,
    share_warned_30d: defaultsAt.size === 0 ? 0 : leads.filter((d) => d >= 30).length / defaultsAt.size,
    median_before_first_missed_days: m?.median ?? null,
    p25_before_first_missed_days: m?.p25 ?? null,
    p75_before_first_missed_days: m?.p75 ?? null,
    warned_lines: warnedLines,
    share_of_warned_lines_defaulted: warnedLines === 0 ? 0 : warnedDefaulted / warnedLines,
  };
}

/** Each line's events in ledger order (business date, then event id). */
async function ledgerOf(db: Database, lineIds: string[]): Promise<Map<string, LedgerPoint[]>> {
  const out = new Map<string, LedgerPoint[]>();
  if (lineIds.length === 0) return out;
  const wanted = new Set(lineIds);
  const rows = await db.all<{ line_id: string; business_date: string; event_type: string; balance_fen: number }>(
    `SELECT line_id, CAST(business_date AS VARCHAR) AS business_date, CAST(event_type AS VARCHAR) AS event_type, balance_fen
     FROM line_events ORDER BY line_id, business_date, event_id`,
  );
  for (const r of rows) {
    if (!wanted.has(r.line_id)) continue;
    const list = out.get(r.line_id) ?? [];
    list.push({ business_date: r.business_date, event_type: r.event_type, balance_fen: Number(r.balance_fen) });
    out.set(r.line_id, list);
  }
  return out;
}
