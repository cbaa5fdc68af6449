import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A real server in a child process: `node bin/myotrophy.js serve` (or a fixture script run through
 * tsx), started on a free port, waited for until it prints its one JSON document, and stopped with
 * a signal. The stress suites kill it with SIGKILL, measure its memory from /proc, and restart it.
 */
export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** What the process printed on stderr so far. */
  stderr(): string;
  /** What the process printed on stdout so far (its JSON document first). */
  stdout(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServerSpec {
  /** Arguments after `node`; the default is the real command. */
  args?: string[];
  /** `--data DIR` for the embedded database; absent for PostgreSQL. */
  dataDir?: string;
  env?: Record<string, string | undefined>;
}

export const REAL_SERVER = ['bin/myotrophy.js', 'serve'];

/** A TypeScript fixture run the way bin/myotrophy.js runs the sources (through tsx). */
export function fixtureServer(path: string): string[] {
  return ['--import', 'tsx', path];
}

export async function startServer(spec: ServerSpec, timeoutMs = 60_000): Promise<ServerProcess> {
  const args = [
    ...(spec.args ?? REAL_SERVER),
    '--port',
    '0',
    '--json',
    ...(spec.dataDir ? ['--data', spec.dataDir] : []),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, MYOTROPHY_PASSWORD: undefined, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      for (const candidate of [stdout, ...stdout.split('\n')]) {
        try {
          const document = JSON.parse(candidate) as { url?: string };
          if (document.url) {
            clearTimeout(timer);
            resolve(document.url);
            return;
          }
        } catch {
          // not the whole document yet
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
  return { url, pid: child.pid as number, child, stderr: () => stderr, stdout: () => stdout, exited };
}

/** Sends the signal and waits for the process to end. */
export async function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}

/** Resident set size of a process, in MB (Linux /proc). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}
