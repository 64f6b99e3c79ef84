import { nodeCommands } from '../../lib/dockerCommand';
import { explainSwarmNode, OVERLAY_ON_WORKERS } from '../../lib/explain';
import { networkNodeId } from '../../lib/graph/ids';
import { isCurrentTask, isNodeDown, isTaskContainer, overlayOnNodes } from '../../lib/graph/swarm';
import type { SwarmNode, Topology } from '../../lib/topology';
import { StateBadge } from './badges';
import { Explained, Fact, Facts, Mono, Section, TerminalCommands, Warning } from './panelParts';
import { LinkButton } from '../ui/LinkButton';
import { TasksTable } from './TasksTable';

/** A swarm node: what it is, what runs there, which overlays are there and why, as the manager sees it. */
export function SwarmNodeDetails({ node, topology, onSelect }: { node: SwarmNode; topology: Topology; onSelect: (graphId: string) => void }) {
  const self = topology.engine.swarm.nodeId === node.id;
  const tasks = topology.tasks.filter((t) => t.nodeId === node.id && isCurrentTask(t));
  const plain = topology.containers.filter((c) => !isTaskContainer(c));
  const overlays = topology.networks.filter((n) => n.scope === 'swarm' && overlayOnNodes(topology, n, plain).some((on) => on.node.id === node.id));
  const down = isNodeDown(node);
  return (
    <>
      <Facts>
        <Fact term="Role">
          {node.role}
          {node.leader && <span className="ml-1 font-medium">★ leader</span>}
        </Fact>
        <Fact term="State">
          <StateBadge state={node.state} tone={down ? 'down' : 'ready'} />
        </Fact>
        <Fact term="Availability">{node.availability}</Fact>
        <Fact term="Address">
          <Mono>{node.addr || '—'}</Mono>
        </Fact>
        <Fact term="Engine">Docker {node.engineVersion || '?'}</Fact>
        <Fact term="Id">
          <Mono title={node.id}>{node.id.slice(0, 12)}</Mono>
        </Fact>
      </Facts>

      {self && (
        <p data-testid="node-self" className="text-slate-600 dark:text-slate-300">
          Portolan talks to this node’s Engine: the local scope on the map, its networks and its plain containers are this node’s.
        </p>
      )}
      {down && (
        <Warning testId="node-down" title={`The manager cannot hear from ${node.hostname}`}>
          <p>
            Its state is <strong>{node.state}</strong>. Swarm starts its tasks again on nodes that answer; the ones shown here are what it last ran,
            and stop when it comes back.
          </p>
        </Warning>
      )}

      <Section title={`Tasks here (${tasks.length})`}>
        {tasks.length > 0 ? (
          <TasksTable tasks={tasks} topology={topology} by="service" testId="node-tasks" onSelect={onSelect} />
        ) : (
          <p data-testid="node-tasks" data-count={0} className="text-slate-600 dark:text-slate-300">
            No task runs here now.
          </p>
        )}
      </Section>

      <Section title={`Overlay networks here (${overlays.length})`}>
        {overlays.length > 0 ? (
          <ul data-testid="node-overlays" data-count={overlays.length} className="flex flex-wrap gap-2">
            {overlays.map((n) => (
              <li key={n.id}>
                <LinkButton onClick={() => onSelect(networkNodeId(n.id))}>{n.name}</LinkButton>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="node-overlays" data-count={0} className="text-slate-600 dark:text-slate-300">
            None: no task here needs one.
          </p>
        )}
      </Section>

      <Section title="What this means">
        <Explained explanation={explainSwarmNode(node)} />
        <Explained explanation={OVERLAY_ON_WORKERS} />
      </Section>

      <TerminalCommands commands={nodeCommands(node.hostname)} note="On a manager:" />
    </>
  );
}
