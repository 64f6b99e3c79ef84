'use client';

import { useState } from 'react';
import { tagCommand } from '../../lib/dockerCommand';
import { findImage } from '../../lib/images';
import { DOCKER_HUB, registryOf } from '../../lib/imageReference';
import { imageTagSchema } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { errorAt, fieldErrors, TextField, useTouched } from './fields';
import { LessonImageNote } from './LessonNote';
import { useAction } from './useAction';
import { megabytes, useLocalImages } from './useLocalImages';

/** `docker tag SOURCE TARGET`: one more name for a local image, such as the registry's name that docker push needs. */
export function TagImageDialog({ request, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'tag-image' }>>) {
  const { images } = useLocalImages();
  const [source, setSource] = useState(request.source ?? '');
  const [target, setTarget] = useState(request.target ?? '');
  const { touched, touch } = useTouched();
  const action = useAction();

  const body = { source, target };
  const parsed = imageTagSchema.safeParse(body);
  const errors = fieldErrors(parsed.error);
  // A field the request filled in is shown checked from the start: the lesson's names are meant to be read.
  const show = (path: 'source' | 'target') => (touched.has(path) || request[path] ? errorAt(errors, path) : undefined);
  const found = images && parsed.success ? findImage(images, parsed.data.source) : undefined;
  const names = parsed.success ? parsed.data : { source: source.trim(), target: target.trim() };
  const registry = parsed.success ? registryOf(parsed.data.target) : DOCKER_HUB;

  const submit = async () => {
    if (!parsed.success) return;
    const done = await action.run(() => api.tagImage(parsed.data));
    if (done) onDone(done, done.unchanged ? `${parsed.data.target} already names that image` : `tagged ${parsed.data.target}`);
  };

  return (
    <Dialog
      title="Tag image"
      intro="Gives a local image one more name, as docker tag does: nothing is copied, both names are the same image."
      command={tagCommand(names.source || 'SOURCE', names.target || 'TARGET')}
      error={action.error}
      submitLabel="Tag image"
      canSubmit={parsed.success}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {request.lesson && <LessonImageNote image={names.target} />}
      <TextField
        label="Image"
        value={source}
        onChange={(v) => {
          setSource(v);
          touch('source');
        }}
        onBlur={() => touch('source')}
        placeholder="busybox:1.36"
        mono
        hint={
          images === null || !parsed.success
            ? 'A tag this engine has, or the image’s id.'
            : found
              ? `${found.id.slice(7, 19)} · ${megabytes(found.size)} · ${found.tags.length ? found.tags.join(', ') : 'no tags'}`
              : `This engine has no ${parsed.data.source}: pull it first.`
        }
        error={show('source')}
      />
      <TextField
        label="New name"
        value={target}
        onChange={(v) => {
          setTarget(v);
          touch('target');
        }}
        onBlur={() => touch('target')}
        placeholder="127.0.0.1:5000/team/app:1"
        mono
        hint={
          registry === DOCKER_HUB
            ? 'A name that starts with a registry’s host (127.0.0.1:5000/…) is where docker push sends the image.'
            : `docker push ${names.target} sends it to the registry at ${registry}.`
        }
        error={show('target')}
      />
    </Dialog>
  );
}
