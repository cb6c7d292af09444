/**
 * Policy rules as data. A policy's eligibility section is a table with one entry per rule: its
 * name, the applicant input it reads, the comparison, the threshold (the policy's figure), the
 * unit its numbers are shown in, and its wording for the credit officer and for the merchant.
 * `compileRules` turns a policy's table into the predicates the one per-row kernel (kernel.ts)
 * runs, and `ruleCheck` renders one rule's outcome in words; nothing else compares an input with
 * a threshold. Adding a rule is one entry in a policy's table.
 *
 * @example
 *   { rule: 'max_current_dpd', input: 'current_dpd', comparison: '<=', threshold: 0, unit: 'count',
 *     officer: 'worst current days past due', merchant: { to_qualify: 'bring your current loan up to date (a repayment is {value} days late)' } }
 */
import { z } from 'zod';
import type { Applicant } from './applicant.ts';
import type { RuleCheck } from './decision.ts';
import { formatPercent, formatRmb } from './money.ts';

/**
 * What a rule may read: an applicant's field, `pd` (the model's PD after the policy's floor),
 * `line` (the line as sized, before any rule on it: such rules are checked after sizing), or
 * any other name: a numeric column of the features table at the as-of date (`applicant.features`).
 */
export const RULE_INPUTS = [
  'segment', 'kyc_tier', 'months_of_turnover', 'turnover_12m_fen', 'monthly_turnover_sa_fen', 'monthly_turnover_cv',
  'current_dpd', 'balance_fen', 'pd', 'line',
] as const;
export type RuleInput = (typeof RULE_INPUTS)[number];
/** Inputs that are words (compared with `in` / `not in` a list); the others are numbers. */
export const TEXT_INPUTS: ReadonlySet<string> = new Set(['segment', 'kyc_tier']);

/** The features (inputs beyond the applicant's own) a policy's rules read, each once, in order. */
export function ruleFeatures(rules: readonly RuleEntry[]): string[] {
  return [...new Set(rules.map((r) => r.input).filter((input) => !(RULE_INPUTS as readonly string[]).includes(input)))];
}

/** A feature the applicant lacks (or holds as null) reads as NaN: it passes no comparison unless the rule says so. */
function featureOf(a: Applicant, name: string): number {
  const v = a.features?.[name];
  return v === null || v === undefined ? Number.NaN : v;
}

