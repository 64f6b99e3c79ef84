'use client';

import { useId, useState } from 'react';
import { servicePublishCommand } from '../../lib/dockerCommand';
import { servicePublishSchema, type ServicePublish } from '../../lib/schemas';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { errorAt, fieldErrors, optional, SelectField, TextField, useTouched } from './fields';
import { useAction } from './useAction';

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

const asPort = (text: string) => (optional(text) === undefined ? undefined : Number(text.trim()));

/** `docker service update --publish-add`: one more published port, the service updated in place. */
export function PublishServicePortDialog({
  request,
  topology,
  onClose,
  onDone,
}: DialogProps<Extract<DialogRequest, { kind: 'publish-service-port' }>>) {
  const service = topology.services.find((s) => s.id === request.serviceId);
  const [published, setPublished] = useState('');
  const [target, setTarget] = useState('80');
  const [protocol, setProtocol] = useState<'tcp' | 'udp'>('tcp');
  const [mode, setMode] = useState<Mode>('ingress');
  const { touched, touch } = useTouched();
  const action = useAction();
  const modeName = useId();

  const name = service?.name ?? request.serviceId;
  const body = { publishedPort: asPort(published), targetPort: asPort(target) ?? Number.NaN, protocol, publishMode: mode };
  const parsed = servicePublishSchema.safeParse(body);
  const errors = fieldErrors(parsed.error);
  const portError = (path: string, text: string) =>
    touched.has(path) && errorAt(errors, path) ? `${text.trim() || 'a port'} is no port: write a number from 1 to 65535` : undefined;
  const taken =
    body.publishedPort !== undefined
      ? topology.services.find((s) => s.id !== service?.id && s.ports.some((p) => p.publishedPort === body.publishedPort && p.protocol === protocol))
      : undefined;

  const submit = async () => {
    if (!parsed.success) return;
    const done = await action.run(() => api.publishServicePort(name, parsed.data));
    if (done)
      onDone(
        done,
        `${name} publishes ${parsed.data.publishedPort ?? 'a port'} → ${parsed.data.targetPort}/${parsed.data.protocol} (${parsed.data.publishMode})`,
      );
  };

  return (
    <Dialog
      title={`Publish a port of ${name}`}
      intro="The service is updated in place: its tasks are replaced one by one, the service and its other ports stay."
      command={servicePublishCommand(name, { ...body, targetPort: Number.isNaN(body.targetPort) ? 0 : body.targetPort })}
      error={action.error}
      submitLabel="Publish"
      canSubmit={Boolean(service) && parsed.success}
      pending={action.pending}
      onSubmit={submit}
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
          value={published}
          onChange={(v) => (setPublished(v), touch('publishedPort'))}
          inputMode="numeric"
          mono
          placeholder="30000–32767"
          hint="Optional: empty, the swarm picks one."
          error={portError('publishedPort', published)}
        />
        <TextField
          label="Target port"
          value={target}
          onChange={(v) => (setTarget(v), touch('targetPort'))}
          onBlur={() => touch('targetPort')}
          inputMode="numeric"
          mono
          hint="Where the task listens."
          error={portError('targetPort', target)}
        />
        <SelectField label="Protocol" value={protocol} onChange={(v) => setProtocol(v === 'udp' ? 'udp' : 'tcp')}>
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
                onChange={() => setMode(m.mode)}
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
