import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { patientHomeFirstScreen, patientPageFirstScreen } from '../../shared/page-requests.ts';
import type { Actor } from '../access.ts';

/**
 * The page the server sends a signed-in person names, in its head, what their first screen will ask
 * for: the answers (`preload as=fetch`) and the page's code (`modulepreload`). Without them a phone
 * asks in a chain (the app's code, then "who am I", then the page's code and answers), each link a
 * round trip on a mobile network; with them all of it starts as soon as the page's few hundred bytes
 * have arrived. The app's own requests then take the preloaded answers (same address, same
 * credentials mode), so nothing is fetched twice.
 *
 * Only addresses the person may read are named (their own record; for staff, the patient in the
 * address, which the API still checks), and nothing of the record itself is put in the page.
 */

/** Vite's build manifest (build.manifest in vite.config.ts): source module → its file and imports. */
interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/** The app's page modules whose code a first screen needs, as the manifest names them. */
const PATIENT_HOME_MODULE = 'src/pages/patient-home.tsx';
const PATIENT_PAGE_MODULE = 'src/pages/patient-page.tsx';
const ENTRY_MODULE = 'index.html';

/** Every asked-for request of the app's start, whoever is signed in (web/src/app.tsx). */
const APP_START_REQUESTS = ['/api/setup', '/api/me'];

const PATIENT_PAGE_PATH = /^patients\/([0-9a-f-]{36})$/;

export interface FirstScreenHints {
  /** Answers the first screen reads. */
  fetches: string[];
  /** Code files of the page, beyond those index.html loads already. */
  modules: string[];
}

/** The manifest of a built app, or none (an older build, or a folder without one). */
export function readManifest(webDir: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(webDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The files `module` needs loaded before it runs: its own and its static imports', transitively. */
function filesOf(manifest: Manifest, module: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[module];
  if (!chunk || into.has(`/${chunk.file}`)) return into;
  into.add(`/${chunk.file}`);
  for (const imported of chunk.imports ?? []) filesOf(manifest, imported, into);
  return into;
}

function pageModules(manifest: Manifest | undefined, module: string): string[] {
  if (!manifest) return [];
  const loaded = filesOf(manifest, ENTRY_MODULE);
  return [...filesOf(manifest, module)].filter((file) => !loaded.has(file));
}

/** What the page at `path` (no leading slash) will ask for first, for the signed-in `actor`. */
export function firstScreenHints(
  actor: Pick<Actor, 'role' | 'patientId'>,
  path: string,
  manifest: Manifest | undefined,
  now = Date.now(),
): FirstScreenHints {
  if (actor.role === 'patient') {
    if (path !== '' || !actor.patientId) return { fetches: APP_START_REQUESTS, modules: [] };
    return {
      fetches: [...APP_START_REQUESTS, ...patientHomeFirstScreen(actor.patientId, now)],
      modules: pageModules(manifest, PATIENT_HOME_MODULE),
    };
  }
  const patient = PATIENT_PAGE_PATH.exec(path)?.[1];
  if (!patient) return { fetches: APP_START_REQUESTS, modules: [] };
  return {
    fetches: [...APP_START_REQUESTS, ...patientPageFirstScreen(patient)],
    modules: pageModules(manifest, PATIENT_PAGE_MODULE),
  };
}

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** index.html with the hints' links at the end of its head. */
export function withFirstScreenHints(html: string, hints: FirstScreenHints): string {
  const links = [
    ...hints.fetches.map(
      (href) => `<link rel="preload" href="${escapeAttribute(href)}" as="fetch" crossorigin>`,
    ),
    ...hints.modules.map((href) => `<link rel="modulepreload" href="${escapeAttribute(href)}" crossorigin>`),
  ];
  if (links.length === 0) return html;
  return html.replace('</head>', `${links.join('')}</head>`);
}