export const COMPARISONS = ['>=', '<=', 'in', 'not in'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const RULE_UNITS = ['count', 'fen', 'ratio', 'probability', 'text'] as const;
export type RuleUnit = (typeof RULE_UNITS)[number];

/**
 * A rule's words for the merchant: what would change the answer, or a plain statement when
 * nothing the merchant does would. `{value}` and `{threshold}` in a sentence are replaced by the
 * merchant's figure and the rule's, in the rule's unit.
 */
export const MerchantWordsSchema = z.union([z.object({ to_qualify: z.string().min(1) }).strict(), z.object({ statement: z.string().min(1) }).strict()]);

export const RuleEntrySchema = z
  .object({
    rule: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case name'),
    /** One of RULE_INPUTS, or the name of a feature. */
    input: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be an applicant input or a feature name'),
    comparison: z.enum(COMPARISONS),
    /** A number for >= and <=; the listed values for in and not in. */
    threshold: z.union([z.number(), z.array(z.string().min(1))]),
    unit: z.enum(RULE_UNITS),
    /** What the rule looks at, in the officer's words ("worst current days past due"). */
    officer: z.string().min(1),
    merchant: MerchantWordsSchema,
    /** A rule on a feature: how a merchant without a value fares (a null utilisation means no line). Default: fails. */
    if_missing: z.enum(['pass', 'fail']).optional(),
  })
  .strict();
export type RuleEntry = z.infer<typeof RuleEntrySchema>;

/** A failed-rule mask holds one bit per rule (an Int32Array column in the bulk path). */
export const MAX_RULES = 30;

/** The rule every policy ends with: a line sized below the policy's minimum is not worth opening. */
export function minLineRule(minLineFen: number): RuleEntry {
  return {
    rule: 'min_line',
    input: 'line',
    comparison: '>=',
    threshold: minLineFen,
    unit: 'fen',
    officer: 'line as sized, before the minimum',
    merchant: { to_qualify: 'grow your monthly sales: the line we could offer ({value}) is below our {threshold} minimum' },
  };
}

/** One rule ready to run: its bit in a failed-rule mask and its predicate. */
export interface CompiledRule {
  entry: RuleEntry;
  bit: number;
  /** Checked after sizing (it reads the line). */
  afterSizing: boolean;
  read: (a: Applicant, pd: number, line: number) => number | string;
  passes: (value: number | string) => boolean;
}

export function compileRule(entry: RuleEntry, index: number): CompiledRule {
  const { input, comparison, threshold } = entry;
  const own = (RULE_INPUTS as readonly string[]).includes(input);
  const read: CompiledRule['read'] =
    input === 'pd' ? (_a, pd) => pd : input === 'line' ? (_a, _pd, line) => line : own ? (a) => a[input as keyof Applicant] as number | string : (a) => featureOf(a, input);
  let passes: CompiledRule['passes'];
  if (comparison === 'in' || comparison === 'not in') {
    const listed = new Set(threshold as string[]);
    passes = comparison === 'in' ? (v) => listed.has(v as string) : (v) => !listed.has(v as string);
  } else {
    const t = threshold as number;
    passes = comparison === '>=' ? (v) => (v as number) >= t : (v) => (v as number) <= t;
    if (entry.if_missing === 'pass') {
      const compare = passes;
      passes = (v) => Number.isNaN(v) || compare(v);
    }
  }
  return { entry, bit: 1 << index, afterSizing: input === 'line', read, passes };
}

/** One rule's outcome for one applicant, with its words (the figures in the rule's unit). */
export function ruleCheck(entry: RuleEntry, value: number | string, passed: boolean): RuleCheck {
  const fill = (sentence: string) =>
    sentence.replaceAll('{value}', forMerchant(entry.unit, value)).replaceAll('{threshold}', forMerchant(entry.unit, entry.threshold));
  return {
    rule: entry.rule,
    passed,
    value: Number.isNaN(value) ? '(missing)' : value,
    comparison: entry.comparison,
    threshold: Array.isArray(entry.threshold) ? entry.threshold.join(', ') : entry.threshold,
    unit: entry.unit,
    officer: entry.officer,
    merchant: 'to_qualify' in entry.merchant ? { to_qualify: fill(entry.merchant.to_qualify) } : { statement: fill(entry.merchant.statement) },
  };
}

/** A rule's figure as the officer reads it: fen as RMB, a PD as a percent, ratios to three places. */
export function forOfficer(unit: RuleUnit, value: number | string): string {
  if (typeof value === 'string') return value === '' ? '(none)' : value;
  switch (unit) {
    case 'fen':
      return formatRmb(value);
    case 'probability':
      return formatPercent(value, 3);
    case 'ratio':
      return String(Number(value.toFixed(3)));
    default:
      return String(value);
  }
}

/** A rule's figure as the merchant reads it: RMB, whole percents, words with spaces, lists with "or". */
export function forMerchant(unit: RuleUnit, value: number | string | string[]): string {
  if (Array.isArray(value)) {
    const words = value.map((v) => v.replaceAll('_', ' '));
    return words.length <= 1 ? (words[0] ?? 'none') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  }
  if (typeof value === 'string') return value.replaceAll('_', ' ');
  switch (unit) {
    case 'fen':
      return formatRmb(value);
    case 'ratio':
      return formatPercent(value, 0);
    case 'probability':
      return formatPercent(value, 2);
    default:
      return String(value);
  }
}
