import { ApiError } from '../../lib/apiError';
import { contains, freeSubnet, isRange, overlapping, parseCidr, type Range } from '../../lib/cidr';
import { connectCommand, disconnectCommand, networkCreateCommand, networkPruneCommand, networkRemoveCommand } from '../../lib/dockerCommand';
import { withLessonLabel } from '../../lib/lessons/label';
import { pruneCandidates } from '../../lib/prune';
import { HOST_NETWORK, sharedNamespace, type Connect, type Disconnect, type NetworkCreate } from '../../lib/schemas';
import { findByRef, type Container, type Network, type Topology } from '../../lib/topology';
import type { Engine } from './engine';
import { engineError } from './errors';
import { toContainer, toNetwork } from './mapping';

// Network mutations: each answers with the `docker` line it equals, and turns
// the Engine's refusals into messages that keep its words and say what to do.

export interface Done {
  command: string;
  [key: string]: unknown;
}

export async function createNetwork(engine: Engine, topology: Topology, body: NetworkCreate): Promise<Done> {
  // `--opt encrypted` sets the option with no value: the Engine looks only for the key.
  const options = { ...(body.parent ? { parent: body.parent } : {}), ...(body.encrypted ? { encrypted: '' } : {}), ...(body.options ?? {}) };
  const config = [
    ...(body.subnet
      ? [{ Subnet: body.subnet, ...(body.gateway ? { Gateway: body.gateway } : {}), ...(body.ipRange ? { IPRange: body.ipRange } : {}) }]
      : []),
    ...(body.subnetV6 ? [{ Subnet: body.subnetV6 }] : []),
  ];
  const clashes = async () => {
    // The picture may lag a network created a moment ago: ask the Engine.
    const fresh = (await engine.networks().catch(() => topology.networks)).flatMap((n) => n.subnets.map((s) => ({ name: n.name, subnet: s.subnet })));
    return { clash: body.subnet ? overlapping(body.subnet, fresh) : [], free: freeSubnet(fresh.map((t) => t.subnet)) };
  };
  try {
    const id = await engine.createNetwork({
      Name: body.name,
      Driver: body.driver,
      CheckDuplicate: true,
      Internal: body.internal ?? false,
      Attachable: body.attachable ?? false,
      EnableIPv6: body.ipv6 ?? false,
      Labels: withLessonLabel(body.labels, body.lesson),
      Options: options,
      ...(config.length ? { IPAM: { Driver: 'default', Config: config } } : {}),
    });
    return { command: networkCreateCommand(body), id };
  } catch (err) {
    const { clash, free } = await clashes();
    throw engineError(err, engine.endpoint, (message, status) => {
      if (status === 409 || /already exists/.test(message)) return `Choose another name, or remove the existing network "${body.name}" first.`;
      if (/overlaps/i.test(message))
        return `${clash.length ? `${body.subnet} overlaps ${clash.map((c) => `${c.name} (${c.subnet})`).join(', ')}. ` : ''}${free ? `${free.subnet} is free.` : ''}`.trim();
      // 20.10 to 26 say "could not find an available, non-overlapping IPv4 address pool…"; 27 and 28 "all predefined address pools have been fully subnetted".
      if (/available, non-overlapping .* address pool|predefined address pools have been fully subnetted/.test(message))
        return `The Engine's default address pools are used up. Give a subnet yourself${free ? `, e.g. ${free.subnet}` : ''}, or remove unused networks (prune).`;
      if (/swarm/i.test(message) && body.driver === 'overlay')
        return 'Overlay networks are made on a swarm manager: run `docker swarm init` on this engine, or point Portolan at a manager (DOCKER_HOST).';
      if (/parent/i.test(message)) return `Check that the host interface "${body.parent ?? options.parent}" exists (ip link).`;
      return undefined;
    });
  }
}

/** Commands name things the way a person typed them: by name, when the picture knows it. */
const nameOf = (items: readonly { id: string; name: string }[], ref: string) => findByRef(items, ref)?.name ?? ref;

