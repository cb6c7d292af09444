/** Every `capillary` sub-command, in the order `--help` lists them. */
import type { Command } from '../command.ts';
import { simulate } from './simulate.ts';
import { start } from './start.ts';

export const COMMANDS: Record<string, Command> = {
  start,
  simulate,
};
