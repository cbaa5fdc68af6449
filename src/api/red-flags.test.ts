/**
 * Red flags at the API (issue 14): a flag raised by a screening pauses stimulation at once (Today,
 * session logging, the clinician's alert); only a clinician on the care team resolves it, with a
 * note, and the resolution is audited; a later screening that answers "no" does not close it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { PAUSE_HEADLINE } from '../clinic/safety/red-flag-pause.ts';

const NOW = new Date('2025-03-01T12:00:00Z');
const CLINIC = { name: 'Riverside Physiotherapy', phone: '020 7946 0000' };
const FLAG = 'breathlessLyingFlat';

describe.each(testDatabases)('red flags: pause, alert, resolution on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW, clinicContact: CLINIC });
  let base: string;
  beforeAll(async () => {
    base = `/api/patients/${world.patientOne}`;
    const screened = await world.request(world.clinicianOne, 'POST', `${base}/screenings`, {
      screenedAt: '2025-02-28T09:00:00Z',
      answers: {},
      electrodeSites: [],
      redFlagFindings: { [FLAG]: true },
    });
    expect(screened.statusCode).toBe(201);
  }, 60_000);

  const session = (kind: 'stimulation' | 'exercise') => ({
    kind,
    startedAt: '2025-03-01T08:00:00Z',
    minutes: 20,
    completed: true,
  });
  const logSession = (kind: 'stimulation' | 'exercise') =>
    world.request(world.patientUserOne, 'POST', `${base}/sessions`, session(kind));

  it('pauses stimulation at once: the patient reads the pause with the clinic’s contact; logs are refused', async () => {
    const flags = (await world.request(world.patientUserOne, 'GET', `${base}/red-flags`)).json();
    expect(flags).toMatchObject({
      open: [
        { key: FLAG, raisedAt: '2025-02-28T09:00:00.000Z', label: 'Breathlessness lying flat or at rest' },
      ],
      stimulationPaused: true,
      exercise: 'pause',
    });
    // Sentences the patient's app words in the patient's language.
    expect(flags.patientMessage.slice(0, 2)).toEqual([
      { key: 'core.pause.headline' },
      {
        key: 'core.contact',
        values: { name: 'Riverside Physiotherapy', phone: '020 7946 0000', email: '', has: 'phone' },
      },
    ]);
    expect(flags.clinicianAlert).toBeUndefined(); // the patient does not get the clinician's alert
    const today = (await world.request(world.patientUserOne, 'GET', `${base}/today`)).json();
    expect(today).toMatchObject({ stimulationDue: false, stimulationPaused: true, exercise: 'pause' });
    expect(today.clinic).toEqual(CLINIC);
    const stim = await logSession('stimulation');
    expect(stim.statusCode).toBe(409);
    expect(stim.json().detail).toBe(
      `${PAUSE_HEADLINE}. A stimulation session cannot be logged while a red flag is open. Riverside Physiotherapy: 020 7946 0000.`,
    );
    expect(stim.json().patientMessage.map((s: { key: string }) => s.key)).toEqual([
      'core.pause.headline',
      'core.pause.noStimulationLog',
      'core.contact',
    ]);
    // Breathlessness lying flat pauses exercise too (red-flags.ts exerciseWhileOpen: 'pause').
    const exercise = await logSession('exercise');
    expect(exercise.statusCode).toBe(409);
    expect(exercise.json().detail).toMatch(/Exercise is paused too/);
  });

  it('alerts the clinician, and a later "no" answer does not close the flag', async () => {
    await world.request(world.clinicianOne, 'POST', `${base}/screenings`, {
      screenedAt: '2025-03-01T09:00:00Z',
      answers: {},
      electrodeSites: [],
      redFlagFindings: { [FLAG]: false },
    });
    const alerts = (await world.request(world.clinicianOne, 'GET', '/api/alerts')).json().items;
    const alert = alerts.find((a: { kind: string }) => a.kind === 'red-flag');
    expect(alert).toMatchObject({
      patientId: world.patientOne,
      severity: 'high',
      since: '2025-02-28T09:00:00.000Z',
    });
    expect(alert.message).toMatch(
      /^Red flag open: stimulation paused\. Open red flag: Breathlessness lying flat/,
    );
    const flags = (await world.request(world.clinicianOne, 'GET', `${base}/red-flags`)).json();
    expect(flags.open.map((f: { key: string }) => f.key)).toEqual([FLAG]);
    expect(flags.clinicianAlert.title).toBe('Red flag open: stimulation paused');
  });

  it('only a clinician on the care team resolves it, with a note', async () => {
    const url = `${base}/red-flags/${FLAG}/resolve`;
    const note = {
      note: 'GP reviewed 1 March: orthopnoea from a chest infection, treated; no neuromuscular cause.',
    };
    expect((await world.request(world.patientUserOne, 'POST', url, note)).statusCode).toBe(403);
    // An admin who is not a clinician on the care team may not (the team admin holds the clinician role).
    expect((await world.request(world.admin, 'POST', url, note)).statusCode).toBe(403);
    expect((await world.request(world.clinicianTwo, 'POST', url, note)).statusCode).toBe(403);
    /** The care team's clinician resolving the red flag `key`, with the note. */
    const resolveAsClinician = (key: string) =>
      world.request(world.clinicianOne, 'POST', `${base}/red-flags/${key}/resolve`, note);
    const noNote = await world.request(world.clinicianOne, 'POST', url, {});
    expect(noNote.statusCode).toBe(400);
    expect((await world.request(world.clinicianOne, 'POST', url, { note: '   ' })).statusCode).toBe(400);
    const unknown = await resolveAsClinician('constructor');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain(FLAG);
    const notOpen = await resolveAsClinician('bulbarSigns');
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.json().detail).toContain(`open: ${FLAG}`);

    const resolved = await world.request(world.clinicianOne, 'POST', url, note);
    expect(resolved.statusCode).toBe(201);
    expect(resolved.json()).toMatchObject({ key: FLAG, note: note.note, resolvedBy: world.clinicianOne.id });
    const audit = (
      await world.request(world.admin, 'GET', `/api/audit?patientId=${world.patientOne}`)
    ).json();
    expect(
      (audit.items as { action: string; resource: string; recordId: string }[]).filter(
        (e) => e.action === 'resolve' && e.resource === 'red-flags',
      ),
    ).toEqual([expect.objectContaining({ recordId: resolved.json().id, userId: world.clinicianOne.id })]);
    expect((await world.request(world.clinicianOne, 'POST', url, note)).statusCode).toBe(409);
  });

  it('once resolved, stimulation resumes and the alert goes; the resolution stays on the record', async () => {
    const flags = (await world.request(world.clinicianOne, 'GET', `${base}/red-flags`)).json();
    expect(flags).toMatchObject({ open: [], stimulationPaused: false, patientMessage: null });
    expect(flags.resolutions).toHaveLength(1);
    const alerts = (await world.request(world.clinicianOne, 'GET', '/api/alerts')).json().items;
    expect(alerts.filter((a: { kind: string }) => a.kind === 'red-flag')).toEqual([]);
    const exercise = await logSession('exercise');
    expect(exercise.statusCode).toBe(201);
  });
});

