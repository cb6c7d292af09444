/** A source file that cannot be loaded at all: it names the file and the problem. */
export class IngestFileError extends Error {
  readonly path: string;

  constructor(path: string, problem: string, cause?: unknown) {
    super(`${path}: ${problem}`, { cause });
    this.name = 'IngestFileError';
    this.path = path;
  }
}

/** The first line of a DuckDB error message, without its 'Xxx Error:' prefix. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('  in SQL') && !line.startsWith('  with parameters'));
  return lines.slice(0, 3).join(' ').replace(/^[A-Za-z ]+ Error: /, '').trim();
}