export async function removeNetwork(engine: Engine, topology: Topology, ref: string): Promise<Done> {
  const known = findByRef(topology.networks, ref);
  if (known?.predefined) {
    throw new ApiError(
      403,
      'predefined_network',
      `${known.name} is a pre-defined network and cannot be removed.`,
      'Docker creates it itself; remove only networks you created.',
    );
  }
  try {
    await engine.removeNetwork(ref);
    return { command: networkRemoveCommand(known?.name ?? ref) };
  } catch (err) {
    // Who is still attached, asked of the Engine: the picture may lag by a moment.
    const attached = await engine
      .inspectNetwork(ref)
      .then((n) => Object.values((n as { Containers?: Record<string, { Name: string }> }).Containers ?? {}).map((c) => c.Name))
      .catch(() => [] as string[]);
    throw engineError(err, engine.endpoint, (message, status) => {
      if (status === 404) return 'It may have been removed already; the map shows what exists.';
      if (/active endpoints/.test(message))
        return attached.length
          ? `Disconnect ${attached.join(', ')} first (or remove ${attached.length > 1 ? 'them' : 'it'}).`
          : 'Disconnect its containers first.';
      return undefined;
    });
  }
}

/**
 * `docker network prune`. With `expected`, the networks the asker was shown it would remove: when the picture
 * now says it would remove others, or not all of those, it is refused with both lists and nothing changes.
 */
export async function pruneNetworks(engine: Engine, topology: Topology, expected?: readonly string[]): Promise<Done> {
  if (expected) {
    const now = pruneCandidates(topology).map((c) => c.network);
    const shown = new Set(expected);
    const added = now.filter((n) => !shown.has(n.id) && !shown.has(n.name));
    const kept = expected.filter((ref) => !now.some((n) => n.id === ref || n.name === ref));
    if (added.length || kept.length) {
      const names = (refs: string[]) => refs.map((r) => findByRef(topology.networks, r)?.name ?? r).join(', ');
      throw new ApiError(
        409,
        'prune_changed',
        [
          'The networks a prune would remove changed since they were listed',
          added.length ? `; it would now also remove ${added.map((n) => n.name).join(', ')}` : '',
          kept.length ? `; it would no longer remove ${names(kept)}` : '',
          '. Nothing was removed.',
        ].join(''),
        'Look at the list again, then confirm.',
      );
    }
  }
  try {
    return { command: networkPruneCommand(), removed: await engine.pruneNetworks() };
  } catch (err) {
    throw engineError(err, engine.endpoint);
  }
}

/**
 * Refuses a network that would share the host's namespace, however it is named:
 * "HOST", or the host network's id, which the Engine takes as a user network
 * and then puts the container on the host's stack all the same.
 * `driver`: the network's driver when the caller has already read it, which spares asking again.
 */
export async function refuseSharedNamespace(engine: Engine, network: string, driver?: string): Promise<void> {
  const shared =
    sharedNamespace(network) ??
    (driver !== undefined
      ? driver === 'host'
        ? HOST_NETWORK
        : null
      : await engine.inspectNetwork(network).then(
          (n) => (n.Driver === 'host' ? HOST_NETWORK : null),
          () => null, // no such network: the Engine's own refusal says so, a moment later
        ));
  if (shared)
    throw new ApiError(
      400,
      'shared_namespace',
      `The request was refused, nothing changed: ${shared}.`,
      'Pick a bridge or another network you created; publish ports (-p 127.0.0.1:8080:80) for what the host must reach.',
    );
}

/**
 * Refusals Portolan can tell before asking the Engine, in its own words: the
 * Engine's wording of them changed between versions (20.10 says "Invalid
 * address … does not belong to any of this network's subnets", 25 and later
 * "no configured subnet or ip-range contain the IP address …"; 28 reworded the
 * host network's refusal). Null when the Engine should decide.
 */
export function connectRefusal(network: Network, container: Container, body: Pick<Connect, 'ipv4'>): ApiError | null {
  const mode = container.networkMode;
  if (mode === 'host' || mode === 'none' || mode.startsWith('container:'))
    return new ApiError(
      400,
      'network_mode_conflict',
      `${container.name} runs with --network ${mode}: it ${mode === 'none' ? 'has no network stack to share' : `shares ${mode === 'host' ? "the host's" : `${mode.slice('container:'.length)}'s`} network stack`} and cannot join other networks.`,
      `Run it again on a bridge network (docker run --network <network> …) to connect it to ${network.name}.`,
    );
  if (network.driver === 'host' || network.driver === 'null')
    return new ApiError(
      400,
      'network_mode_conflict',
      `${network.name} is not a network a running container can join: a container is on it only when it was run on it.`,
      `Run a container on it instead: docker run --network ${network.name} …`,
    );
  if (!body.ipv4) return null;
  if (network.predefined)
    return new ApiError(
      400,
      'static_ip_unsupported',
      `A static IP needs a user-defined network; ${network.name} is Docker's own.`,
      'Create a network with --subnet and connect to it with the IP, or leave the IP empty.',
    );
  const ipv4 = body.ipv4;
  const subnets = network.subnets.map((s) => parseCidr(s.subnet)).filter((r) => isRange(r) && r.version === 4) as Range[];
  if (subnets.length && !subnets.some((r) => contains(r, ipv4)))
    return new ApiError(
      400,
      'address_outside_subnet',
      `${ipv4} is outside ${network.name}'s subnet ${subnets.map((r) => r.cidr).join(', ')}.`,
      `Choose an address inside ${subnets.map((r) => r.cidr).join(' or ')}, or leave it empty.`,
    );
  return null;
}