describe.each(testDatabases)('a logged session records its evoked force on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW });

  it('stores % MVC and the contraction seen, per session, and reads them back', async () => {
    const base = `/api/patients/${world.patientOne}`;
    const logged = await world.request(world.patientUserOne, 'POST', `${base}/sessions`, {
      kind: 'stimulation',
      startedAt: '2025-03-01T08:00:00Z',
      minutes: 20,
      completed: true,
      evokedForce: { percentMvc: 35, step: 'visible' },
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json().evokedForce).toEqual({ percentMvc: 35, step: 'visible' });
    const without = await world.request(world.patientUserOne, 'POST', `${base}/sessions`, {
      kind: 'exercise',
      startedAt: '2025-03-01T09:00:00Z',
      minutes: 15,
      completed: true,
    });
    expect(without.json().evokedForce).toBeNull();
    const items = (await world.request(world.clinicianOne, 'GET', `${base}/sessions`)).json().items;
    expect(items.map((s: { evokedForce: unknown }) => s.evokedForce)).toEqual([
      { percentMvc: 35, step: 'visible' },
      null,
    ]);
    const wrong = await world.request(world.patientUserOne, 'POST', `${base}/sessions`, {
      kind: 'stimulation',
      startedAt: '2025-03-01T10:00:00Z',
      minutes: 20,
      completed: true,
      evokedForce: { step: 'constructor' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toContain('palpable, visible, partial-movement, full-movement');
  });
});
