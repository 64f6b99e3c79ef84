'use client';

import { useState } from 'react';
import { imageCommand } from '../../lib/dockerCommand';
import { imageReference } from '../../lib/schemas';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { TextField } from './fields';
import { LessonImageNote } from './LessonNote';
import { TransferProgress } from './TransferProgress';
import { useImageTransfer } from './useImageTransfer';

/** A pull or a push in a dialog, for where the images view is not at hand (a lesson's step): progress, Cancel, the Engine's words. */
export function ImageTransferDialog({ request, onClose }: DialogProps<Extract<DialogRequest, { kind: 'image-transfer' }>>) {
  const kind = request.transfer;
  const [reference, setReference] = useState(request.image ?? '');
  const parsed = imageReference.safeParse(reference);
  const problem = reference.trim() && !parsed.success ? parsed.error.issues[0]?.message : undefined;
  const transfer = useImageTransfer();
  const verb = kind === 'pull' ? 'Pull' : 'Push';
  const image = parsed.success ? parsed.data : reference.trim();

  return (
    <Dialog
      title={`${verb} image`}
      intro={
        kind === 'pull'
          ? 'Downloads an image from the registry its name starts with (Docker Hub when it names none), as docker pull does.'
          : 'Uploads a local image to the registry its name starts with, as docker push does: each layer the registry lacks.'
      }
      command={imageCommand(kind, image || 'IMAGE')}
      error={transfer.refused}
      submitLabel={verb}
      canSubmit={parsed.success && !transfer.running}
      pending={transfer.running}
      onSubmit={() => parsed.success && void transfer.start(kind, parsed.data)}
      onClose={onClose}
      cancelLabel={transfer.started ? 'Close' : 'Cancel'}
      result={
        transfer.started && (
          <TransferProgress
            kind={transfer.started.kind}
            image={transfer.started.image}
            command={transfer.started.command}
            progress={transfer.progress}
            onCancel={() => void transfer.cancel()}
            cancelling={transfer.running && transfer.progress?.done === true}
          />
        )
      }
    >
      {request.lesson && kind === 'pull' && <LessonImageNote image={image} />}
      <TextField
        label="Image"
        value={reference}
        onChange={setReference}
        placeholder="127.0.0.1:5000/team/app:1"
        mono
        hint={
          kind === 'push' ? 'A local tag that names its registry, such as 127.0.0.1:5000/team/app:1.' : 'repository:tag, as docker pull takes it.'
        }
        error={problem}
      />
    </Dialog>
  );
}
