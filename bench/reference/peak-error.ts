/**
 * The largest relative difference between a solver's contraction peaks and a reference solution's,
 * max over i of |peak_i − reference_i| / |reference_i|: one figure for how accurately a setting
 * solves the benchmark's problem. The two lists must describe the same contractions.
 */
export function largestRelativePeakError(
  peaksN: readonly number[],
  referencePeaksN: readonly number[],
): number {
  if (peaksN.length !== referencePeaksN.length) {
    throw new Error(`${peaksN.length} peaks against ${referencePeaksN.length} reference peaks`);
  }
  let largest = 0;
  for (let i = 0; i < peaksN.length; i += 1) {
    const reference = referencePeaksN[i] as number;
    const error = Math.abs((peaksN[i] as number) - reference) / Math.abs(reference);
    // A missing figure (NaN) must not pass as accurate.
    if (Number.isNaN(error)) return Number.NaN;
    if (error > largest) largest = error;
  }
  return largest;
}
