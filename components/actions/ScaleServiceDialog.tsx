'use client';

import { useState } from 'react';
import { serviceScaleCommand } from '../../lib/dockerCommand';
import { replicasText } from '../../lib/graph/swarm';
import { serviceScaleSchema } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { errorAt, fieldErrors, TextField } from './fields';
import { useAction } from './useAction';

/** `docker service scale NAME=N`: how many tasks the swarm keeps running; the manager places the new ones. */
export function ScaleServiceDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'scale-service' }>>) {
  const service = topology.services.find((s) => s.id === request.serviceId);
  const [replicas, setReplicas] = useState(() => String(service?.replicas ?? 1));
  const action = useAction();

  const name = service?.name ?? request.serviceId;
  const parsed = serviceScaleSchema.safeParse({ replicas: replicas.trim() === '' ? Number.NaN : Number(replicas) });
  const error = replicas.trim() === '' ? 'how many tasks: a whole number, 0 stops them all' : errorAt(fieldErrors(parsed.error), 'replicas');
  const unchanged = parsed.success && parsed.data.replicas === service?.replicas;

  const submit = async () => {
    if (!parsed.success) return;
    const done = await action.run(() => api.scaleService(name, parsed.data));
    if (done) onDone(done, `${name} scaled to ${parsed.data.replicas}`);
  };

  return (
    <Dialog
      title={`Scale ${name}`}
      intro="The swarm keeps this many tasks running, starting or stopping tasks on the nodes it chooses."
      command={serviceScaleCommand(name, parsed.success ? parsed.data.replicas : (service?.replicas ?? 1))}
      error={action.error}
      submitLabel="Scale"
      canSubmit={Boolean(service) && parsed.success && !unchanged}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {!service && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {request.serviceId} is not on the map any more: it may have been removed.
        </p>
      )}
      {service && (
        <p data-testid="scale-now">
          Now: <span className="font-mono">{replicasText(service)}</span>
        </p>
      )}
      <TextField
        label="Replicas"
        value={replicas}
        onChange={setReplicas}
        inputMode="numeric"
        mono
        hint={
          unchanged
            ? 'It already wants this many: change the number to scale.'
            : 'Tasks wanted, 0 to 1000. Scaling down stops the highest slots first.'
        }
        error={error}
      />
    </Dialog>
  );
}
