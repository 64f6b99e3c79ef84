'use client';

import { useState } from 'react';
import { removeImageCommand } from '../../lib/dockerCommand';
import { findImage, removalOf } from '../../lib/images';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { useAction } from './useAction';
import { megabytes, useLocalImages } from './useLocalImages';

/**
 * `docker rmi`, confirmed: which image, which of its names goes, what stays, and the command, before anything
 * is removed. Never forced: while a container uses an image's last name, the Engine refuses and says which.
 */
export function RemoveImageDialog({ request, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'remove-image' }>>) {
  const { images, error: listError } = useLocalImages();
  const image = images ? findImage(images, request.image) : undefined;
  // An image with several names: the one asked for, or another of its names.
  const [chosen, setChosen] = useState<string | null>(null);
  const ref = chosen ?? request.image;
  const removal = image ? removalOf(image, ref) : null;
  const action = useAction();

  const submit = async () => {
    const done = await action.run(() => api.removeImage(ref));
    if (done) onDone(done, (done.deleted as string[] | undefined)?.length ? `image ${ref} removed` : `${ref} untagged`);
  };

  return (
    <Dialog
      title="Remove image"
      intro="Removes a name from a local image, as docker rmi does; the image and its layers go with its last name."
      command={removeImageCommand(ref)}
      commandLabel="The command it runs"
      error={action.error}
      submitLabel="Remove image"
      canSubmit={images !== null}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {listError ? (
        <p className="text-slate-600 dark:text-slate-300">
          Could not list the images ({listError}); the Engine will say whether it has {ref}.
        </p>
      ) : images === null ? (
        <p className="text-slate-600 dark:text-slate-300">Asking the Engine about {request.image}…</p>
      ) : !image ? (
        <p data-testid="remove-image-missing" className="text-slate-600 dark:text-slate-300">
          This engine lists no image {request.image}: it may have been removed already. Removing it asks the Engine all the same.
        </p>
      ) : (
        <div data-testid="remove-image-summary" className="space-y-3">
          {image.tags.length > 1 ? (
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-200">Which name</legend>
              <div className="space-y-1">
                {image.tags.map((tag) => (
                  <label key={tag} className="flex items-center gap-2 font-mono text-xs break-all">
                    <input type="radio" name="image-name" value={tag} checked={ref === tag} onChange={() => setChosen(tag)} />
                    {tag}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <p className="font-mono text-sm break-all" data-testid="remove-image-ref">
              {ref}
            </p>
          )}
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500 dark:text-slate-400">Image</dt>
            <dd className="font-mono">
              {image.id.slice(7, 19)} · {megabytes(image.size)}
            </dd>
            <dt className="text-slate-500 dark:text-slate-400">Then</dt>
            <dd data-testid="remove-image-outcome">
              {removal?.outcome === 'untag'
                ? `Only this name goes: the image stays as ${removal.stays.join(', ')}.`
                : removal?.outcome === 'refused'
                  ? `Several names share this image: the Engine removes them one by one (${removal.stays.join(', ')}), not all at once by its id.`
                  : `This is its last name: the image goes, and with it ${megabytes(image.size)}.`}
            </dd>
          </dl>
          {image.containers > 0 && removal?.outcome !== 'untag' && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-950 dark:bg-amber-950/60 dark:text-amber-100">
              {image.containers} container{image.containers === 1 ? ' uses' : 's use'} this image: the Engine keeps it until
              {image.containers === 1 ? ' that container is' : ' they are'} removed, and Portolan does not force it.
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}
