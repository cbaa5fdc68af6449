import { isLanguage, LANGUAGES, type Language } from '../shared/languages.ts';
import { HttpProblem } from './problem.ts';

/** The JSON schema of a language in a request body (checked against the list by `refuseUnknownLanguage`). */
export const languageSchema = { type: 'string', minLength: 1, maxLength: 16 } as const;

/** 422 naming the code and the languages offered, unless `language` is absent or offered. */
export function refuseUnknownLanguage(
  language: string | undefined,
): asserts language is Language | undefined {
  if (language !== undefined && !isLanguage(language))
    throw new HttpProblem(
      422,
      `language '${language}' is not one Myotrophy is written in; give one of ${LANGUAGES.join(', ')}`,
    );
}
