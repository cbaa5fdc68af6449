import { performance } from 'node:perf_hooks';
import { simulateForce } from '../../physiology/force/simulate.ts';
import { type Command, declareOptions } from '../command.ts';
import { optionalNumber } from '../options.ts';
import {
  MODEL_OPTIONS,
  MODEL_USAGE,
  modelFromOptions,
  TRAIN_OPTIONS,
  TRAIN_USAGE,
  trainFromOptions,
} from '../train-options.ts';

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Simulate the force and fatigue of stimulated muscle for a pulse train.',
  usage: [`simulate ${MODEL_USAGE} ${TRAIN_USAGE} [--trace N] [--json]`],
  options: { ...MODEL_OPTIONS, ...TRAIN_OPTIONS, ...declareOptions(['trace']) },
  run(values) {
    const model = modelFromOptions(values);
    const programme = trainFromOptions(values, model);
    const tracePoints = optionalNumber(values, 'trace', { min: 2, max: 100_000, integer: true });
    const sampleTimesS =
      tracePoints === undefined
        ? undefined
        : Array.from({ length: tracePoints }, (_, i) => (programme.endS * i) / (tracePoints - 1));
    const started = performance.now();
    const result = simulateForce(model, programme.train, {
      endS: programme.endS,
      contractionStartsS: programme.contractionStartsS,
      ...(sampleTimesS ? { sampleTimesS } : {}),
    });
    const elapsedMs = performance.now() - started;
    const json = {
      model: model.id,
      source: model.source,
      pulses: programme.train.timesS.length,
      endS: programme.endS,
      peakForceN: result.peakForceN,
      forceTimeIntegralNs: result.forceTimeIntegralNs,
      contractions: result.contractions,
      finalState: { A: result.finalState.A, tau1: result.finalState.tau1, Km: result.finalState.Km },
      fatigueIndex: Number.isFinite(result.fatigueIndex) ? result.fatigueIndex : null,
      elapsedMs,
      ...(sampleTimesS ? { trace: { timesS: sampleTimesS, forceN: result.sampledForceN } } : {}),
    };
    const text = [
      `${model.id}: ${json.pulses} pulses over ${programme.endS} s`,
      `peak force ${result.peakForceN.toFixed(2)} N, force–time integral ${result.forceTimeIntegralNs.toFixed(2)} N·s`,
      `${result.contractions.length} contraction(s); fatigue index ${json.fatigueIndex === null ? 'n/a' : json.fatigueIndex.toFixed(4)}`,
      `final A ${result.finalState.A.toFixed(2)} N/s, τ1 ${result.finalState.tau1.toFixed(6)} s, Km ${result.finalState.Km.toFixed(6)}`,
      `computed in ${elapsedMs.toFixed(2)} ms`,
    ].join('\n');
    return { json, text };
  },
};
