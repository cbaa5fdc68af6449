/**
 * The patient's words in every language (issue 18 item 4): each language's file has exactly the
 * keys of the English one, every message is valid ICU MessageFormat, and each message takes the
 * same arguments in every language (a translation that drops {minutes} or renames it would show a
 * blank or the wrong number).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CompiledMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { compileCatalogue } from '../scripts/compiled-messages.ts';
import { LANGUAGES } from '../src/shared/languages.ts';

const DIR = new URL('../web/src/i18n/messages/', import.meta.url);
const read = (language: string) =>
  JSON.parse(readFileSync(new URL(`${language}.json`, DIR), 'utf8')) as Record<string, string>;

/**
 * The arguments a compiled message uses, each with how it is formatted ("minutes:plural", "time").
 * A compiled message is a list of text and tokens; a token is [name, format?, style or choices?],
 * and each choice of a plural or select is a message again.
 */
function argumentsOf(message: CompiledMessage): string[] {
  const found = new Set<string>();
  const walkMessage = (parts: unknown): void => {
    if (!Array.isArray(parts)) return;
    for (const part of parts) {
      if (!Array.isArray(part)) continue;
      const [name, format, choices] = part as [string, string?, unknown?];
      found.add(format ? `${name}:${format}` : name);
      if (choices && typeof choices === 'object')
        for (const choice of Object.values(choices)) walkMessage(choice);
    }
  };
  walkMessage(message);
  return [...found].sort();
}

describe('message catalogues', () => {
  const english = read('en');

  it('has one file for each language offered, and no other', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every English key and no other', (language) => {
    const keys = Object.keys(read(language));
    expect(Object.keys(english).filter((k) => !keys.includes(k))).toEqual([]);
    expect(keys.filter((k) => !(k in english))).toEqual([]);
  });

  it.each(LANGUAGES)('%s: every message parses and takes the same arguments as in English', (language) => {
    const compiled = compileCatalogue(read(language), `${language}.json`);
    const englishCompiled = compileCatalogue(english, 'en.json');
    const differing = Object.keys(englishCompiled).filter(
      (key) =>
        JSON.stringify(argumentsOf(compiled[key] ?? [])) !==
        JSON.stringify(argumentsOf(englishCompiled[key] ?? [])),
    );
    expect(differing).toEqual([]);
  });

  it('reads the arguments of a message, so a dropped or renamed one is caught', () => {
    const [dropped] = Object.values(
      compileCatalogue({ a: '{minutes, plural, one {# minuto} other {# minutos}} a las {time}' }, 't'),
    );
    expect(argumentsOf(dropped ?? [])).toEqual(['minutes:plural', 'time']);
    const [renamed] = Object.values(compileCatalogue({ a: '{count, number} mA' }, 't'));
    expect(argumentsOf(renamed ?? [])).toEqual(['count:number']);
  });

  it('refuses a message that is not ICU MessageFormat, naming the file and key', () => {
    expect(() => compileCatalogue({ 'today.heading': '{count, plural, one {#}' }, 'es.json')).toThrow(
      /^es\.json: the message 'today\.heading' is not valid ICU MessageFormat/,
    );
  });
});
