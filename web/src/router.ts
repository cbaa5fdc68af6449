import { useEffect, useState } from 'react';

/** A tiny history router: the app's pages are a handful of paths, so no library is needed. */
export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

/** Follows an in-app link without reloading the page (ctrl/cmd-click still opens a new tab). */
export function onLink(path: string) {
  return (event: {
    preventDefault(): void;
    ctrlKey: boolean;
    metaKey: boolean;
    shiftKey: boolean;
    button: number;
  }) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  };
}
