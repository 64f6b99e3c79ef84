import type { Topology } from './topology';

export interface TopologySummary {
  networks: number;
  containers: number;
  /** [driver, count], most used first. */
  networksByDriver: [string, number][];
  /** [state, count], most common first. */
  containersByState: [string, number][];
}

export function summarize(topology: Topology): TopologySummary {
  return {
    networks: topology.networks.length,
    containers: topology.containers.length,
    networksByDriver: countBy(topology.networks.map((n) => n.driver)),
    containersByState: countBy(topology.containers.map((c) => c.state)),
  };
}

function countBy(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
