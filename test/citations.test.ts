import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A comment or page that cites a Markdown file must cite one the repository holds, so a reader can
 * open it. The research notes clinical.md and gaps.md live outside the repository for now (the
 * project's shared notes): listed here until their figures are cited from their primary sources.
 */
const NOTES_OUTSIDE_THE_REPOSITORY = new Set(['clinical.md', 'gaps.md']);

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

describe('citations of Markdown files', () => {
  it('name a file the repository holds', () => {
    const held = new Set(files('docs', /\.md$/).map((path) => basename(path)));
    held.add('README.md');
    const cited = [...files('src', /\.tsx?$/), ...files('docs', /\.md$/), 'README.md'].flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/[\w./-]*?([\w-]+\.md)\b/g)].map((m) => ({
        path,
        file: m[1] as string,
      })),
    );
    expect(cited.length).toBeGreaterThan(10);
    const missing = cited.filter((c) => !held.has(c.file) && !NOTES_OUTSIDE_THE_REPOSITORY.has(c.file));
    expect(missing).toEqual([]);
  });
});
