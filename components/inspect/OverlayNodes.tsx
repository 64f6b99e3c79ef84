import { overlayCommands } from '../../lib/dockerCommand';
import { OVERLAY_ON_WORKERS } from '../../lib/explain';
import { swarmNodeId, taskNodeId } from '../../lib/graph/ids';
import { isTaskContainer, overlayOnNodes, taskName } from '../../lib/graph/swarm';
import type { Network, Topology } from '../../lib/topology';
import { Explained, Section, TerminalCommands } from './panelParts';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';

/** Which nodes of the swarm a swarm-scoped network is on now, and why; the nodes it is not on say why not. */
export function OverlayNodes({ network, topology, onSelect }: { network: Network; topology: Topology; onSelect: (graphId: string) => void }) {
  const on = new Map(
    overlayOnNodes(
      topology,
      network,
      topology.containers.filter((c) => !isTaskContainer(c)),
    ).map((o) => [o.node.id, o]),
  );
  const services = new Map(topology.services.map((s) => [s.id, s]));
  return (
    <>
      <Section title={`On the nodes (${on.size} of ${topology.nodes.length})`}>
        <Table compact testId="overlay-nodes" count={on.size} head={['Node', 'Here because of']}>
          {topology.nodes.map((n) => {
            const here = on.get(n.id);
            const why = here
              ? [
                  ...here.tasks.map((t) => (
                    <LinkButton key={t.id} onClick={() => onSelect(taskNodeId(t.id))}>
                      {taskName(t, services.get(t.serviceId))}
                    </LinkButton>
                  )),
                  ...here.containers.map((c) => <span key={c.id}>{c.name}</span>),
                ]
              : [];
            return (
              <tr key={n.id} data-node={n.id} data-present={Boolean(here)}>
                <Td>
                  <LinkButton onClick={() => onSelect(swarmNodeId(n.id))}>{n.hostname}</LinkButton>
                </Td>
                <Td>
                  {!here ? (
                    <span className="text-slate-600 dark:text-slate-300">not here: no task on it needs this network</span>
                  ) : why.length ? (
                    <span className="flex flex-wrap gap-x-2">{why}</span>
                  ) : (
                    'every node: the routing mesh'
                  )}
                </Td>
              </tr>
            );
          })}
        </Table>
        <div className="mt-3">
          <Explained explanation={OVERLAY_ON_WORKERS} />
        </div>
      </Section>
      <TerminalCommands commands={overlayCommands(network.name)} note="The first on a manager; the second on a worker shows whether it is there:" />
    </>
  );
}
