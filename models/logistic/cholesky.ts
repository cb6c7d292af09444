/**
 * Small dense symmetric positive-definite solves (a few dozen unknowns), the only linear
 * algebra Newton's method needs. Matrices are row-major Float64Array of size n×n.
 *
 * @example
 *   const x = choleskySolve(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1), 2);
 */

/** Lower-triangular L with A = L·Lᵀ, or null when A is not (numerically) positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b given the factor L. */
export function solveWithFactor(l: Float64Array, b: ArrayLike<number>, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * y[k];
    y[i] = sum / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}

/**
 * Factors A + ridge·I, raising the ridge tenfold until the factor exists: a nearly collinear
 * pair of features then slows the solve down instead of breaking it.
 */
export function robustCholesky(a: Float64Array, n: number, ridge: number): Float64Array {
  let maxDiagonal = 0;
  for (let i = 0; i < n; i++) maxDiagonal = Math.max(maxDiagonal, Math.abs(a[i * n + i]));
  let lambda = ridge * Math.max(1, maxDiagonal);
  for (let attempt = 0; attempt < 12; attempt++) {
    const shifted = a.slice();
    for (let i = 0; i < n; i++) shifted[i * n + i] += lambda;
    const l = cholesky(shifted, n);
    if (l) return l;
    lambda = Math.max(lambda * 10, 1e-12);
  }
  throw new Error('the Hessian is not positive definite even with a ridge: constant or duplicated features?');
}

/** x with A·x = b for symmetric positive-definite A (with a tiny ridge for stability). */
export function choleskySolve(a: Float64Array, b: ArrayLike<number>, n: number, ridge = 1e-12): Float64Array {
  return solveWithFactor(robustCholesky(a, n, ridge), b, n);
}