export async function connect(engine: Engine, topology: Topology, ref: string, body: Connect): Promise<Done> {
  // Asked of the Engine, not the picture, which may lag a moment; when either is missing the Engine says so below.
  const [network, container] = await Promise.all([
    engine
      .inspectNetwork(ref)
      .then(toNetwork)
      .catch(() => null),
    engine
      .inspectContainerDocument(body.container)
      .then(toContainer)
      .catch(() => null),
  ]);
  // The host network however it is named (HOST, its id): the namespace refusal, from the network just read.
  await refuseSharedNamespace(engine, ref, network?.driver ?? '');
  const refused = network && container ? connectRefusal(network, container, body) : null;
  if (refused) throw refused;
  try {
    await engine.connectNetwork(ref, body.container, {
      ...(body.ipv4 ? { IPAMConfig: { IPv4Address: body.ipv4 } } : {}),
      ...(body.aliases?.length ? { Aliases: body.aliases } : {}),
    });
    return { command: connectCommand(nameOf(topology.networks, ref), { ...body, container: nameOf(topology.containers, body.container) }) };
  } catch (err) {
    const subnets = await dropFailedEndpoint(engine, ref, body.container);
    // Each wording below is the Engine's from 20.10 to 28 (read in moby's sources at each release). The subnet
    // refusal reaches here only when connectRefusal could not inspect the network or the container first.
    throw engineError(err, engine.endpoint, (message) => {
      if (/user specified IP address is supported only when connecting to networks with user configured subnets/.test(message))
        return 'A static IP needs a network created with --subnet; pick another network or leave the IP empty.';
      if (/does not belong to any of this network's subnets|no configured subnet or ip-range contain/.test(message))
        return `Choose an address inside ${subnets.join(' or ') || "the network's subnet"}, or leave it empty.`;
      if (/no available IPv4 addresses|address already in use|Address already in use/i.test(message))
        return `${body.ipv4 ?? 'That address'} is taken: choose another, or leave it empty.`;
      if (/already exists in network|is already attached/i.test(message)) return 'It is already attached to that network.';
      if (/not found|No such container/i.test(message)) return 'Check the container and network names; the map shows what exists.';
      return undefined;
    });
  }
}

/**
 * Docker 20.10 keeps the settings of a refused connect (an address outside the
 * subnet, or taken) on a running container: inspect shows it on the network
 * with no endpoint, and it cannot restart ("Cannot restart container …:
 * Invalid address"). A running container leaves them only through a connect
 * that succeeds and a disconnect, so that is what puts it back as it was.
 * Answers the network's subnets, for the hint.
 */
async function dropFailedEndpoint(engine: Engine, ref: string, container: string): Promise<string[]> {
  try {
    const [network, info] = await Promise.all([engine.inspectNetwork(ref), engine.inspectContainerDocument(container)]);
    const endpoint = info.NetworkSettings.Networks?.[network.Name];
    if (info.State.Running && endpoint && !endpoint.EndpointID) {
      await engine.connectNetwork(network.Id, info.Id);
      await engine.disconnectNetwork(network.Id, info.Id);
    }
    return (network.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : []));
  } catch {
    return []; // gone, or the Engine refuses again: the refusal itself is what the caller reports
  }
}

export async function disconnect(engine: Engine, topology: Topology, ref: string, body: Disconnect): Promise<Done> {
  try {
    await engine.disconnectNetwork(ref, body.container, body.force ?? false);
    return { command: disconnectCommand(nameOf(topology.networks, ref), { ...body, container: nameOf(topology.containers, body.container) }) };
  } catch (err) {
    throw engineError(err, engine.endpoint, (message) =>
      /is not connected/.test(message)
        ? 'It is not attached to that network.'
        : /not found|No such container/i.test(message)
          ? 'Check the container and network names.'
          : undefined,
    );
  }
}
