/**
 * What a `capillary` sub-command is: its help text, its options (node:util parseArgs) and the
 * function that runs it. Options are checked by the command and reported as UsageError.
 */
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  /** One line for `capillary --help`. */
  summary: string;
  /** Lines of `capillary COMMAND --help`, after the usage line. */
  usage: string;
  options: OptionSpec;
  /** Runs the command; returns the process exit code. */
  run(values: OptionValues, positionals: string[]): Promise<number>;
}

/** Default warehouse, shared by every command that touches it (`--db FILE` overrides). */
export const DEFAULT_DB = 'data/capillary.duckdb';
export const dbOption = { db: { type: 'string', default: DEFAULT_DB } } as const satisfies OptionSpec;
