/** Bodies of the data scientists' model routes: the registry, comparisons, promotion, drift. */
import { z } from 'zod';
import { isoDate } from '../../engine/schema/columns.ts';
import { ModelStatusSchema } from '../../models/registry/index.ts';

const modelId = () => z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'a model id from GET /api/v1/models');

export const TestMetricsSchema = z
  .object({ n: z.number().int(), bad_rate: z.number(), auc: z.number(), gini: z.number(), ks: z.number(), brier: z.number(), log_loss: z.number() })
  .strict();

export const ModelSummarySchema = z
  .object({
    model_id: z.string(),
    algorithm: z.enum(['scorecard', 'gbdt', 'forest']),
    status: ModelStatusSchema,
    registered_at: z.string(),
    target: z.string(),
    train_from: isoDate().nullable(),
    train_to: isoDate().nullable(),
    test_from: isoDate().nullable(),
    test_to: isoDate().nullable(),
    n_train: z.number().int(),
    n_test: z.number().int(),
    features: z.array(z.string()),
    test: TestMetricsSchema,
    /** Model AUC over the oracle's (the true PD's) on the test rows; null without the truth. */
    oracle_auc_ratio: z.number().nullable(),
  })
  .strict();
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const ModelListSchema = z.object({ models: z.array(ModelSummarySchema) }).strict();

export const CompareQuerySchema = z.object({ a: modelId(), b: modelId() }).strict();
export const ComparisonSchema = z
  .object({
    a: ModelSummarySchema,
    b: ModelSummarySchema,
    /** b minus a, per test metric (for AUC, Gini, KS higher is better; for Brier and log loss lower). */
    difference: TestMetricsSchema.omit({ n: true }),
    same_test_rows: z.boolean(),
  })
  .strict();

export const ModelParamsSchema = z.object({ model_id: modelId() }).strict();
export const PromoteRequestSchema = z.object({ why: z.string().trim().min(3).max(1000) }).strict();
export const PromoteResultSchema = z.object({ champion: z.string(), replaced: z.string().nullable() }).strict();

export const DriftQuerySchema = z
  .object({ model_id: modelId().optional().describe('default: the champion'), as_of_date: isoDate().optional().describe("default: the model's latest scoring run") })
  .strict();
const Stability = z.object({ index: z.number(), verdict: z.string() }).strict();
export const DriftSchema = z
  .object({ model_id: z.string(), as_of_date: isoDate(), rows: z.number().int(), psi: Stability, csi: z.array(Stability.extend({ feature: z.string() }).strict()) })
  .strict();

export const FeatureExportQuerySchema = z.object({ as_of_date: isoDate(), labels: z.enum(['true', 'false']).default('false') }).strict();
