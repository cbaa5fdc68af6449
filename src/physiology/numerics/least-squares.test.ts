import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { type LeastSquaresProblem, solveLeastSquares } from './least-squares.ts';
import { seededGaussian } from './seeded-random.ts';

/** Inverse of a small dense matrix by Gauss–Jordan with partial pivoting (the test's own closed form). */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const aug = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) {
      if (Math.abs(aug[r]?.[col] ?? 0) > Math.abs(aug[pivot]?.[col] ?? 0)) pivot = r;
    }
    [aug[col], aug[pivot]] = [aug[pivot] as number[], aug[col] as number[]];
    const pivotRow = aug[col] as number[];
    const d = pivotRow[col] as number;
    for (let c = 0; c < 2 * n; c += 1) pivotRow[c] = (pivotRow[c] as number) / d;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const row = aug[r] as number[];
      const f = row[col] as number;
      for (let c = 0; c < 2 * n; c += 1) row[c] = (row[c] as number) - f * (pivotRow[c] as number);
    }
  }
  return aug.map((row) => row.slice(n));
}

/** Parameters with these names and no bounds. */
function unbounded(names: string[]): Pick<LeastSquaresProblem, 'names' | 'lower' | 'upper'> {
  return { names, lower: names.map(() => -Infinity), upper: names.map(() => Infinity) };
}

/** Rosenbrock's valley as residuals, started from the classic (−1.2, 1); its minimum is (1, 1). */
const rosenbrock: LeastSquaresProblem = {
  ...unbounded(['x', 'y']),
  initial: [-1.2, 1],
  residualCount: 2,
  residuals(p, out) {
    out[0] = 10 * ((p[1] as number) - (p[0] as number) ** 2);
    out[1] = 1 - (p[0] as number);
  },
};

describe('solveLeastSquares on a weighted linear problem', () => {
  // y = β0 + β1·x + β2·x², weighted; the normal-equation solution is the closed form.
  const xs = Array.from({ length: 25 }, (_, i) => -2 + i * 0.2);
  const noise = seededGaussian(7);
  const ys = xs.map((x) => 1.5 - 0.7 * x + 0.3 * x * x + 0.05 * noise());
  const weights = xs.map((_, i) => 1 + (i % 3));
  const design = xs.map((x) => [1, x, x * x]);

  const xtwx = [0, 1, 2].map((p) =>
    [0, 1, 2].map((q) =>
      design.reduce(
        (s, row, i) => s + (weights[i] as number) ** 2 * (row[p] as number) * (row[q] as number),
        0,
      ),
    ),
  );
  const xtwy = [0, 1, 2].map((p) =>
    design.reduce((s, row, i) => s + (weights[i] as number) ** 2 * (row[p] as number) * (ys[i] as number), 0),
  );
  const inverse = invert(xtwx);
  const beta = inverse.map((row) => row.reduce((s, v, q) => s + v * (xtwy[q] as number), 0));
  const ssr = design.reduce((s, row, i) => {
    const fit = row.reduce((t, v, q) => t + v * (beta[q] as number), 0);
    return s + ((weights[i] as number) * ((ys[i] as number) - fit)) ** 2;
  }, 0);
  const sigma2 = ssr / (xs.length - 3);
  const standardErrors = [0, 1, 2].map((q) => Math.sqrt(sigma2 * (inverse[q]?.[q] as number)));

  const problem = (analytic: boolean): LeastSquaresProblem => ({
    ...unbounded(['b0', 'b1', 'b2']),
    initial: [0, 0, 0],
    residualCount: xs.length,
    residuals(p, out) {
      for (let i = 0; i < xs.length; i += 1) {
        const x = xs[i] as number;
        out[i] =
          (weights[i] as number) *
          ((ys[i] as number) - (p[0] as number) - (p[1] as number) * x - (p[2] as number) * x * x);
      }
    },
    ...(analytic
      ? {
          jacobian(_p: Float64Array, out: Float64Array) {
            for (let i = 0; i < xs.length; i += 1) {
              const x = xs[i] as number;
              const w = weights[i] as number;
              out[i * 3] = -w;
              out[i * 3 + 1] = -w * x;
              out[i * 3 + 2] = -w * x * x;
            }
          },
        }
      : {}),
  });

  for (const analytic of [true, false]) {
    it(`matches the normal-equation solution and standard errors to 1e-9 (${analytic ? 'analytic' : 'finite-difference'} Jacobian)`, () => {
      const result = solveLeastSquares(problem(analytic));
      expect(result.converged).toBe(true);
      for (let q = 0; q < 3; q += 1) {
        expect(Math.abs((result.parameters[q] as number) - (beta[q] as number))).toBeLessThan(1e-9);
        expect(
          Math.abs((result.standardErrors[q] as number) - (standardErrors[q] as number)) /
            (standardErrors[q] as number),
        ).toBeLessThan(1e-9);
        for (let p = 0; p < 3; p += 1) {
          const expected = sigma2 * (inverse[q]?.[p] as number);
          expect(Math.abs((result.covariance[q]?.[p] as number) - expected)).toBeLessThan(
            1e-9 * Math.abs(sigma2),
          );
        }
      }
      expect(Math.abs(result.residualSumOfSquares - ssr) / ssr).toBeLessThan(1e-9);
      expect(result.rmsResidual).toBeCloseTo(Math.sqrt(ssr / xs.length), 12);
    });
  }
});

