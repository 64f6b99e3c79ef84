'use client';

import { useState } from 'react';
import { errorDetailOf, type ApiErrorDetail } from '../api/client';

export type ActionErrorDetail = ApiErrorDetail;

/** One request at a time: whether it is in flight, and what was refused last. */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ActionErrorDetail | null>(null);

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setPending(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(errorDetailOf(err));
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return { pending, error, run };
}
