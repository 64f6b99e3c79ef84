'use client';

import { useState } from 'react';
import type { ImageProgress, TransferKind } from '../../lib/imageProgress';
import { useTransfers } from '../live/TransfersContext';
import { api } from '../api/client';
import { useAction } from './useAction';

interface Started {
  operation: string;
  kind: TransferKind;
  image: string;
  command: string;
}

/** One pull or push at a time: start it, follow its progress from the live feed, cancel it. */
export function useImageTransfer() {
  const [started, setStarted] = useState<Started | null>(null);
  const action = useAction();
  const transfers = useTransfers();
  const progress: ImageProgress | undefined = started ? transfers[started.operation] : undefined;

  const start = async (kind: TransferKind, image: string) => {
    setStarted(null);
    const answer = await action.run(() => api.transferImage(kind, image));
    if (answer) setStarted({ operation: answer.operation, kind, image, command: answer.command });
  };

  const cancel = async () => {
    if (started) await action.run(() => api.cancelTransfer(started.operation).then(() => undefined));
  };

  return {
    start,
    cancel,
    started,
    progress,
    /** A refusal of the request itself (a reference that is not one, a push to Docker Hub). */
    refused: action.error,
    running: action.pending || (started !== null && !progress?.done),
  };
}
