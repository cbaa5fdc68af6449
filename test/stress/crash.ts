import { randomBytes } from 'node:crypto';
import { listSessions, type SessionInput } from '../../src/store/records/sessions.ts';
import { pgliteDatabase, postgresDatabase, type StressDatabase, seedClinic, serverSpecOn } from './seed.ts';
import { REAL_SERVER, type ServerProcess, startServer, stopServer } from './server-process.ts';

/**
 * The crash trial: a client logs `writes` sessions concurrently against a real server process; once
 * `killAfterAcks` of them are acknowledged the server is killed with SIGKILL; it is restarted on
 * the same database, and every acknowledged write must be there, exactly as sent and with its
 * audit event, and nothing half-written may be (a row that differs from what was sent, a row
 * without its audit event, an audit event without its row).
 */
export interface CrashTrialOptions {
  database: 'pglite' | 'postgres';
  writes: number;
  killAfterAcks: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** The server to crash (default: the real `myotrophy serve`). */
  serverArgs?: string[];
  /** PostgreSQL server for database 'postgres'. */
  databaseUrl?: string;
}

export interface CrashVerdict {
  /** Acknowledged (201 with the record) before the kill, and missing after the restart. */
  lost: string[];
  /** Present, but not exactly what was sent, or without its audit event (or an audit without a row). */
  halfWritten: string[];
  /** Committed, but the client never got the answer (in flight at the kill): allowed. */
  unacknowledgedPresent: number;
}

export interface CrashTrialResult extends CrashVerdict {
  database: 'pglite' | 'postgres';
  writes: number;
  sent: number;
  acknowledged: number;
  present: number;
  failedAtKill: number;
  /** Time from the restarted process's spawn to it answering (ms). */
  restartMs: number;
  ok: boolean;
}

interface PresentRecord {
  id: string;
  input: SessionInput;
  audited: boolean;
}

/** Compares what the client was told with what the database holds after the restart. */
export function judgeCrash(
  sent: Map<string, SessionInput>,
  acknowledged: Map<string, string>,
  present: Map<string, PresentRecord>,
  orphanAudits: number,
): CrashVerdict {
  const lost = [...acknowledged.keys()].filter((marker) => !present.has(marker));
  const halfWritten: string[] = [];
  for (const [marker, record] of present) {
    const wanted = sent.get(marker);
    if (!wanted) halfWritten.push(`${marker}: stored but never sent`);
    else if (JSON.stringify(comparable(record.input)) !== JSON.stringify(comparable(wanted)))
      halfWritten.push(`${marker}: stored ${JSON.stringify(record.input)}, sent ${JSON.stringify(wanted)}`);
    else if (!record.audited) halfWritten.push(`${marker}: stored without its audit event`);
    const ackedId = acknowledged.get(marker);
    if (ackedId !== undefined && ackedId !== record.id)
      halfWritten.push(`${marker}: acknowledged as ${ackedId}, stored as ${record.id}`);
  }
  for (let i = 0; i < orphanAudits; i += 1)
    halfWritten.push('an audit event for a session that is not stored');
  const unacknowledgedPresent = [...present.keys()].filter((m) => !acknowledged.has(m)).length;
  return { lost, halfWritten, unacknowledgedPresent };
}

function comparable(input: SessionInput) {
  return {
    kind: input.kind,
    startedAt: new Date(input.startedAt).toISOString(),
    minutes: input.minutes,
    peakIntensityMa: input.peakIntensityMa ?? null,
    comfort: input.comfort ?? null,
    pain: input.pain ?? null,
    completed: input.completed,
    notes: input.notes ?? null,
  };
}

/** The i-th session of a run: every field varies, and the notes carry the run's marker. */
export function sessionFor(run: string, i: number): SessionInput {
  return {
    kind: i % 3 === 0 ? 'exercise' : 'stimulation',
    startedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    minutes: 5 + (i % 55),
    peakIntensityMa: i % 3 === 0 ? null : 10 + (i % 70) / 2,
    comfort: i % 11,
    pain: (i * 7) % 11,
    completed: i % 4 !== 0,
    notes: `${run}-${i}`,
  };
}

