import { ApiError } from '../../lib/apiError';
import { probeCommand } from '../../lib/dockerCommand';
import type { Container, Topology } from '../../lib/topology';
import type { Engine } from './engine';
import { engineError } from './errors';

export interface ProbeResult {
  command: string;
  reachable: boolean;
  by: 'ip' | 'name';
  /** The network and address tried, when there was one to try. */
  via: { network: string; ip: string } | null;
  explanation: string;
  output: string;
}

const TIMEOUT_MS = 6000;

/**
 * "Can A reach B?": ping (or a TCP connect when a port is given) from inside
 * A, at B's address on a network they share, and the answer in words.
 */
export async function probe(
  engine: Engine,
  topology: Topology,
  ref: string,
  target: string,
  port?: number,
  by: 'ip' | 'name' = 'ip',
): Promise<ProbeResult> {
  // Asked fresh: a connect a moment ago may not have reached the picture yet.
  const [from, to] = await Promise.all([ref, target].map((r) => engine.container(r)));
  if (!from) throw new ApiError(404, 'not_found', `No container ${ref}.`, 'Pick a container from the map.');
  if (!to) throw new ApiError(404, 'not_found', `No container ${target} to reach.`, 'Pick a container from the map.');
  if (from.state !== 'running')
    throw new ApiError(409, 'not_running', `${from.name} is ${from.state}: a probe runs inside it.`, `Start it first: docker start ${from.name}.`);

  const shared = from.endpoints.filter((e) => to.endpoints.some((t) => t.networkId === e.networkId && t.ipv4));
  const sharedNet = shared[0];
  const targetIp = sharedNet ? to.endpoints.find((t) => t.networkId === sharedNet.networkId)!.ipv4 : to.endpoints.find((t) => t.ipv4)?.ipv4;
  if (by === 'name') return probeByName(engine, topology, from, to, shared, port);
  if (!targetIp) {
    return {
      command: probeCommand(from.name, to.name, port),
      reachable: false,
      by,
      via: null,
      explanation: `${to.name} has no IP address (it is ${to.state}${to.networkMode === 'none' ? ', on the none network' : ''}): nothing can reach it.`,
      output: '',
    };
  }
  // nc with no input connects, sends nothing and exits 0; busybox's nc has no -z.
  const cmd = port ? ['nc', '-w', '2', targetIp, String(port)] : ['ping', '-c', '1', '-W', '2', targetIp];
  const { exitCode, output } = await execIn(engine, from.id, cmd);
  const network = sharedNet ? topology.networks.find((n) => n.id === sharedNet.networkId) : undefined;
  const what = port ? `port ${port} on ${to.name}` : to.name;
  let explanation: string;
  if (exitCode === 127 || /not found|no such file/i.test(output)) {
    explanation = `${from.name}'s image has no ${cmd[0]}: the probe cannot run there. Try it from a container whose image has ${cmd[0]} (busybox has both ping and nc).`;
  } else if (exitCode === 0) {
    explanation = `${from.name} reaches ${what} at ${targetIp} over ${network?.name ?? 'a shared network'}: containers on the same network talk directly${network?.internal ? ', and an internal network still lets its own members talk' : ''}.`;
  } else if (!sharedNet) {
    explanation = `${from.name} and ${to.name} share no network, so ${from.name} has no route to ${targetIp}: connect both to one network (docker network connect).`;
  } else if (port) {
    explanation = `They share ${network?.name ?? 'a network'}, but nothing accepts connections on port ${port} at ${targetIp}: is the service listening there?`;
  } else {
    explanation = `They share ${network?.name ?? 'a network'}, yet ${targetIp} did not answer: ${to.name} may drop pings.`;
  }
  return {
    command: probeCommand(from.name, targetIp, port),
    reachable: exitCode === 0,
    by,
    via: network ? { network: network.name, ip: targetIp } : null,
    explanation,
    output: output.trim(),
  };
}

/**
 * By name, as a learner types it: the name is looked up inside A. Docker's embedded DNS answers only on
 * user-defined networks, so on the default bridge the same ping that works by address fails.
 */
async function probeByName(
  engine: Engine,
  topology: Topology,
  from: Container,
  to: Container,
  shared: Container['endpoints'],
  port: number | undefined,
): Promise<ProbeResult> {
  const cmd = port ? ['nc', '-w', '2', to.name, String(port)] : ['ping', '-c', '1', '-W', '2', to.name];
  const { exitCode, output, timedOut } = await execIn(engine, from.id, cmd);
  // The picture already knows Docker's own networks; one it has not seen yet can only be the default bridge here.
  const userShared = shared.filter((e) => !(topology.networks.find((n) => n.id === e.networkId)?.predefined ?? e.networkName === 'bridge'));
  const network = topology.networks.find((n) => n.id === (userShared[0] ?? shared[0])?.networkId);
  // ping prints its first line once the name resolves: silence until the time is up means it never did (Docker 26's
  // embedded DNS passes a name it does not know to the host's resolvers, which may never answer).
  const unresolved = /bad address|unknown host|name or service not known|could not resolve/i.test(output) || (timedOut && !output.trim());
  const what = port ? `port ${port} on ${to.name}` : to.name;
  let explanation: string;
  if (exitCode === 127 || /executable file not found|applet not found/i.test(output)) {
    explanation = `${from.name}'s image has no ${cmd[0]}: the probe cannot run there. Try it from a container whose image has ${cmd[0]} (busybox has both ping and nc).`;
  } else if (exitCode === 0) {
    explanation = `${from.name} found ${to.name} by name: on ${network?.name ?? 'a network they share'}, a network you made, Docker's embedded DNS (127.0.0.11) answers every container's name and aliases, and ${what} answered.`;
  } else if (unresolved && userShared.length === 0 && shared.length > 0) {
    explanation = `The name ${to.name} does not resolve in ${from.name}: they share only the default bridge, which has no embedded DNS. By address it works; for names, put both on a network you create (docker network create, then docker network connect).`;
  } else if (unresolved) {
    explanation = `The name ${to.name} does not resolve in ${from.name}: they share no network you made, and Docker's DNS answers only for containers on the same user-defined network.`;
  } else if (port) {
    explanation = `${to.name} resolved, but nothing accepts connections on port ${port}: is the service listening there?`;
  } else {
    explanation = `${to.name} resolved, yet did not answer the ping: it may drop pings.`;
  }
  return {
    command: probeCommand(from.name, to.name, port),
    reachable: exitCode === 0,
    by: 'name',
    via: network ? { network: network.name, ip: to.endpoints.find((e) => e.networkId === network.id)?.ipv4 ?? '' } : null,
    explanation,
    output: output.trim(),
  };
}

async function execIn(engine: Engine, containerId: string, cmd: string[]): Promise<{ exitCode: number; output: string; timedOut: boolean }> {
  try {
    return await engine.exec(containerId, cmd, TIMEOUT_MS);
  } catch (err) {
    const e = engineError(err, engine.endpoint);
    if (e.engine && /executable file not found|no such file/i.test(e.engine.message))
      return { exitCode: 127, output: e.engine.message, timedOut: false };
    throw e;
  }
}
