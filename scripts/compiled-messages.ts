import { readFile } from 'node:fs/promises';
import { type CompiledMessage, compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';

/**
 * The patient's words are ICU MessageFormat in one JSON file per language
 * (web/src/i18n/messages/<code>.json). This Vite plugin compiles each file when the app imports it,
 * so the browser receives ready-made message tokens and never downloads an ICU parser (the runtime
 * that reads the tokens is about 2 KB). A message that does not parse fails the build, naming its
 * file and key. test/i18n-catalogues.test.ts checks the same files with the same compiler.
 */
const CATALOGUE = /[\\/]web[\\/]src[\\/]i18n[\\/]messages[\\/][a-z]{2,3}\.json$/;
// A virtual id not ending in .json, so the bundler's own JSON handling leaves it alone.
const PREFIX = '\0myotrophy-messages:';
const SUFFIX = '.js';

/** Every message of a catalogue compiled; throws naming the key whose message does not parse. */
export function compileCatalogue(
  messages: Record<string, string>,
  file: string,
): Record<string, CompiledMessage> {
  return Object.fromEntries(
    Object.entries(messages).map(([key, message]) => {
      try {
        return [key, compileMessageOrThrow(message)];
      } catch (error) {
        throw new Error(
          `${file}: the message '${key}' is not valid ICU MessageFormat: ${(error as Error).message}`,
        );
      }
    }),
  );
}

export function compiledMessages(): Plugin {
  return {
    name: 'myotrophy-compiled-messages',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('.json')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && CATALOGUE.test(resolved.id) ? `${PREFIX}${resolved.id}${SUFFIX}` : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      this.addWatchFile(file);
      const messages = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
      return `export default ${JSON.stringify(compileCatalogue(messages, file))};`;
    },
  };
}
