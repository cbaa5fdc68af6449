import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { fileWriter } from './cli-test-fixtures.ts';
import { parseJson, readJsonFile, UsageError } from './options.ts';

describe('JSON given on the command line', () => {
  const write = fileWriter('options');

  it('parses JSON text, and words a refusal from the parser’s reason', () => {
    expect(parseJson('{"a":[1,2]}', (reason) => new InvalidInputError(reason))).toEqual({ a: [1, 2] });
    expect(() => parseJson('{', (reason) => new InvalidInputError(`bad: ${reason}`))).toThrow(/^bad: .+/);
  });

  it('reads a JSON file, naming the option and the path when it is not JSON or cannot be read', () => {
    const good = write('good.json', { model: { id: 'ding2003' } });
    expect(readJsonFile('parameters', good, () => 'not valid JSON')).toEqual({ model: { id: 'ding2003' } });
    const bad = write('bad.json', 'not json');
    expect(() => readJsonFile('parameters', bad, () => 'not valid JSON')).toThrow(
      new UsageError(`--parameters ${bad}: not valid JSON`),
    );
    expect(() => readJsonFile('parameters', `${bad}.missing`, () => 'not valid JSON')).toThrow(
      /--parameters .*\.missing: cannot read the file \(ENOENT\)/,
    );
  });
});
