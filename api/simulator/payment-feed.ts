/**
 * Payments that arrive through the API — posted batches and the live network — land in the
 * warehouse through the same ingest as the lake's files: each batch becomes one CSV file that
 * `ingestFiles` validates, loads, de-duplicates and quarantines row by row (with its reason),
 * and logs in `ingest_log`. Rows that are not payment-shaped at all (not an object, unknown
 * fields) are quarantined here, under the same file. Loaded payments go out to SSE subscribers.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnsOf, type Database } from '../../engine/db/index.ts';
import { PaymentSchema, type Payment } from '../../engine/schema/payment.ts';
import { ingestFiles } from '../../pipelines/ingest/ingest.ts';
import { KeyedMutex } from '../http/keyed-mutex.ts';
import { fieldErrors } from '../http/problem.ts';
import type { BatchResult } from './schemas.ts';

const COLUMNS = columnsOf(PaymentSchema).map((c) => c.name);
const KNOWN = new Set(COLUMNS);

export type PaymentListener = (payments: Payment[]) => void;

export class PaymentFeed {
  private readonly listeners = new Set<PaymentListener>();
  private readonly lock = new KeyedMutex();

  constructor(private readonly db: Database, private readonly log: (entry: Record<string, unknown>) => void, private readonly folder: string) {}

  private readonly closers = new Set<() => void>();

  /** Listens for landed payments; `onClose` is called when the server shuts down. */
  subscribe(listener: PaymentListener, onClose: () => void = () => undefined): () => void {
    this.listeners.add(listener);
    this.closers.add(onClose);
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(onClose);
    };
  }

  /** Ends every subscription (open event streams finish, so the server can close). */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Validates and loads one batch; never throws for bad rows, only for a broken warehouse. */
  async ingest(rows: unknown[]): Promise<BatchResult> {
    return this.lock.run('ingest', async () => {
      const batchId = `B${randomUUID().replaceAll('-', '').slice(0, 20)}`;
      const problems: BatchResult['problems'] = [];
      const shapeless: { row: number; json: string; reason: string }[] = [];
      const lines = [COLUMNS.join(',')];
      const valid: Payment[] = [];
      /** The batch position of each CSV row (shapeless rows are not in the file). */
      const positions: number[] = [];
      rows.forEach((row, index) => {
        if (row === null || typeof row !== 'object' || Array.isArray(row)) {
          shapeless.push({ row: index, json: JSON.stringify(row) ?? 'null', reason: 'not a JSON object' });
          problems.push({ row: index, field: `payments.${index}`, reason: 'not a JSON object' });
          return;
        }
        const unknown = Object.keys(row).filter((key) => !KNOWN.has(key));
        if (unknown.length > 0) {
          const reason = `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`;
          shapeless.push({ row: index, json: JSON.stringify(row), reason });
          problems.push({ row: index, field: `payments.${index}.${unknown[0]}`, reason });
          return;
        }
        const checked = PaymentSchema.safeParse(row);
        if (checked.success) valid.push(checked.data);
        else for (const e of fieldErrors(checked.error)) problems.push({ row: index, field: `payments.${index}.${e.field}`, reason: e.message });
        // Ingest checks it again and quarantines it with the reason it finds.
        positions.push(index);
        lines.push(COLUMNS.map((name) => csvValue((row as Record<string, unknown>)[name])).join(','));
      });
      const dir = join(this.folder, 'payments');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${batchId}.csv`);
      writeFileSync(path, `${lines.join('\n')}\n`);
      const connection = await this.db.connect();
      try {
        const summary = await ingestFiles(connection, [{ path, table: 'payments', format: 'csv', partitionValue: null }]);
        const file = summary.files[0];
        const logged = await connection.one<{ file_id: number }>('SELECT file_id FROM ingest_log WHERE path = $path', { path });
        // Ingest numbers rows by their place in the file; the batch's numbering is what the client knows.
        await connection.run(
          `UPDATE quarantine SET source_row = CAST(string_split($positions, ',')[source_row + 1] AS BIGINT) WHERE file_id = $file_id`,
          { positions: positions.join(','), file_id: logged?.file_id ?? -1 },
        );
        for (const bad of shapeless) {
          await connection.run(
            `INSERT INTO quarantine (file_id, source_file, table_name, source_row, row_json, reason) VALUES ($file_id, $source_file, 'payments', $source_row, CAST($row_json AS JSON), $reason)`,
            { file_id: logged?.file_id ?? -1, source_file: path, source_row: bad.row, row_json: bad.json, reason: bad.reason },
          );
        }
        const loaded = valid.length > 0 && logged
          ? await connection.all<{ payment_id: string }>('SELECT payment_id FROM payments WHERE file_id = $file_id', { file_id: logged.file_id })
          : [];
        const landed = new Set(loaded.map((p) => p.payment_id));
        const out = valid.filter((p) => landed.has(p.payment_id));
        if (out.length > 0) for (const listener of this.listeners) listener(out);
        this.log({ level: 'info', msg: 'payment batch', batch_id: batchId, read: rows.length, loaded: file?.loaded ?? 0 });
        return {
          batch_id: batchId,
          read: rows.length,
          loaded: file?.loaded ?? 0,
          quarantined: (file?.quarantined ?? 0) + shapeless.length,
          duplicates: file?.duplicates ?? 0,
          problems,
        };
      } finally {
        connection.close();
      }
    });
  }
}

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}
