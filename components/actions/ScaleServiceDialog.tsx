'use client';

import { useState } from 'react';
import { z } from 'zod';
import { serviceScaleCommand } from '../../lib/dockerCommand';
import { replicasText } from '../../lib/graph/swarm';
import { serviceScaleSchema, type ServiceScale } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { TextField } from './fields';
import { useAction } from './useAction';
import { reportBodyIssues, useSchemaForm } from './useSchemaForm';

/** The form as the person fills it: the number as typed. */
interface ScaleForm {
  replicas: string;
}

/** An empty box is no number: NaN, which the schema refuses. */
const scaleBody = (form: ScaleForm): ServiceScale => ({ replicas: form.replicas.trim() === '' ? Number.NaN : Number(form.replicas) });

/** The server's schema for the body, with the form's own word for an empty box. */
const scaleFormSchema = () =>
  z.custom<ScaleForm>().transform((form, ctx) => {
    if (form.replicas.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['replicas'], message: 'how many tasks: a whole number, 0 stops them all' });
      return z.NEVER;
    }
    const parsed = serviceScaleSchema.safeParse(scaleBody(form));
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, { replicas: 'replicas' });
    return parsed.success ? parsed.data : z.NEVER;
  });

/** `docker service scale NAME=N`: how many tasks the swarm keeps running; the manager places the new ones. */
export function ScaleServiceDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'scale-service' }>>) {
  const service = topology.services.find((s) => s.id === request.serviceId);
  const [initial] = useState<ScaleForm>(() => ({ replicas: String(service?.replicas ?? 1) }));
  const { values, field, valid, handleSubmit } = useSchemaForm(scaleFormSchema, initial, undefined);
  const action = useAction();

  const name = service?.name ?? request.serviceId;
  const { replicas } = scaleBody(values);
  const unchanged = replicas === service?.replicas;

  const submit = handleSubmit(async (scale) => {
    const done = await action.run(() => api.scaleService(name, scale));
    if (done) onDone(done, `${name} scaled to ${scale.replicas}`);
  });

  return (
    <Dialog
      title={`Scale ${name}`}
      intro="The swarm keeps this many tasks running, starting or stopping tasks on the nodes it chooses."
      command={serviceScaleCommand(name, valid ? replicas : (service?.replicas ?? 1))}
      error={action.error}
      submitLabel="Scale"
      canSubmit={Boolean(service) && valid && !unchanged}
      pending={action.pending}
      onSubmit={() => void submit()}
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
        {...field('replicas')}
        inputMode="numeric"
        mono
        hint={
          unchanged
            ? 'It already wants this many: change the number to scale.'
            : 'Tasks wanted, 0 to 1000. Scaling down stops the highest slots first.'
        }
      />
    </Dialog>
  );
}
