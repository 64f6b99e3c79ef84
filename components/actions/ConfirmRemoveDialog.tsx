'use client';

import { containerCommand, networkPruneCommand, networkRemoveCommand } from '../../lib/dockerCommand';
import { namesNetwork, pruneCandidates } from '../../lib/prune';
import type { Topology } from '../../lib/topology';
import { api, type Done } from '../api/client';
import { Dialog } from './Dialog';
import type { DialogProps, DialogRequest } from './dialogs';
import { useAction } from './useAction';

type Request = Extract<DialogRequest, { kind: 'confirm-remove' }>;

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The one question before anything is removed: exactly what goes, read from the live picture, and the `docker`
 * line it equals. Cancel (focused first, and Escape) changes nothing; the prune sends the list it showed, and the
 * server refuses it when the picture has changed since.
 */
export function ConfirmRemoveDialog({ request, topology, onClose, onDone }: DialogProps<Request>) {
  const action = useAction();
  const plan = planOf(request, topology);

  const submit = async () => {
    const done = await action.run(() => plan.call());
    if (done) onDone(done, plan.summary(done));
  };

  return (
    <Dialog
      title={plan.title}
      intro={plan.intro}
      command={plan.command}
      commandLabel="The command it runs"
      error={action.error}
      failedLabel={plan.failed}
      submitLabel={plan.submitLabel}
      canSubmit={plan.canSubmit}
      pending={action.pending}
      onSubmit={submit}
      onClose={onClose}
    >
      {plan.items.length === 0 ? (
        <p data-testid="confirm-nothing" className="text-slate-600 dark:text-slate-300">
          {plan.empty}
        </p>
      ) : (
        <ul data-testid="confirm-list" className="space-y-1.5">
          {plan.items.map((item) => (
            <li key={item.id} data-id={item.id} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700">
              <span className="font-mono text-sm font-semibold break-all">{item.name}</span>
              {item.note && <span className="block text-sm text-slate-600 dark:text-slate-300">{item.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}

interface Plan {
  title: string;
  /** What a refusal did not do: "Could not remove network web". */
  failed: string;
  intro: string;
  command: string;
  submitLabel: string;
  canSubmit: boolean;
  items: { id: string; name: string; note?: string }[];
  empty: string;
  /** The API call that removes exactly what is listed. */
  call: () => Promise<Done>;
  summary: (done: Record<string, unknown>) => string;
}

function planOf(request: Request, topology: Topology): Plan {
  if (request.target === 'prune') {
    const candidates = pruneCandidates(topology);
    return {
      title: 'Prune networks',
      failed: 'Could not prune networks',
      intro: `Removes every network Docker did not create itself that no running container is on, as docker network prune does: here, ${plural(candidates.length, 'network')}.`,
      command: networkPruneCommand(),
      submitLabel: 'Prune networks',
      canSubmit: candidates.length > 0,
      items: candidates.map(({ network, stoppedUsers }) => ({
        id: network.id,
        name: network.name,
        note: stoppedUsers.length
          ? `Named by stopped ${stoppedUsers.length === 1 ? 'container' : 'containers'} ${stoppedUsers.join(', ')}: ${stoppedUsers.length === 1 ? 'it' : 'they'} will not start again until connected to another network.`
          : `${network.driver}, no containers`,
      })),
      empty: 'No network is unused: pruning now would remove nothing.',
      call: () => api.pruneNetworks(candidates.map((c) => c.network.id)),
      summary: (done) => {
        const removed = [...((done.removed as string[] | undefined) ?? [])].sort();
        return removed.length ? `${plural(removed.length, 'network')} pruned: ${removed.join(', ')}` : 'no network was unused: nothing pruned';
      },
    };
  }
  if (request.target === 'network') {
    const network = topology.networks.find((n) => n.id === request.id);
    const name = network?.name ?? request.id;
    const on = network ? topology.containers.filter((c) => namesNetwork(c, network)) : [];
    const running = on.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
    return {
      title: 'Remove network',
      failed: `Could not remove network ${name}`,
      intro: 'Removes the network, as docker network rm does. The Engine refuses while a running container is on it.',
      command: networkRemoveCommand(name),
      submitLabel: 'Remove network',
      canSubmit: network !== undefined && !network.predefined,
      items: network
        ? [
            {
              id: network.id,
              name,
              note: running.length
                ? `Still has running ${running.length === 1 ? 'container' : 'containers'} ${running.map((c) => c.name).join(', ')}: disconnect or remove ${running.length === 1 ? 'it' : 'them'} first.`
                : on.length
                  ? `Named by stopped ${on.length === 1 ? 'container' : 'containers'} ${on.map((c) => c.name).join(', ')}, which will not start again on it.`
                  : `${network.driver}, ${network.scope} scope, no containers`,
            },
          ]
        : [],
      empty: `Network ${name} is no longer in the picture: it may have been removed already.`,
      call: () => api.removeNetwork(request.id),
      summary: () => `network ${name} removed`,
    };
  }
  const container = topology.containers.find((c) => c.id === request.id);
  const name = container?.name ?? request.id;
  return {
    title: 'Remove container',
    failed: `Could not remove container ${name}`,
    intro: 'Removes the container and its writable layer, as docker rm --force does: a running one is killed first.',
    command: containerCommand('rm', name),
    submitLabel: 'Remove container',
    canSubmit: container !== undefined,
    items: container
      ? [
          {
            id: container.id,
            name,
            note: `${container.state}${container.state === 'running' ? ': it is killed, not stopped gracefully' : ''}; image ${container.image}${
              container.endpoints.length ? `; on ${container.endpoints.map((e) => e.networkName).join(', ')}` : ''
            }`,
          },
        ]
      : [],
    empty: `Container ${name} is no longer in the picture: it may have been removed already.`,
    call: () => api.removeContainer(request.id),
    summary: () => `container ${name} removed`,
  };
}
