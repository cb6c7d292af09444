/**
 * Characteristic stability (CSI) of every scorecard characteristic between the training
 * population and a newer one, on the scorecard's own bins: the monitoring view of which input
 * moved when the score's PSI does.
 */
import { binCodes } from '../binning/assign.ts';
import { columnOf, type Dataset } from '../data/frame.ts';
import { csi, type StabilityResult } from '../metrics/stability.ts';
import type { Scorecard } from './types.ts';

export interface CharacteristicStability extends StabilityResult {
  feature: string;
}

export function csiByCharacteristic(card: Scorecard, expected: Dataset, actual: Dataset): CharacteristicStability[] {
  return card.characteristics.map((c) => {
    const before = binCodes(c.binning, columnOf(expected, c.feature));
    const after = binCodes(c.binning, columnOf(actual, c.feature));
    return { feature: c.feature, ...csi(before, after, c.binning.bins.length) };
  });
}
