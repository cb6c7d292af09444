/**
 * `--policy FILE`: an Easy Loan policy read from JSON and validated by engine/credit's
 * parsePolicy; a file that cannot be read, is not JSON or breaks a rule is a UsageError that
 * names the file and every bad field.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, parsePolicy, PolicyError, type CreditPolicy } from '../../engine/credit/index.ts';
import { UsageError } from '../usage-error.ts';

export function readPolicyFile(path: string): CreditPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new UsageError(`--policy: cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`--policy: ${path} is not JSON: ${(cause as Error).message}`);
  }
  try {
    return parsePolicy(json);
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(`--policy: ${path} is not a valid policy:\n  ${error.issues.join('\n  ')}`);
    throw error;
  }
}

/** The policies of repeated `--policy FILE` options, or the default policy alone. */
export function policyValues(value: unknown): CreditPolicy[] {
  const files = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  return files.length === 0 ? [DEFAULT_POLICY] : files.map(readPolicyFile);
}
