/**
 * The JSON contract of a stored model, as zod schemas: a model file read back from disk or
 * the registry is checked here before anything scores with it, so a truncated or hand-edited
 * file fails with the path of the bad field instead of scoring nonsense.
 */
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const BinSchema = z.object({
  kind: z.enum(['range', 'categories', 'special', 'missing']),
  label: z.string(),
  lower: finite.nullable().optional(),
  upper: finite.nullable().optional(),
  categories: z.array(z.string()).optional(),
  isOther: z.boolean().optional(),
  values: z.array(finite).optional(),
  good: finite,
  bad: finite,
  woe: finite,
  iv: finite,
});

export const BinningSchema = z.object({
  feature: z.string(),
  type: z.enum(['numeric', 'categorical']),
  bins: z.array(BinSchema).min(1),
  iv: finite,
  monotonicity: z.enum(['increasing', 'decreasing', 'none']),
});

export const ScorecardSchema = z.object({
  kind: z.literal('scorecard'),
  intercept: finite,
  characteristics: z
    .array(z.object({ feature: z.string(), binning: BinningSchema, coefficient: finite, points: z.array(finite) }))
    .min(1)
    .refine((cs) => cs.every((c) => c.points.length === c.binning.bins.length), 'points must align with bins'),
  scaling: z.object({ baseScore: finite, baseOdds: finite, pdo: finite, factor: finite, offset: finite }),
  fit: z.object({ iterations: z.number().int(), converged: z.boolean(), logLikelihood: finite, standardErrors: z.array(z.number()) }),
  dropped: z.array(z.object({ feature: z.string(), reason: z.string() })),
});

export const FeatureBinsSchema = z.object({
  feature: z.string(),
  type: z.enum(['numeric', 'categorical']),
  nBins: z.number().int().min(2).max(255),
  uppers: z.array(finite).optional(),
  categories: z.array(z.array(z.string())).optional(),
  otherBin: z.number().int().optional(),
});

export const TreeSchema = z
  .object({
    feature: z.array(z.number().int()),
    threshold: z.array(z.number().int()),
    missingLeft: z.array(z.boolean()),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(finite),
  })
  .refine((t) => [t.threshold, t.missingLeft, t.left, t.right, t.value].every((a) => a.length === t.feature.length), 'tree arrays differ in length');

export const TreeEnsembleSchema = z.object({
  kind: z.enum(['gbdt', 'forest']),
  features: z.array(FeatureBinsSchema).min(1),
  baseScore: finite,
  trees: z.array(TreeSchema).min(1),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  training: z.object({
    rows: z.number().int(),
    trees: z.number().int(),
    validationLogLoss: z.array(finite),
    bestIteration: z.number().int(),
    seconds: finite,
  }),
});

export const ModelSchema = z.union([ScorecardSchema, TreeEnsembleSchema]);

/** The file around a model: a format tag and version, so a future layout can still read old files. */
export const ModelFileSchema = z.object({
  format: z.literal('capillary.model'),
  version: z.literal(1),
  model: ModelSchema,
});
