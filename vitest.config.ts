import { defineConfig } from 'vitest/config';

// DuckDB and the simulator are CPU-bound; two cores run two files at a time at most.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
