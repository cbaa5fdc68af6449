import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateInputFor, twelveSecondCalfProgramme, twoCalfProgramme } from '../../device/demo-session.ts';

let dir: string;
let programmeFile: string;
let bothCalvesFile: string;

/** The short calf programme cut to 12 s (3 s warm-up, 6 s work with one 4 s contraction, 3 s cool-down), screened today; on one calf or both. */
function writeProgramme(path: string, screened: boolean, calves: 'one' | 'both' = 'one'): void {
  const programme =
    calves === 'one' ? twelveSecondCalfProgramme() : twoCalfProgramme(twelveSecondCalfProgramme());
  const input = gateInputFor(programme);
  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(
    path,
    JSON.stringify({
      programme,
      screening: screened && input.screening ? { ...input.screening, screenedAt: today } : null,
      openRedFlags: [],
      conditions: input.conditions,
    }),
  );
}

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/myotrophy.js', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'myotrophy-stimulate-'));
  programmeFile = join(dir, 'programme.json');
  writeProgramme(programmeFile, true);
  bothCalvesFile = join(dir, 'both-calves.json');
  writeProgramme(bothCalvesFile, true, 'both');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('myotrophy stimulate', () => {
  it('refuses, before opening any port, a programme the gate does not clear (no screening)', async () => {
    const unscreened = join(dir, 'unscreened.json');
    writeProgramme(unscreened, false);
    const r = await run([
      'stimulate',
      '--protocol',
      'sciencemode4',
      '--device',
      '/dev/does-not-exist',
      '--programme',
      unscreened,
      '--intensity',
      '20',
      '--json',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/safety gate refuses.*\n- No contraindication screening is recorded/);
  });

  it('asks for the intensity', async () => {
    const r = await run([
      'stimulate',
      '--protocol',
      'sciencemode2',
      '--device',
      'emulator',
      '--programme',
      programmeFile,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--intensity is required/);
  });

  describe('one starting intensity per channel (a programme on both calves)', () => {
    const onBothCalves = (...intensity: string[]) =>
      run([
        'stimulate',
        '--protocol',
        'sciencemode4',
        '--device',
        'emulator',
        '--programme',
        bothCalvesFile,
        ...intensity,
        '--json',
      ]);
    const warmUpCeilingMa = twelveSecondCalfProgramme().levels[0]?.blocks[0]?.maxIntensityMa as number;

    it("starts each channel at its own value (--intensity 12,15) and reports each channel's peak", async () => {
      const r = await onBothCalves('--intensity', '12,15');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary.stopReason).toBe('completed');
      expect(summary.peakCurrentMaByChannel).toEqual({ '1': 12, '2': 15 });
      const peakByChannel: Record<number, number> = {};
      for (const t of summary.emulator.trains as { channel: number; currentMa: number }[]) {
        peakByChannel[t.channel] = Math.max(peakByChannel[t.channel] ?? 0, t.currentMa);
      }
      expect(peakByChannel).toEqual({ 1: 12, 2: 15 });
    }, 180_000);

    it('counts repeated and listed values together: 12, then 15,9 is three values for two channels', async () => {
      const r = await onBothCalves('--intensity', '12', '--intensity', '15,9');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/one for each of the programme's 2 channels; got 3/);
    });

    it("refuses, before any port is opened, a channel's value over the clinician's ceiling, naming the channel", async () => {
      const r = await onBothCalves('--intensity', `12,${warmUpCeilingMa + 1}`);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        `channel 2's starting intensity must be from 0 to ${warmUpCeilingMa} mA (the clinician's ceiling for the warm-up block); got ${warmUpCeilingMa + 1}`,
      );
      expect(r.stdout).toBe('');
    });

    it('refuses a value that is not a number of mA, and says what is allowed', async () => {
      const r = await onBothCalves('--intensity', '12,lots');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /--intensity must be a number of mA from 0 up to the clinician's ceiling, one for every channel or one per channel \(--intensity 12,15\); got '12,lots'/,
      );
    });
  });
});

/** A socat pseudo-terminal pair: the driver opens `host`, the emulator `device`. */
function ptyPair(): Promise<{ host: string; device: string; socat: ChildProcess }> {
  const host = join(dir, `host-${Math.random().toString(36).slice(2)}`);
  const device = join(dir, `device-${Math.random().toString(36).slice(2)}`);
  const socat = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${device}`]);
  return new Promise((resolve, reject) => {
    socat.on('error', (error) =>
      reject(new Error(`socat is needed for this test (apt-get install socat): ${error.message}`)),
    );
    const started = Date.now();
    const wait = () => {
      if (existsSync(host) && existsSync(device)) resolve({ host, device, socat });
      else if (Date.now() - started > 10_000) reject(new Error('socat made no pseudo-terminals within 10 s'));
      else setTimeout(wait, 50);
    };
    wait();
  });
}

/** Our driver plays the programme file at 25 mA on the pseudo-terminal `host` (acks may take a second there). */
function stimulateOver(protocol: string, host: string) {
  const args = ['--protocol', protocol, '--device', host, '--programme', programmeFile];
  return run(['stimulate', ...args, '--intensity', '25', '--ack-timeout', '1000', '--json']);
}

describe('myotrophy stimulate → myotrophy emulate over a socat pseudo-terminal pair (the real serial stack)', () => {
  it('ScienceMode4: plays the whole programme; the emulator delivered the pulses the summary reports', async () => {
    const { host, device, socat } = await ptyPair();
    try {
      const emulate = run(['emulate', '--protocol', 'sciencemode4', '--port', device, '--json']);
      await new Promise((r) => setTimeout(r, 1500));
      const r = await stimulateOver('sciencemode4', host);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({
        stopReason: 'completed',
        faults: [],
        peakCurrentMaByChannel: { '1': 25 },
        device: { deviceId: 'MYO-EMU-01' },
      });
      expect(summary.deliveredMinutes).toBeCloseTo(0.2, 1);
      socat.kill('SIGTERM');
      const e = await emulate;
      const delivered = JSON.parse(e.stdout);
      expect(delivered.peakCurrentMa).toBe(25);
      // 2 s of full current at 35 Hz alone is 70 pulses; the ramps and the 5 Hz and 3 Hz blocks add more.
      expect(delivered.pulses).toBeGreaterThan(70);
    } finally {
      socat.kill('SIGKILL');
    }
  });

  it('ScienceMode2: an electrode error injected by the emulator stops the session with a fault and exit code 3', async () => {
    const { host, device, socat } = await ptyPair();
    try {
      const emulate = run([
        'emulate',
        '--protocol',
        'sciencemode2',
        '--port',
        device,
        '--fault',
        'electrode-error',
        '--fault-after',
        '5',
        '--json',
      ]);
      await new Promise((r) => setTimeout(r, 1000));
      const r = await stimulateOver('sciencemode2', host);
      expect(r.status).toBe(3);
      const summary = JSON.parse(r.stdout);
      expect(summary.stopReason).toBe('fault');
      expect(summary.faults).toEqual([
        expect.objectContaining({ kind: 'electrode-error', message: 'the device stopped: electrode error' }),
      ]);
      expect(summary.device).toEqual({ protocol: 'sciencemode2', protocolVersion: '1' });
      socat.kill('SIGTERM');
      const delivered = JSON.parse((await emulate).stdout);
      expect(delivered.pulses).toBeGreaterThan(0);
      expect(delivered.log.map((l: { event: string }) => l.event)).toContain(
        'output stopped: electrode error',
      );
    } finally {
      socat.kill('SIGKILL');
    }
  });
});
