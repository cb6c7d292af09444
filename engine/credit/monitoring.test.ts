import { describe, expect, it } from 'vitest';
import { decideMonitoring, parseReasonText, reasonText, type LineSignals, type MonitoredLine } from './monitoring.ts';
import { DEFAULT_MONITORING } from './monitoring-policy.ts';
import { actionOfEvent, monitoringWords } from './monitoring-words.ts';
import { DEFAULT_POLICY, parsePolicy, PolicyError } from './policy.ts';

const MAX = DEFAULT_POLICY.line.max_line_fen;
const quiet: LineSignals = { turnover_drop: 0, closed_days: 0, turnover_cv: 0.2, refund_surge: 0, decline_share: 0.01, pd: 0.03, dpd: 0 };
const line = (over: Partial<MonitoredLine> = {}): MonitoredLine => ({
  status: 'open', limit_fen: 10_000_000, balance_fen: 3_000_000, days_open: 100,
  days_since_action: null, days_since_increase: null, frozen_by_monitoring: false, ...over,
});
const decide = (l: MonitoredLine, s: Partial<LineSignals>) => decideMonitoring(DEFAULT_MONITORING, MAX, l, { ...quiet, ...s });

describe('monitoring decision', () => {
  it('leaves a quiet line alone', () => {
    expect(decide(line(), {})).toMatchObject({ action: 'none', event_type: null, severity: null, reasons: [], limit_fen: 10_000_000 });
  });

  it('watches, then does not repeat the watch within the policy’s days', () => {
    expect(decide(line(), { turnover_drop: 0.35 })).toMatchObject({ action: 'watch', event_type: 'watched', reasons: ['turnover_drop'] });
    expect(decide(line({ days_since_action: 10 }), { turnover_drop: 0.35 })).toMatchObject({ action: 'none', severity: 'watch', reasons: ['turnover_drop'] });
    expect(decide(line({ days_since_action: 28 }), { turnover_drop: 0.35 }).action).toBe('watch');
  });

  it('reduces the limit to its share, never below the balance', () => {
    expect(decide(line(), { closed_days: 13 })).toMatchObject({ action: 'reduce_limit', event_type: 'limit_changed', limit_fen: 5_000_000 });
    expect(decide(line({ balance_fen: 7_250_000 }), { closed_days: 13 }).limit_fen).toBe(7_300_000);
    // Drawn to the limit: nothing left to cut, so the line is watched instead.
    expect(decide(line({ balance_fen: 10_000_000 }), { closed_days: 13 }).action).toBe('watch');
    // Cut lately: left to settle, not cut again.
    expect(decide(line({ limit_fen: 5_000_000, days_since_action: 7 }), { closed_days: 13 })).toMatchObject({ action: 'none', severity: 'reduce' });
  });

  it('freezes on the worst signal, naming every signal at freeze', () => {
    const d = decide(line(), { turnover_drop: 0.7, closed_days: 20, pd: 0.1 });
    expect(d).toMatchObject({ action: 'freeze', event_type: 'frozen', severity: 'freeze', reasons: ['turnover_drop', 'closed_days'] });
    expect(decide(line(), { dpd: 30 }).action).toBe('freeze');
  });

  it('thaws a monitoring freeze only at watch or calmer, and never an officer’s', () => {
    const frozen = line({ status: 'frozen', frozen_by_monitoring: true });
    expect(decide(frozen, { turnover_drop: 0.5 }).action).toBe('none');
    expect(decide(frozen, { turnover_drop: 0.35 })).toMatchObject({ action: 'unfreeze', event_type: 'unfrozen', reasons: ['signals_eased'] });
    expect(decide(line({ status: 'frozen', frozen_by_monitoring: false }), {}).action).toBe('none');
  });

  it('raises a used line in good standing, capped and spaced', () => {
    const good = line({ balance_fen: 7_000_000, days_open: 200 });
    expect(decide(good, { pd: 0.01 })).toMatchObject({ action: 'increase_limit', reasons: ['good_standing'], limit_fen: 12_000_000 });
    expect(decide({ ...good, days_since_increase: 30 }, { pd: 0.01 }).action).toBe('none');
    expect(decide(good, { pd: 0.05 }).action).toBe('none');
    expect(decide(good, { pd: null }).action).toBe('none');
    expect(decideMonitoring(DEFAULT_MONITORING, 11_000_000, good, { ...quiet, pd: 0.01 }).limit_fen).toBe(11_000_000);
  });

  it('ignores lines that are not open or frozen, and signals without a value', () => {
    expect(decide(line({ status: 'defaulted' }), { dpd: 95 }).action).toBe('none');
    expect(decide(line(), { turnover_drop: null, closed_days: Number.NaN }).action).toBe('none');
  });
});

