/**
 * The tables an offers run uses beside `offers` (whose queries are all in ./store): its
 * `offer_runs` row and the temporary tables it fills on the way.
 */
import { OFFER_RUNS } from '../../engine/warehouse/index.ts';

export const OFFER_RUNS_TABLE = OFFER_RUNS.name;
export const KEPT_DECISIONS_TABLE = 'offer_kept_decisions';

/**
 * The temporary tables a run fills between its applicants and its slice (offer-rows.sql): each
 * applicant's figures from TypeScript, the policy's grades by index, failing rules by mask, and
 * the officers' decisions kept from the slice being replaced (kept-decisions.ts).
 */
export const DECISION_TABLES_SQL = `
  CREATE OR REPLACE TEMP TABLE offer_figures (merchant_key INTEGER, outcome INTEGER, grade_index INTEGER, pd DOUBLE,
    line_fen DOUBLE, annual_rate DOUBLE, ead_fen DOUBLE, expected_loss_fen DOUBLE, failed_mask INTEGER);
  CREATE OR REPLACE TEMP TABLE offer_grades (grade_index INTEGER, grade VARCHAR);
  CREATE OR REPLACE TEMP TABLE offer_rule_masks (failed_mask INTEGER, rules VARCHAR);
  CREATE OR REPLACE TEMP TABLE ${KEPT_DECISIONS_TABLE} (merchant_id VARCHAR, status VARCHAR, line_fen BIGINT, decided_by VARCHAR,
    decided_at TIMESTAMP, officer_note VARCHAR, decided_outcome VARCHAR, decided_grade VARCHAR, decided_line_fen BIGINT, decided_rate DOUBLE);`;
