'use client';

import { useCallback, useSyncExternalStore } from 'react';

const CHANGED = 'portolan-url-change';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * One search parameter as React state, so a link opens the same view
 * (selection, presenter mode, list view). Written with replaceState: no history spam.
 */
export function useUrlParam(name: string): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => new URLSearchParams(window.location.search).get(name),
    () => null,
  );

  const update = useCallback(
    (next: string | null) => {
      const url = new URL(window.location.href);
      if (next === null || next === '') url.searchParams.delete(name);
      else url.searchParams.set(name, next);
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
      window.dispatchEvent(new Event(CHANGED));
    },
    [name],
  );

  return [value, update];
}
