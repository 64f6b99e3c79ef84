import type Dockerode from 'dockerode';
import type { ContainerSecurity } from '../../lib/audit';
import { healthCheckCommand } from '../../lib/activity';
import { publishedBindings } from '../../lib/graph/elements';
import { byName, type Container, type EngineInfo, type Endpoint, type Network, type PortBinding } from '../../lib/topology';

// The one place where raw Engine objects become Portolan's public types.

const PREDEFINED = new Set(['bridge', 'host', 'none', 'docker_gwbridge']);

/** Fields of newer engines that @types/dockerode does not know yet; each absent on older ones. */
interface RawNetwork extends Dockerode.NetworkInspectInfo {
  /** API 1.47 (Docker 28). */
  EnableIPv4?: boolean;
}

interface RawEndpoint extends Dockerode.EndpointSettings {
  /** API 1.44 (Docker 25). */
  DNSNames?: string[] | null;
  /** API 1.48 (Docker 28). */
  GwPriority?: number;
}

/** Accepts both list and inspect documents; `Containers` is ignored: attachments come from the containers. */
export function toNetwork(raw: RawNetwork): Network {
  return {
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver,
    scope: raw.Scope,
    internal: raw.Internal === true,
    attachable: raw.Attachable === true,
    ingress: raw.Ingress === true,
    ipv6: raw.EnableIPv6 === true,
    ...(typeof raw.EnableIPv4 === 'boolean' ? { ipv4: raw.EnableIPv4 } : {}),
    predefined: PREDEFINED.has(raw.Name) || raw.Ingress === true,
    subnets: (raw.IPAM?.Config ?? []).map((c) => ({
      subnet: c.Subnet ?? '',
      ...(c.Gateway ? { gateway: c.Gateway } : {}),
      ...(c.IPRange ? { ipRange: c.IPRange } : {}),
    })),
    labels: { ...(raw.Labels ?? {}) },
    options: { ...(raw.Options ?? {}) },
    createdAt: raw.Created ?? '',
  };
}

export function toContainer(raw: Dockerode.ContainerInspectInfo): Container {
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: raw.Config.Image,
    state: raw.State.Status,
    status: statusOf(raw.State),
    user: raw.Config.User ?? '',
    networkMode: raw.HostConfig.NetworkMode ?? '',
    endpoints: toEndpoints(raw.NetworkSettings.Networks ?? {}, raw.Id.slice(0, 12)),
    ports: toPorts(raw.NetworkSettings.Ports ?? {}),
    labels: { ...(raw.Config.Labels ?? {}) },
    createdAt: raw.Created ?? '',
  };
}

function toEndpoints(networks: Record<string, RawEndpoint | undefined>, shortId: string): Endpoint[] {
  return Object.entries(networks)
    .flatMap(([networkName, e]) =>
      e
        ? [
            {
              networkId: e.NetworkID ?? '',
              networkName,
              ipv4: e.IPAddress ?? '',
              ipv6: e.GlobalIPv6Address ?? '',
              mac: e.MacAddress ?? '',
              aliases: (e.Aliases ?? []).filter((a) => a !== shortId),
              ...(e.Gateway ? { gateway: e.Gateway } : {}),
              ...(e.DNSNames ? { dnsNames: [...e.DNSNames] } : {}),
              ...(typeof e.GwPriority === 'number' ? { gwPriority: e.GwPriority } : {}),
            },
          ]
        : [],
    )
    .sort((a, b) => byName({ name: a.networkName }, { name: b.networkName }));
}

type RawPorts = Record<string, { HostIp: string; HostPort: string }[] | null | undefined>;

/**
 * One binding per mapping as a person set it: the Engine reports one
 * `-p 8080:80` as two, on 0.0.0.0 and on ::, when the host has IPv6 (20.10 and
 * 26 alike), and as one where it has not.
 */
function toPorts(ports: RawPorts): PortBinding[] {
  const bindings: PortBinding[] = [];
  for (const [key, hostBindings] of Object.entries(ports)) {
    const [port = '', protocol = 'tcp'] = key.split('/');
    for (const b of hostBindings ?? []) {
      bindings.push({ hostIp: b.HostIp, hostPort: Number(b.HostPort), containerPort: Number(port), protocol });
    }
  }
  return publishedBindings(bindings)
    .map((b) => b.primary)
    .sort(
      (a, b) =>
        a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol) || a.hostIp.localeCompare(b.hostIp) || a.hostPort - b.hostPort,
    );
}

