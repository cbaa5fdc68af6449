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
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    void tick;
    fetchOrTakePrefetched<T>(path).then(
      (result) => {
        if (!live) return;
        // Drawn as a transition: React renders a large answer in slices between the browser's other
        // work, so a page full of records does not hold the phone's main thread for long stretches.
        startTransition(() => {
          setData(result);
          setError(undefined);
          setLoading(false);
        });
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
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
