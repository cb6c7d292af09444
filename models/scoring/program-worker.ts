/**
 * A tree program running in a worker thread, so that scoring one batch of rows overlaps with
 * reading the next one from DuckDB on the main thread. The worker compiles the program's own
 * source; batches travel as transferred buffers, not copies.
 *
 * @example
 *   const worker = new ProgramWorker(program.source);
 *   const pd = await worker.score([turnover, segmentCodes], 100_000);
 *   await worker.close();
 */
import { Worker } from 'node:worker_threads';
import type { ReadColumn } from '../../engine/db/index.ts';
import type { ProgramInput } from './tree-program.ts';

// Plain JavaScript evaluated in the worker: it only compiles and runs the program's source.
const WORKER = `
const { parentPort } = require('node:worker_threads');
let score = null;
parentPort.on('message', (message) => {
  if (message.source !== undefined) { score = new Function(message.source)(); return; }
  try {
    const pd = score(message.columns, message.rows);
    parentPort.postMessage({ id: message.id, pd }, [pd.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.stack || error) });
  }
});`;

export class ProgramWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (pd: Float64Array) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(source: string) {
    this.worker = new Worker(WORKER, { eval: true });
    this.worker.on('message', (message: { id: number; pd?: Float64Array; error?: string }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(`scoring worker: ${message.error}`));
      else waiting?.resolve(message.pd!);
    });
    this.worker.on('error', (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
    this.worker.postMessage({ source });
  }

  /** PDs of a batch; the columns' buffers are handed over to the worker. */
  score(columns: (Float64Array | Uint8Array)[], rows: number): Promise<Float64Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, columns, rows }, columns.map((c) => c.buffer as ArrayBuffer));
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * A column read from DuckDB (Database.typedColumns) as the worker takes it: raw values of a
 * numeric input as DOUBLE (Float64Array), bin codes of a categorical one as UTINYINT
 * (Uint8Array). The array owns its buffer, which is handed over, not copied.
 */
export function programColumn(column: ReadColumn, input: ProgramInput): Float64Array | Uint8Array {
  const expected = input.edges ? Float64Array : Uint8Array;
  if (!(column instanceof expected)) throw new Error(`scoring input ${input.feature}: expected a ${expected.name} column from DuckDB, got ${column.constructor.name}`);
  return column;
}
