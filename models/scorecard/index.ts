/** models/scorecard: feature selection, WoE logistic fit, points, reason codes, the table. */
export { trainScorecard, type ScorecardOptions } from './train.ts';
export { scoreRowDetail, scorecardPd, scoreScorecard, type ScorecardRowScore } from './score.ts';
export { bestPoints } from './reasons.ts';
export { scorecardTable, formatScorecard, type ScorecardLine } from './table.ts';
export { scaling, binPoints, pdFromScore, scoreFromPd, type Scaling, type ScalingOptions } from './scaling.ts';
export { selectFeatures, correlation, type DroppedFeature, type Selection, type SelectionOptions } from './select.ts';
export { csiByCharacteristic, type CharacteristicStability } from './stability.ts';
export type { Characteristic, Scorecard } from './types.ts';
