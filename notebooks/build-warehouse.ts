/**
 * The small simulated warehouse the notebooks run on: a few hundred merchants over two years at
 * settlement grain, built by the project's build plan through scoring (pipelines/build-warehouse.ts):
 * ingested, turnover, features and labels at monthly as-of dates, a first scorecard trained and
 * promoted as the champion, and every as-of date scored by it, as `npm start` builds its own.
 * Built in a hidden folder and renamed into place when complete, so a half-built warehouse is
 * never opened.
 *
 * @example
 *   const built = await buildNotebookWarehouse({ dir: 'notebooks/.build/warehouse' });
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Database } from '../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../engine/progress.ts';
import { simulate } from '../engine/simulator/index.ts';
import { championModel } from '../models/index.ts';
import { buildWarehouse, networkAsOfDates } from '../pipelines/build-warehouse.ts';

export const WAREHOUSE_FILE = 'capillary.duckdb';

export interface NotebookWarehouseOptions {
  /** Folder that will hold the lake and the warehouse file (replaced when it exists). */
  dir: string;
  merchants?: number;
  days?: number;
  start?: string;
  seed?: number;
  onProgress?: ProgressListener;
}

export interface NotebookWarehouse {
  path: string;
  asOfDates: string[];
  championId: string;
  seconds: number;
}

/** A few hundred merchants over two years: enough defaults to fit and test a scorecard. */
export const NOTEBOOK_NETWORK = { merchants: 600, days: 730, start: '2024-01-01', seed: 7 } as const;

export async function buildNotebookWarehouse(options: NotebookWarehouseOptions): Promise<NotebookWarehouse> {
  const started = performance.now();
  const { merchants, days, start, seed } = { ...NOTEBOOK_NETWORK, ...options };
  const onProgress = options.onProgress ?? silentProgress;
  const dir = resolve(options.dir);
  const building = join(dirname(dir), `.${dir.split(/[\\/]/).pop()}-building`);
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });

  const lake = join(building, 'lake');
  await simulate({ merchants, days, start, seed, grain: 'settlement', out: lake }, { onProgress });
  const db = await Database.open(join(building, WAREHOUSE_FILE));
  let championId: string;
  // Features from the seventh month on (six months of history), as `npm start` derives them.
  const asOfDates = networkAsOfDates(start, days);
  try {
    await buildWarehouse(db, { lake, through: 'score', asOfDates, everyDate: true, onProgress });
    championId = (await championModel(db))!.record.model_id;
  } finally {
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { path: join(dir, WAREHOUSE_FILE), asOfDates, championId, seconds: (performance.now() - started) / 1000 };
}

export function isBuiltWarehouse(dir: string): boolean {
  return existsSync(join(resolve(dir), WAREHOUSE_FILE));
}
