/**
 * What every training source hands to the training flow: the dataset (features and a 0/1
 * target), plus, row by row, what is not a feature but matters for honest validation — the
 * as-of date (to split by time), the entity id, and the simulator's true PD when the truth is
 * there (for the oracle; it never reaches a model).
 */
import type { Dataset } from '../data/frame.ts';

export interface DroppedColumn {
  feature: string;
  reason: string;
}

export interface Truth {
  /** True 12-month PD (NaN where unknown). */
  pd: Float64Array;
  /** 1 when the entity truly failed within the 12 months (the event the PD is the probability of). */
  event: Uint8Array;
}

export interface LabelledTable {
  data: Dataset;
  /** Name of the target column, and the value that counted as the event (1). */
  target: string;
  positive: string;
  /** As-of date per row ('YYYY-MM-DD'), or null when the data has no date. */
  dates: string[] | null;
  /** The entity (merchant) each row describes, or null: rows of one entity share its future. */
  entities: string[] | null;
  /** The simulator's truth per row, or null when none is available (evaluation only). */
  truth: Truth | null;
  /** Where the rows came from: 'warehouse' or a file path. */
  source: string;
  /** Columns read but not usable as features, each with why. */
  dropped: DroppedColumn[];
  /** What the reader noticed and kept (columns read as text, probable identifiers), for the report. */
  notes?: string[];
}
