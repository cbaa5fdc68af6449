import { InvalidInputError } from '../../shared/invalid-input.ts';

/**
 * Bounded nonlinear least squares: minimise ½·Σ r_i(p)² subject to lower ≤ p ≤ upper.
 *
 * Method: Levenberg–Marquardt with Marquardt's diagonal scaling (the damping term uses the running
 * maximum of diag(JᵀJ), so the iteration does not depend on the units of each parameter) and an
 * active-set projection for the box: a parameter sitting on a bound whose gradient pushes it
 * outward is held for that step, the rest take the damped Gauss–Newton step, and the trial point is
 * projected back into the box. The damping follows Nielsen's gain-ratio rule. The small n×n damped
 * normal equations are solved after scaling the columns of J to unit norm, by Cholesky, falling back
 * to a symmetric eigen-decomposition (pseudo-inverse) when Cholesky meets a non-positive pivot.
 *
 * Standard errors come from σ²·(JᵀJ)⁻¹ at the solution with σ² = SSR/(m − n); a parameter whose
 * column is zero or which loads on a (numerically) null direction of the column-scaled JᵀJ is
 * reported as not identifiable (NaN). For a parameter that ends on a bound, the standard error
 * describes the local curvature only; the bound itself is not reflected in it.
 */
export interface LeastSquaresProblem {
  /** Parameter names, for messages and results. */
  names: readonly string[];
  initial: readonly number[];
  lower: readonly number[]; // may be -Infinity
  upper: readonly number[]; // may be Infinity
  /** Writes the weighted residuals r_i(p) into `out` (length residualCount). */
  residuals(parameters: Float64Array, out: Float64Array): void;
  residualCount: number;
  /** Optional analytic Jacobian, row-major residualCount × names.length; finite differences otherwise. */
  jacobian?(parameters: Float64Array, out: Float64Array): void;
}

export interface LeastSquaresOptions {
  /** Trial steps allowed (accepted or rejected). Default 1000. */
  maxIterations?: number;
  /** Stop when a step changes no parameter by more than this, relative to its scale. Default 1e-10. */
  parameterTolerance?: number;
  /** Stop when both actual and predicted relative reductions of SSR fall below this. Default 1e-14. */
  costTolerance?: number;
}

export interface LeastSquaresResult {
  parameters: number[];
  /** sqrt(diag(σ²·(JᵀJ)⁻¹)) with σ² = SSR/(m − n); NaN where not identifiable. */
  standardErrors: number[];
  covariance: number[][];
  /**
   * (JᵀJ)⁻¹ at the solution, not scaled by σ²: the covariance when the residuals are already divided by
   * their known standard deviations (a Laplace approximation of a posterior, for instance).
   */
  inverseNormalMatrix: number[][];
  residualSumOfSquares: number;
  rmsResidual: number;
  iterations: number;
  converged: boolean;
  /** Why it stopped, in words. */
  reason: string;
}

const DEFAULT_MAX_ITERATIONS = 1000;
const DEFAULT_PARAMETER_TOLERANCE = 1e-10;
const DEFAULT_COST_TOLERANCE = 1e-14;
/** Cosine between the residual vector and every free Jacobian column below which we are at a stationary point. */
const GRADIENT_TOLERANCE = 1e-13;
/** Gain ratio (actual / predicted reduction) above which a trial step is accepted. */
const ACCEPT_RATIO = 1e-4;
const INITIAL_DAMPING = 1e-3;
const MIN_DAMPING = 1e-20;
/** Damping beyond which no step can lower the cost in floating point. */
const MAX_DAMPING = 1e32;
/** Eigenvalues of the column-scaled JᵀJ below this fraction of the largest count as null directions. */
const NULL_EIGENVALUE_RATIO = 1e-13;
/** A parameter whose squared loading on the null directions exceeds this is not identifiable. */
const NULL_LOADING = 1e-6;

