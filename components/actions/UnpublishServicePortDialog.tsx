'use client';

import { serviceUnpublishCommand } from '../../lib/dockerCommand';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { useAction } from './useAction';

/** `docker service update --publish-rm TARGET`: a confirmation that names the port, what answers on it now, and the command. */
export function UnpublishServicePortDialog({
  request,
  topology,
  onClose,
  onDone,
}: DialogProps<Extract<DialogRequest, { kind: 'unpublish-service-port' }>>) {
  const service = topology.services.find((s) => s.id === request.serviceId);
  const action = useAction();
  const name = service?.name ?? request.serviceId;
  const { targetPort, protocol } = request;
  const ports = service?.ports.filter((p) => p.targetPort === targetPort && p.protocol === protocol) ?? [];

  const submit = async () => {
    const done = await action.run(() => api.unpublishServicePort(name, { targetPort, protocol }));
    if (done) onDone(done, `${name} no longer publishes ${targetPort}/${protocol}`);
  };

  return (
    <Dialog
      title={`Unpublish ${targetPort}/${protocol} of ${name}`}
      intro="The service is updated in place, its tasks replaced one by one: they still listen on the target port, but no node forwards the published port to them."
      command={serviceUnpublishCommand(name, { targetPort, protocol })}
      error={action.error}
      submitLabel="Unpublish"
      canSubmit={Boolean(service)}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {ports.length > 0 ? (
        <ul data-testid="unpublish-ports" className="space-y-0.5">
          {ports.map((p) => (
            <li key={`${p.publishedPort}/${p.publishMode}`}>
              <span className="font-mono">
                {p.publishedPort} → {p.targetPort}/{p.protocol}
              </span>{' '}
              goes:{' '}
              {p.publishMode === 'ingress'
                ? 'every node stops answering on it (the routing mesh).'
                : 'the nodes running a task stop answering on it.'}
            </li>
          ))}
        </ul>
      ) : (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {name} does not publish {targetPort}/{protocol} any more.
        </p>
      )}
    </Dialog>
  );
}
