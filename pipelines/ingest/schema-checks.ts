/**
 * Row checks derived from a record's zod schema: required columns, allowed values, numeric
 * ranges, string lengths and patterns. Each check is a SQL predicate that is true when a row
 * breaks it, with the reason stored beside a quarantined row. The SQL holds only schema
 * constants (column names, bounds, allowed values), never data.
 *
 * @example
 *   schemaChecks(PaymentSchema) // [{ column: 'payment_id', bad: '"payment_id" IS NULL', reason: 'payment_id: missing' }, ...]
 */
import type { z } from 'zod';
import { columnsOf, literal, quote, type ColumnSpec } from '../../engine/db/index.ts';

export interface RowCheck {
  /** SQL that is true when the row breaks the check (columns referenced by quoted name). */
  bad: string;
  reason: string;
}

interface ZodCheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

type ZodNode = { _zod: { def: { type: string; innerType?: ZodNode; checks?: { _zod: { def: ZodCheckDef } }[] } } };

/** Checks on every column of `schema`, in declaration order (the first failing one is reported). */
export function schemaChecks(schema: z.ZodObject): RowCheck[] {
  const specs = new Map(columnsOf(schema).map((spec) => [spec.name, spec]));
  const checks: RowCheck[] = [];
  for (const [name, field] of Object.entries(schema.shape)) {
    checks.push(...columnChecks(specs.get(name)!, field as unknown as ZodNode));
  }
  return checks;
}

function columnChecks(spec: ColumnSpec, field: ZodNode): RowCheck[] {
  const column = quote(spec.name);
  const checks: RowCheck[] = [];
  if (!spec.nullable) checks.push({ bad: `${column} IS NULL`, reason: `${spec.name}: missing` });
  if (spec.values) {
    checks.push({ bad: `${column} NOT IN (${spec.values.map(literal).join(', ')})`, reason: `${spec.name}: not one of ${spec.values.join(', ')}` });
  }
  let node = field;
  while (node._zod.def.innerType && ['nullable', 'optional', 'default'].includes(node._zod.def.type)) node = node._zod.def.innerType;
  const isText = spec.sqlType === 'VARCHAR';
  const isNumber = ['BIGINT', 'INTEGER', 'DOUBLE'].includes(spec.sqlType);
  for (const { _zod } of node._zod.def.checks ?? []) {
    const def = _zod.def;
    if (def.check === 'min_length' && isText && def.minimum !== undefined) {
      checks.push({ bad: `length(${column}) < ${def.minimum}`, reason: `${spec.name}: shorter than ${def.minimum} characters` });
    } else if (def.check === 'max_length' && isText && def.maximum !== undefined) {
      checks.push({ bad: `length(${column}) > ${def.maximum}`, reason: `${spec.name}: longer than ${def.maximum} characters` });
    } else if (def.check === 'string_format' && isText && def.format === 'regex' && def.pattern) {
      checks.push({ bad: `NOT regexp_full_match(${column}, ${literal(def.pattern.source)})`, reason: `${spec.name}: does not match ${def.pattern.source}` });
    } else if (def.check === 'greater_than' && isNumber && def.value !== undefined) {
      checks.push({ bad: `${column} ${def.inclusive ? '<' : '<='} ${number(def.value)}`, reason: `${spec.name}: must be ${def.inclusive ? '>=' : '>'} ${def.value}` });
    } else if (def.check === 'less_than' && isNumber && def.value !== undefined) {
      checks.push({ bad: `${column} ${def.inclusive ? '>' : '>='} ${number(def.value)}`, reason: `${spec.name}: must be ${def.inclusive ? '<=' : '<'} ${def.value}` });
    }
  }
  return dropImplied(checks);
}

/** `min(0)` then `min(1)` on the same column: keep the stricter bound only. */
function dropImplied(checks: RowCheck[]): RowCheck[] {
  const lower = checks.filter((check) => /must be >=? /.test(check.reason));
  if (lower.length < 2) return checks;
  const strictest = lower.reduce((a, b) => (boundOf(b) > boundOf(a) ? b : a));
  return checks.filter((check) => !lower.includes(check) || check === strictest);
}

function boundOf(check: RowCheck): number {
  return Number(/must be >=? (-?[\d.]+)/.exec(check.reason)?.[1] ?? Number.NEGATIVE_INFINITY);
}

function number(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`schema bound ${value} is not a finite number`);
  return String(value);
}