describe('monitoring reasons', () => {
  it('store codes with their figures and read back', () => {
    const text = reasonText(['turnover_drop', 'closed_days', 'signals_eased'], { turnover_drop: 0.64321, closed_days: 9 });
    expect(text).toBe('turnover_drop=0.6432,closed_days=9,signals_eased');
    expect(parseReasonText(text)).toEqual({ codes: ['turnover_drop', 'closed_days', 'signals_eased'], values: { turnover_drop: 0.6432, closed_days: 9 } });
    expect(parseReasonText('the officer spoke to the owner')).toEqual({ codes: [], values: {} });
  });

  it('render in the officer’s and the merchant’s words', () => {
    const w = monitoringWords(DEFAULT_MONITORING, 'freeze', ['turnover_drop', 'dpd'], { turnover_drop: 0.64, dpd: 31 });
    expect(w.officer[0]).toBe('turnover_drop: fall of 28-day turnover below its seasonal baseline = 0.64 (watch 0.3, reduce 0.45, freeze 0.6)');
    expect(w.merchant).toBe(
      'We have paused new drawing on your Easy Loan line; your repayments continue as agreed. This is because your sales over the last four weeks were 64% below your usual level for the season; a repayment is 31 days late.',
    );
    expect(monitoringWords(DEFAULT_MONITORING, 'increase_limit', ['good_standing']).merchant).toMatch(/^Good news: .*you have used and repaid your line well\.$/);
    expect(monitoringWords(DEFAULT_MONITORING, 'watch', ['gone_signal']).officer).toEqual(['gone_signal: (not in policy)']);
    expect(actionOfEvent('limit_changed', ['good_standing'])).toBe('increase_limit');
    expect(actionOfEvent('limit_changed', ['pd'])).toBe('reduce_limit');
  });
});

describe('monitoring policy', () => {
  it('is part of the default policy, and an older policy reads with the default terms', () => {
    expect(DEFAULT_POLICY.version).toBe('easy-loan-2025.3');
    const { monitoring: _, ...older } = structuredClone(DEFAULT_POLICY);
    expect(parsePolicy(older).monitoring).toEqual(DEFAULT_MONITORING);
  });

  it('refuses bad terms naming the field', () => {
    const p = structuredClone(DEFAULT_POLICY) as any;
    p.monitoring.reduce_to_share = 1.5;
    p.monitoring.signals[0].reduce = 0.1; // below its watch level
    p.monitoring.signals[1].signal = 'turnover_drop';
    p.monitoring.increase.max_pd = 2;
    let issues: string[] = [];
    try {
      parsePolicy(p);
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      issues = (e as PolicyError).issues;
    }
    expect(issues).toEqual([
      'monitoring.reduce_to_share: must be below 1 (a cut, not a raise)',
      'monitoring.increase.max_pd: Too big: expected number to be <=1',
      'monitoring.signals.0: turnover_drop: levels must not fall from watch to reduce to freeze',
      'monitoring.signals.1.signal: duplicate signal turnover_drop',
    ]);
  });
});
