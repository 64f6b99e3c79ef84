import { homeNetwork, publishedBindings, withNetworkIds } from '../../lib/graph/elements';
import { isExposed } from '../../lib/topology';
import { containerNodeId } from '../../lib/graph/ids';
import { Badge } from './badges';
import type { NetworkDetailsProps } from './NetworkDetails';
import { Mono, Section } from './panelParts';
import { LinkButton } from '../ui/LinkButton';
import { Table, Td } from '../ui/Table';

/**
 * What the containers in a network's box publish on the host, those on all
 * interfaces first: when the map is collapsed this is where each mapping
 * behind the box's "N ports published" is read.
 */
export function PublishedPorts({ network, networks, containers, onSelect }: NetworkDetailsProps) {
  const rows = containers
    .map((c) => withNetworkIds(c, networks))
    .filter((c) => homeNetwork(c) === network.id)
    .flatMap((c) => publishedBindings(c.ports).map((b) => ({ c, b, exposed: isExposed(b.primary) })))
    .sort((x, y) => Number(y.exposed) - Number(x.exposed) || x.b.primary.hostPort - y.b.primary.hostPort);
  if (rows.length === 0) return null;
  return (
    <Section title={`Published on the host (${rows.length})`}>
      <Table compact testId="network-published" count={rows.length} head={['Host port', 'Interfaces', 'Container']}>
        {rows.map(({ c, b, exposed }) => (
          <tr key={`${b.addresses.join(' ')}:${b.primary.hostPort}/${b.primary.protocol}:${c.id}`} data-exposed={exposed} data-container={c.id}>
            <Td mono>
              {b.primary.hostPort}/{b.primary.protocol}
            </Td>
            <Td>{exposed ? <Badge tone="warn">all interfaces</Badge> : <span title={b.addresses.join(', ')}>{b.interfaces}</span>}</Td>
            <Td>
              <LinkButton onClick={() => onSelect(containerNodeId(c.id))}>{c.name}</LinkButton> <Mono>→ {b.primary.containerPort}</Mono>
            </Td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}
