'use client';

import { useEffect, useRef, useState } from 'react';
import { errorDetailOf } from '../api/client';

export interface FreshJson<T> {
  data: T | null;
  error: string | null;
  /** When `data` arrived (ms since the epoch), so that ages read the same clock as the answer. */
  fetchedAt: number;
}

/**
 * Calls `load` (an `api.…` read) on mount, then again whenever `version` changes, waiting `debounceMs`
 * for bursts of changes to settle. Answers that arrive out of order are dropped.
 */
export function useFreshJson<T>(load: () => Promise<T>, version: string | number, debounceMs = 300): FreshJson<T> {
  const [state, setState] = useState<FreshJson<T>>({ data: null, error: null, fetchedAt: 0 });
  const asked = useRef(0);
  const applied = useRef(0);

  useEffect(() => {
    const delay = asked.current === 0 ? 0 : debounceMs;
    const timer = setTimeout(() => {
      const seq = ++asked.current;
      load().then(
        (data) => {
          if (seq < applied.current) return;
          applied.current = seq;
          setState({ data, error: null, fetchedAt: Date.now() });
        },
        (err: unknown) => {
          if (seq < applied.current) return;
          applied.current = seq;
          setState((s) => ({ ...s, error: errorDetailOf(err).message }));
        },
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [load, version, debounceMs]);

  return state;
}
