'use client';

import { useState } from 'react';
import { portsCommand, runCommand } from '../../lib/dockerCommand';
import { portsSchema, type PortBindingInput } from '../../lib/schemas';
import { portLabel } from '../inspect/badges';
import { api } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { FieldGroup } from './fields';
import { bindingsOf, blankRow, distinctBindings, PortRows, rowsFrom, takenPorts, type PortRow } from './PortRows';
import { useAction } from './useAction';

const sameBindings = (a: readonly PortBindingInput[], b: readonly PortBindingInput[]) => {
  const key = (p: PortBindingInput) => `${p.hostIp}:${p.hostPort}:${p.containerPort}/${p.protocol}`;
  const keys = new Set(a.map(key));
  return a.length === b.length && b.every((p) => keys.has(key(p)));
};

const listed = (ports: readonly PortBindingInput[]) => (ports.length ? ports.map(portLabel).join(', ') : 'no published ports');

export function MapPortsDialog({ request, topology, onClose, onDone }: DialogProps<Extract<DialogRequest, { kind: 'map-ports' }>>) {
  const container = topology.containers.find((c) => c.id === request.containerId || c.name === request.containerId);
  const before: PortBindingInput[] = distinctBindings(container?.ports ?? []).map((p) => ({
    hostIp: p.hostIp,
    hostPort: p.hostPort,
    containerPort: p.containerPort,
    protocol: p.protocol === 'udp' ? 'udp' : p.protocol === 'sctp' ? 'sctp' : 'tcp',
  }));
  // The rows start as the container's bindings today: the dialog edits the whole set.
  const [rows, setRows] = useState<PortRow[]>(() => {
    const current = rowsFrom(container?.ports ?? []);
    return current.length ? current : [blankRow(0)];
  });
  const action = useAction();

  const name = container?.name ?? request.containerId;
  const ports = bindingsOf(rows);
  const parsed = portsSchema.safeParse({ ports: ports.bindings });
  const unchanged = sameBindings(before, ports.bindings);
  const valid = Boolean(container) && parsed.success && ports.errors.size === 0 && !unchanged;
  const run = runCommand({
    image: container?.image ?? '<image>',
    name,
    network: container?.endpoints[0]?.networkName,
    ports: ports.bindings,
    ...(container?.user ? { user: container.user } : {}),
  });

  const submit = async () => {
    if (!parsed.success) return;
    const done = await action.run(() => api.mapPorts(request.containerId, parsed.data));
    if (done) onDone(done, `${name} recreated with ${listed(parsed.data.ports)}`);
  };

  return (
    <Dialog
      title={`Map ports of ${name}`}
      intro="Published ports let the host, and maybe other machines, reach a service inside the container."
      command={portsCommand(name, ports.bindings, run)}
      error={action.error}
      submitLabel="Map ports"
      canSubmit={valid}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {!container && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {request.containerId} is not on the map any more: it may have been removed.
        </p>
      )}
      <div>
        <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Published now</p>
        {before.length ? (
          <ul data-testid="current-ports" data-count={before.length} className="space-y-0.5 font-mono text-xs">
            {before.map((p) => (
              <li key={portLabel(p)}>{portLabel(p)}</li>
            ))}
          </ul>
        ) : (
          <p data-testid="current-ports" data-count={0} className="text-slate-600 dark:text-slate-300">
            Nothing: only containers on its networks can reach it.
          </p>
        )}
      </div>

      {container && container.state !== 'running' && (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          {name} is {container.state}: Docker lists the ports of running containers only, so bindings it was created with may not show here.
        </p>
      )}

      <FieldGroup title="Ports after the change">
        <PortRows rows={rows} onChange={setRows} errors={ports.errors} taken={takenPorts(topology.containers, container?.id)} />
      </FieldGroup>

      <div data-testid="ports-preview" className="space-y-1 rounded-md border border-slate-200 px-3 py-2 dark:border-slate-800">
        <p>
          <span className="font-medium">Before:</span> <span className="font-mono text-xs">{listed(before)}</span>
        </p>
        <p>
          <span className="font-medium">After:</span> <span className="font-mono text-xs">{listed(ports.bindings)}</span>
          {unchanged && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">(no change yet)</span>}
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-300">
          Docker cannot change ports in place: Portolan recreates {name} with the same image, command, user and every network, static IP and alias.
        </p>
      </div>
    </Dialog>
  );
}
