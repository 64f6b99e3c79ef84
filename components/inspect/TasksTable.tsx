import { serviceNodeId, swarmNodeId, taskNodeId } from '../../lib/graph/ids';
import { isCurrentTask, taskName, taskPhase } from '../../lib/graph/swarm';
import type { Task, Topology } from '../../lib/topology';
import { StateBadge } from './badges';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';

/**
 * Tasks as `docker service ps` and `docker node ps` list them: each with its node (a service's panel) or its
 * service (a node's panel), its state and the state the manager wants; history under `\_`, not on the map.
 */
export function TasksTable({
  tasks,
  topology,
  by,
  testId,
  onSelect,
}: {
  tasks: readonly Task[];
  topology: Topology;
  by: 'node' | 'service';
  testId: string;
  onSelect: (graphId: string) => void;
}) {
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const services = new Map(topology.services.map((s) => [s.id, s]));
  return (
    <Table compact testId={testId} count={tasks.length} head={['Task', by === 'node' ? 'Node' : 'Service', 'State', 'Wanted']}>
      {tasks.map((t) => {
        const [node, service] = [nodes.get(t.nodeId), services.get(t.serviceId)];
        const current = isCurrentTask(t);
        return (
          <tr key={t.id} data-task={t.id} data-current={current}>
            <Td>
              {current ? <LinkButton onClick={() => onSelect(taskNodeId(t.id))}>{taskName(t, service)}</LinkButton> : `\\_ ${taskName(t, service)}`}
            </Td>
            <Td>
              {by === 'node' && node && <LinkButton onClick={() => onSelect(swarmNodeId(node.id))}>{node.hostname}</LinkButton>}
              {by === 'service' && service && <LinkButton onClick={() => onSelect(serviceNodeId(service.id))}>{service.name}</LinkButton>}
              {!(by === 'node' ? node : service) && '—'}
            </Td>
            <Td>
              <StateBadge state={t.state} tone={taskPhase(t.state)} />
            </Td>
            <Td>{t.desiredState}</Td>
          </tr>
        );
      })}
    </Table>
  );
}
