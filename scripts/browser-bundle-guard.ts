import { builtinModules } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * A Vite plugin that fails the web app's production build when server-only code reaches it: a
 * module of src/ outside the browser-safe core (src/shared, src/physiology, src/clinic, and
 * src/device's pure parts), a node builtin (`node:fs`, `fs`, …), or serialport. It looks at every
 * module the build loaded, so an import is caught even if its code would have been shaken out.
 * vite.config.ts installs it; test/browser-bundle.test.ts proves it catches an intruder. The same
 * boundary is checked on the sources by the layer rules (.dependency-cruiser.js).
 */
const BROWSER_SAFE_CORE = ['shared', 'physiology', 'clinic', 'device'];
const BUILTINS = new Set(builtinModules);
const SERIAL_PORT = /[\\/]node_modules[\\/](@serialport[\\/][^\\/]+|serialport)[\\/]/;

/** Why a module id is server-only, or undefined when the browser may hold it. */
export function serverOnlyReason(moduleId: string, srcDir: string): string | undefined {
  const id = moduleId
    .replace(/^\0/, '')
    .replace(/^__vite-browser-external:/, '')
    .replace(/\?.*$/, '');
  const bare = id.replace(/^node:/, '');
  if (id.startsWith('node:') || BUILTINS.has(bare) || BUILTINS.has(bare.split('/')[0] ?? '')) {
    return `node builtin ${id}`;
  }
  if (SERIAL_PORT.test(id)) return `serial-port package ${id}`;
  const inSrc = relative(srcDir, id);
  if (isAbsolute(id) && !inSrc.startsWith('..')) {
    const folder = inSrc.split(sep)[0] ?? '';
    if (!BROWSER_SAFE_CORE.includes(folder)) return `server code src/${inSrc.split(sep).join('/')}`;
  }
  return undefined;
}

export interface BrowserBundleGuardOptions {
  /** src/ of the project, absolute. */
  srcDir: string;
  /** Receives every module id the build loaded (tests read it). */
  onModules?: (moduleIds: string[]) => void;
}

export function browserBundleGuard({ srcDir, onModules }: BrowserBundleGuardOptions): Plugin {
  return {
    name: 'myotrophy-browser-bundle-guard',
    apply: 'build',
    buildEnd(error) {
      if (error) return;
      const moduleIds = [...this.getModuleIds()];
      onModules?.(moduleIds);
      const intruders = moduleIds.flatMap((id) => {
        const reason = serverOnlyReason(id, srcDir);
        if (!reason) return [];
        const importers = this.getModuleInfo(id)?.importers ?? [];
        const by = importers.map((i) => relative(process.cwd(), i).split(sep).join('/')).join(', ');
        return [`${reason}${by ? ` (imported by ${by})` : ''}`];
      });
      if (intruders.length > 0) {
        this.error(
          `server-only code would reach the browser bundle: ${intruders.join('; ')}. The web app may import src/shared, src/physiology, src/clinic and pure parts of src/device only (through @core/), never src/store, src/api, src/fhir, src/cli, src/recordings, node builtins or serialport.`,
        );
      }
    },
  };
}
