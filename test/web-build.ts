import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Builds the web app for production into a fresh temporary directory and points the server at it
 * (MYOTROPHY_WEB_DIR); returns the directory. Vite picks React's build from NODE_ENV, which vitest
 * sets to 'test', so NODE_ENV is 'production' for the build and restored after it.
 */
export async function buildWebAppForTest(prefix: string): Promise<string> {
  const webDir = await mkdtemp(join(tmpdir(), prefix));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(process.cwd(), 'vite.config.ts'),
      build: { outDir: webDir, emptyOutDir: true },
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  process.env.MYOTROPHY_WEB_DIR = webDir;
  return webDir;
}
