/**
 * Muscle protein turnover: the ODE behind the trajectory forecast.
 *
 * Muscle size m = M/M0 (CSA or volume as a fraction of baseline) follows
 *
 *   dm/dt = (FSR(t, m) − FBR(t))·m
 *   FSR = S0·A(t)·m^−γ            fractional synthesis (per day)
 *   FBR = S0·(1 + b(t))           fractional breakdown (per day); at baseline FSR = FBR = S0
 *
 * with the anabolic drive A(t) = n·(1 − σ·(1 − e^{−t/τS})) + ρ while immobilised (t < R), n + ρ after
 * remobilisation, ρ only while resistance training (t ≥ E), the breakdown rise b(t) = β·e^{−t/τB} + κ
 * while immobilised and 0 after, and n the nutrition factor.
 *
 * The m^−γ term is the homeostatic assumption: per unit mass, a shrunken muscle synthesises faster
 * (it keeps its myonuclei and ribosomes), so constant disuse settles at m = A^(1/γ) instead of
 * wasting away, and regrowth follows remobilisation. Substituting u = m^γ makes the ODE linear:
 *
 *   du/dt = γ·(S0·A(t) − S0·(1 + b(t))·u),
 *
 * with a closed form when A and b are constant (`closedFormSize`). We integrate it with classical
 * Runge–Kutta on a fixed step (default ¼ day, aligned to whole days so the switches at R and E fall on
 * step boundaries); the tests show the ¼-day solution within 1e-7 relative of a 1/512-day one.
 *
 * For du/dt = a(t) − b(t)·u, the RK4 stages are k_i = F_i − S_i·u, so a step is the affine map
 *   u ← P·u + Q,  P = 1 − h/6·(S1 + 2S2 + 2S3 + S4),  Q = h/6·(F1 + 2F2 + 2F3 + F4),
 *   S1 = b0, S2 = bM·(1 − h/2·S1), S3 = bM·(1 − h/2·S2), S4 = bE·(1 − h·S3),
 *   F1 = a0, F2 = aM − h/2·bM·F1, F3 = aM − h/2·bM·F2, F4 = aE − h·bE·F3
 * (a, b at the step's start, middle and end). It is the same method as evaluating the stages in turn,
 * but P and Q do not depend on u, so only one multiply-add per step waits on the previous step.
 */
export interface TurnoverCourse {
  /** S0: baseline fractional synthesis = breakdown (per day). */
  baselineSynthesisPerDay: number;
  /** γ (> 0). */
  homeostasisExponent: number;
  /** σ: fraction by which synthesis falls once disuse has fully set in, [0, 1). */
  synthesisSuppression: number;
  /** τS: onset time constant of the synthesis fall (days, > 0). */
  suppressionOnsetDays: number;
  /** β: early breakdown rise at day 0, × baseline breakdown. */
  transientBreakdown: number;
  /** τB: decay time constant of the early breakdown rise (days, > 0). */
  transientBreakdownDays: number;
  /** κ: sustained breakdown rise while immobilised, × baseline breakdown. */
  sustainedBreakdown: number;
  /** n: synthesis multiplier from nutrition (1 when protein meets the target). */
  nutritionFactor: number;
  /** ρ: extra synthesis drive while resistance training, × baseline. */
  exerciseAnabolicDrive: number;
  /** R: day disuse ends (Infinity: never). */
  remobiliseAtDay: number;
  /** E: day resistance training starts (Infinity: never). */
  exerciseFromDay: number;
}

/** Steps per day used unless the caller asks otherwise. */
export const DEFAULT_STEPS_PER_DAY = 4;

/**
 * Daily muscle size change (% of baseline) for days 0..days, written into `out` (length ≥ days + 1).
 * `stepsPerDay` sets the fixed Runge–Kutta step (1/stepsPerDay day).
 */
