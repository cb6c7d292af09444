/** models/logistic: logistic regression by Newton/IRLS on small dense linear algebra. */
export { fitLogistic, predictLogistic, type LogisticFit, type LogisticOptions } from './irls.ts';
export { cholesky, choleskySolve, robustCholesky, solveWithFactor } from './cholesky.ts';
