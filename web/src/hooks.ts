import { startTransition, useCallback, useEffect, useState } from 'react';
import { get } from './api.ts';

/** Requests started ahead of the components that read them, so a page's data loads in parallel. */
const prefetched = new Map<string, Promise<unknown>>();

export function prefetch(paths: readonly string[]): void {
  for (const path of paths) {
    if (prefetched.has(path)) continue;
    const ahead = get(path);
    prefetched.set(path, ahead);
    // A request that failed before anyone read it (started before the login was known) is
    // forgotten, so the page that reads it later asks again.
    ahead.catch(() => {
      if (prefetched.get(path) === ahead) prefetched.delete(path);
    });
  }
}

/** The answer a prefetch started for `path` (once), or a new request. */
export function fetchOrTakePrefetched<T>(path: string): Promise<T> {
  const ahead = prefetched.get(path);
  if (ahead) {
    prefetched.delete(path);
    return ahead as Promise<T>;
  }
  return get<T>(path);
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

/** GETs a path and keeps the result, the error and the loading state; `reload` fetches again. */
export function useGet<T>(path: string | null): Loaded<T> {
  const [tick, setTick] = useState(0);
  // Which request the kept answer (or error) came from. Loading is derived from it rather than set
  // when a request starts: a state update from a mount effect is drawn at once, in one piece, and a
  // page whose dozen sections each set "loading" as they mounted was redrawn whole in one long task.
  const asked = path === null ? null : `${tick} ${path}`;
  const [answer, setAnswer] = useState<{ asked: string; data?: T; error?: string }>();
  useEffect(() => {
    if (asked === null || path === null) return;
    let live = true;
    // A request not already under way starts in a task of its own: the dozen sections of the
    // clinician's page, asking as they mounted, started all their requests inside one long task.
    const ahead = prefetched.has(path);
    let later: ReturnType<typeof setTimeout> | undefined;
    const request = ahead
      ? fetchOrTakePrefetched<T>(path)
      : new Promise<T>((resolve, reject) => {
          later = setTimeout(() => fetchOrTakePrefetched<T>(path).then(resolve, reject), 0);
        });
    request.then(
      (result) => {
        if (!live) return;
        // Drawn as a transition: React renders a large answer in slices between the browser's other
        // work, so a page full of records does not hold the phone's main thread for long stretches.
        startTransition(() => setAnswer({ asked, data: result }));
      },
      (e: unknown) => {
        if (!live) return;
        // The records already shown stay, with the error beside them.
        setAnswer((before) => ({ asked, data: before?.data, error: errorMessage(e) }));
      },
    );
    return () => {
      live = false;
      clearTimeout(later);
    };
  }, [asked, path]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return {
    data: answer?.data,
    error: answer?.error,
    loading: asked !== null && answer?.asked !== asked,
    reload,
  };
}

/** The message a person sees for a failed request or a thrown error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface Action {
  /** True while a run is under way (disable the submit button). */
  busy: boolean;
  /** The last run's error message, or one set by the form's own checks. */
  error: string | undefined;
  setError: (message: string | undefined) => void;
  /** The short confirmation of the last run that succeeded with one ("Saved …"), for a role=status line. */
  saved: string | undefined;
  /**
   * Clears the error and the confirmation and runs `work`, keeping its error's message, or on
   * success the confirmation `saved` (or the one `work` returns); true when it succeeded.
   */
  run: (work: () => Promise<unknown>, saved?: string) => Promise<boolean>;
}

/** The state of a form's submission (or any button's request): busy while it runs, its error after. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const run = useCallback(async (work: () => Promise<unknown>, confirmation?: string) => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const said = await work();
      setSaved(typeof said === 'string' ? said : confirmation);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, saved, run };
}
