/**
 * Option checks shared by the model commands (train, models, score, drift): dates, whole
 * numbers, `--param name=value` pairs and the required `--by` / `--why` of registry changes.
 * Each failure is a UsageError naming the option.
 */
import type { OptionValues } from '../command.ts';
import { UsageError } from '../usage-error.ts';

/** The option's 'YYYY-MM-DD' value, undefined when absent; a bad date is a UsageError. */
export function dateValue(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    throw new UsageError(`--${name}: expected a date YYYY-MM-DD (got '${text}')`);
  }
  return text;
}

export function wholeNumber(values: OptionValues, name: string, fallback: number): number {
  const value = values[name];
  if (value === undefined) return fallback;
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name}: must be a whole number of 0 or more (got '${text}')`);
  return Number(text);
}

/** `--param learningRate=0.05 --param growth=depth` as { learningRate: 0.05, growth: 'depth' }. */
export function parameterValues(values: OptionValues): Record<string, number | string | boolean> {
  const raw = values.param;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const parameters: Record<string, number | string | boolean> = {};
  for (const item of list) {
    const match = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(String(item));
    if (!match) throw new UsageError(`--param: expected NAME=VALUE (got '${String(item)}')`);
    const [, name, text] = match;
    parameters[name] = text === 'true' ? true : text === 'false' ? false : Number.isFinite(Number(text)) ? Number(text) : text;
  }
  return parameters;
}

/** Who and why of a registry change, both required. */
export function actorOf(values: OptionValues): { by: string; why: string } {
  const by = typeof values.by === 'string' ? values.by.trim() : '';
  const why = typeof values.why === 'string' ? values.why.trim() : '';
  if (!by) throw new UsageError('--by NAME is required: the registry records who changed it');
  if (!why) throw new UsageError('--why TEXT is required: the registry records why');
  return { by, why };
}
