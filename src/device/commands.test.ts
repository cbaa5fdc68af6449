import { describe, expect, it } from 'vitest';
import { commandCode, commandNameReader, isCommandIn } from './commands.ts';
import { ProtocolError } from './protocol-error.ts';

const CODES = { watchdog: 4, stop: 34 } as const;

describe('a protocol command table', () => {
  it('gives the code of a known command and refuses any other, prototype keys included', () => {
    expect(commandCode('Test', CODES, 'stop')).toBe(34);
    expect(() => commandCode('Test', CODES, 'toString')).toThrow('no such Test command: "toString"');
    expect(() => commandCode('Test', CODES, 7)).toThrow(ProtocolError);
  });

  it('names the command of a received code and refuses an unknown code', () => {
    const nameOf = commandNameReader('Test', CODES);
    expect(nameOf(4)).toBe('watchdog');
    expect(nameOf(34)).toBe('stop');
    expect(() => nameOf(5)).toThrow('unknown Test command 5');
  });

  it('tells whether a command belongs to a group', () => {
    expect(isCommandIn(['watchdog'], 'watchdog')).toBe(true);
    expect(isCommandIn(['watchdog'], 'stop')).toBe(false);
  });
});