function validate(problem: LeastSquaresProblem): number {
  const { names, initial, lower, upper, residualCount } = problem;
  if (!Array.isArray(names) || names.length === 0) {
    throw new InvalidInputError('least squares: names must list at least one parameter');
  }
  const n = names.length;
  for (const [label, list] of [
    ['initial', initial],
    ['lower', lower],
    ['upper', upper],
  ] as const) {
    if (!list || list.length !== n) {
      throw new InvalidInputError(
        `least squares: ${label} must have one value per parameter (${n}); got ${list ? list.length : 'none'}`,
      );
    }
  }
  if (!Number.isInteger(residualCount) || residualCount < 1) {
    throw new InvalidInputError(
      `least squares: residualCount must be a whole number ≥ 1; got ${String(residualCount)}`,
    );
  }
  if (typeof problem.residuals !== 'function') {
    throw new InvalidInputError('least squares: residuals must be a function (parameters, out) => void');
  }
  for (let j = 0; j < n; j += 1) {
    const name = names[j];
    const lo = lower[j] as number;
    const hi = upper[j] as number;
    const x = initial[j] as number;
    if (typeof lo !== 'number' || Number.isNaN(lo) || lo === Number.POSITIVE_INFINITY) {
      throw new InvalidInputError(
        `least squares: lower bound of ${name} must be a number or -Infinity; got ${String(lo)}`,
      );
    }
    if (typeof hi !== 'number' || Number.isNaN(hi) || hi === Number.NEGATIVE_INFINITY) {
      throw new InvalidInputError(
        `least squares: upper bound of ${name} must be a number or Infinity; got ${String(hi)}`,
      );
    }
    if (lo > hi) {
      throw new InvalidInputError(`least squares: bounds of ${name} are reversed: lower ${lo} > upper ${hi}`);
    }
    if (typeof x !== 'number' || !Number.isFinite(x) || x < lo || x > hi) {
      throw new InvalidInputError(
        `least squares: initial ${name} must be a finite number within [${lo}, ${hi}]; got ${String(x)}`,
      );
    }
  }
  return n;
}

function validateOptions(options: LeastSquaresOptions): Required<LeastSquaresOptions> {
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const parameterTolerance = options.parameterTolerance ?? DEFAULT_PARAMETER_TOLERANCE;
  const costTolerance = options.costTolerance ?? DEFAULT_COST_TOLERANCE;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InvalidInputError(
      `least squares: maxIterations must be a whole number ≥ 1; got ${String(maxIterations)}`,
    );
  }
  for (const [label, value] of [
    ['parameterTolerance', parameterTolerance],
    ['costTolerance', costTolerance],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InvalidInputError(
        `least squares: ${label} must be a finite number ≥ 0; got ${String(value)}`,
      );
    }
  }
  return { maxIterations, parameterTolerance, costTolerance };
}

/** A parameter's natural size: |initial|, else the finite bound span, else 1. */
function typicalScales(initial: readonly number[], lower: readonly number[], upper: readonly number[]) {
  return initial.map((x, j) => {
    if (x !== 0) return Math.abs(x);
    const span = (upper[j] as number) - (lower[j] as number);
    return Number.isFinite(span) && span > 0 ? span : 1;
  });
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i += 1) if (!Number.isFinite(values[i] as number)) return false;
  return true;
}

function sumOfSquares(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    sum += v * v;
  }
  return sum;
}

/**
 * Finite-difference Jacobian (row-major m × n). Central differences with step ∛ε·scale where the box
 * allows both sides; otherwise a one-sided difference with step √ε·scale that stays inside the box.
 */
