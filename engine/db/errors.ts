/**
 * Errors raised by engine/db. They keep the SQL, the bound parameters and the cause so that a
 * failure deep in a pipeline can be read without re-running it; the API and the CLI translate
 * them once, at their boundary.
 */
export class QueryError extends Error {
  readonly sql: string;
  readonly params: Record<string, unknown> | undefined;

  constructor(sql: string, params: Record<string, unknown> | undefined, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${reason}\n  in SQL: ${abbreviate(sql)}${params ? `\n  with parameters: ${JSON.stringify(params, jsonSafe)}` : ''}`, { cause });
    this.name = 'QueryError';
    this.sql = sql;
    this.params = params;
  }
}

/** The warehouse file is held by another process (ARCHITECTURE.md §5: one writer at a time). */
export class DatabaseLockedError extends Error {
  readonly path: string;

  constructor(path: string, cause: unknown) {
    super(
      `the warehouse ${path} is in use by another process (a running server or job holds it); ` +
        'stop that process, or run this command through the server\'s API',
      { cause },
    );
    this.name = 'DatabaseLockedError';
    this.path = path;
  }
}

/**
 * DuckDB's concurrency is optimistic: when two transactions change the same row (or insert the
 * same key), the one that comes second fails. True for that failure, anywhere in the cause chain.
 */
export function isWriteConflict(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/Conflict on (update|append|tuple deletion)|TransactionContext Error|write-write conflict/i.test(e.message)) return true;
  }
  return false;
}

function abbreviate(sql: string): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length > 600 ? `${oneLine.slice(0, 600)} …` : oneLine;
}

function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
