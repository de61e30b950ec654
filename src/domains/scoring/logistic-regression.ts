/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS). Newton rather than
 * gradient descent because CRM models have tens of features, not thousands: each step solves a
 * small linear system, it converges in about ten steps without a learning rate to tune, and the
 * result is deterministic (no shuffling, no random start).
 *
 * Features are standardised (mean 0, sd 1) before fitting, so that the one penalty treats every
 * feature alike whatever its unit, and so that weight × standardised value compares
 * contributions across features (see `explain` in predictive-model.ts).
 */

export interface LogisticModel {
  /** Weights on the standardised features. */
  weights: number[];
  bias: number;
  means: number[];
  /** Standard deviations used to standardise; 1 for a constant column (its value is always 0). */
  stds: number[];
  l2: number;
  iterations: number;
  converged: boolean;
}

export interface FitOptions {
  /**
   * Penalty λ on the sum of squared standardised weights (the bias is not penalised). With the
   * loss summed over rows it is a Gaussian prior N(0, 1/λ) on each weight: strong on a few hundred
   * rows, negligible on tens of thousands. It also keeps separable data from running to infinity.
   */
  l2?: number;
  maxIterations?: number;
  /** Stop when no parameter moves by more than this in a step. */
  tolerance?: number;
}

export function sigmoid(z: number): number {
  // Two forms so that exp never overflows.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function columnStats(X: number[][], p: number): { means: number[]; stds: number[] } {
  const n = X.length;
  const means = new Array<number>(p).fill(0);
  const stds = new Array<number>(p).fill(0);
  for (const row of X) for (let j = 0; j < p; j++) means[j] += row[j];
  for (let j = 0; j < p; j++) means[j] /= n;
  for (const row of X) for (let j = 0; j < p; j++) stds[j] += (row[j] - means[j]) ** 2 / n;
  for (let j = 0; j < p; j++) {
    if (stds[j] > 1e-24) {
      stds[j] = Math.sqrt(stds[j]);
    } else {
      // A constant column: centre on its value exactly so float noise in the mean cannot give
      // it a (meaningless) weight.
      stds[j] = 1;
      means[j] = X[0][j];
    }
  }
  return { means, stds };
}

/** The row on the scale the weights apply to. */
export function standardise(model: Pick<LogisticModel, 'means' | 'stds'>, x: number[]): number[] {
  return x.map((v, j) => (v - model.means[j]) / model.stds[j]);
}

/**
 * Solves A·x = b for a symmetric positive-definite A by Cholesky. The penalised Hessian is
 * positive definite whenever λ > 0 (the bias row gets a tiny ridge for the same reason).
 */
function solveSpd(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (s <= 0) throw new RangeError('Hessian is not positive definite; use l2 > 0');
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * z[k];
    z[i] = s / L[i][i];
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

/** Parameters are [bias, w1 … wp]; rows are standardised and prefixed with 1. */
function objective(Z: number[][], y: number[], beta: number[], l2: number): number {
  let loss = 0;
  for (let i = 0; i < Z.length; i++) {
    const eta = dot(Z[i], beta);
    loss += softplus(eta) - y[i] * eta;
  }
  for (let j = 1; j < beta.length; j++) loss += (l2 / 2) * beta[j] ** 2;
  return loss;
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

export function fit(X: number[][], y: number[], opts: FitOptions = {}): LogisticModel {
  const l2 = opts.l2 ?? 1;
  const maxIterations = opts.maxIterations ?? 50;
  const tolerance = opts.tolerance ?? 1e-8;
  if (X.length === 0) throw new RangeError('cannot fit a model on no rows');
  if (X.length !== y.length) throw new RangeError(`X has ${X.length} rows but y has ${y.length}`);
  if (!(l2 > 0)) throw new RangeError('l2 must be > 0');
  const p = X[0].length;
  const { means, stds } = columnStats(X, p);
  const Z = X.map((row) => [1, ...standardise({ means, stds }, row)]);
  const d = p + 1;

  // Starting the bias at the log-odds of the base rate saves a step or two.
  const rate = Math.min(Math.max(y.reduce((s, v) => s + v, 0) / y.length, 1e-6), 1 - 1e-6);
  let beta = [Math.log(rate / (1 - rate)), ...new Array<number>(p).fill(0)];
  let current = objective(Z, y, beta, l2);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations && !converged) {
    iterations++;
    const grad = beta.map((b, j) => (j === 0 ? 0 : l2 * b));
    const H = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? (i === 0 ? 1e-9 : l2) : 0)));
    for (let i = 0; i < Z.length; i++) {
      const zi = Z[i];
      const mu = sigmoid(dot(zi, beta));
      const w = mu * (1 - mu);
      const r = mu - y[i];
      for (let a = 0; a < d; a++) {
        grad[a] += r * zi[a];
        const wa = w * zi[a];
        if (wa === 0) continue;
        for (let b = 0; b <= a; b++) H[a][b] += wa * zi[b];
      }
    }
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) H[b][a] = H[a][b];
    const step = solveSpd(H, grad);

    // Halve the step while it makes things worse: plain Newton can overshoot on near-separable data.
    let t = 1;
    let next = beta.map((b, j) => b - step[j]);
    let value = objective(Z, y, next, l2);
    while (value > current + 1e-12 && t > 1e-6) {
      t /= 2;
      next = beta.map((b, j) => b - t * step[j]);
      value = objective(Z, y, next, l2);
    }
    if (value > current) {
      // No step along Newton's direction helps: we are at the optimum to floating-point precision.
      converged = true;
      break;
    }
    // Near the optimum Newton's steps shrink quadratically; a step that barely improves the
    // loss any more also means we are there.
    converged = Math.max(...step.map((s) => Math.abs(t * s))) < tolerance || current - value <= 1e-12 * Math.max(1, Math.abs(current));
    beta = next;
    current = value;
  }

  return { weights: beta.slice(1), bias: beta[0], means, stds, l2, iterations, converged };
}

/** bias + Σ weight × standardised value: the log-odds. */
export function linearPredictor(model: LogisticModel, x: number[]): number {
  return model.bias + dot(model.weights, standardise(model, x));
}

/** Probability that y = 1. */
export function predict(model: LogisticModel, x: number[]): number {
  return sigmoid(linearPredictor(model, x));
}

/** Weights and bias on the original (unstandardised) scale, for reading against known coefficients. */
export function rawCoefficients(model: LogisticModel): { weights: number[]; bias: number } {
  const weights = model.weights.map((w, j) => w / model.stds[j]);
  return { weights, bias: model.bias - weights.reduce((s, w, j) => s + w * model.means[j], 0) };
}
