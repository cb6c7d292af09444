/**
 * models/ depends on engine/ only (ARCHITECTURE.md §2): never on pipelines/, bin/ or api/, and never on
 * DuckDB directly. The simulator's truth is read in one place, to evaluate (the oracle), and
 * never becomes a feature.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

describe('models boundaries', () => {
  it('imports engine/ and itself only, and DuckDB only through engine/db', () => {
    for (const file of files(root)) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      for (const target of imports) expect(target, relative(root, file)).not.toMatch(/(^|\/)(pipelines|bin|api)\/|@duckdb\//);
    }
  });

  it('reads the truth only to evaluate', () => {
    const readers = files(root)
      .map((file) => relative(root, file))
      .filter((name) => !name.endsWith('.test.ts') && !name.startsWith('testing/') && !name.startsWith('data/'))
      .filter((name) => /truth\.truth_|TRUTH_(MONTHS|MERCHANTS)_TABLE/.test(readFileSync(join(root, name), 'utf8')));
    // The loader joins it beside the features (never into them); evaluation names it in an error.
    expect(readers.sort()).toEqual(['training/evaluate-parts.ts', 'training/warehouse-source.ts', 'warehouse/tables.ts']);
  });
});
