/**
 * Progress of a long job, reported as events so that the same job can draw a bar on a terminal
 * (bin/) or update a job status over the API (api/).
 */
export interface ProgressEvent {
  /** What is being done, e.g. 'simulate settlements'. */
  stage: string;
  done: number;
  total: number;
  /** What is counted: 'days', 'rows', 'merchants'... */
  unit: string;
}

export type ProgressListener = (event: ProgressEvent) => void;

export const silentProgress: ProgressListener = () => undefined;
