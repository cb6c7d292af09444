/**
 * The officers' monitoring desk: the watch list (lines by signal, from the latest monitoring
 * run), the collections queue (lines by days-past-due bucket), one line with its turnover, its
 * ledger (monitoring's reasons rendered in words when read) and its audit trail, and the
 * officer's actions on it. An action is one transaction: the audit entry and, when it changes
 * the line (an override of a freeze or a limit change), the ledger event through the one writer
 * (pipelines/lines/append-events.ts, source 'officer'). Actions on one line take turns.
 *
 * @example
 *   await desk.act('L00000042', { action: 'override', reason: 'owner on holiday, shop reopens Monday' }, 'ann', requestId);
 */
import { actionOfEvent, DEFAULT_POLICY, monitoringWords, parseReasonText, type CreditPolicy } from '../../engine/credit/index.ts';
import { addDays } from '../../engine/calendar/days.ts';
import { cstTimestamp, sortableId, type Database } from '../../engine/db/index.ts';
import type { AuditEntry } from '../../engine/schema/audit-entry.ts';
import type { LineEvent } from '../../engine/schema/line-event.ts';
import type { LineSignalsRow } from '../../engine/schema/monitoring.ts';
import { appendToLine, LineAppendError, lineEvents } from '../../pipelines/lines/append-events.ts';
import { replayLine } from '../../engine/credit/line-state.ts';
import { lineStateSql } from '../../pipelines/lines/line-state.ts';
import { readSql } from '../../pipelines/sql-file.ts';
import { KeyedMutex } from '../http/keyed-mutex.ts';
import { ApiProblem } from '../http/problem.ts';
import { writeOnce } from '../http/write.ts';
import { AUDIT_COLUMNS, insertAudit } from '../reviews/audit-log.ts';
import type { BusinessDate } from '../offers/business-date.ts';
import { DPD_BUCKETS, type CollectionItem, type Collections, type LedgerEntry, type LineActionRequest, type LineActionResult, type MonitoredLineView, type WatchItem, type WatchList } from './schemas.ts';

const WATCH_SQL = readSql(import.meta.url, 'watch-list.sql', { line_state: lineStateSql() });
const COLLECTIONS_SQL = readSql(import.meta.url, 'collections.sql', { line_state: lineStateSql() });
const SIGNAL_COLUMNS = `line_id, merchant_id, CAST(as_of_date AS VARCHAR) AS as_of_date, turnover_drop, closed_days, turnover_cv, refund_surge,
  decline_share, pd, dpd, severity, action, reason, limit_before_fen, limit_after_fen, balance_fen`;
/** Days of turnover a line's page charts. */
const TURNOVER_DAYS = 180;

export class MonitoringDesk {
  private readonly locks = new KeyedMutex();

  constructor(private readonly db: Database, private readonly today: BusinessDate, private readonly policy: CreditPolicy = DEFAULT_POLICY) {}

  async watchList(query: { signal?: string; limit: number }): Promise<WatchList> {
    if (!(await this.db.exists('line_signals'))) return { as_of_date: null, items: [] };
    const items = await this.db.all<WatchItem>(WATCH_SQL, { signal: query.signal ?? '', limit: query.limit, as_of_date: await this.stateDate() });
    const run = await this.db.one<{ d: string | null }>('SELECT CAST(max(as_of_date) AS VARCHAR) AS d FROM line_signals');
    return { as_of_date: run?.d ?? null, items: items.map(numbers) };
  }

  async collections(query: { bucket?: string }): Promise<Collections> {
    const all = (await this.db.all<CollectionItem>(COLLECTIONS_SQL, { bucket: '', as_of_date: await this.stateDate() })).map(numbers);
    const buckets = DPD_BUCKETS.map((bucket) => {
      const rows = all.filter((r) => r.bucket === bucket);
      return { bucket, lines: rows.length, balance_fen: rows.reduce((sum, r) => sum + r.balance_fen, 0) };
    });
    return { buckets, items: query.bucket ? all.filter((r) => r.bucket === query.bucket) : all };
  }

