/** models/monitoring: reference profiles and drift (PSI, CSI) of a model's population. */
export { countColumn, profilePopulation, type BinnedProfile, type FeatureProfile, type PopulationProfile } from './profile.ts';
export { latestScoredDate, measureDrift, type Drift } from './drift.ts';
