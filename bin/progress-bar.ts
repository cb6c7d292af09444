/**
 * A terminal progress bar on stderr. On a terminal it redraws one line; elsewhere (CI, pipes) it
 * prints a line at each stage start and every 10%, so logs stay readable.
 */
import type { ProgressEvent, ProgressListener } from '../engine/progress.ts';

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressListener {
  let stage = '';
  let startedAt = 0;
  let lastTenth = -1;
  let lastDraw = 0;
  return (event: ProgressEvent) => {
    const now = Date.now();
    if (event.stage !== stage) {
      if (stage && stream.isTTY) stream.write('\n');
      stage = event.stage;
      startedAt = now;
      lastTenth = -1;
    }
    const share = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
    const finished = event.done >= event.total;
    if (stream.isTTY) {
      if (!finished && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round(share * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      stream.write(`\r${stage.padEnd(28)} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${event.done}/${event.total} ${event.unit} ${elapsed(now - startedAt)}`);
      if (finished) stream.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth !== lastTenth || finished) {
      if (finished && lastTenth === 10) return;
      lastTenth = finished ? 10 : tenth;
      stream.write(`${stage}: ${(share * 100).toFixed(0)}% (${event.done}/${event.total} ${event.unit}, ${elapsed(now - startedAt)})\n`);
    }
  };
}

function elapsed(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}
