import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('myotrophy devices', () => {
  it('lists the serial ports as JSON, each with a path and a protocol hint', () => {
    const r = spawnSync('node', ['bin/myotrophy.js', 'devices', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const { ports } = JSON.parse(r.stdout);
    expect(Array.isArray(ports)).toBe(true);
    for (const p of ports) {
      expect(typeof p.path).toBe('string');
      expect([null, 'sciencemode2', 'sciencemode4']).toContain(p.likelyProtocol);
    }
  });
});
