/**
 * Options of a simulation run, validated once for the CLI, the API and code alike. Errors name
 * the option and the reason.
 */
import { z } from 'zod';
import { addDays, calendarYears } from '../calendar/index.ts';
import { RepaymentModeSchema } from '../schema/line-event.ts';

export const GRAINS = ['payment', 'settlement'] as const;

export const SimulationOptionsSchema = z
  .object({
    merchants: z.number().int('must be a whole number').min(1, 'must be at least 1').max(3_000_000, 'must be at most 3,000,000'),
    days: z.number().int('must be a whole number').min(1, 'must be at least 1').max(3650, 'must be at most 3650 (ten years)'),
    start: z.iso.date('must be a date YYYY-MM-DD'),
    seed: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(2 ** 31 - 1, 'must be below 2^31'),
    grain: z.enum(GRAINS, { error: `must be one of ${GRAINS.join(', ')}` }),
    out: z.string().min(1, 'must name a folder'),
    /** Replace an existing lake at `out` once the new one is complete. */
    overwrite: z.boolean().default(false),
    /** How the Easy Loan book's lines are repaid: the same merchants and draws either way. */
    repayment: z.enum(RepaymentModeSchema.options, { error: `must be one of ${RepaymentModeSchema.options.join(', ')}` }).default('instalments'),
  })
  .strict()
  .superRefine((options, ctx) => {
    const [first, last] = calendarYears();
    if (Number(options.start.slice(0, 4)) < first) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: `must be in ${first} or later (the holiday calendar's range)` });
    }
    const end = addDays(options.start, options.days - 1);
    if (Number(end.slice(0, 4)) > last) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: `runs to ${end}, past the holiday calendar (it ends in ${last})` });
    }
  });

export type SimulationOptions = z.input<typeof SimulationOptionsSchema>;
export type ValidSimulationOptions = z.output<typeof SimulationOptionsSchema>;

/** Validates options; throws one error listing every bad option as `--name: reason`. */
export function parseSimulationOptions(input: unknown): ValidSimulationOptions {
  const result = SimulationOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `--${issue.path.join('.') || 'options'}: ${issue.message}`);
  throw new InvalidOptionsError(problems);
}

export class InvalidOptionsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join('; '));
    this.name = 'InvalidOptionsError';
    this.problems = problems;
  }
}
