'use client';

import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { Theme } from '../graph/graphStyle';

const KEY = 'portolan-theme';
const CHANGED = 'portolan-theme-change';

function readTheme(): Theme {
  const stored = window.localStorage.getItem(KEY);
  if (stored === 'dark' || stored === 'light') return stored;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** Light or dark, from the person's last choice or else their system; applied as a class on <html>. */
export function useTheme(forced?: Theme): [Theme, () => void] {
  const chosen = useSyncExternalStore(subscribe, readTheme, () => 'light' as Theme);
  const effective = forced ?? chosen;

  useEffect(() => {
    document.documentElement.classList.toggle('dark', effective === 'dark');
  }, [effective]);

  const toggle = useCallback(() => {
    window.localStorage.setItem(KEY, readTheme() === 'dark' ? 'light' : 'dark');
    window.dispatchEvent(new Event(CHANGED));
  }, []);

  return [effective, toggle];
}
