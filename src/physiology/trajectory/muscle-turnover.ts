/**
 * Muscle protein turnover: the ODEs behind the trajectory forecast.
 *
 * Muscle size m = M/M0 (CSA or volume as a fraction of baseline) is the product of two parts that
 * follow their own turnover, m = d·g:
 *
 *   d — disuse and regrowth. While immobilised (t < R):
 *       dd/dt = (FSR − FBR)·d,  FSR = S0·A(t)·d^−γd,  FBR = S0·(1 + b(t)),
 *       A(t) = n·(1 − σ·(1 − e^{−t/τS})),  b(t) = β·e^{−t/τB} + κ;
 *     after remobilisation (t ≥ R) regrowth returns d towards the plateau T = P·(1 − r·(1 − d(R))), P the
 *     patient's own plateau (1 = the muscle's own size) and r the share of the loss that ordinary activity
 *     does not bring back:  A = n·T^γr,  b = 0,  with γr in place of γd.
 *   g — training growth above the muscle's own size, from the day training starts (t ≥ E):
 *       dg/dt = S0·((1 + ρ)·g^−γt − 1)·g,   g = 1 before.
 *
 * S0 is the baseline fractional synthesis (= breakdown) rate, n the nutrition factor, σ the disuse
 * suppression of synthesis with onset time τS, β an early breakdown rise decaying with τB, κ the
 * sustained (illness) breakdown, ρ the training drive. The m^−γ terms are the homeostatic assumption: per
 * unit mass, a shrunken muscle synthesises faster (it keeps its myonuclei and ribosomes), so constant
 * disuse slows towards a floor d = (A/(1+b))^{1/γd} instead of wasting away; γd is small (slow: long bed
 * rest keeps losing for months), γr large (lost muscle comes back within weeks), γt small (hypertrophy
 * keeps going for months). Keeping training growth in its own factor means exercise during strict disuse
 * builds nothing (it acts there by lowering the disuse signals; see course.ts) and regrowth after disuse
 * and growth from training keep their own speeds.
 *
 * Substituting u = d^γ (and g^γt) makes each ODE linear, du/dt = γ·S0·(A(t) − (1 + b(t))·u), with a
 * closed form when A and b are constant (`closedFormSize`). At remobilisation the exponent changes, so
 * u is carried over as u ← u^{γr/γd} (d is continuous). We integrate with classical Runge–Kutta on a fixed
 * step (default ¼ day, aligned to whole days so the switches at R and E fall on step boundaries); the
 * tests show the ¼-day solution within 1e-7 relative of a 1/512-day one.
 *
 * For du/dt = a(t) − c(t)·u, the RK4 stages are k_i = F_i − S_i·u, so a step is the affine map
 *   u ← P·u + Q,  P = 1 − h/6·(S1 + 2S2 + 2S3 + S4),  Q = h/6·(F1 + 2F2 + 2F3 + F4),
 *   S1 = c0, S2 = cM·(1 − h/2·S1), S3 = cM·(1 − h/2·S2), S4 = cE·(1 − h·S3),
 *   F1 = a0, F2 = aM − h/2·cM·F1, F3 = aM − h/2·cM·F2, F4 = aE − h·cE·F3
 * (a, c at the step's start, middle and end). It is the same method as evaluating the stages in turn,
 * but P and Q do not depend on u, so only one multiply-add per step waits on the previous step.
 */
export interface TurnoverCourse {
  /** S0: baseline fractional synthesis = breakdown (per day). */
  baselineSynthesisPerDay: number;
  /** γd (> 0): homeostasis while immobilised. */
  disuseHomeostasisExponent: number;
  /** γr (> 0): homeostasis of regrowth after remobilisation. */
  recoveryHomeostasisExponent: number;
  /** γt (> 0): homeostasis of training growth. */
  trainingHomeostasisExponent: number;
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
  /** The patient's own plateau: the size (fraction of baseline) regrowth returns to; 1 = full recovery. */
  recoveryPlateau: number;
  /** r: share of the loss at remobilisation that regrowth does not bring back (training can). */
  recoveryResidualShare: number;
  /** ρ: training drive, × baseline synthesis, from `trainingFromDay`. */
  trainingDrive: number;
  /** R: day disuse ends (0: no disuse; Infinity: never). */
  remobiliseAtDay: number;
  /** E: day training growth starts (Infinity: never). */
  trainingFromDay: number;
}

/** Steps per day used unless the caller asks otherwise. */
export const DEFAULT_STEPS_PER_DAY = 4;

/**
 * One RK4 step of length h of du/dt = a − c·u is affine in u: u ← P·u + Q. P (the factor) depends on c
 * at the step's start, middle and end; Q (the forcing) on a there and on c in the middle and at the end.
 */
function rk4StepFactor(c0: number, cMid: number, cEnd: number, h: number): number {
  const half = h / 2;
  const slope2 = cMid * (1 - half * c0);
  const slope3 = cMid * (1 - half * slope2);
  const slope4 = cEnd * (1 - h * slope3);
  return 1 - (h / 6) * (c0 + 2 * slope2 + 2 * slope3 + slope4);
}

function rk4StepForcing(
  a0: number,
  aMid: number,
  aEnd: number,
  cMid: number,
  cEnd: number,
  h: number,
): number {
  const half = h / 2;
  const free2 = aMid - half * cMid * a0;
  const free3 = aMid - half * cMid * free2;
  const free4 = aEnd - h * cEnd * free3;
  return (h / 6) * (a0 + 2 * free2 + 2 * free3 + free4);
}

