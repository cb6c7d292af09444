/**
 * What a scoring run writes: `scores` (one row per merchant_id per as_of_date per model_id: the
 * PD, and the scorecard points when the model is a scorecard; the champion's rows are those of
 * the model_registry row whose status is champion) and
 * `score_runs` (one row per run: model, date, method, rows, time), which monitoring reads to
 * find the latest population.
 */
import { z } from 'zod';
import { isoDate, localTimestamp, probability } from './columns.ts';

export const ScoreSchema = z
  .object({
    merchant_id: z.string(),
    as_of_date: isoDate(),
    model_id: z.string(),
    pd: probability(),
    /** Scorecard points; null for tree ensembles. */
    score: z.number().nullable().meta({ sql: 'DOUBLE' }),
    run_id: z.string(),
  })
  .strict();

export const ScoreRunSchema = z
  .object({
    run_id: z.string(),
    model_id: z.string(),
    as_of_date: isoDate(),
    /** 'sql': the compiled expression inside DuckDB; 'typescript': the compiled tree program. */
    method: z.enum(['sql', 'typescript']),
    rows: z.number().int().min(0).meta({ sql: 'BIGINT' }),
    seconds: z.number().min(0).meta({ sql: 'DOUBLE' }),
    scored_at: localTimestamp(),
  })
  .strict();

export type Score = z.infer<typeof ScoreSchema>;
export type ScoreRun = z.infer<typeof ScoreRunSchema>;
export type ScoreMethod = ScoreRun['method'];