describe('solveLeastSquares on an exponential decay', () => {
  // y(t) = A·e^(−t/τ) + C
  const truth = { A: 4.2, tau: 0.35, C: 0.8 };
  const ts = Array.from({ length: 60 }, (_, i) => i * 0.03);
  const model = (p: ArrayLike<number>, t: number) =>
    (p[0] as number) * Math.exp(-t / (p[1] as number)) + (p[2] as number);
  const makeProblem = (ys: number[], sigma: number): LeastSquaresProblem => ({
    names: ['A', 'tau', 'C'],
    initial: [1, 1, 0],
    lower: [0, 1e-3, -10],
    upper: [100, 100, 10],
    residualCount: ts.length,
    residuals(p, out) {
      for (let i = 0; i < ts.length; i += 1) out[i] = ((ys[i] as number) - model(p, ts[i] as number)) / sigma;
    },
  });

  it('recovers known parameters from noiseless data to 1e-8', () => {
    const ys = ts.map((t) => model([truth.A, truth.tau, truth.C], t));
    const result = solveLeastSquares(makeProblem(ys, 1));
    expect(result.converged).toBe(true);
    expect(Math.abs((result.parameters[0] as number) - truth.A)).toBeLessThan(1e-8);
    expect(Math.abs((result.parameters[1] as number) - truth.tau)).toBeLessThan(1e-8);
    expect(Math.abs((result.parameters[2] as number) - truth.C)).toBeLessThan(1e-8);
    expect(result.rmsResidual).toBeLessThan(1e-10);
  });

  it('recovers them from seeded noisy data within 3 standard errors', () => {
    const sigma = 0.05;
    for (const seed of [1, 2, 3, 4, 5]) {
      const noise = seededGaussian(seed);
      const ys = ts.map((t) => model([truth.A, truth.tau, truth.C], t) + sigma * noise());
      const result = solveLeastSquares(makeProblem(ys, sigma));
      expect(result.converged).toBe(true);
      const values = [truth.A, truth.tau, truth.C];
      for (let q = 0; q < 3; q += 1) {
        const se = result.standardErrors[q] as number;
        expect(se).toBeGreaterThan(0);
        expect(Math.abs((result.parameters[q] as number) - (values[q] as number))).toBeLessThan(3 * se);
      }
      // Weighted by the true σ, SSR/(m − n) should be near 1.
      expect(result.residualSumOfSquares / (ts.length - 3)).toBeGreaterThan(0.5);
      expect(result.residualSumOfSquares / (ts.length - 3)).toBeLessThan(1.6);
    }
  });

  it('moves parameters of very different magnitude (1e3 and 1e-5) together', () => {
    // y(t) = F·(1 − e^(−t/τ)) with F ≈ 1e3 and τ ≈ 1e-5 s.
    const tsShort = Array.from({ length: 40 }, (_, i) => i * 2e-6);
    const ys = tsShort.map((t) => 1250 * (1 - Math.exp(-t / 2.5e-5)));
    const result = solveLeastSquares({
      names: ['F', 'tau'],
      initial: [800, 1e-5],
      lower: [0, 1e-7],
      upper: [1e5, 1],
      residualCount: tsShort.length,
      residuals(p, out) {
        for (let i = 0; i < tsShort.length; i += 1) {
          out[i] =
            (ys[i] as number) - (p[0] as number) * (1 - Math.exp(-(tsShort[i] as number) / (p[1] as number)));
        }
      },
    });
    expect(result.converged).toBe(true);
    expect(Math.abs((result.parameters[0] as number) / 1250 - 1)).toBeLessThan(1e-9);
    expect(Math.abs((result.parameters[1] as number) / 2.5e-5 - 1)).toBeLessThan(1e-9);
  });
});

