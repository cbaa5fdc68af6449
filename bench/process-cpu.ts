import { readFileSync } from 'node:fs';
import pg from 'pg';

/**
 * CPU time read from Linux's /proc, so a benchmark can say where the machine's cores went: the
 * server process, the PostgreSQL backends serving it (PostgreSQL on the same host), the rest.
 * /proc counts in clock ticks of 1/100 s (USER_HZ, 100 on every Linux build Myotrophy runs on).
 */
const MS_PER_TICK = 10;

/** User + system CPU a process has used, in ms; 0 once it has gone (or off Linux). */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at field 3: utime is 14, stime 15.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK || 0;
  } catch {
    return 0;
  }
}

/** Busy and total CPU time of the whole machine (every core), in ms. */
export function machineCpuMs(): { busyMs: number; totalMs: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    // idle and iowait are the 4th and 5th counters.
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busyMs: (total - idle) * MS_PER_TICK, totalMs: total * MS_PER_TICK };
  } catch {
    return { busyMs: 0, totalMs: 0 };
  }
}

/** The connection string with an application name, by which its backends are found again. */
export function namedConnection(databaseUrl: string, applicationName: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

/** The process ids of the PostgreSQL backends serving connections with this application name. */
export async function backendPids(databaseUrl: string, applicationName: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/**
 * CPU used during some work by each of the given processes and by the database backends of the
 * given application names (those alive at the start or the end; a backend that came and went
 * within the work is not counted, so database figures are a lower bound), and by the machine.
 */
export async function cpuDuring<T>(
  processes: Record<string, number>,
  database: { url: string; applicationNames: string[] } | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: Record<string, number>; machineBusyShare: number }> {
  const backends = async () =>
    database
      ? await Promise.all(database.applicationNames.map((name) => backendPids(database.url, name)))
      : [];
  const startBackends = await backends();
  const startOf = new Map<number, number>();
  for (const pid of [...Object.values(processes), ...startBackends.flat()])
    startOf.set(pid, processCpuMs(pid));
  const machineStart = machineCpuMs();
  const result = await work();
  const machineEnd = machineCpuMs();
  const endBackends = await backends();
  const used = (pid: number) => Math.max(0, processCpuMs(pid) - (startOf.get(pid) ?? 0));
  const cpuMs: Record<string, number> = {};
  for (const [name, pid] of Object.entries(processes)) cpuMs[name] = used(pid);
  database?.applicationNames.forEach((name, i) => {
    const pids = new Set([...(startBackends[i] ?? []), ...(endBackends[i] ?? [])]);
    cpuMs[`database:${name}`] = [...pids].reduce((sum, pid) => sum + used(pid), 0);
  });
  const total = machineEnd.totalMs - machineStart.totalMs;
  return {
    result,
    cpuMs,
    machineBusyShare: total > 0 ? (machineEnd.busyMs - machineStart.busyMs) / total : 0,
  };
}