async function readBack(target: StressDatabase, patientId: string, run: string) {
  const database = await target.open();
  try {
    const sessions = (await listSessions(database.db, patientId, { limit: 100_000 })).filter((s) =>
      s.notes?.startsWith(`${run}-`),
    );
    const audits = await database.db
      .selectFrom('audit_events')
      .select('record_id')
      .where('resource', '=', 'sessions')
      .where('action', '=', 'create')
      .where('patient_id', '=', patientId)
      .execute();
    const auditedIds = new Set(audits.map((a) => a.record_id));
    const present = new Map<string, PresentRecord>();
    for (const s of sessions) {
      present.set(s.notes as string, {
        id: s.id,
        input: {
          kind: s.kind,
          startedAt: s.startedAt,
          minutes: s.minutes,
          peakIntensityMa: s.peakIntensityMa,
          comfort: s.comfort,
          pain: s.pain,
          completed: s.completed,
          notes: s.notes,
        },
        audited: auditedIds.has(s.id),
      });
    }
    const storedIds = new Set(sessions.map((s) => s.id));
    const orphanAudits = [...auditedIds].filter((id) => id !== null && !storedIds.has(id)).length;
    return { present, orphanAudits };
  } finally {
    await database.close();
  }
}

export async function runCrashTrial(options: CrashTrialOptions): Promise<CrashTrialResult> {
  let target: StressDatabase;
  if (options.database === 'postgres') {
    if (!options.databaseUrl) throw new Error('the PostgreSQL crash trial needs a database URL');
    target = postgresDatabase(options.databaseUrl, 'crash');
  } else {
    target = pgliteDatabase('crash');
  }
  try {
    const clinic = await seedClinic(target, 1);
    const { patientId, token } = clinic.patients[0] as { patientId: string; token: string };
    const spec = serverSpecOn(target, options.serverArgs ?? REAL_SERVER);
    const server = await startServer(spec);
    const run = `crash-${randomBytes(4).toString('hex')}`;
    const sent = new Map<string, SessionInput>();
    const acknowledged = new Map<string, string>();
    let killed = false;
    let failedAtKill = 0;
    let next = 0;
    const url = `${server.url}/api/patients/${patientId}/sessions`;
    const worker = async () => {
      while (!killed && next < options.writes) {
        const input = sessionFor(run, next);
        next += 1;
        sent.set(input.notes as string, input);
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
          const body = (await response.json()) as { id?: string; notes?: string };
          if (response.status === 201 && body.id && body.notes === input.notes) {
            acknowledged.set(input.notes as string, body.id);
          } else if (!killed) {
            throw new Error(
              `a write was refused before the kill: ${response.status} ${JSON.stringify(body)}`,
            );
          }
        } catch (error) {
          if (!killed) throw error;
          failedAtKill += 1;
        }
        if (!killed && acknowledged.size >= options.killAfterAcks) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    if (!killed) {
      killed = true;
      server.child.kill('SIGKILL');
    }
    await server.exited;

    const restartStarted = performance.now();
    const restarted: ServerProcess = await startServer(spec);
    const health = await fetch(`${restarted.url}/api/health`);
    const restartMs = performance.now() - restartStarted;
    if (health.status !== 200) throw new Error(`the restarted server answers health with ${health.status}`);
    const listed = await fetch(`${restarted.url}/api/patients/${patientId}/sessions?limit=5000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const visibleThroughApi = ((await listed.json()) as { items: { notes: string | null }[] }).items.filter(
      (s) => s.notes?.startsWith(`${run}-`),
    ).length;
    await stopServer(restarted);

    const { present, orphanAudits } = await readBack(target, patientId, run);
    if (visibleThroughApi !== Math.min(present.size, 5000)) {
      throw new Error(`the API lists ${visibleThroughApi} sessions, the database holds ${present.size}`);
    }
    const verdict = judgeCrash(sent, acknowledged, present, orphanAudits);
    return {
      database: options.database,
      writes: options.writes,
      sent: sent.size,
      acknowledged: acknowledged.size,
      present: present.size,
      failedAtKill,
      restartMs: Math.round(restartMs),
      ...verdict,
      ok: verdict.lost.length === 0 && verdict.halfWritten.length === 0,
    };
  } finally {
    await target.drop();
  }
}