describe('solveLeastSquares on hard and bounded problems', () => {
  it('converges on Rosenbrock from (−1.2, 1)', () => {
    const result = solveLeastSquares(rosenbrock);
    expect(result.converged).toBe(true);
    expect(Math.abs((result.parameters[0] as number) - 1)).toBeLessThan(1e-10);
    expect(Math.abs((result.parameters[1] as number) - 1)).toBeLessThan(1e-10);
    expect(result.residualSumOfSquares).toBeLessThan(1e-20);
    // m = n: no degrees of freedom, so no standard errors.
    expect(result.standardErrors.every(Number.isNaN)).toBe(true);
  });

  it('respects an upper bound when the unconstrained optimum lies outside it', () => {
    // Data from y = e^(−2t); the decay rate k is capped at 1.
    const ts = Array.from({ length: 20 }, (_, i) => i * 0.1);
    const result = solveLeastSquares({
      names: ['k'],
      initial: [0.5],
      lower: [0],
      upper: [1],
      residualCount: ts.length,
      residuals(p, out) {
        for (let i = 0; i < ts.length; i += 1) {
          out[i] = Math.exp(-2 * (ts[i] as number)) - Math.exp(-(p[0] as number) * (ts[i] as number));
        }
      },
    });
    expect(result.converged).toBe(true);
    expect(result.parameters[0]).toBe(1);
  });

  it('respects a lower bound on one parameter while fitting the other freely', () => {
    // y = a + b·x with true a = −3, b = 2, but a ≥ 0: the constrained optimum is a = 0 and the
    // least-squares slope through the origin, Σxy/Σx².
    const xs = [1, 2, 3, 4, 5];
    const ys = xs.map((x) => -3 + 2 * x);
    const result = solveLeastSquares({
      names: ['a', 'b'],
      initial: [1, 1],
      lower: [0, -Infinity],
      upper: [Infinity, Infinity],
      residualCount: xs.length,
      residuals(p, out) {
        for (let i = 0; i < xs.length; i += 1)
          out[i] = (ys[i] as number) - (p[0] as number) - (p[1] as number) * (xs[i] as number);
      },
    });
    const slope = xs.reduce((s, x, i) => s + x * (ys[i] as number), 0) / xs.reduce((s, x) => s + x * x, 0);
    expect(result.converged).toBe(true);
    expect(result.parameters[0]).toBe(0);
    expect(Math.abs((result.parameters[1] as number) - slope)).toBeLessThan(1e-10);
  });

  it('reports NaN standard errors for parameters that are not identifiable', () => {
    // Only a + b matters; c is identifiable.
    const xs = [0, 1, 2, 3, 4, 5];
    const ys = xs.map((x) => 3 * x + 1 + 0.01 * Math.sin(x));
    const result = solveLeastSquares({
      ...unbounded(['a', 'b', 'c']),
      initial: [1, 1, 0],
      residualCount: xs.length,
      residuals(p, out) {
        for (let i = 0; i < xs.length; i += 1) {
          out[i] =
            (ys[i] as number) - ((p[0] as number) + (p[1] as number)) * (xs[i] as number) - (p[2] as number);
        }
      },
    });
    expect(Number.isNaN(result.standardErrors[0])).toBe(true);
    expect(Number.isNaN(result.standardErrors[1])).toBe(true);
    expect(Number.isFinite(result.standardErrors[2])).toBe(true);
    expect((result.parameters[0] as number) + (result.parameters[1] as number)).toBeCloseTo(3, 2);
  });
});

describe('solveLeastSquares input validation', () => {
  const base: LeastSquaresProblem = {
    names: ['a'],
    initial: [1],
    lower: [0],
    upper: [2],
    residualCount: 1,
    residuals(p, out) {
      out[0] = (p[0] as number) - 1.5;
    },
  };
  const cases: [string, Partial<LeastSquaresProblem>, RegExp][] = [
    [
      'initial outside the bounds',
      { initial: [3] },
      /initial a must be a finite number within \[0, 2\]; got 3/,
    ],
    ['non-finite initial', { initial: [Number.NaN] }, /initial a must be a finite number/],
    ['length mismatch', { lower: [0, 0] }, /lower must have one value per parameter \(1\); got 2/],
    ['reversed bounds', { lower: [2], upper: [0], initial: [1] }, /bounds of a are reversed/],
    ['NaN bound', { upper: [Number.NaN] }, /upper bound of a must be a number or Infinity/],
    ['no parameters', { names: [], initial: [], lower: [], upper: [] }, /at least one parameter/],
    ['zero residuals', { residualCount: 0 }, /residualCount must be a whole number ≥ 1/],
  ];
  for (const [label, change, message] of cases) {
    it(`rejects ${label}`, () => {
      expect(() => solveLeastSquares({ ...base, ...change })).toThrow(InvalidInputError);
      expect(() => solveLeastSquares({ ...base, ...change })).toThrow(message);
    });
  }
  it('rejects residuals that are not finite at the start', () => {
    expect(() =>
      solveLeastSquares({
        ...base,
        residuals(_p, out) {
          out[0] = Number.NaN;
        },
      }),
    ).toThrow(/residuals at the initial parameters \(a=1\) are not all finite/);
  });
  it('rejects bad options', () => {
    expect(() => solveLeastSquares(base, { maxIterations: 0 })).toThrow(
      /maxIterations must be a whole number/,
    );
    expect(() => solveLeastSquares(base, { costTolerance: -1 })).toThrow(
      /costTolerance must be a finite number ≥ 0/,
    );
  });
  it('stops at maxIterations and says so', () => {
    const result = solveLeastSquares(rosenbrock, { maxIterations: 2 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(result.reason).toMatch(/maxIterations \(2\)/);
  });
});
