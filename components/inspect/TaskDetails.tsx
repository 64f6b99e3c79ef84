import { taskCommands } from '../../lib/dockerCommand';
import { OVERLAY_ON_WORKERS, ROUTING_MESH } from '../../lib/explain';
import { containerNodeId, networkNodeId, serviceNodeId, swarmNodeId } from '../../lib/graph/ids';
import { ingressOf, isNodeDown, taskName, taskPhase } from '../../lib/graph/swarm';
import type { Task, Topology } from '../../lib/topology';
import { StateBadge } from './badges';
import { Explained, Fact, Facts, Mono, Section, TerminalCommands, Warning } from './panelParts';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';

/** A task: one replica of a service, on one node, with its address on each overlay it is attached to. */
export function TaskDetails({ task: t, topology, onSelect }: { task: Task; topology: Topology; onSelect: (graphId: string) => void }) {
  const service = topology.services.find((s) => s.id === t.serviceId);
  const node = topology.nodes.find((n) => n.id === t.nodeId);
  const networks = new Map(topology.networks.map((n) => [n.id, n]));
  const ingress = ingressOf(topology.networks);
  const onIngress = t.endpoints.some((e) => e.networkId === ingress?.id);
  // The manager lists the containers of the tasks that run on its own node.
  const container = topology.containers.find((c) => c.id === t.containerId);
  const down = node !== undefined && isNodeDown(node);
  return (
    <>
      <Facts>
        <Fact term="Service">{service ? <LinkButton onClick={() => onSelect(serviceNodeId(service.id))}>{service.name}</LinkButton> : '—'}</Fact>
        {t.slot !== undefined && <Fact term="Slot">{t.slot}</Fact>}
        <Fact term="Node">
          {node ? <LinkButton onClick={() => onSelect(swarmNodeId(node.id))}>{node.hostname}</LinkButton> : 'not on a node yet'}
        </Fact>
        <Fact term="State">
          <StateBadge state={t.state} tone={taskPhase(t.state)} />
        </Fact>
        <Fact term="Wanted">{t.desiredState}</Fact>
        <Fact term="Container">
          {container ? (
            <LinkButton onClick={() => onSelect(containerNodeId(container.id))}>{container.name}</LinkButton>
          ) : (
            <Mono title={t.containerId}>{t.containerId ? t.containerId.slice(0, 12) : '—'}</Mono>
          )}
        </Fact>
        <Fact term="Id">
          <Mono title={t.id}>{t.id.slice(0, 12)}</Mono>
        </Fact>
      </Facts>

      {down && (
        <Warning testId="task-node-down" title={`${node.hostname} is down`}>
          <p>
            This is what {node.hostname} last ran: the manager cannot tell whether it still does.
            {t.desiredState !== 'running' ? ' Swarm wants it shut down and has started this replica again on a node that answers.' : ''}
          </p>
        </Warning>
      )}

      <Section title="Networks">
        {t.endpoints.length > 0 ? (
          <Table compact testId="task-networks" count={t.endpoints.length} head={['Network', 'IPv4']}>
            {t.endpoints.map((e) => (
              <tr key={e.networkId} data-network={e.networkId}>
                <Td>
                  {networks.get(e.networkId) ? (
                    <LinkButton onClick={() => onSelect(networkNodeId(e.networkId))}>{networks.get(e.networkId)!.name}</LinkButton>
                  ) : (
                    <Mono>{e.networkId.slice(0, 12)}</Mono>
                  )}
                </Td>
                <Td mono>{e.ipv4 || '—'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p data-testid="task-networks" data-count={0} className="text-slate-600 dark:text-slate-300">
            Not attached to any network yet.
          </p>
        )}
      </Section>

      <Section title="What this means">
        {onIngress && <Explained explanation={ROUTING_MESH} />}
        <Explained explanation={OVERLAY_ON_WORKERS} />
      </Section>

      <TerminalCommands commands={taskCommands(t.id, service?.name)} note={`On a manager (${taskName(t, service)}):`} />
    </>
  );
}