  async line(lineId: string): Promise<MonitoredLineView> {
    const events = await lineEvents(this.db, lineId);
    if (events.length === 0) throw new ApiProblem(404, `no line ${lineId}`);
    const state = replayLine(events);
    const signals = (await this.db.exists('line_signals'))
      ? ((await this.db.one<LineSignalsRow>(`SELECT ${SIGNAL_COLUMNS} FROM line_signals WHERE line_id = $id ORDER BY as_of_date DESC LIMIT 1`, { id: lineId })) ?? null)
      : null;
    const today = await this.today();
    const turnover = !(await this.db.exists('daily_turnover')) ? [] : await this.db.all<{ turnover_date: string; net_fen: number; n_payments: number }>(
      `SELECT CAST(turnover_date AS VARCHAR) AS turnover_date, net_fen, n_payments FROM daily_turnover
       WHERE merchant_key = (SELECT merchant_key FROM merchants WHERE merchant_id = $m) AND turnover_date >= CAST($from AS DATE) AND turnover_date <= CAST($to AS DATE) ORDER BY turnover_date`,
      { m: state.merchant_id, from: addDays(today, -TURNOVER_DAYS), to: today },
    );
    const audit = await this.db.all<AuditEntry>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE line_id = $id ORDER BY audit_id`, { id: lineId });
    return {
      line_id: lineId,
      merchant_id: state.merchant_id,
      status: state.status,
      limit_fen: state.limit_fen,
      balance_fen: state.balance_fen,
      available_fen: state.available_fen,
      dpd: state.dpd,
      signals: signals ? numbers(signals) : null,
      turnover: turnover.map(numbers),
      ledger: events.map((e) => this.withWords(e)),
      audit: audit.map(numbers),
    };
  }

  /** An officer's action on a line, with its audit entry (and ledger event) in one transaction. */
  async act(lineId: string, request: LineActionRequest, actor: string, requestId: string): Promise<LineActionResult> {
    return this.locks.run(lineId, () =>
      writeOnce(
        this.db,
        async (tx) => {
          const events = await lineEvents(tx, lineId);
          if (events.length === 0) throw new ApiProblem(404, `no line ${lineId}`);
          const today = await this.today();
          const before = replayLine(events);
          const target = actedOn(events);
          if (request.action !== 'contact' && target === null) {
            throw new ApiProblem(409, `monitoring has taken no action on line ${lineId} to ${request.action}`, { current: { status: before.status } });
          }
          let event: LineEvent | null = null;
          let after = before;
          if (request.action === 'override' && target && target.event_type !== 'watched') {
            const reversal = target.event_type === 'frozen'
              ? { event_type: 'unfrozen' as const, amount_fen: 0 }
              : { event_type: 'limit_changed' as const, amount_fen: limitBefore(events, target) };
            try {
              const appended = await appendToLine(tx, {
                line_id: lineId, merchant_id: before.merchant_id, business_date: today, source: 'officer',
                events: [{ ...reversal, reason: `override: ${request.reason}` }],
              });
              event = appended.events[0];
              after = appended.state;
            } catch (error) {
              if (error instanceof LineAppendError) throw new ApiProblem(409, error.message);
              throw error;
            }
          }
          const entry: AuditEntry = {
            audit_id: sortableId('A'),
            recorded_at: cstTimestamp(),
            actor,
            action: request.action,
            merchant_id: before.merchant_id,
            as_of_date: today,
            line_before_fen: before.limit_fen,
            line_after_fen: after.limit_fen,
            reason: request.reason ?? (target ? `confirmed ${target.event_type} of ${target.business_date}` : null),
            request_id: requestId,
            line_id: lineId,
          };
          await insertAudit(tx, entry);
          return {
            audit: entry,
            event,
            line: { status: after.status, limit_fen: after.limit_fen, balance_fen: after.balance_fen, available_fen: after.available_fen },
          };
        },
        () => new ApiProblem(409, `line ${lineId} changed meanwhile: reload it and act again`),
      ),
    );
  }

  /** Events up to and including today (line-state.sql reads events before its date). */
  private async stateDate(): Promise<string> {
    return addDays(await this.today(), 1);
  }

  private withWords(e: LineEvent): LedgerEntry {
    if (e.source !== 'monitoring') return { ...numbers(e), officer_words: e.reason ? [e.reason] : [], merchant_words: null };
    const { codes, values } = parseReasonText(e.reason);
    const words = monitoringWords(this.policy.monitoring, actionOfEvent(e.event_type, codes), codes, values);
    return { ...numbers(e), officer_words: words.officer, merchant_words: words.merchant };
  }
}

/**
 * The monitoring action an officer's confirm or override answers: the line's latest event among
 * watches, freezes, thaws and limit changes, when monitoring wrote it (one already answered by an
 * officer's own event is not there to answer again).
 */
function actedOn(events: readonly LineEvent[]): LineEvent | null {
  const last = events.findLast((e) => ['watched', 'frozen', 'unfrozen', 'limit_changed'].includes(e.event_type));
  return last && last.source === 'monitoring' && last.event_type !== 'unfrozen' ? last : null;
}

/** The limit a line had before `target` changed it. */
function limitBefore(events: readonly LineEvent[], target: LineEvent): number {
  const at = events.indexOf(target);
  return at > 0 ? Number(events[at - 1].limit_fen) : Number(target.limit_fen);
}

/** BIGINT columns come back as bigint; the API speaks JSON numbers. */
function numbers<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])) as T;
}
