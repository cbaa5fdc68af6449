import { readlinkSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { HttpProblem } from './problem.ts';

/**
 * Heavy computations (a simulated stimulation session: about 0.6 s of CPU) run on worker threads,
 * not on the event loop, so one caller cannot stall everyone else's requests. Each task has a time
 * budget (a worker past it is terminated and replaced) and the queue of waiting tasks is bounded:
 * when it is full the caller gets 503 with Retry-After at once, instead of waiting behind a flood.
 * The per-user rate limit on the routes keeps one user from filling the queue alone.
 *
 * A worker runs the module that names the tasks (compute-tasks.ts, with `workerData.computePool`
 * set), so the tasks need no build entry of their own; from TypeScript sources (tests, tsx) the
 * worker loads them through tsx.
 */
export interface ComputePoolOptions {
  /** Worker threads (default: the cores less one, at least 1, at most 4). */
  workers?: number;
  /** Tasks waiting for a worker beyond those running (default 8 per worker). */
  maxQueue?: number;
  /** A task still running after this many ms is stopped (default 5 000). */
  timeBudgetMs?: number;
}

export type ComputeTasks = Record<string, (input: never) => unknown>;

interface Pending {
  task: string;
  input: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  busy?: { pending: Pending; timer: NodeJS.Timeout };
}

export class ComputePool {
  readonly workers: number;
  readonly maxQueue: number;
  readonly timeBudgetMs: number;
  readonly #workerFile: string;
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  #closed = false;

  /** `workerFile`: the module a worker runs; it calls serveComputeTasks with the tasks it offers. */
  constructor(workerFile: string, options: ComputePoolOptions = {}) {
    this.workers = options.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1));
    this.maxQueue = options.maxQueue ?? 8 * this.workers;
    this.timeBudgetMs = options.timeBudgetMs ?? 5_000;
    this.#workerFile = workerFile;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Runs `task` on a worker; 503 when the queue is full or the task runs past its time budget. */
  run<T>(task: string, input: unknown): Promise<T> {
    if (this.#closed) return Promise.reject(new HttpProblem(503, 'the server is shutting down'));
    const idle = this.#idleSlot();
    if (!idle && this.#queue.length >= this.maxQueue) {
      return Promise.reject(
        new HttpProblem(503, 'the server is busy with other computations; try again in a few seconds', {
          retryAfterS: 5,
        }),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { task, input, resolve: resolve as (value: unknown) => void, reject };
      if (idle) this.#start(idle, pending);
      else this.#queue.push(pending);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.splice(0)) {
      pending.reject(new HttpProblem(503, 'the server is shutting down'));
    }
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
    this.#slots.length = 0;
  }

  #idleSlot(): Slot | undefined {
    const idle = this.#slots.find((slot) => !slot.busy);
    if (idle) return idle;
    if (this.#slots.length < this.workers) {
      const slot = this.#spawn();
      return slot;
    }
    return undefined;
  }

  #spawn(): Slot {
    const source = this.#workerFile;
    // A worker does not inherit the parent's TypeScript loader: from sources, it registers tsx first.
    const worker = source.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(source).href)}); });`,
          { eval: true, workerData: { computePool: true } },
        )
      : new Worker(source, { workerData: { computePool: true } });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (message: { ok: boolean; value?: unknown; error?: string }) => {
      const busy = slot.busy;
      if (!busy) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      if (message.ok) busy.pending.resolve(message.value);
      else busy.pending.reject(new HttpProblem(422, message.error ?? 'the computation failed'));
      this.#next(slot);
    });
    worker.on('error', (error) => this.#replace(slot, error));
    worker.on('exit', () => this.#replace(slot, new Error('a computation worker stopped')));
    this.#slots.push(slot);
    return slot;
  }

  #start(slot: Slot, pending: Pending): void {
    const timer = setTimeout(() => {
      slot.busy = undefined;
      pending.reject(
        new HttpProblem(
          503,
          `the computation ran past its time budget of ${this.timeBudgetMs / 1000} s and was stopped; try a shorter one`,
          { retryAfterS: 5 },
        ),
      );
      void slot.worker.terminate();
    }, this.timeBudgetMs);
    slot.busy = { pending, timer };
    slot.worker.postMessage({ task: pending.task, input: pending.input });
  }

  #next(slot: Slot): void {
    const pending = this.#queue.shift();
    if (pending) this.#start(slot, pending);
  }

  #replace(slot: Slot, error: unknown): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    if (slot.busy) {
      clearTimeout(slot.busy.timer);
      slot.busy.pending.reject(error);
      slot.busy = undefined;
    }
    if (this.#closed) return;
    const pending = this.#queue.shift();
    if (pending) this.#start(this.#spawn(), pending);
  }
}

/**
 * The nice value of a worker thread (Linux; 0 is normal, 19 the lowest): when the machine is short
 * of CPU, the event loop, which answers every user, runs before a computation, which answers one.
 */
export const COMPUTE_WORKER_NICE = 10;

/** Lowers the calling thread's priority: on Linux a thread's id (from /proc/thread-self) takes a nice value of its own. */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, COMPUTE_WORKER_NICE);
  } catch {
    // Not Linux (no /proc/thread-self): the worker keeps the normal priority.
  }
}

/** The worker's side: runs each task the pool posts with the functions named in `tasks`. */
export function serveComputeTasks(tasks: ComputeTasks): void {
  lowerThisThreadsPriority();
  parentPort?.on('message', ({ task, input }: { task: string; input: never }) => {
    try {
      const run = Object.hasOwn(tasks, task) ? tasks[task] : undefined;
      if (!run) throw new Error(`no computation '${task}'`);
      parentPort?.postMessage({ ok: true, value: run(input) });
    } catch (error) {
      parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