export function simulateTurnover(
  course: TurnoverCourse,
  days: number,
  out: Float64Array,
  stepsPerDay: number = DEFAULT_STEPS_PER_DAY,
): Float64Array {
  const s0 = course.baselineSynthesisPerDay;
  const gamma = course.homeostasisExponent;
  const n = course.nutritionFactor;
  const h = 1 / stepsPerDay;
  const half = h / 2;
  const sixth = h / 6;
  // Decay of the onset and transient terms over half a step, so their exponentials update by products.
  const onsetHalf = Math.exp(-half / course.suppressionOnsetDays);
  const transientHalf = Math.exp(-half / course.transientBreakdownDays);
  const remobiliseAt = course.remobiliseAtDay;
  const exerciseFrom = course.exerciseFromDay;

  let u = 1;
  let onset = 1; // e^{−t/τS}
  let transient = 1; // e^{−t/τB}
  out[0] = 0;
  const invGamma = 1 / gamma;
  for (let day = 0; day < days; day += 1) {
    const immobilised = day < remobiliseAt;
    const exercising = day >= exerciseFrom;
    const sigma = immobilised ? course.synthesisSuppression : 0;
    const beta = immobilised ? course.transientBreakdown : 0;
    const kappa = immobilised ? course.sustainedBreakdown : 0;
    const rho = exercising ? course.exerciseAnabolicDrive : 0;
    // Constant parts of γ·S0·A(t) and of γ·S0·(1 + b(t)) within this day.
    const synthesisBase = gamma * s0 * (n * (1 - sigma) + rho);
    const synthesisOnset = gamma * s0 * n * sigma; // multiplies e^{−t/τS}
    const breakdownBase = gamma * s0 * (1 + kappa);
    const breakdownTransient = gamma * s0 * beta; // multiplies e^{−t/τB}
    for (let step = 0; step < stepsPerDay; step += 1) {
      const onsetMid = onset * onsetHalf;
      const onsetEnd = onsetMid * onsetHalf;
      const transientMid = transient * transientHalf;
      const transientEnd = transientMid * transientHalf;
      // The RK4 step of the linear ODE as an affine map u ← P·u + Q (see the header).
      const a0 = synthesisBase + synthesisOnset * onset;
      const aMid = synthesisBase + synthesisOnset * onsetMid;
      const aEnd = synthesisBase + synthesisOnset * onsetEnd;
      const b0 = breakdownBase + breakdownTransient * transient;
      const bMid = breakdownBase + breakdownTransient * transientMid;
      const bEnd = breakdownBase + breakdownTransient * transientEnd;
      const slope2 = bMid * (1 - half * b0);
      const slope3 = bMid * (1 - half * slope2);
      const slope4 = bEnd * (1 - h * slope3);
      const free2 = aMid - half * bMid * a0;
      const free3 = aMid - half * bMid * free2;
      const free4 = aEnd - h * bEnd * free3;
      const p = 1 - sixth * (b0 + 2 * slope2 + 2 * slope3 + slope4);
      const q = sixth * (a0 + 2 * free2 + 2 * free3 + free4);
      u = p * u + q;
      onset = onsetEnd;
      transient = transientEnd;
    }
    out[day + 1] = 100 * (Math.exp(invGamma * Math.log(u)) - 1);
  }
  return out;
}

/**
 * How a course's disuse and training rates change with one parameter q of the caller's (e.g. the
 * patient's log severity): ∂σ/∂q, ∂β/∂q, ∂κ/∂q and ∂ρ/∂q. S0, γ, n, the time constants and the
 * switch days do not depend on q.
 */
export interface TurnoverRateDerivatives {
  synthesisSuppression: number;
  transientBreakdown: number;
  sustainedBreakdown: number;
  exerciseAnabolicDrive: number;
}

/**
 * `simulateTurnover` together with the exact derivatives of its daily output with respect to two
 * parameters (forward sensitivities). With v = ∂u/∂q, differentiating du/dt = a(t) − b(t)·u gives
 *
 *   dv/dt = ∂a/∂q − (∂b/∂q)·u − b(t)·v,   v(0) = 0,
 *
 * which is integrated alongside u by the same Runge–Kutta stages. For this linear ODE that is the
 * derivative of the discrete scheme itself, so the result is the derivative of `simulateTurnover`'s
 * numbers (not only of the exact solution) and matches their finite differences to rounding. The
 * output derivative follows from m = u^{1/γ}: ∂(100·(m − 1))/∂q = 100·m·v/(γ·u).
 *
 * Writes the % change into `out` (as `simulateTurnover`) and its derivatives into `outFirst` and
 * `outSecond` (each of length ≥ days + 1). With `record`, only the days d with record[d] = 1 are
 * written (a fit needs only its measurement days).
 */
