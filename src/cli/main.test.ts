import { describe, expect, it } from 'vitest';
import { myotrophy } from '../../test/cli.ts';

describe('myotrophy', () => {
  it.each(['nope', 'constructor', '__proto__', 'toString'])(
    "exits 2 on the unknown command '%s', listing the commands",
    (name) => {
      const run = myotrophy([name]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`myotrophy: unknown command '${name}'`);
      expect(run.stderr).toContain('commands: audit, backup, bench, clinic, demo,');
    },
  );

  it('lists the commands with --help and exits 0, and exits 2 with no command', () => {
    const help = myotrophy(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: myotrophy <command>/);
    expect(myotrophy([]).status).toBe(2);
  });
});
