/**
 * Portfolio summary of many decisions: counts, approval rate, total lines, exposure and
 * expected loss, overall and by segment and grade; declines counted by failing rule.
 * Sums stay exact in doubles up to 2^53 fen (≈ RMB 90 trillion).
 *
 * @example
 *   summarise(decisions).by_grade.A.total_line_fen;
 */
import type { Decision, Rule } from './decision.ts';

export interface PortfolioCell {
  n: number;
  n_offers: number;
  n_declines: number;
  /** Offers over decisions; 0 for an empty cell. */
  approval_rate: number;
  total_line_fen: number;
  total_ead_fen: number;
  total_expected_loss_fen: number;
  /** Expected loss over EAD among offers; 0 without exposure. */
  expected_loss_rate: number;
  /** Mean PD among offers; 0 without offers. */
  mean_pd_offers: number;
}

export interface PortfolioSummary extends PortfolioCell {
  by_segment: Record<string, PortfolioCell>;
  /** Declines beyond every grade band sit under 'ungraded'. */
  by_grade: Record<string, PortfolioCell>;
  /** Declines naming each rule (a decline may name several). */
  declines_by_rule: Partial<Record<Rule, number>>;
}

interface Acc extends PortfolioCell {
  sum_pd: number;
}

const empty = (): Acc => ({
  n: 0, n_offers: 0, n_declines: 0, approval_rate: 0, total_line_fen: 0, total_ead_fen: 0,
  total_expected_loss_fen: 0, expected_loss_rate: 0, mean_pd_offers: 0, sum_pd: 0,
});

function add(acc: Acc, d: Decision): void {
  acc.n += 1;
  if (d.outcome === 'offer') {
    acc.n_offers += 1;
    acc.total_line_fen += d.line_fen;
    acc.total_ead_fen += d.ead_fen;
    acc.total_expected_loss_fen += d.expected_loss_fen;
    acc.sum_pd += d.pd;
  } else {
    acc.n_declines += 1;
  }
}

function finish({ sum_pd, ...c }: Acc): PortfolioCell {
  return {
    ...c,
    approval_rate: c.n > 0 ? c.n_offers / c.n : 0,
    expected_loss_rate: c.total_ead_fen > 0 ? c.total_expected_loss_fen / c.total_ead_fen : 0,
    mean_pd_offers: c.n_offers > 0 ? sum_pd / c.n_offers : 0,
  };
}

export function summarise(decisions: Iterable<Decision>): PortfolioSummary {
  const all = empty();
  const bySegment = new Map<string, Acc>();
  const byGrade = new Map<string, Acc>();
  const declinesByRule: Partial<Record<Rule, number>> = {};
  const cell = (m: Map<string, Acc>, key: string) => m.get(key) ?? m.set(key, empty()).get(key)!;
  for (const d of decisions) {
    add(all, d);
    add(cell(bySegment, d.segment), d);
    add(cell(byGrade, d.grade ?? 'ungraded'), d);
    if (d.outcome === 'decline') for (const f of d.failed) declinesByRule[f.rule] = (declinesByRule[f.rule] ?? 0) + 1;
  }
  const table = (m: Map<string, Acc>) =>
    Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, finish(v)]));
  return { ...finish(all), by_segment: table(bySegment), by_grade: table(byGrade), declines_by_rule: declinesByRule };
}
