/**
 * A pulse train: the times of the stimulation pulses, with each pulse's width and intensity where
 * the model uses them. Times are in seconds from the start of the simulation, strictly increasing.
 */
export interface PulseTrain {
  timesS: number[];
  /** Phase width of each pulse (µs); needed by pulse-width models (Ding 2007). */
  widthsUs?: number[];
  /** Peak current of each pulse (mA); needed by pulse-amplitude models (Ben Hmed 2018). */
  intensitiesMa?: number[];
}
