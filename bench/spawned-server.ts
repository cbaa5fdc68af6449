import { type ChildProcess, spawn } from 'node:child_process';

/** A server the benchmark started in a process of its own. */
export interface SpawnedServer {
  /** The first line the server printed: where it listens. */
  firstLine: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` and waits for the first line it prints; rejects with what it wrote to
 * stderr if it exits first.
 */
export async function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  name: string,
): Promise<SpawnedServer> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${err}`)));
  });
  return {
    firstLine,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
