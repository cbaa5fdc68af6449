import { UsageError } from './options.ts';

/**
 * Reads a small numeric CSV with a header row. Every named column must be present; other columns
 * are ignored. Errors name the file, the line and the column, and say what is allowed.
 */
export function readNumericCsv(
  label: string,
  text: string,
  columns: { required: readonly string[]; optional?: readonly string[] },
): Record<string, number[]> {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const header = lines[0];
  if (header === undefined) throw new UsageError(`${label}: the file is empty; expected a header row`);
  const names = header.split(',').map((name) => name.trim().toLowerCase());
  const wanted = [...columns.required, ...(columns.optional ?? [])];
  const allowed = `columns ${columns.required.join(', ')}${columns.optional?.length ? ` (optional: ${columns.optional.join(', ')})` : ''}`;
  for (const name of columns.required) {
    if (!names.includes(name))
      throw new UsageError(`${label}: missing column '${name}'; expected ${allowed}`);
  }
  const out: Record<string, number[]> = {};
  for (const name of wanted) if (names.includes(name)) out[name] = [];
  for (let row = 1; row < lines.length; row += 1) {
    const cells = (lines[row] as string).split(',');
    for (const name of Object.keys(out)) {
      const raw = cells[names.indexOf(name)]?.trim() ?? '';
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) {
        throw new UsageError(`${label}: row ${row + 1}, column '${name}': expected a number, got '${raw}'`);
      }
      (out[name] as number[]).push(value);
    }
  }
  if (lines.length < 2) throw new UsageError(`${label}: no data rows below the header`);
  return out;
}