/**
 * One day of RK4 steps of du/dt = a(t) − c(t)·u with a = aBase + aOnset·e^{−t/τS} and
 * c = cBase + cTransient·e^{−t/τB}, from the exponentials' values at the day's start. Returns u; the
 * exponentials at the day's end are written to `decays` ([onset, transient]).
 */
function stepDay(
  u0: number,
  aBase: number,
  aOnset: number,
  cBase: number,
  cTransient: number,
  decays: Float64Array,
  onsetHalf: number,
  transientHalf: number,
  stepsPerDay: number,
): number {
  const h = 1 / stepsPerDay;
  let u = u0;
  let onset = decays[0] as number;
  let transient = decays[1] as number;
  for (let step = 0; step < stepsPerDay; step += 1) {
    const onsetMid = onset * onsetHalf;
    const onsetEnd = onsetMid * onsetHalf;
    const transientMid = transient * transientHalf;
    const transientEnd = transientMid * transientHalf;
    const a0 = aBase + aOnset * onset;
    const aMid = aBase + aOnset * onsetMid;
    const aEnd = aBase + aOnset * onsetEnd;
    const c0 = cBase + cTransient * transient;
    const cMid = cBase + cTransient * transientMid;
    const cEnd = cBase + cTransient * transientEnd;
    u = rk4StepFactor(c0, cMid, cEnd, h) * u + rk4StepForcing(a0, aMid, aEnd, cMid, cEnd, h);
    onset = onsetEnd;
    transient = transientEnd;
  }
  decays[0] = onset;
  decays[1] = transient;
  return u;
}

/**
 * The day map u ← P·u + Q of `stepsPerDay` RK4 steps of du/dt = a − c·u with constant a and c: each step
 * is the same affine step, so a day is that step composed with itself.
 */
function constantDayMap(a: number, c: number, stepsPerDay: number): { p: number; q: number } {
  const h = 1 / stepsPerDay;
  const stepP = rk4StepFactor(c, c, c, h);
  const stepQ = rk4StepForcing(a, a, a, c, c, h);
  let p = 1;
  let q = 0;
  for (let step = 0; step < stepsPerDay; step += 1) {
    q = stepP * q + stepQ;
    p *= stepP;
  }
  return { p, q };
}

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
  const n = course.nutritionFactor;
  const gammaD = course.disuseHomeostasisExponent;
  const gammaR = course.recoveryHomeostasisExponent;
  const gammaT = course.trainingHomeostasisExponent;
  const half = 1 / (2 * stepsPerDay);
  const onsetHalf = Math.exp(-half / course.suppressionOnsetDays);
  const transientHalf = Math.exp(-half / course.transientBreakdownDays);
  const sigma = course.synthesisSuppression;
  const remobiliseAt = course.remobiliseAtDay;
  const trainingFrom = course.trainingFromDay;
  // While immobilised: γd·S0·A(t) = aBase + aOnset·e^{−t/τS}, γd·S0·(1 + b(t)) = cBase + cTransient·e^{−t/τB}.
  const disuseA = gammaD * s0 * n * (1 - sigma);
  const disuseOnset = gammaD * s0 * n * sigma;
  const disuseC = gammaD * s0 * (1 + course.sustainedBreakdown);
  const disuseTransient = gammaD * s0 * course.transientBreakdown;
  // After remobilisation and for training growth the rates are constant: one affine map a day.
  let recovery = { p: 0, q: 0 };
  const recoverTowards = (sizeAtRemobilisation: number): void => {
    const plateau = course.recoveryPlateau * (1 - course.recoveryResidualShare * (1 - sizeAtRemobilisation));
    recovery = constantDayMap(gammaR * s0 * n * plateau ** gammaR, gammaR * s0, stepsPerDay);
  };
  if (remobiliseAt <= 0) recoverTowards(1);
  const training = constantDayMap(gammaT * s0 * (1 + course.trainingDrive), gammaT * s0, stepsPerDay);
  const decays = new Float64Array([1, 1]);

  let u = 1; // d^γ, with γ = γd while immobilised and γr after
  let lnG = 0; // ln g
  let v = 1; // g^γt
  let immobilised = remobiliseAt > 0;
  let invGamma = immobilised ? 1 / gammaD : 1 / gammaR;
  out[0] = 0;
  for (let day = 0; day < days; day += 1) {
    if (immobilised && day >= remobiliseAt) {
      immobilised = false;
      recoverTowards(Math.exp(Math.log(u) / gammaD));
      u = Math.exp((gammaR / gammaD) * Math.log(u));
      invGamma = 1 / gammaR;
    }
    if (immobilised) {
      u = stepDay(
        u,
        disuseA,
        disuseOnset,
        disuseC,
        disuseTransient,
        decays,
        onsetHalf,
        transientHalf,
        stepsPerDay,
      );
    } else {
      u = recovery.p * u + recovery.q;
    }
    if (day >= trainingFrom) {
      v = training.p * v + training.q;
      lnG = Math.log(v) / gammaT;
    }
    out[day + 1] = 100 * (Math.exp(invGamma * Math.log(u) + lnG) - 1);
  }
  return out;
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
