/** Runs `trainAndEvaluate` in a worker thread (train-worker.ts), relaying its progress. */
import { Worker } from 'node:worker_threads';
import type { ProgressListener } from '../../engine/progress.ts';
import type { LabelledTable, TrainingResult, TrainOptions } from '../../models/training/index.ts';

export function trainOffLoop(table: LabelledTable, options: Omit<TrainOptions, 'onProgress'>, onProgress: ProgressListener): Promise<TrainingResult> {
  return new Promise((resolve, reject) => {
    // The worker runs TypeScript like the rest of the server: its .mjs entry loads it through tsx.
    const worker = new Worker(new URL('./train-worker.mjs', import.meta.url), { workerData: { table, options } });
    let settled = false;
    worker.on('message', (message: { progress?: Parameters<ProgressListener>[0]; result?: TrainingResult }) => {
      if (message.progress) {
        try {
          onProgress(message.progress);
        } catch (error) {
          // The job was cancelled at this progress point: stop the worker and fail with why.
          settled = true;
          reject(error);
          void worker.terminate();
          return;
        }
      }
      if (message.result) {
        settled = true;
        resolve(message.result);
        void worker.terminate();
      }
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the training worker stopped (exit code ${code}) before it finished`));
    });
  });
}