export function simulateTurnoverWithSensitivities(
  course: TurnoverCourse,
  first: TurnoverRateDerivatives,
  second: TurnoverRateDerivatives,
  days: number,
  out: Float64Array,
  outFirst: Float64Array,
  outSecond: Float64Array,
  record?: Uint8Array,
  stepsPerDay: number = DEFAULT_STEPS_PER_DAY,
): void {
  const s0 = course.baselineSynthesisPerDay;
  const gamma = course.homeostasisExponent;
  const n = course.nutritionFactor;
  const h = 1 / stepsPerDay;
  const half = h / 2;
  const sixth = h / 6;
  const onsetHalf = Math.exp(-half / course.suppressionOnsetDays);
  const transientHalf = Math.exp(-half / course.transientBreakdownDays);
  const remobiliseAt = course.remobiliseAtDay;
  const exerciseFrom = course.exerciseFromDay;
  const rate = gamma * s0;
  const invGamma = 1 / gamma;

  let u = 1;
  let v = 0; // ∂u/∂q, first parameter
  let w = 0; // ∂u/∂q, second parameter
  let onset = 1;
  let transient = 1;
  out[0] = 0;
  outFirst[0] = 0;
  outSecond[0] = 0;
  for (let day = 0; day < days; day += 1) {
    const immobilised = day < remobiliseAt;
    const exercising = day >= exerciseFrom;
    const sigma = immobilised ? course.synthesisSuppression : 0;
    const beta = immobilised ? course.transientBreakdown : 0;
    const kappa = immobilised ? course.sustainedBreakdown : 0;
    const rho = exercising ? course.exerciseAnabolicDrive : 0;
    const synthesisBase = rate * (n * (1 - sigma) + rho);
    const synthesisOnset = rate * n * sigma;
    const breakdownBase = rate * (1 + kappa);
    const breakdownTransient = rate * beta;
    // The same four day-constants, differentiated with respect to each parameter.
    const dSigma1 = immobilised ? first.synthesisSuppression : 0;
    const dSigma2 = immobilised ? second.synthesisSuppression : 0;
    const synthesisBase1 = rate * ((exercising ? first.exerciseAnabolicDrive : 0) - n * dSigma1);
    const synthesisBase2 = rate * ((exercising ? second.exerciseAnabolicDrive : 0) - n * dSigma2);
    const synthesisOnset1 = rate * n * dSigma1;
    const synthesisOnset2 = rate * n * dSigma2;
    const breakdownBase1 = immobilised ? rate * first.sustainedBreakdown : 0;
    const breakdownBase2 = immobilised ? rate * second.sustainedBreakdown : 0;
    const breakdownTransient1 = immobilised ? rate * first.transientBreakdown : 0;
    const breakdownTransient2 = immobilised ? rate * second.transientBreakdown : 0;
    for (let step = 0; step < stepsPerDay; step += 1) {
      const onsetMid = onset * onsetHalf;
      const onsetEnd = onsetMid * onsetHalf;
      const transientMid = transient * transientHalf;
      const transientEnd = transientMid * transientHalf;
      // The step u ← P·u + Q exactly as in simulateTurnover ...
      const a0 = synthesisBase + synthesisOnset * onset;
      const aMid = synthesisBase + synthesisOnset * onsetMid;
      const aEnd = synthesisBase + synthesisOnset * onsetEnd;
      const b0 = breakdownBase + breakdownTransient * transient;
      const bMid = breakdownBase + breakdownTransient * transientMid;
      const bEnd = breakdownBase + breakdownTransient * transientEnd;
      const slope2 = bMid * (1 - half * b0);
      const slope3 = bMid * (1 - half * slope2);
      const slope4 = bEnd * (1 - h * slope3);
      const free2 = aMid - half * bMid * a0;
      const free3 = aMid - half * bMid * free2;
      const free4 = aEnd - h * bEnd * free3;
      const p = 1 - sixth * (b0 + 2 * slope2 + 2 * slope3 + slope4);
      const q = sixth * (a0 + 2 * free2 + 2 * free3 + free4);
      // ... and its derivative: v ← P·v + (∂P/∂q)·u + ∂Q/∂q, for each parameter.
      const a01 = synthesisBase1 + synthesisOnset1 * onset;
      const aMid1 = synthesisBase1 + synthesisOnset1 * onsetMid;
      const aEnd1 = synthesisBase1 + synthesisOnset1 * onsetEnd;
      const b01 = breakdownBase1 + breakdownTransient1 * transient;
      const bMid1 = breakdownBase1 + breakdownTransient1 * transientMid;
      const bEnd1 = breakdownBase1 + breakdownTransient1 * transientEnd;
      const slope21 = bMid1 * (1 - half * b0) - half * bMid * b01;
      const slope31 = bMid1 * (1 - half * slope2) - half * bMid * slope21;
      const slope41 = bEnd1 * (1 - h * slope3) - h * bEnd * slope31;
      const free21 = aMid1 - half * (bMid1 * a0 + bMid * a01);
      const free31 = aMid1 - half * (bMid1 * free2 + bMid * free21);
      const free41 = aEnd1 - h * (bEnd1 * free3 + bEnd * free31);
      const p1 = -sixth * (b01 + 2 * slope21 + 2 * slope31 + slope41);
      const q1 = sixth * (a01 + 2 * free21 + 2 * free31 + free41);
      const a02 = synthesisBase2 + synthesisOnset2 * onset;
      const aMid2 = synthesisBase2 + synthesisOnset2 * onsetMid;
      const aEnd2 = synthesisBase2 + synthesisOnset2 * onsetEnd;
      const b02 = breakdownBase2 + breakdownTransient2 * transient;
      const bMid2 = breakdownBase2 + breakdownTransient2 * transientMid;
      const bEnd2 = breakdownBase2 + breakdownTransient2 * transientEnd;
      const slope22 = bMid2 * (1 - half * b0) - half * bMid * b02;
      const slope32 = bMid2 * (1 - half * slope2) - half * bMid * slope22;
      const slope42 = bEnd2 * (1 - h * slope3) - h * bEnd * slope32;
      const free22 = aMid2 - half * (bMid2 * a0 + bMid * a02);
      const free32 = aMid2 - half * (bMid2 * free2 + bMid * free22);
      const free42 = aEnd2 - h * (bEnd2 * free3 + bEnd * free32);
      const p2 = -sixth * (b02 + 2 * slope22 + 2 * slope32 + slope42);
      const q2 = sixth * (a02 + 2 * free22 + 2 * free32 + free42);
      v = p * v + p1 * u + q1;
      w = p * w + p2 * u + q2;
      u = p * u + q;
      onset = onsetEnd;
      transient = transientEnd;
    }
    if (record !== undefined && record[day + 1] !== 1) continue;
    const m = Math.exp(invGamma * Math.log(u));
    const slope = (100 * m) / (gamma * u);
    out[day + 1] = 100 * (m - 1);
    outFirst[day + 1] = slope * v;
    outSecond[day + 1] = slope * w;
  }
}

/**
 * Closed form for constant rates (no onset lag, no transient): synthesis drive A and breakdown
 * 1 + b held from t = 0. Returns the size change (%) at `day`:
 *   u(t) = u∞ + (1 − u∞)·e^{−γ·S0·(1+b)·t},  u∞ = A/(1+b),  m = u^{1/γ}.
 */
export function closedFormSize(
  baselineSynthesisPerDay: number,
  homeostasisExponent: number,
  anabolicDrive: number,
  breakdownRise: number,
  day: number,
): number {
  const breakdown = 1 + breakdownRise;
  const steady = anabolicDrive / breakdown;
  const u =
    steady + (1 - steady) * Math.exp(-homeostasisExponent * baselineSynthesisPerDay * breakdown * day);
  return 100 * (u ** (1 / homeostasisExponent) - 1);
}

/** Steady-state size change (%) under constant drive A and breakdown rise b: 100·((A/(1+b))^{1/γ} − 1). */
export function steadyStateChangePct(
  homeostasisExponent: number,
  anabolicDrive: number,
  breakdownRise: number,
): number {
  return 100 * ((anabolicDrive / (1 + breakdownRise)) ** (1 / homeostasisExponent) - 1);
}
