'use client';

import { useState } from 'react';
import { ActionError } from './client';

export type ActionErrorDetail = ActionError['detail'];

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
      setError(err instanceof ActionError ? err.detail : { code: 'client', message: err instanceof Error ? err.message : 'The action failed.' });
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return { pending, error, run };
}
