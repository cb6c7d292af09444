/**
 * The notebooks run top to bottom in Debian's Jupyter with the project's kernel on a small
 * simulated warehouse (what `npm run notebooks` does), and a failing cell fails the run: a type
 * error, or an exception such as a missing warehouse (said in the first cell, with the command
 * that builds one; lib/lib.test.ts covers an empty one). Needs /usr/bin/jupyter (.ci/run installs it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeNotebook } from './execute.ts';
import { notebookFiles, runNotebooks } from './run.ts';

interface NotebookJson {
  cells: { cell_type: string; source: string | string[]; outputs?: { output_type: string; data?: Record<string, unknown> }[]; execution_count?: number | null }[];
  metadata: { kernelspec?: { name: string; display_name?: string } };
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as NotebookJson;
const dir = mkdtempSync(join(tmpdir(), 'capillary-notebooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scratchNotebook(name: string, cells: string[]): string {
  const path = join(dir, name);
  const notebook: NotebookJson = {
    cells: cells.map((source) => ({ cell_type: 'code', source, outputs: [], execution_count: null, metadata: {} })),
    metadata: { kernelspec: { name: 'capillary', display_name: 'TypeScript (Capillary)' } },
  };
  writeFileSync(path, JSON.stringify({ ...notebook, nbformat: 4, nbformat_minor: 4 }));
  return path;
}

describe('notebooks', () => {
  it('are committed without outputs, on the project kernel', () => {
    const files = notebookFiles();
    expect(files.map((f) => basename(f))).toEqual(['credit-policy-what-if.ipynb', 'model-development.ipynb', 'turnover-exploration.ipynb']);
    for (const file of files) {
      const notebook = read(file);
      expect(notebook.metadata.kernelspec?.name, file).toBe('capillary');
      for (const cell of notebook.cells.filter((c) => c.cell_type === 'code')) {
        expect(cell.outputs, file).toEqual([]);
        expect(cell.execution_count, file).toBeNull();
      }
    }
  });

  it('run top to bottom on a small simulated warehouse, with their charts', { timeout: 480_000 }, async () => {
    const runs = await runNotebooks({ buildDir: dir, log: () => undefined });
    expect(runs.map((r) => basename(r.notebook))).toEqual(notebookFiles().map((f) => basename(f)));
    for (const run of runs) {
      expect(run.ok, `${run.notebook} failed:\n${run.log}`).toBe(true);
      const outputs = read(run.executed!).cells.flatMap((c) => c.outputs ?? []);
      expect(outputs.some((o) => o.output_type === 'error')).toBe(false);
      expect(outputs.filter((o) => o.data && 'image/svg+xml' in o.data).length, run.notebook).toBeGreaterThanOrEqual(2);
    }
  });

  it('fail on a cell that does not type-check, and say why', { timeout: 120_000 }, async () => {
    const typeError = scratchNotebook('type-error.ipynb', ["import { formatRmb } from './engine/credit';", 'const shown: number = formatRmb(100);', "console.log('after');"]);
    const run = await executeNotebook(typeError, { warehouse: join(dir, 'warehouse/capillary.duckdb'), outDir: join(dir, 'broken') });
    expect(run.ok).toBe(false);
    expect(run.log).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(run.executed).toBeNull();
  });

  it('stop at the first cell when the warehouse is missing, saying how to build one', { timeout: 120_000 }, async () => {
    // The first cell throws: an exception fails the run as a type error does.
    const turnover = notebookFiles().find((f) => f.endsWith('turnover-exploration.ipynb'))!;
    const run = await executeNotebook(turnover, { warehouse: join(dir, 'missing.duckdb'), outDir: join(dir, 'unready') });
    expect(run.ok).toBe(false);
    expect(run.log).toMatch(/there is no warehouse at \S*missing\.duckdb: build a small simulated one with `npm run notebooks -- --warehouse-only`/);
    // nbconvert names the failing cell: the first one.
    expect(run.log).toMatch(/import \{ openWarehouse, show, showTable \} from '\.\/notebooks\/lib';/);
  });
});
