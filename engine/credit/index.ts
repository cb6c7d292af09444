/** Easy Loan credit policy: eligibility, line sizing, pricing, expected loss, explanations (pure). */
export * from './policy.ts';
export * from './applicant.ts';
export * from './decision.ts';
export * from './eligibility.ts';
export * from './kernel.ts';
export * from './rules.ts';
export * from './price.ts';
export * from './size.ts';
export * from './line.ts';
export * from './explain.ts';
export * from './portfolio.ts';
export { formatPercent, formatRmb, roundFen } from './money.ts';
export { addDays } from '../calendar/days.ts';
export * from './line-state.ts';
export * from './monitoring-policy.ts';
export * from './monitoring.ts';
export * from './monitoring-words.ts';
export * from './line-interest.ts';
