'use client';

import { useId } from 'react';
import { z } from 'zod';
import { servicePublishCommand } from '../../lib/dockerCommand';
import { servicePublishSchema, type ServicePublish } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { optional, SelectField, TextField } from './fields';
import { useAction } from './useAction';
import { reportBodyIssues, useSchemaForm } from './useSchemaForm';

type Mode = ServicePublish['publishMode'];

const MODES: { mode: Mode; title: string; words: string }[] = [
  {
    mode: 'ingress',
    title: 'ingress: every node, through the routing mesh',
    words: 'Every node of the swarm answers on the published port, and passes the request to a task on any node.',
  },
  {
    mode: 'host',
    title: 'host: only the nodes that run a task',
    words: 'The port is bound straight on the node a task runs on, like docker run -p: other nodes do not answer, and one such task fits on a node.',
  },
];

/** The form as the person fills it: the ports as typed. */
interface PublishForm {
  published: string;
  target: string;
  protocol: 'tcp' | 'udp';
  mode: Mode;
}

const asPort = (text: string) => (optional(text) === undefined ? undefined : Number(text.trim()));

/** The body the form stands for: an empty published port left out, for the swarm to pick; an empty target port is no port. */
const publishBody = (form: PublishForm): ServicePublish => ({
  publishedPort: asPort(form.published),
  targetPort: asPort(form.target) ?? Number.NaN,
  protocol: form.protocol,
  publishMode: form.mode,
});

const BODY_FIELDS = { publishedPort: 'published', targetPort: 'target', protocol: 'protocol', publishMode: 'mode' };

/** Whatever is wrong with a port, the message says what a port is. */
const noPort = (text: string) => `${text.trim() || 'a port'} is no port: write a number from 1 to 65535`;

/** The server's schema for the body, its port messages in the dialog's words. */
const publishFormSchema = () =>
  z.custom<PublishForm>().transform((form, ctx) => {
    const parsed = servicePublishSchema.safeParse(publishBody(form));
    if (!parsed.success) reportBodyIssues(parsed.error, ctx, BODY_FIELDS, { publishedPort: noPort(form.published), targetPort: noPort(form.target) });
    return parsed.success ? parsed.data : z.NEVER;
  });

const INITIAL: PublishForm = { published: '', target: '80', protocol: 'tcp', mode: 'ingress' };

/** `docker service update --publish-add`: one more published port, the service updated in place. */
export function PublishServicePortDialog({
  request,
  topology,
  onClose,
  onDone,
}: DialogProps<Extract<DialogRequest, { kind: 'publish-service-port' }>>) {
  const service = topology.services.find((s) => s.id === request.serviceId);
  const { values, set, field, valid, handleSubmit } = useSchemaForm(publishFormSchema, INITIAL, undefined);
  const action = useAction();
  const modeName = useId();

  const name = service?.name ?? request.serviceId;
  const { protocol, mode } = values;
  const body = publishBody(values);
  const taken =
    body.publishedPort !== undefined
      ? topology.services.find((s) => s.id !== service?.id && s.ports.some((p) => p.publishedPort === body.publishedPort && p.protocol === protocol))
      : undefined;

  const submit = handleSubmit(async (publish) => {
    const done = await action.run(() => api.publishServicePort(name, publish));
    if (done)
      onDone(done, `${name} publishes ${publish.publishedPort ?? 'a port'} → ${publish.targetPort}/${publish.protocol} (${publish.publishMode})`);
  });

  return (
    <Dialog
      title={`Publish a port of ${name}`}
      intro="The service is updated in place: its tasks are replaced one by one, the service and its other ports stay."
      command={servicePublishCommand(name, { ...body, targetPort: Number.isNaN(body.targetPort) ? 0 : body.targetPort })}
      error={action.error}
      submitLabel="Publish"
      canSubmit={Boolean(service) && valid}
      pending={action.pending}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {!service && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {request.serviceId} is not on the map any more: it may have been removed.
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Published port"
          {...field('published')}
          inputMode="numeric"
          mono
          placeholder="30000–32767"
          hint="Optional: empty, the swarm picks one."
        />
        <TextField label="Target port" {...field('target')} inputMode="numeric" mono hint="Where the task listens." />
        <SelectField label="Protocol" value={protocol} onChange={(v) => set('protocol', v === 'udp' ? 'udp' : 'tcp')}>
          <option value="tcp">tcp</option>
          <option value="udp">udp</option>
        </SelectField>
      </div>
      {taken && (
        <p role="status" data-testid="port-taken" className="text-amber-800 dark:text-amber-300">
          {taken.name} already publishes {body.publishedPort}/{protocol}: the swarm will refuse a second service on it.
        </p>
      )}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-200">Mode</legend>
        <div className="space-y-2" data-testid="publish-modes">
          {MODES.map((m) => (
            <label
              key={m.mode}
              className={`flex gap-2 rounded-md border px-3 py-2 ${mode === m.mode ? 'border-amber-500 bg-amber-50 dark:bg-amber-950/40' : 'border-slate-200 dark:border-slate-800'}`}
            >
              <input
                type="radio"
                name={modeName}
                value={m.mode}
                checked={mode === m.mode}
                onChange={() => set('mode', m.mode)}
                className="mt-1 accent-amber-600"
              />
              <span>
                <span className="block font-medium">{m.title}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-300">{m.words}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </Dialog>
  );
}
