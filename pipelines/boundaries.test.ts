/** Dependencies point one way (bin → pipelines → models → engine), and only ingest touches the truth. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

function files(folder: string, ext: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(folder, entry.name), ext) : entry.name.endsWith(ext) ? [join(folder, entry.name)] : [],
  );
}

describe('pipelines boundaries', () => {
  it('never imports bin/, api/ or DuckDB directly', () => {
    for (const file of files(root, '.ts')) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      for (const target of imports) {
        expect(target, relative(root, file)).not.toMatch(/(^|\/)(bin|api)\/|@duckdb\//);
      }
    }
  });

  it('reads the ground truth nowhere after ingest', () => {
    for (const file of [...files(root, '.sql'), ...files(root, '.ts')]) {
      const name = relative(root, file);
      // The backtest is evaluation: it judges policies against the truth and decides nothing.
      if (name.startsWith('ingest/') || name.startsWith('testing/') || name.startsWith('backtest/') || name.endsWith('.test.ts') || name === 'warehouse.ts') continue;
      expect(readFileSync(file, 'utf8'), name).not.toMatch(/truth/i);
    }
  });
});
