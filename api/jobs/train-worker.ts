/**
 * Fits a model off the server's event loop: models/ trains synchronously, and a fit of a few
 * seconds on the loop would stall every request. The warehouse is read on the main thread (the
 * server holds it); the rows come here by structured clone and the result goes back the same way.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainAndEvaluate, type LabelledTable, type TrainOptions } from '../../models/training/index.ts';

const { table, options } = workerData as { table: LabelledTable; options: Omit<TrainOptions, 'onProgress'> };
const result = trainAndEvaluate(table, { ...options, onProgress: (event) => parentPort!.postMessage({ progress: event }) });
parentPort!.postMessage({ result });
