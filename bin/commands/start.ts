/**
 * `capillary start` (what `npm start` runs): the main job. Until the API exists it simulates the
 * default network into data/lake, reusing a complete lake that is already there.
 */
import { isCompleteLake } from '../../engine/simulator/index.ts';
import type { Command } from '../command.ts';
import { SIMULATE_DEFAULTS, simulate } from './simulate.ts';

export const start: Command = {
  summary: 'the main job: simulate the default network into data/lake (reused when complete)',
  usage: '\n\nSimulates the default network (see `capillary simulate --help`) unless data/lake already holds a complete lake.',
  options: {},
  async run(): Promise<number> {
    if (isCompleteLake(SIMULATE_DEFAULTS.out)) {
      process.stdout.write(`${SIMULATE_DEFAULTS.out} already holds a complete lake; nothing to do (delete it to simulate again)\n`);
      return 0;
    }
    return simulate.run({ ...SIMULATE_DEFAULTS, overwrite: true }, []);
  },
};