function finiteDifferenceJacobian(
  problem: LeastSquaresProblem,
  p: Float64Array,
  r: Float64Array,
  scales: readonly number[],
  out: Float64Array,
  work: { point: Float64Array; plus: Float64Array; minus: Float64Array },
): void {
  const n = p.length;
  const m = r.length;
  const { point, plus, minus } = work;
  point.set(p);
  for (let j = 0; j < n; j += 1) {
    const x = p[j] as number;
    const lo = problem.lower[j] as number;
    const hi = problem.upper[j] as number;
    const size = Math.max(Math.abs(x), scales[j] as number);
    const hCentral = Math.cbrt(Number.EPSILON) * size;
    if (hi === lo) {
      for (let i = 0; i < m; i += 1) out[i * n + j] = 0;
      continue;
    }
    if (x + hCentral <= hi && x - hCentral >= lo) {
      point[j] = x + hCentral;
      const up = (point[j] as number) - x;
      problem.residuals(point, plus);
      point[j] = x - hCentral;
      const down = x - (point[j] as number);
      problem.residuals(point, minus);
      const width = up + down;
      for (let i = 0; i < m; i += 1) out[i * n + j] = ((plus[i] as number) - (minus[i] as number)) / width;
    } else {
      let h = Math.sqrt(Number.EPSILON) * size;
      // Step towards the side with more room, never past the bound.
      const direction = hi - x >= x - lo ? 1 : -1;
      h = Math.min(h, direction > 0 ? hi - x : x - lo);
      point[j] = x + direction * h;
      const actual = (point[j] as number) - x;
      problem.residuals(point, plus);
      for (let i = 0; i < m; i += 1) out[i * n + j] = ((plus[i] as number) - (r[i] as number)) / actual;
    }
    point[j] = x;
  }
}

/** In-place Cholesky of a k×k symmetric matrix (row-major). Returns false on a non-positive pivot. */
function cholesky(a: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j += 1) {
    let d = a[j * k + j] as number;
    for (let q = 0; q < j; q += 1) d -= (a[j * k + q] as number) ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * k + j] = l;
    for (let i = j + 1; i < k; i += 1) {
      let s = a[i * k + j] as number;
      for (let q = 0; q < j; q += 1) s -= (a[i * k + q] as number) * (a[j * k + q] as number);
      a[i * k + j] = s / l;
    }
  }
  return true;
}

