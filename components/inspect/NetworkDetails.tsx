import type { ReactNode } from 'react';
import { explainDriver, explainScope } from '../../lib/explain';
import { addressOn } from '../../lib/graph/elements';
import { containerNodeId } from '../../lib/graph/ids';
import type { Container, Network, Topology } from '../../lib/topology';
import { DriverBadge } from './badges';
import { OverlayNodes } from './OverlayNodes';
import { Explained, Fact, Facts, formatTime, KeyValues, Mono, Section } from './panelParts';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';
import { PublishedPorts } from './PublishedPorts';
import { RawEngineJson } from './RawEngineJson';

export interface NetworkDetailsProps {
  network: Network;
  /** The picture, when it is a swarm's: a swarm-scoped network then says which nodes it is on. */
  topology?: Topology;
  /** Every network of the picture: a never-started container names its networks only. */
  networks: Network[];
  containers: Container[];
  onSelect: (graphId: string) => void;
}

export function NetworkDetails(props: NetworkDetailsProps) {
  const { network: n, containers, onSelect } = props;
  // A never-started container names its networks only: match it by name.
  const attached = containers.flatMap((c) =>
    c.endpoints.filter((e) => e.networkId === n.id || (!e.networkId && e.networkName === n.name)).map((e) => ({ c, e })),
  );
  return (
    <>
      <Facts>
        <Fact term="Driver">
          <DriverBadge driver={n.driver} />
        </Fact>
        <Fact term="Scope">{n.scope}</Fact>
        <Fact term="Id">
          <Mono title={n.id}>{n.id.slice(0, 12)}</Mono>
        </Fact>
        <Fact term="Created">
          <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
        </Fact>
      </Facts>

      <PublishedPorts {...props} />

      <Section title="Flags">
        <ul className="space-y-1.5">
          {networkFlags(n).map(([flag, meaning]) => (
            <li key={flag} data-flag={flag} className="flex items-baseline gap-2">
              <Chip>{flag}</Chip>
              <span className="text-slate-600 dark:text-slate-300">{meaning}</span>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Subnets">
        {n.subnets.length > 0 ? (
          <ul data-testid="network-subnets" data-count={n.subnets.length} className="space-y-2">
            {n.subnets.map((s) => (
              <li key={s.subnet} className="rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
                <Mono className="font-medium">{s.subnet}</Mono>
                <dl className="mt-0.5 grid grid-cols-[5rem_1fr] text-xs text-slate-600 dark:text-slate-300">
                  {s.gateway && (
                    <>
                      <dt>gateway</dt>
                      <dd data-testid="network-gateway" data-from={s.gatewayFrom ?? 'ipam'}>
                        <Mono>{s.gateway}</Mono>
                        {s.gatewayFrom === 'endpoints' && (
                          <span className="ml-1 text-slate-500 dark:text-slate-400">
                            (from its containers: this Engine leaves it out of the network&apos;s IPAM)
                          </span>
                        )}
                      </dd>
                    </>
                  )}
                  {s.ipRange && (
                    <>
                      <dt>IP range</dt>
                      <dd>
                        <Mono>{s.ipRange}</Mono>
                      </dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="network-subnets" data-count={0} className="text-slate-600 dark:text-slate-300">
            No subnet: this network hands out no IP addresses.
          </p>
        )}
      </Section>

      <KeyValues title="Options" values={n.options} />
      <KeyValues title="Labels" values={n.labels} />

      <Section title="What this means">
        <Explained explanation={explainDriver(n.driver)} />
        <Explained explanation={explainScope(n.scope)} />
      </Section>

      {props.topology && props.topology.nodes.length > 0 && n.scope === 'swarm' && (
        <OverlayNodes network={n} topology={props.topology} onSelect={onSelect} />
      )}

      <Section title={`Containers (${attached.length})`}>
        {attached.length > 0 ? (
          <Table compact testId="network-containers" count={attached.length} head={['Name', 'IPv4', 'IPv6', 'MAC']}>
            {attached.map(({ c, e }) => (
              <tr key={c.id} data-container={c.id}>
                <Td>
                  <LinkButton onClick={() => onSelect(containerNodeId(c.id))}>{c.name}</LinkButton>
                  {c.state !== 'running' && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">({c.state})</span>}
                </Td>
                <Td mono>{e.ipv4 || addressOn(c, e) || '—'}</Td>
                <Td mono>{e.ipv6 || '—'}</Td>
                <Td mono>{e.mac || '—'}</Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p data-testid="network-containers" data-count={0} className="text-slate-600 dark:text-slate-300">
            No containers attached.
          </p>
        )}
      </Section>

      <RawEngineJson networkId={n.id} />
    </>
  );
}

function networkFlags(n: Network): [string, string][] {
  const flags: [string, string][] = [
    n.predefined
      ? ['predefined', 'created by Docker itself; it cannot be removed']
      : ['user-defined', 'created by someone; containers on it find each other by name'],
  ];
  if (n.internal) flags.push(['internal', 'no route out: containers reach each other, not the outside world']);
  if (n.attachable) flags.push(['attachable', 'plain containers may join it, not only swarm services']);
  if (n.ipv6) flags.push(['ipv6', 'containers get IPv6 addresses too']);
  if (n.ingress) flags.push(['ingress', 'the swarm routing mesh that carries published service ports']);
  return flags;
}

function Chip({ children }: { children: ReactNode }) {
  return (
    <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
      {children}
    </span>
  );
}
