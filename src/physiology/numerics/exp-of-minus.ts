// Up to this |x| the Taylor polynomial of degree 7 gives exp(−x) to a relative 2.2e-17 (x⁸/8!).
const POLYNOMIAL_LIMIT = 1 / 32;
const INVERSE_6 = 1 / 6;
const INVERSE_24 = 1 / 24;
const INVERSE_120 = 1 / 120;
const INVERSE_720 = 1 / 720;
const INVERSE_5040 = 1 / 5040;

/**
 * exp(−x), by its Taylor polynomial (in Estrin's scheme, shallow enough to overlap with the work
 * around it) where |x| ≤ 1/32 and by Math.exp elsewhere. The force integrator needs exp(−δ/90) for
 * the step's δ at every step, nearly always in the polynomial's range, and a call to Math.exp there
 * was a tenth of the 120-s protocol's CPU time (docs/physiology.md).
 */
export function expOfMinus(x: number): number {
  if (!(Math.abs(x) <= POLYNOMIAL_LIMIT)) return Math.exp(-x);
  const x2 = x * x;
  return (
    1 -
    x +
    x2 * (0.5 - x * INVERSE_6) +
    x2 * x2 * (INVERSE_24 - x * INVERSE_120 + x2 * (INVERSE_720 - x * INVERSE_5040))
  );
}
