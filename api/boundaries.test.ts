/**
 * api/ sits at the top (ARCHITECTURE.md §2): it may import pipelines/, models/ and engine/, never bin/
 * or DuckDB itself; of its files only server.ts reads the environment; Hono is imported only
 * here (bench/_bare-hono.ts, the benchmark's yardstick, is the one exception outside); and pages
 * run no SQL files of their own: what a page shows is read by pipelines/ (offers by their store).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const api = join(root, 'api');

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' || entry.name === 'data' || entry.name.startsWith('.')
      ? []
      : entry.isDirectory()
        ? files(join(folder, entry.name))
        : /\.tsx?$/.test(entry.name)
          ? [join(folder, entry.name)]
          : [],
  );
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('api boundaries', () => {
  it('never imports bin/ or DuckDB directly', () => {
    for (const file of files(api)) {
      for (const target of importsOf(file)) expect(target, relative(root, file)).not.toMatch(/(^|\/)bin\/|@duckdb\//);
    }
  });

  it('reads the environment only in server.ts', () => {
    for (const file of files(api)) {
      const name = relative(api, file);
      if (name === 'server.ts' || name.endsWith('.test.ts') || name.endsWith('.test.tsx')) continue;
      expect(readFileSync(file, 'utf8'), name).not.toMatch(/process\.env/);
    }
  });

  it('keeps no .sql file under api/pages', () => {
    const sqlFiles = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sqlFiles(join(folder, entry.name)) : entry.name.endsWith('.sql') ? [relative(root, join(folder, entry.name))] : [],
      );
    expect(readdirSync(join(api, 'pages')).length).toBeGreaterThan(0);
    expect(sqlFiles(join(api, 'pages'))).toEqual([]);
  });

  it('is the only importer of Hono', () => {
    for (const folder of ['engine', 'pipelines', 'models', 'bin', 'bench']) {
      for (const file of files(join(root, folder))) {
        if (relative(root, file) === join('bench', '_bare-hono.ts')) continue;
        for (const target of importsOf(file)) expect(target, relative(root, file)).not.toMatch(/^hono|^@hono\//);
      }
    }
  });
});
