import { isCurrentTask } from './graph/swarm';
import type { Topology } from './topology';

export interface SwarmSummary {
  nodes: number;
  /** [state, count], most common first: `ready`, `down`… */
  nodesByState: [string, number][];
  services: number;
  /** Tasks meant to run now (history left out, as the map leaves it out), and those of them running. */
  tasks: number;
  tasksRunning: number;
}

export interface TopologySummary {
  networks: number;
  containers: number;
  /** [driver, count], most used first. */
  networksByDriver: [string, number][];
  /** [state, count], most common first. */
  containersByState: [string, number][];
  /** Only on a swarm manager: the picture holds nodes then. */
  swarm?: SwarmSummary;
}

export function summarize(topology: Topology): TopologySummary {
  const tasks = topology.tasks.filter((t) => isCurrentTask(t) && t.desiredState === 'running');
  return {
    networks: topology.networks.length,
    containers: topology.containers.length,
    networksByDriver: countBy(topology.networks.map((n) => n.driver)),
    containersByState: countBy(topology.containers.map((c) => c.state)),
    ...(topology.nodes.length
      ? {
          swarm: {
            nodes: topology.nodes.length,
            nodesByState: countBy(topology.nodes.map((n) => n.state)),
            services: topology.services.length,
            tasks: tasks.length,
            tasksRunning: tasks.filter((t) => t.state === 'running').length,
          },
        }
      : {}),
  };
}

function countBy(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
