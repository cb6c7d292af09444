/**
 * The registry's records as zod schemas, from which its tables are created: `model_registry`
 * (one row per model: what it is, what it saw, how it did, and the model itself as JSON text)
 * and `model_events` (append-only: registered, promoted, retired, each with who and why).
 * JSON fields are text so the model file round-trips byte for byte.
 */
import { z } from 'zod';
import { isoDate, localTimestamp } from './columns.ts';

export const ModelStatusSchema = z.enum(['candidate', 'champion', 'retired']);
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

export const ModelEventKindSchema = z.enum(['registered', 'promoted', 'retired']);

const jsonText = () => z.string().meta({ sql: 'VARCHAR', format: 'json' });
const rowCount = () => z.number().int().min(0).meta({ sql: 'BIGINT' });

export const ModelRecordSchema = z
  .object({
    model_id: z.string().min(1),
    algorithm: z.enum(['scorecard', 'gbdt', 'forest']),
    status: ModelStatusSchema,
    registered_at: localTimestamp(),
    /** Target column and the value that counted as the event. */
    target: z.string(),
    positive: z.string(),
    /** 'warehouse' or the path of the file trained on. */
    source: z.string(),
    /** 'time' (split by as-of date) or 'random'. */
    split_kind: z.enum(['time', 'random']),
    train_from: isoDate().nullable(),
    train_to: isoDate().nullable(),
    test_from: isoDate().nullable(),
    test_to: isoDate().nullable(),
    n_train: rowCount(),
    n_validation: rowCount(),
    n_test: rowCount(),
    /** Rows, bads and dates of each part (JSON). */
    split: jsonText(),
    data_fingerprint: z.string(),
    seed: z.number().int().meta({ sql: 'BIGINT' }),
    /** Parameters as fitted (JSON object). */
    parameters: jsonText(),
    /** Features the model reads (JSON array of names). */
    features: jsonText(),
    /** Columns dropped before or during fitting, with reasons (JSON). */
    dropped: jsonText(),
    /** TrainingMetrics (JSON). */
    metrics: jsonText(),
    /** The training population's profile for monitoring (JSON). */
    reference: jsonText(),
    /** The model file (models/model serializeModel). */
    model_json: jsonText(),
  })
  .strict();

export const ModelEventSchema = z
  .object({
    model_id: z.string().min(1),
    event: ModelEventKindSchema,
    event_at: localTimestamp(),
    who: z.string().min(1),
    why: z.string().min(1),
  })
  .strict();

export type ModelRecord = z.infer<typeof ModelRecordSchema>;
export type ModelEvent = z.infer<typeof ModelEventSchema>;
