'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { containerNodeId, networkNodeId, serviceNodeId, swarmNodeId, taskNodeId } from '../../lib/graph/ids';
import { isCurrentTask, isNodeDown, nodeStatus, replicasText, taskName, taskPhase } from '../../lib/graph/swarm';
import { isExposed, isRoot, type Network, type Topology } from '../../lib/topology';
import { Badge, DriverBadge, StateBadge, portLabel } from '../inspect/badges';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';

export interface ListViewProps {
  topology: Topology;
  selected: string | null;
  onSelect: (graphId: string) => void;
}

/**
 * The graph as tables, for keyboard and screen-reader users: the same picture, in the topology's order. On a swarm
 * manager the swarm comes first: its nodes with the tasks each runs, and its services.
 */
export function ListView({ topology, selected, onSelect }: ListViewProps) {
  const selectedRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    selectedRow.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const attachedCount = new Map<string, number>();
  for (const c of topology.containers) for (const e of c.endpoints) attachedCount.set(e.networkId, (attachedCount.get(e.networkId) ?? 0) + 1);

  const row = (graphId: string) => {
    const isSelected = graphId === selected;
    return {
      'data-testid': `row-${graphId}`,
      'data-selected': isSelected || undefined,
      'aria-current': isSelected ? ('true' as const) : undefined,
      ref: isSelected ? selectedRow : undefined,
      className: `align-top ${isSelected ? 'bg-blue-50 dark:bg-blue-950/50' : 'hover:bg-slate-50 dark:hover:bg-slate-800/40'}`,
    };
  };

  const services = new Map(topology.services.map((sv) => [sv.id, sv]));
  const networkNames = new Map(topology.networks.map((n) => [n.id, n.name]));
  const current = topology.tasks.filter(isCurrentTask);

  return (
    <div className="flex flex-col gap-8 overflow-auto p-6 text-sm">
      {topology.nodes.length > 0 && (
        <>
          <Table
            testId="list-nodes"
            caption={`Swarm nodes (${topology.nodes.length})`}
            head={['Hostname', 'Role', 'State', 'Availability', 'Address', 'Engine', 'Tasks']}
          >
            {topology.nodes.map((n) => {
              const graphId = swarmNodeId(n.id);
              const tasks = current.filter((t) => t.nodeId === n.id);
              return (
                <tr key={n.id} {...row(graphId)} data-state={n.state} title={nodeStatus(n)}>
                  <NameCell graphId={graphId} onSelect={onSelect}>
                    {n.hostname}
                  </NameCell>
                  <Td>{n.leader ? 'manager, leader ★' : n.role}</Td>
                  <Td>
                    <StateBadge state={n.state} tone={isNodeDown(n) ? 'down' : 'ready'} />
                  </Td>
                  <Td>{n.availability === 'active' ? 'active' : <Badge tone="warn">{n.availability}</Badge>}</Td>
                  <Td mono>{n.addr || '—'}</Td>
                  <Td mono>{n.engineVersion || '—'}</Td>
                  <Td>
                    {tasks.length ? (
                      <Lines
                        items={tasks.map((t) => (
                          <span key={t.id} data-task={t.id}>
                            <button
                              type="button"
                              onClick={() => onSelect(taskNodeId(t.id))}
                              className="font-medium text-blue-700 hover:underline dark:text-blue-300"
                            >
                              {taskName(t, services.get(t.serviceId))}
                            </button>{' '}
                            <StateBadge
                              state={t.desiredState === 'running' ? t.state : `${t.state}, to ${t.desiredState}`}
                              tone={t.desiredState === 'running' ? taskPhase(t.state) : 'starting'}
                            />
                          </span>
                        ))}
                      />
                    ) : (
                      <span className="text-slate-500 dark:text-slate-400">none</span>
                    )}
                  </Td>
                </tr>
              );
            })}
          </Table>

          <Table
            testId="list-services"
            caption={`Services (${topology.services.length})`}
            head={['Name', 'Image', 'Mode', 'Replicas', 'Published ports', 'Networks']}
          >
            {topology.services.map((sv) => {
              const graphId = serviceNodeId(sv.id);
              const degraded = sv.mode === 'replicated' && sv.running < (sv.replicas ?? 0);
              return (
                <tr key={sv.id} {...row(graphId)}>
                  <NameCell graphId={graphId} onSelect={onSelect}>
                    {sv.name}
                  </NameCell>
                  <Td mono>{sv.image}</Td>
                  <Td>{sv.mode}</Td>
                  <Td>
                    <span data-testid="service-replicas" className="tabular-nums">
                      {degraded ? <Badge tone="warn">{replicasText(sv)}</Badge> : replicasText(sv)}
                    </span>
                  </Td>
                  <Td>
                    {sv.ports.length ? (
                      <Lines
                        items={sv.ports.map((p) => (
                          <span key={`${p.publishedPort}/${p.protocol}`} data-mode={p.publishMode}>
                            <span className="font-mono">
                              {p.publishedPort} → {p.targetPort}/{p.protocol}
                            </span>{' '}
                            {p.publishMode === 'ingress' ? 'ingress, every node' : 'host, its nodes only'}
                          </span>
                        ))}
                      />
                    ) : (
                      '—'
                    )}
                  </Td>
                  <Td>{sv.networks.map((id) => networkNames.get(id) ?? id.slice(0, 12)).join(', ') || '—'}</Td>
                </tr>
              );
            })}
            {topology.services.length === 0 && <EmptyRow columns={6}>No services: docker service create starts one.</EmptyRow>}
          </Table>
        </>
      )}

      <Table
        testId="list-networks"
        caption={`Networks (${topology.networks.length})`}
        head={['Name', 'Driver', 'Scope', 'Subnets', 'Flags', 'Containers']}
      >
        {topology.networks.map((n) => {
          const graphId = networkNodeId(n.id);
          return (
            <tr key={n.id} {...row(graphId)}>
              <NameCell graphId={graphId} onSelect={onSelect}>
                {n.name}
              </NameCell>
              <Td>
                <DriverBadge driver={n.driver} />
              </Td>
              <Td>{n.scope}</Td>
              <Td mono>{n.subnets.length ? <Lines items={n.subnets.map((s) => s.subnet)} /> : '—'}</Td>
              <Td>{flags(n).join(', ')}</Td>
              <Td>
                <span className="tabular-nums">{attachedCount.get(n.id) ?? 0}</span>
              </Td>
            </tr>
          );
        })}
        {topology.networks.length === 0 && <EmptyRow columns={6}>No networks.</EmptyRow>}
      </Table>

      <Table
        testId="list-containers"
        caption={`Containers (${topology.containers.length})`}
        head={['Name', 'Image', 'State', 'User', 'Networks', 'Published ports']}
      >
        {topology.containers.map((c) => {
          const graphId = containerNodeId(c.id);
          return (
            <tr key={c.id} {...row(graphId)}>
              <NameCell graphId={graphId} onSelect={onSelect}>
                {c.name}
              </NameCell>
              <Td mono>{c.image}</Td>
              <Td>
                <StateBadge state={c.state} />
              </Td>
              <Td>{isRoot(c) ? <Badge tone="warn">root</Badge> : <span className="font-mono">{c.user}</span>}</Td>
              <Td>
                {c.endpoints.length ? (
                  <Lines
                    items={c.endpoints.map((e) => (
                      <>
                        {e.networkName} <span className="font-mono text-slate-600 dark:text-slate-300">{e.ipv4 || e.ipv6 || 'no IP'}</span>
                      </>
                    ))}
                  />
                ) : (
                  <span className="font-mono">{c.networkMode || '—'}</span>
                )}
              </Td>
              <Td>
                {c.ports.length ? (
                  <Lines
                    items={c.ports.map((p) => (
                      <>
                        <span className="font-mono">{portLabel(p)}</span> {isExposed(p) && <Badge tone="warn">all interfaces</Badge>}
                      </>
                    ))}
                  />
                ) : (
                  '—'
                )}
              </Td>
            </tr>
          );
        })}
        {topology.containers.length === 0 && <EmptyRow columns={6}>No containers.</EmptyRow>}
      </Table>
    </div>
  );
}

function flags(n: Network): string[] {
  return [
    n.predefined ? 'predefined' : 'user-defined',
    ...(n.internal ? ['internal'] : []),
    ...(n.attachable ? ['attachable'] : []),
    ...(n.ipv6 ? ['ipv6'] : []),
    ...(n.ingress ? ['ingress'] : []),
  ];
}

function NameCell({ graphId, onSelect, children }: { graphId: string; onSelect: (graphId: string) => void; children: ReactNode }) {
  return (
    <th scope="row" className="px-2 py-1.5 text-left font-normal">
      <LinkButton onClick={() => onSelect(graphId)}>{children}</LinkButton>
    </th>
  );
}

function Lines({ items }: { items: ReactNode[] }) {
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="px-2 py-3 text-slate-500 dark:text-slate-400">
        {children}
      </td>
    </tr>
  );
}
