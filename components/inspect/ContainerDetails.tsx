import type { ContainerAudit } from '../../lib/audit';
import type { ReactNode } from 'react';
import { COMPOSE_PROJECT, addressOn, withNetworkIds } from '../../lib/graph/elements';
import { containerNodeId, networkNodeId } from '../../lib/graph/ids';
import { isExposed, isRoot, type Container, type Topology } from '../../lib/topology';
import { Badge, StateBadge, portLabel } from './badges';
import { Code, Fact, Facts, formatTime, KeyValues, Mono, Section, Warning } from './panelParts';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';
import { SecurityFindings } from './SecurityFindings';

export function ContainerDetails({
  container: c,
  topology,
  audit = null,
  onSelect,
}: {
  container: Container;
  topology: Topology;
  /** The engine's audit as the server pushed it; null until it comes. */
  audit?: readonly ContainerAudit[] | null;
  onSelect: (graphId: string) => void;
}) {
  const project = c.labels[COMPOSE_PROJECT];
  const sharedWith = c.networkMode.startsWith('container:') ? c.networkMode.slice('container:'.length) : '';
  const peer = sharedWith ? topology.containers.find((o) => o.id === sharedWith || o.name === sharedWith) : undefined;
  return (
    <>
      <Facts>
        <Fact term="Image">
          <Mono>{c.image}</Mono>
        </Fact>
        <Fact term="State">
          <StateBadge state={c.state} />
        </Fact>
        {/* Engine times are nanosecond ISO stamps; a person reads seconds. */}
        <Fact term="Status">{c.status.replace(/(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z/, '$1 $2 UTC') || '—'}</Fact>
        <Fact term="User">{isRoot(c) ? <Badge tone="warn">root</Badge> : <Mono>{c.user}</Mono>}</Fact>
        <Fact term="Network mode">
          {peer ? (
            <>
              shares <LinkButton onClick={() => onSelect(containerNodeId(peer.id))}>{peer.name}</LinkButton>’s stack
            </>
          ) : (
            <Mono>{c.networkMode || 'default'}</Mono>
          )}
        </Fact>
        {project && (
          <Fact term="Compose project">
            <Mono>{project}</Mono>
          </Fact>
        )}
        <Fact term="Id">
          <Mono title={c.id}>{c.id.slice(0, 12)}</Mono>
        </Fact>
        <Fact term="Created">
          <time dateTime={c.createdAt}>{formatTime(c.createdAt)}</time>
        </Fact>
      </Facts>

      {isRoot(c) && (
        <Warning testId="container-root" title="Runs as root">
          <p>A process that breaks out of the container is root on the host too.</p>
          <Fix>
            Run it as a regular user: <Code>docker run --user 1000 …</Code> or <Code>USER 1000</Code> in the Dockerfile.
          </Fix>
        </Warning>
      )}

      <Section title="Networks">
        {c.endpoints.length > 0 ? (
          <Table compact testId="container-networks" count={c.endpoints.length} head={['Network', 'IPv4', 'IPv6', 'MAC', 'Aliases']}>
            {withNetworkIds(c, topology.networks).endpoints.map((e) => (
              <tr key={e.networkName} data-network={e.networkId}>
                <Td>
                  <LinkButton onClick={() => onSelect(networkNodeId(e.networkId))}>{e.networkName}</LinkButton>
                </Td>
                <Td mono>{e.ipv4 || addressOn(c, e) || '—'}</Td>
                <Td mono>{e.ipv6 || '—'}</Td>
                <Td mono>{e.mac || '—'}</Td>
                <Td mono>{e.aliases.length ? e.aliases.join(', ') : '—'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p data-testid="container-networks" data-count={0} className="text-slate-600 dark:text-slate-300">
            Not attached to any network.
          </p>
        )}
      </Section>

      <Section title="Published ports">
        {c.ports.length > 0 ? (
          <ul data-testid="container-ports" data-count={c.ports.length} className="space-y-2">
            {c.ports.map((p) => {
              const exposed = isExposed(p);
              return (
                <li key={`${p.hostIp}:${p.hostPort}/${p.protocol}`} data-exposed={exposed} className="flex flex-col gap-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <Mono className="font-medium">{portLabel(p)}</Mono>
                    {exposed ? <Badge tone="warn">all interfaces</Badge> : <Badge tone="ok">this host only</Badge>}
                  </span>
                  {exposed && (
                    <span className="text-xs text-slate-600 dark:text-slate-300">
                      All interfaces — reachable from other machines. To keep it on this host:{' '}
                      <Code>
                        -p 127.0.0.1:{p.hostPort}:{p.containerPort}
                        {p.protocol === 'tcp' ? '' : `/${p.protocol}`}
                      </Code>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <p data-testid="container-ports" data-count={0} className="text-slate-600 dark:text-slate-300">
            No published ports: only containers on its networks can reach it.
          </p>
        )}
      </Section>

      <SecurityFindings container={c} audit={audit} />

      <KeyValues title="Labels" values={c.labels} />
    </>
  );
}

function Fix({ children }: { children: ReactNode }) {
  return (
    <p>
      <span className="mr-1 text-xs font-medium uppercase tracking-wide opacity-70">Fix</span> {children}
    </p>
  );
}