/**
 * A status in words that changes only when the Engine's state does, unlike
 * `docker ps`'s "Up 3 minutes", so the picture never needs polling.
 */
function statusOf(state: Dockerode.ContainerInspectInfo['State']): string {
  const health = state.Health?.Status && state.Health.Status !== 'none' ? ` (${state.Health.Status})` : '';
  switch (state.Status) {
    case 'running':
      return `Up since ${state.StartedAt}${health}`;
    case 'paused':
      return `Up since ${state.StartedAt} (Paused)`;
    case 'restarting':
      return `Restarting (${state.ExitCode})`;
    case 'exited':
      return `Exited (${state.ExitCode}) at ${state.FinishedAt}`;
    case 'created':
      return 'Created';
    default:
      return state.Status.charAt(0).toUpperCase() + state.Status.slice(1);
  }
}

export function toEngineInfo(info: RawInfo, version: RawVersion, endpoint: string): EngineInfo {
  const swarm = info.Swarm ?? {};
  return {
    id: info.ID ?? '',
    name: info.Name ?? '',
    version: version.Version ?? '',
    apiVersion: version.ApiVersion ?? '',
    os: version.Os ?? info.OSType ?? '',
    arch: version.Arch ?? info.Architecture ?? '',
    endpoint,
    swarm: {
      state: swarm.LocalNodeState || 'inactive',
      ...(swarm.NodeID ? { nodeId: swarm.NodeID } : {}),
      ...(swarm.LocalNodeState === 'active' ? { manager: swarm.ControlAvailable === true } : {}),
    },
  };
}

export interface RawInfo {
  ID?: string;
  Name?: string;
  OSType?: string;
  Architecture?: string;
  Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean };
}

export interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
}

/** The command line the container's HEALTHCHECK runs, as exec_start names it (the image's, unless `docker run` set one). */
export function toHealthCheck(raw: Dockerode.ContainerInspectInfo): string | null {
  const config = raw.Config as { Healthcheck?: { Test?: string[] }; Shell?: string[] };
  return healthCheckCommand(config.Healthcheck?.Test, config.Shell);
}

/** What the security lens needs beyond the picture: privileges, mounts, limits. */
export function toSecurity(raw: Dockerode.ContainerInspectInfo): ContainerSecurity {
  const host = raw.HostConfig;
  const bindings = { ...(host.PortBindings ?? {}) } as RawPorts;
  // `-P` publishes every exposed port without a binding of its own on all interfaces, at a port the Engine picks.
  if (host.PublishAllPorts) for (const port of Object.keys(raw.Config.ExposedPorts ?? {})) bindings[port] ??= [{ HostIp: '', HostPort: '' }];
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: raw.Config.Image,
    user: raw.Config.User ?? '',
    privileged: host.Privileged === true,
    capAdd: [...(host.CapAdd ?? [])],
    capDrop: [...((host.CapDrop ?? []) as string[])],
    // Stored as given: "no-new-privileges", or with ":" or "=" and a value the Engine reads as Go's ParseBool does.
    noNewPrivileges: ((host.SecurityOpt ?? []) as string[]).some((opt) => /^no-new-privileges(?:[:=](?:1|t|T|true|TRUE|True))?$/.test(opt)),
    mounts: (raw.Mounts ?? []).map((m) => ({ type: m.Type, source: m.Source, destination: m.Destination, readOnly: m.RW === false })),
    // The host network given by its id stays an id in NetworkMode; its attachment to "host", a reserved name, tells.
    networkMode: 'host' in (raw.NetworkSettings?.Networks ?? {}) ? 'host' : (host.NetworkMode ?? ''),
    memory: host.Memory ?? 0,
    readonlyRootfs: host.ReadonlyRootfs === true,
    // Configured bindings, so a stopped container's exposure still shows.
    ports: toPorts(bindings),
    pidMode: host.PidMode ?? '',
    ipcMode: host.IpcMode ?? '',
  };
}
