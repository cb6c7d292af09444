/**
 * The mapping a bank writes to import its own files: per source, the lake table it feeds, the
 * file (or glob, relative to the mapping file's folder), its encoding and format, and per lake
 * column where the value comes from. Checked with zod; every error names the field.
 *
 * @example
 *   {
 *     "merchant_ids": "registry",
 *     "sources": [{
 *       "table": "settlements", "file": "流水/*.csv", "encoding": "gb18030", "format": "csv",
 *       "columns": {
 *         "merchant_id": "商户号",
 *         "settlement_date": { "from": "交易日期", "format": "%Y%m%d" },
 *         "gross_fen": { "from": "交易金额", "unit": "yuan" },
 *         "n_refunds": { "default": 0 }
 *       }
 *     }]
 *   }
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const IMPORT_TABLES = ['merchants', 'payments', 'settlements', 'outcomes'] as const;
export type ImportTable = (typeof IMPORT_TABLES)[number];

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Where one lake column's value comes from: a source column name, or a rule. */
export const ColumnRuleSchema = z.union([
  z.string().min(1),
  z
    .object({
      /** The source column; omit with a default to give every row the default. */
      from: z.string().min(1).optional(),
      /** strptime format of a date or timestamp, e.g. %Y/%m/%d or %Y%m%d. */
      format: z.string().min(2).optional(),
      /** Amounts in yuan become whole fen, exactly (a fraction of a fen quarantines the row). */
      unit: z.enum(['yuan', 'fen']).optional(),
      /** The bank's codes and the lake's values; a code not listed quarantines its row. */
      values: z.record(z.string(), scalar).optional(),
      /** The value when the source column is absent or its cell empty. */
      default: scalar.optional(),
    })
    .strict()
    .refine((rule) => rule.from !== undefined || rule.default !== undefined, 'give "from" (a source column) or "default"'),
]);
export type ColumnRule = z.infer<typeof ColumnRuleSchema>;

export const SourceSchema = z
  .object({
    table: z.enum(IMPORT_TABLES),
    /** A file or glob, relative to the mapping file's folder. */
    file: z.string().min(1),
    encoding: z.enum(['utf-8', 'gb18030']).default('utf-8'),
    format: z.enum(['csv', 'tsv', 'parquet', 'xlsx']),
    /** The worksheet of an xlsx file (required for xlsx). */
    sheet: z.string().min(1).optional(),
    columns: z.record(z.string(), ColumnRuleSchema),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.format === 'xlsx' && source.sheet === undefined) ctx.addIssue({ code: 'custom', path: ['sheet'], message: 'required for an xlsx file' });
    if (source.format !== 'xlsx' && source.sheet !== undefined) ctx.addIssue({ code: 'custom', path: ['sheet'], message: 'only for an xlsx file' });
    if (source.format === 'parquet' && source.encoding !== 'utf-8') ctx.addIssue({ code: 'custom', path: ['encoding'], message: 'Parquet text is always utf-8' });
  });
export type Source = z.infer<typeof SourceSchema>;

export const MappingSchema = z
  .object({
    /**
     * How the bank's merchant ids become the lake's (`M` and 8 digits): `lake` — they already
     * are; `digits` — ids of 1 to 8 digits become M and the zero-padded number; `registry` —
     * the merchants source's ids, sorted, are numbered M00000001, M00000002, ... and the
     * crosswalk is written beside the lake (`_merchant_ids/merchant_ids.parquet`).
     */
    merchant_ids: z.enum(['lake', 'digits', 'registry']).default('lake'),
    /**
     * With `registry`: the crosswalk an earlier import wrote (relative to the mapping's folder).
     * Its ids keep their numbers and new ones are numbered after them, so a registry that grows
     * never renumbers a merchant already loaded.
     */
    merchant_id_crosswalk: z.string().min(1).optional(),
    sources: z.array(SourceSchema).min(1),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    if (mapping.merchant_ids === 'registry' && !mapping.sources.some((s) => s.table === 'merchants')) {
      ctx.addIssue({ code: 'custom', path: ['merchant_ids'], message: '"registry" numbers the ids of a merchants source; add one' });
    }
    if (mapping.merchant_id_crosswalk !== undefined && mapping.merchant_ids !== 'registry') {
      ctx.addIssue({ code: 'custom', path: ['merchant_id_crosswalk'], message: 'only with "merchant_ids": "registry"' });
    }
    if (mapping.sources.some((s) => s.table === 'payments') && mapping.sources.some((s) => s.table === 'settlements')) {
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'a lake holds payments or settlements, not both' });
    }
  });
export type Mapping = z.infer<typeof MappingSchema>;

/** A mapping that is not valid: one line per problem, each naming its field. */
export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`the mapping is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'MappingError';
  }
}

export function fieldName(path: PropertyKey[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '');
}

export function parseMapping(value: unknown): Mapping {
  const parsed = MappingSchema.safeParse(value);
  if (!parsed.success) throw new MappingError(parsed.error.issues.flatMap((issue) => describeIssue(issue, [])));
  return parsed.data;
}

type Issue = z.core.$ZodIssue;

/**
 * A column rule is a name or an object: when neither fits, the object's own problems are the
 * useful ones (`...gross_fen.unit: ...`), not zod's bare "Invalid input" for the union.
 */
function describeIssue(issue: Issue, prefix: PropertyKey[]): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = issue.errors.find((issues) => issues.some((i) => i.path.length > 0 || i.code !== 'invalid_type')) ?? issue.errors[0];
    return branch.flatMap((inner) => describeIssue(inner, path));
  }
  return [`${fieldName(path) || '(mapping)'}: ${issue.message}`];
}

export function readMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new MappingError([`${path}: cannot be read (${(cause as Error).message})`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new MappingError([`${path}: not JSON (${(cause as Error).message})`]);
  }
  return parseMapping(value);
}
