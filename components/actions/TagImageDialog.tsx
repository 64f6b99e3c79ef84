'use client';

import { useState } from 'react';
import { z } from 'zod';
import { tagCommand } from '../../lib/dockerCommand';
import { findImage } from '../../lib/images';
import { DOCKER_HUB, registryOf } from '../../lib/imageReference';
import { imageTagSchema } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { TextField } from './fields';
import { LessonImageNote } from './LessonNote';
import { useAction } from './useAction';
import { megabytes, useLocalImages } from './useLocalImages';
import { reportBodyIssues, useSchemaForm } from './useSchemaForm';

/** The form as the person fills it: both names as typed. */
interface TagForm {
  source: string;
  target: string;
}

const tagFormSchema = () =>
  z.custom<TagForm>().transform((form, ctx) => {
    const parsed = imageTagSchema.safeParse(form);
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, { source: 'source', target: 'target' });
    return parsed.success ? parsed.data : z.NEVER;
  });

/** `docker tag SOURCE TARGET`: one more name for a local image, such as the registry's name that docker push needs. */
export function TagImageDialog({ request, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'tag-image' }>>) {
  const { images } = useLocalImages();
  const [initial] = useState<TagForm>(() => ({ source: request.source ?? '', target: request.target ?? '' }));
  // A field the request filled in is shown checked from the start: the lesson's names are meant to be read.
  const prefilled = (['source', 'target'] as const).filter((path) => request[path]);
  const { values, field, valid, handleSubmit } = useSchemaForm(tagFormSchema, initial, undefined, prefilled);
  const action = useAction();

  // What the schema makes of them: trimmed.
  const names = { source: values.source.trim(), target: values.target.trim() };
  const found = images && valid ? findImage(images, names.source) : undefined;
  const registry = valid ? registryOf(names.target) : DOCKER_HUB;

  const submit = handleSubmit(async (tag) => {
    const done = await action.run(() => api.tagImage(tag));
    if (done) onDone(done, done.unchanged ? `${tag.target} already names that image` : `tagged ${tag.target}`);
  });

  return (
    <Dialog
      title="Tag image"
      intro="Gives a local image one more name, as docker tag does: nothing is copied, both names are the same image."
      command={tagCommand(names.source || 'SOURCE', names.target || 'TARGET')}
      error={action.error}
      submitLabel="Tag image"
      canSubmit={valid}
      pending={action.pending}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {request.lesson && <LessonImageNote image={names.target} />}
      <TextField
        label="Image"
        {...field('source')}
        placeholder="busybox:1.36"
        mono
        hint={
          images === null || !valid
            ? 'A tag this engine has, or the image’s id.'
            : found
              ? `${found.id.slice(7, 19)} · ${megabytes(found.size)} · ${found.tags.length ? found.tags.join(', ') : 'no tags'}`
              : `This engine has no ${names.source}: pull it first.`
        }
      />
      <TextField
        label="New name"
        {...field('target')}
        placeholder="127.0.0.1:5000/team/app:1"
        mono
        hint={
          registry === DOCKER_HUB
            ? 'A name that starts with a registry’s host (127.0.0.1:5000/…) is where docker push sends the image.'
            : `docker push ${names.target} sends it to the registry at ${registry}.`
        }
      />
    </Dialog>
  );
}
