/**
 * JSON log lines, one per event, written in batches: lines gather in memory and go out in one
 * write at the end of the event-loop turn (or at 64 KB), instead of one write per request — on
 * a busy server the per-request write would cost more than serving the request.
 */
export type Log = (entry: Record<string, unknown>) => void;

export interface BufferedLog {
  log: Log;
  /** Writes what is pending (call before exit). */
  flush(): void;
}

const FLUSH_BYTES = 64 * 1024;

export function bufferedJsonLog(write: (text: string) => void): BufferedLog {
  let pending: string[] = [];
  let bytes = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    bytes = 0;
    write(text);
  };
  return {
    flush,
    log(entry) {
      const line = `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
      pending.push(line);
      bytes += line.length;
      if (bytes >= FLUSH_BYTES) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}
