import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';
import { simulateSession } from '../clinic/programme/session-simulation.ts';
import { ComputePool, type ComputePoolOptions, serveComputeTasks } from './compute-pool.ts';

/** The computations the API runs off the event loop, by name. */
export const computeTasks = {
  'simulate-session': simulateSession,
};

/** A pool whose workers run this module, and so offer computeTasks. */
export function createComputePool(options: ComputePoolOptions = {}): ComputePool {
  return new ComputePool(fileURLToPath(import.meta.url), options);
}

if (!isMainThread && workerData?.computePool === true) serveComputeTasks(computeTasks);
