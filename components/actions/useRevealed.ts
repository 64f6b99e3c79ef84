'use client';

import { useEffect, useRef } from 'react';

/**
 * A ref that scrolls its element into view whenever `what` changes: a dialog's
 * body scrolls, and an answer or a refusal appearing below the fold would go unseen.
 */
export function useRevealed<T extends HTMLElement>(what: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [what]);
  return ref;
}