function choleskySolve(l: Float64Array, k: number, b: Float64Array): void {
  for (let i = 0; i < k; i += 1) {
    let s = b[i] as number;
    for (let q = 0; q < i; q += 1) s -= (l[i * k + q] as number) * (b[q] as number);
    b[i] = s / (l[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i -= 1) {
    let s = b[i] as number;
    for (let q = i + 1; q < k; q += 1) s -= (l[q * k + i] as number) * (b[q] as number);
    b[i] = s / (l[i * k + i] as number);
  }
}

/**
 * Cyclic Jacobi eigen-decomposition of a symmetric k×k matrix (row-major, destroyed).
 * Returns eigenvalues and eigenvectors as columns of a row-major k×k matrix.
 */
function symmetricEigen(a: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep += 1) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < k; i += 1) {
      diag += (a[i * k + i] as number) ** 2;
      for (let j = i + 1; j < k; j += 1) off += (a[i * k + j] as number) ** 2;
    }
    if (off <= 1e-34 * diag || off === 0) break;
    for (let p = 0; p < k - 1; p += 1) {
      for (let q = p + 1; q < k; q += 1) {
        const apq = a[p * k + q] as number;
        if (apq === 0) continue;
        const app = a[p * k + p] as number;
        const aqq = a[q * k + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r += 1) {
          const arp = a[r * k + p] as number;
          const arq = a[r * k + q] as number;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r += 1) {
          const apr = a[p * k + r] as number;
          const aqr = a[q * k + r] as number;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r += 1) {
          const vrp = v[r * k + p] as number;
          const vrq = v[r * k + q] as number;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i += 1) values[i] = a[i * k + i] as number;
  return { values, vectors: v };
}

/** Solves a symmetric positive semi-definite system by eigen-decomposition, ignoring null directions. */
function pseudoSolve(a: Float64Array, k: number, b: Float64Array): void {
  const { values, vectors } = symmetricEigen(a, k);
  let largest = 0;
  for (const value of values) largest = Math.max(largest, value);
  const y = new Float64Array(k);
  for (let e = 0; e < k; e += 1) {
    const value = values[e] as number;
    if (!(value > largest * NULL_EIGENVALUE_RATIO)) continue;
    let projection = 0;
    for (let i = 0; i < k; i += 1) projection += (vectors[i * k + e] as number) * (b[i] as number);
    for (let i = 0; i < k; i += 1)
      y[i] = (y[i] as number) + ((vectors[i * k + e] as number) * projection) / value;
  }
  b.set(y);
}

/** JᵀJ (n×n, row-major) and Jᵀr. */
function normalEquations(
  j: Float64Array,
  r: Float64Array,
  n: number,
  a: Float64Array,
  g: Float64Array,
): void {
  const m = r.length;
  a.fill(0);
  g.fill(0);
  for (let i = 0; i < m; i += 1) {
    const row = i * n;
    const ri = r[i] as number;
    for (let p = 0; p < n; p += 1) {
      const jp = j[row + p] as number;
      if (jp === 0) continue;
      g[p] = (g[p] as number) + jp * ri;
      for (let q = p; q < n; q += 1) a[p * n + q] = (a[p * n + q] as number) + jp * (j[row + q] as number);
    }
  }
  for (let p = 0; p < n; p += 1) for (let q = 0; q < p; q += 1) a[p * n + q] = a[q * n + p] as number;
}

/** σ²·(JᵀJ)⁻¹ through the column-scaled matrix; NaN rows/columns for parameters that are not identifiable. */
function covarianceOf(a: Float64Array, n: number, sigma2: number): number[][] {
  const covariance = Array.from({ length: n }, () => new Array<number>(n).fill(Number.NaN));
  if (!Number.isFinite(sigma2)) return covariance;
  const present: number[] = [];
  for (let p = 0; p < n; p += 1) if ((a[p * n + p] as number) > 0) present.push(p);
  const k = present.length;
  if (k === 0) return covariance;
  const c = present.map((p) => Math.sqrt(a[p * n + p] as number));
  const scaled = new Float64Array(k * k);
  for (let x = 0; x < k; x += 1) {
    for (let y = 0; y < k; y += 1) {
      scaled[x * k + y] =
        (a[(present[x] as number) * n + (present[y] as number)] as number) /
        ((c[x] as number) * (c[y] as number));
    }
  }
  const { values, vectors } = symmetricEigen(scaled, k);
  let largest = 0;
  for (const value of values) largest = Math.max(largest, value);
  const isNull = Array.from(values, (value) => !(value > largest * NULL_EIGENVALUE_RATIO));
  const identifiable = present.map((_, x) => {
    let loading = 0;
    for (let e = 0; e < k; e += 1) if (isNull[e]) loading += (vectors[x * k + e] as number) ** 2;
    return loading <= NULL_LOADING;
  });
  for (let x = 0; x < k; x += 1) {
    if (!identifiable[x]) continue;
    for (let y = 0; y < k; y += 1) {
      if (!identifiable[y]) continue;
      let sum = 0;
      for (let e = 0; e < k; e += 1) {
        if (isNull[e]) continue;
        sum += ((vectors[x * k + e] as number) * (vectors[y * k + e] as number)) / (values[e] as number);
      }
      const row = covariance[present[x] as number] as number[];
      row[present[y] as number] = (sigma2 * sum) / ((c[x] as number) * (c[y] as number));
    }
  }
  return covariance;
}

function describePoint(names: readonly string[], p: Float64Array): string {
  return names.map((name, j) => `${name}=${p[j]}`).join(', ');
}

export function solveLeastSquares(
  problem: LeastSquaresProblem,
  options: LeastSquaresOptions = {},
): LeastSquaresResult {
  const n = validate(problem);
  const { maxIterations, parameterTolerance, costTolerance } = validateOptions(options);
  const m = problem.residualCount;
  const { lower, upper, names } = problem;
  const scales = typicalScales(problem.initial, lower, upper);

  const p = Float64Array.from(problem.initial);
  const trial = new Float64Array(n);
  const step = new Float64Array(n);
  let r = new Float64Array(m);
  let rTrial = new Float64Array(m);
  const jac = new Float64Array(m * n);
  const a = new Float64Array(n * n);
  const g = new Float64Array(n);
  const marquardt = new Float64Array(n);
  const work = { point: new Float64Array(n), plus: new Float64Array(m), minus: new Float64Array(m) };
  const system = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  const columnNorm = new Float64Array(n);
  const free: number[] = [];

  problem.residuals(p, r);
  if (!allFinite(r)) {
    throw new InvalidInputError(
      `least squares: residuals at the initial parameters (${describePoint(names, p)}) are not all finite; start from a point where the model is defined`,
    );
  }
  let ssr = sumOfSquares(r);

  /** Refreshes J, JᵀJ, Jᵀr at p; false if the Jacobian is not finite. */
  const linearise = (): boolean => {
    if (problem.jacobian) {
      jac.fill(0);
      problem.jacobian(p, jac);
    } else {
      finiteDifferenceJacobian(problem, p, r, scales, jac, work);
    }
    if (!allFinite(jac)) return false;
    normalEquations(jac, r, n, a, g);
    for (let q = 0; q < n; q += 1) marquardt[q] = Math.max(marquardt[q] as number, a[q * n + q] as number);
    return true;
  };

  let damping = INITIAL_DAMPING;
  let growth = 2;
  let iterations = 0;
  let converged = false;
  let reason = '';

  if (!linearise()) {
    reason = `the Jacobian is not finite at ${describePoint(names, p)}`;
  } else {
    for (;;) {
      if (ssr === 0) {
        converged = true;
        reason = 'the residuals are exactly zero';
        break;
      }
      // Active set: hold parameters on a bound whose gradient points out of the box, and those with no effect.
      free.length = 0;
      let worstCosine = 0;
      const residualNorm = Math.sqrt(ssr);
      for (let q = 0; q < n; q += 1) {
        const x = p[q] as number;
        const gq = g[q] as number;
        const aqq = a[q * n + q] as number;
        const held =
          (x <= (lower[q] as number) && gq > 0) || (x >= (upper[q] as number) && gq < 0) || aqq === 0;
        if (held) continue;
        free.push(q);
        worstCosine = Math.max(worstCosine, Math.abs(gq) / (Math.sqrt(aqq) * residualNorm));
      }
      if (free.length === 0) {
        converged = true;
        reason = 'every parameter is held at a bound or has no effect on the residuals';
        break;
      }
      if (worstCosine <= GRADIENT_TOLERANCE) {
        converged = true;
        reason = 'the residuals are orthogonal to the Jacobian (gradient below tolerance)';
        break;
      }
      if (iterations >= maxIterations) {
        reason = `stopped after maxIterations (${maxIterations}) trial steps without meeting a tolerance`;
        break;
      }
      iterations += 1;

      // Damped normal equations on the free parameters, columns scaled to unit norm.
      const k = free.length;
      for (let x = 0; x < k; x += 1)
        columnNorm[x] = Math.sqrt(a[(free[x] as number) * n + (free[x] as number)] as number);
      for (let x = 0; x < k; x += 1) {
        const px = free[x] as number;
        const cx = columnNorm[x] as number;
        for (let y = 0; y < k; y += 1) {
          system[x * k + y] = (a[px * n + (free[y] as number)] as number) / (cx * (columnNorm[y] as number));
        }
        system[x * k + x] = (system[x * k + x] as number) + (damping * (marquardt[px] as number)) / (cx * cx);
        rhs[x] = -(g[px] as number) / cx;
      }
      const subSystem = system.subarray(0, k * k);
      const subRhs = rhs.subarray(0, k);
      if (cholesky(subSystem, k)) {
        choleskySolve(subSystem, k, subRhs);
      } else {
        // Rebuild (Cholesky overwrote it) and fall back to the eigen pseudo-inverse.
        for (let x = 0; x < k; x += 1) {
          const px = free[x] as number;
          const cx = columnNorm[x] as number;
          for (let y = 0; y < k; y += 1) {
            system[x * k + y] =
              (a[px * n + (free[y] as number)] as number) / (cx * (columnNorm[y] as number));
          }
          system[x * k + x] =
            (system[x * k + x] as number) + (damping * (marquardt[px] as number)) / (cx * cx);
        }
        pseudoSolve(subSystem, k, subRhs);
      }

      // Projected trial point and the step actually taken.
      trial.set(p);
      for (let x = 0; x < k; x += 1) {
        const q = free[x] as number;
        const moved = (p[q] as number) + (rhs[x] as number) / (columnNorm[x] as number);
        trial[q] = Math.min(upper[q] as number, Math.max(lower[q] as number, moved));
      }
      let relativeStep = 0;
      for (let q = 0; q < n; q += 1) {
        step[q] = (trial[q] as number) - (p[q] as number);
        relativeStep = Math.max(
          relativeStep,
          Math.abs(step[q] as number) / Math.max(Math.abs(p[q] as number), scales[q] as number),
        );
      }
      // Predicted reduction of ½·SSR by the linear model: −(gᵀs + ½ sᵀAs).
      let gs = 0;
      let sas = 0;
      for (let x = 0; x < n; x += 1) {
        const sx = step[x] as number;
        if (sx === 0) continue;
        gs += (g[x] as number) * sx;
        let row = 0;
        for (let y = 0; y < n; y += 1) row += (a[x * n + y] as number) * (step[y] as number);
        sas += sx * row;
      }
      const predicted = -(gs + 0.5 * sas);

      problem.residuals(trial, rTrial);
      const trialFinite = allFinite(rTrial);
      const trialSsr = trialFinite ? sumOfSquares(rTrial) : Number.POSITIVE_INFINITY;
      const actual = 0.5 * (ssr - trialSsr);
      const ratio = predicted > 0 ? actual / predicted : Number.NEGATIVE_INFINITY;

      if (trialFinite && ratio > ACCEPT_RATIO) {
        const previousSsr = ssr;
        p.set(trial);
        [r, rTrial] = [rTrial, r];
        ssr = trialSsr;
        damping = Math.max(MIN_DAMPING, damping * Math.max(1 / 3, 1 - (2 * ratio - 1) ** 3));
        growth = 2;
        if (!linearise()) {
          reason = `the Jacobian is not finite at ${describePoint(names, p)}`;
          break;
        }
        if (
          actual <= costTolerance * 0.5 * previousSsr &&
          predicted <= costTolerance * 0.5 * previousSsr &&
          ratio <= 2
        ) {
          converged = true;
          reason = `relative reduction of the sum of squares below costTolerance (${costTolerance})`;
          break;
        }
        if (relativeStep <= parameterTolerance) {
          converged = true;
          reason = `relative parameter step below parameterTolerance (${parameterTolerance})`;
          break;
        }
      } else {
        damping *= growth;
        growth *= 2;
        if (relativeStep <= parameterTolerance) {
          converged = true;
          reason = `no step lowers the sum of squares and the trial step is below parameterTolerance (${parameterTolerance})`;
          break;
        }
        if (predicted >= 0 && predicted <= costTolerance * 0.5 * ssr) {
          converged = true;
          reason = `predicted reduction of the sum of squares below costTolerance (${costTolerance})`;
          break;
        }
        if (damping > MAX_DAMPING) {
          reason = 'the damping grew without bound: no step lowers the sum of squares';
          break;
        }
      }
    }
  }

  const dof = m - n;
  const sigma2 = dof > 0 ? ssr / dof : Number.NaN;
  const covariance = covarianceOf(a, n, sigma2);
  const standardErrors = covariance.map((row, q) => {
    const variance = row[q] as number;
    return Number.isFinite(variance) && variance >= 0 ? Math.sqrt(variance) : Number.NaN;
  });
  return {
    parameters: Array.from(p),
    standardErrors,
    covariance,
    inverseNormalMatrix: covarianceOf(a, n, 1),
    residualSumOfSquares: ssr,
    rmsResidual: Math.sqrt(ssr / m),
    iterations,
    converged,
    reason,
  };
}
