'use client';

import { useEffect, useState } from 'react';
import type { ImageSummary } from '../../lib/images';
import { api, errorDetailOf } from '../api/client';

/** The engine's images, read when a dialog opens and again when `version` changes (a pull that ended). */
export function useLocalImages(version?: unknown): { images: ImageSummary[] | null; error: string | null } {
  const [images, setImages] = useState<ImageSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.images().then(
      (answer) => live && setImages(answer.images),
      (err: unknown) => live && setError(errorDetailOf(err, 'The images could not be listed.').message),
    );
    return () => {
      live = false;
    };
  }, [version]);
  return { images, error };
}

/** An image's size as the dialogs write it beside its name. */
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
