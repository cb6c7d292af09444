/**
 * The book's exposure and IFRS 9 staging as of a date: each line's EAD (price.ts's one formula),
 * stage and ECL, summed over the book and by segment, each sum split by stage. Lines closed,
 * written off or never accepted are not on the book.
 *
 * @example
 *   const book = bookExposure(lines, DEFAULT_POLICY);
 *   book.total.stages.reduce((s, c) => s + c.ead_fen, 0) === book.total.ead_fen; // true
 */
import type { ExposureCell, Ifrs9Stage, StageReason } from '../schema/portfolio-report.ts';
import { eclFen, ifrs9Stage } from './ifrs9.ts';
import type { LineStatus } from './line-state.ts';
import type { CreditPolicy } from './policy.ts';
import { exposureFen } from './price.ts';

export interface BookLine {
  line_id: string;
  segment: string;
  status: LineStatus;
  limit_fen: number;
  balance_fen: number;
  dpd: number;
  /** The model's 12-month PD at the date; null when it has none for the merchant. */
  pd: number | null;
  pd_origination: number | null;
}

export interface LineAssessment {
  line_id: string;
  segment: string;
  limit_fen: number;
  balance_fen: number;
  undrawn_fen: number;
  ead_fen: number;
  stage: Ifrs9Stage;
  reason: StageReason;
  /** The PD the ECL used: the model's, floored; the origination PD or the worst grade's band when it has none. */
  pd: number;
  ecl_fen: number;
}

export interface BookExposure {
  total: ExposureCell;
  by_segment: (ExposureCell & { segment: string })[];
  stage_reasons: Record<StageReason, number>;
  n_lines_without_pd: number;
  n_lines_without_origination_pd: number;
}

const ON_BOOK: ReadonlySet<LineStatus> = new Set(['open', 'frozen', 'defaulted']);

/** Whether a line is on the book: accepted, neither closed nor written off. */
export function isOnBook(status: LineStatus): boolean {
  return ON_BOOK.has(status);
}

/** One line's EAD, stage and ECL. A defaulted line can draw no more: its undrawn part is 0. */
export function assessLine(line: BookLine, policy: CreditPolicy): LineAssessment {
  const { expected_loss: el, ifrs9 } = policy;
  const isDefaulted = line.status === 'defaulted';
  const limit = isDefaulted ? line.balance_fen : line.limit_fen;
  const { undrawn_fen, ead_fen } = exposureFen(limit, line.balance_fen, el.ccf);
  const { stage, reason } = ifrs9Stage({ dpd: line.dpd, is_defaulted: isDefaulted, pd: line.pd, pd_origination: line.pd_origination }, ifrs9);
  const worstBand = policy.grades[policy.grades.length - 1].max_pd;
  const pd = Math.max(el.pd_floor, line.pd ?? line.pd_origination ?? worstBand);
  return {
    line_id: line.line_id, segment: line.segment, limit_fen: line.limit_fen, balance_fen: line.balance_fen,
    undrawn_fen, ead_fen, stage, reason, pd, ecl_fen: eclFen(stage, pd, el.lgd, ead_fen, ifrs9.lifetime_months),
  };
}

export function bookExposure(lines: Iterable<BookLine>, policy: CreditPolicy): BookExposure {
  const assessed: LineAssessment[] = [];
  let withoutPd = 0;
  let withoutOrigination = 0;
  for (const line of lines) {
    if (!isOnBook(line.status)) continue;
    assessed.push(assessLine(line, policy));
    if (line.pd === null) withoutPd += 1;
    if (line.pd_origination === null) withoutOrigination += 1;
  }
  const segments = [...new Set(assessed.map((a) => a.segment))].sort();
  const reasons: Record<StageReason, number> = { performing: 0, pd_increase: 0, dpd_30: 0, dpd_90: 0, defaulted: 0 };
  for (const a of assessed) reasons[a.reason] += 1;
  return {
    total: exposureCell(assessed),
    by_segment: segments.map((segment) => ({ segment, ...exposureCell(assessed.filter((a) => a.segment === segment)) })),
    stage_reasons: reasons,
    n_lines_without_pd: withoutPd,
    n_lines_without_origination_pd: withoutOrigination,
  };
}

/** Sums of assessed lines, split by stage. */
export function exposureCell(lines: readonly LineAssessment[]): ExposureCell {
  const sum = (rows: readonly LineAssessment[], key: 'limit_fen' | 'balance_fen' | 'undrawn_fen' | 'ead_fen' | 'ecl_fen') => rows.reduce((s, r) => s + r[key], 0);
  const limit = sum(lines, 'limit_fen');
  const balance = sum(lines, 'balance_fen');
  const ead = sum(lines, 'ead_fen');
  const ecl = sum(lines, 'ecl_fen');
  return {
    n_lines: lines.length,
    limit_fen: limit,
    balance_fen: balance,
    undrawn_fen: sum(lines, 'undrawn_fen'),
    ead_fen: ead,
    utilisation: limit > 0 ? balance / limit : 0,
    ecl_fen: ecl,
    coverage: ead > 0 ? ecl / ead : 0,
    stages: ([1, 2, 3] as const).map((stage) => {
      const rows = lines.filter((l) => l.stage === stage);
      return { stage, n_lines: rows.length, ead_fen: sum(rows, 'ead_fen'), ecl_fen: sum(rows, 'ecl_fen') };
    }),
  };
}
