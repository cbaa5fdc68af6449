/**
 * A name folded for searching, so case and accents do not matter: "Zoë Müller" is found by
 * "zoe muller" and "ZOË". Canonical decomposition (NFD) splits each accented letter into its base
 * letter and combining marks, which are dropped; letters that are not composed that way (ø, ł, ß)
 * stay as they are.
 */
export function foldedForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

/** Whether `name` contains `query`, ignoring case, accents and the query's surrounding spaces. */
export function nameMatches(name: string, query: string): boolean {
  const q = foldedForSearch(query.trim());
  return q === '' || foldedForSearch(name).includes(q);
}
