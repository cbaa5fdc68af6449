import cluster, { type Worker } from 'node:cluster';

/** How long the primary waits before starting a worker in place of one that stopped. */
const RESTART_DELAY_MS = 1000;

export interface WorkerPool {
  /** The port every worker shares. */
  port: number;
  pids(): number[];
}

function listeningPort(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('listening', (address) => resolve(address.port));
    worker.once('exit', (code, signal) =>
      reject(
        new Error(`a server worker stopped before it listened (exit ${signal ?? code}); its error is above`),
      ),
    );
  });
}

/**
 * The primary process of `serve --workers N`: forks N workers that run the same command line and
 * share one listening port (the primary hands connections round-robin), starts another in place of
 * a worker that stops on its own, and on SIGINT/SIGTERM stops them all and then itself. Workers'
 * standard output is discarded, so the command still prints exactly one document (the primary's);
 * their errors reach standard error.
 */
export async function startWorkers(count: number): Promise<WorkerPool> {
  cluster.setupPrimary({ stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let stopping = false;
  const live = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    live.add(worker);
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) return;
      setTimeout(() => {
        if (stopping) return;
        const next = fork();
        process.stderr.write(
          `myotrophy: server worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); started worker ${next.process.pid} in its place\n`,
        );
      }, RESTART_DELAY_MS);
    });
    return worker;
  };
  const stopAll = async () => {
    stopping = true;
    const exits = [...live].map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    for (const worker of live) worker.process.kill('SIGTERM');
    await Promise.all(exits);
  };
  const first = Array.from({ length: count }, fork);
  let ports: number[];
  try {
    ports = await Promise.all(first.map(listeningPort));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const stop = async () => {
    await stopAll();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { port: ports[0] ?? 0, pids: () => [...live].map((w) => w.process.pid ?? 0) };
}
