/** models/model: the common face of all models, and their JSON file. */
export { compilePdSql, modelFeatures, parseModel, scoreDataset, scoreRow, serializeModel, usedFeatures, type Algorithm, type Model } from './model.ts';
export { ModelFileSchema, ModelSchema, ScorecardSchema, TreeEnsembleSchema } from './schema.ts';
