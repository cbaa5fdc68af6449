/**
 * Data files keep a text that several rows share (a source, a sentence) once, under a name, and
 * cite it in a row's strings as `{name}`; the module that loads the file expands the citations.
 */

/** `text` with every `{name}` replaced by `shared[name]`; an unknown name is a broken data file. */
export function expandSharedText(
  text: string,
  shared: Readonly<Record<string, string>>,
  file: string,
): string {
  return text.replace(/\{([a-z0-9-]+)\}/g, (_whole, name: string) => {
    if (!Object.hasOwn(shared, name)) throw new Error(`${file} cites unknown shared text '{${name}}'`);
    return shared[name] as string;
  });
}
