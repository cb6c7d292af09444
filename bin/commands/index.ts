/** Every `capillary` sub-command, in the order `--help` lists them. */
import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';
import { features } from './features.ts';
import { importCommand } from './import.ts';
import { ingest } from './ingest.ts';
import { models } from './models.ts';
import { monitor } from './monitor.ts';
import { offers } from './offers.ts';
import { portfolio } from './portfolio.ts';
import { backtestCommand } from './backtest.ts';
import { check } from './check.ts';
import { run } from './run.ts';
import { score } from './score.ts';
import { serve } from './serve.ts';
import { drift } from './drift.ts';
import { simulate } from './simulate.ts';
import { start } from './start.ts';
import { tables } from './tables.ts';
import { token } from './token.ts';
import { train } from './train.ts';

export const COMMANDS: Record<string, Command> = {
  start,
  simulate,
  import: importCommand,
  ingest,
  run,
  features,
  export: exportCommand,
  train,
  models,
  score,
  drift,
  offers,
  monitor,
  backtest: backtestCommand,
  portfolio,
  serve,
  token,
  tables,
  check,
};
