import { serviceCommands } from '../../lib/dockerCommand';
import { explainPublishMode, ROUTING_MESH } from '../../lib/explain';
import { networkNodeId } from '../../lib/graph/ids';
import { isCurrentTask, replicasText } from '../../lib/graph/swarm';
import type { Service, Topology } from '../../lib/topology';
import { Badge } from './badges';
import { Explained, Fact, Facts, KeyValues, Mono, Section, TerminalCommands } from './panelParts';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';
import { TasksTable } from './TasksTable';

/** A service: its image and replicas, its published ports and what their mode means, its tasks as `docker service ps` lists them. */
export function ServiceDetails({ service: s, topology, onSelect }: { service: Service; topology: Topology; onSelect: (graphId: string) => void }) {
  const networks = new Map(topology.networks.map((n) => [n.id, n]));
  // Current tasks first, then the history `docker service ps` shows under them.
  const tasks = topology.tasks.filter((t) => t.serviceId === s.id).sort((a, b) => Number(isCurrentTask(b)) - Number(isCurrentTask(a)));
  const modes = [...new Set(s.ports.map((p) => p.publishMode))].sort();
  return (
    <>
      <Facts>
        <Fact term="Image">
          <Mono>{s.image}</Mono>
        </Fact>
        <Fact term="Mode">{s.mode}</Fact>
        <Fact term="Replicas">
          <span data-testid="service-replicas">{replicasText(s)}</span>
        </Fact>
        <Fact term="Id">
          <Mono title={s.id}>{s.id.slice(0, 12)}</Mono>
        </Fact>
      </Facts>

      <Section title={`Published ports (${s.ports.length})`}>
        {s.ports.length > 0 ? (
          <Table compact testId="service-ports" count={s.ports.length} head={['Published', 'Target', 'Mode', 'Answers on']}>
            {s.ports.map((p) => (
              <tr key={`${p.publishedPort}/${p.protocol}`} data-mode={p.publishMode}>
                <Td mono>
                  {p.publishedPort}/{p.protocol}
                </Td>
                <Td mono>{p.targetPort}</Td>
                <Td>{p.publishMode === 'ingress' ? <Badge tone="warn">ingress</Badge> : <Badge tone="ok">host</Badge>}</Td>
                <Td>{p.publishMode === 'ingress' ? 'every node (routing mesh)' : 'only the nodes running a task'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p data-testid="service-ports" data-count={0} className="text-slate-600 dark:text-slate-300">
            Nothing published: only tasks on its networks can reach it.
          </p>
        )}
      </Section>

      <Section title="Networks">
        <ul data-testid="service-networks" className="flex flex-wrap gap-2">
          {s.networks.map((id) => (
            <li key={id}>
              {networks.get(id) ? (
                <LinkButton onClick={() => onSelect(networkNodeId(id))}>{networks.get(id)!.name}</LinkButton>
              ) : (
                <Mono>{id.slice(0, 12)}</Mono>
              )}
            </li>
          ))}
          {s.networks.length === 0 && <li className="text-slate-600 dark:text-slate-300">none of its own</li>}
        </ul>
      </Section>

      <Section title={`Tasks (${tasks.length})`}>
        <TasksTable tasks={tasks} topology={topology} by="node" testId="service-tasks" onSelect={onSelect} />
      </Section>

      {modes.length > 0 && (
        <Section title="What this means">
          {modes.includes('ingress') && <Explained explanation={ROUTING_MESH} testId="explain-routing-mesh" />}
          {modes.map((m) => (
            <Explained key={m} explanation={explainPublishMode(m)} testId={`explain-publish-${m}`} />
          ))}
        </Section>
      )}

      <KeyValues title="Labels" values={s.labels} />
      <TerminalCommands commands={serviceCommands(s.name)} note="On a manager:" />
    </>
  );
}
