import type Dockerode from 'dockerode';
import { ApiError } from '../../lib/apiError';
import { portsCommand, publishFlag, runCommand } from '../../lib/dockerCommand';
import type { PortBindingInput } from '../../lib/schemas';
import type { Topology } from '../../lib/topology';
import { alreadyDone, portBindings, portHint } from './containerActions';
import type { Engine } from './engine';
import { engineError } from './errors';
import type { Done } from './networkActions';

// Docker cannot change a container's published ports in place. Portolan
// recreates it from its own configuration, keeping every network attachment,
// static IP and alias (what Portainer's Duplicate/Edit loses, portainer#2185),
// and puts the original back as it was when the new one cannot start.

/** Local volume options that mount a host path ("-o type=none -o o=bind -o device=/etc"). */
const bindsHostPath = (options: Record<string, string> | null | undefined) => /(^|,)r?bind(,|$)/.test(options?.o ?? '');

/** `--security-opt` values by key: "seccomp=unconfined" and the older "seccomp:unconfined" alike. */
function securityOptions(host: Dockerode.HostConfig): Map<string, string> {
  const pairs = ((host.SecurityOpt ?? []) as string[]).flatMap((option) => {
    const kv = /^([a-z-]+)[=:](.*)$/s.exec(option);
    return kv ? [[kv[1]!, kv[2]!] as const] : [];
  });
  return new Map(pairs);
}

/**
 * Settings Portolan never grants: each lets a container reach into the host
 * (or into another container), and a recreated container would get them again
 * from Portolan. The host cgroup namespace is not among them: Docker 20.10
 * gives it to every container on a cgroup v1 host, and /sys/fs/cgroup stays
 * read-only without the settings above.
 */
export function privileges(host: Dockerode.HostConfig, networks: readonly string[] = []): string[] {
  const security = securityOptions(host);
  const shares = [host.NetworkMode, host.PidMode, host.IpcMode].some((mode) => mode?.startsWith('container:'));
  return [
    host.Privileged && 'privileged',
    (host.CapAdd?.length ?? 0) > 0 && 'added capabilities',
    (host.Binds?.length ?? 0) > 0 && 'host mounts',
    (host.Mounts ?? []).some((m) => m.Type === 'bind' || (m.Type === 'volume' && bindsHostPath(m.VolumeOptions?.DriverConfig?.Options))) &&
      'host mounts',
    ((host.VolumesFrom as string[] | null | undefined)?.length ?? 0) > 0 && 'volumes from another container',
    ((host.Devices?.length ?? 0) > 0 || (host.DeviceCgroupRules?.length ?? 0) > 0 || (host.DeviceRequests?.length ?? 0) > 0) && 'devices',
    host.PidMode === 'host' && 'the host PID namespace',
    host.IpcMode === 'host' && 'the host IPC namespace',
    // The host network given by its id at run stays an id in NetworkMode; its name, "host", is reserved.
    (host.NetworkMode === 'host' || networks.includes('host')) && 'the host network',
    host.UTSMode === 'host' && 'the host UTS namespace',
    host.UsernsMode === 'host' && 'the host user namespace',
    shares && 'the namespaces of another container',
    security.get('seccomp') === 'unconfined' && 'no seccomp profile',
    security.get('apparmor') === 'unconfined' && 'no AppArmor profile',
    security.get('label') === 'disable' && 'no SELinux labels',
    // systempaths=unconfined leaves the list empty; a privileged container has none at all.
    Array.isArray(host.MaskedPaths) && host.MaskedPaths.length === 0 && 'unmasked /proc and /sys paths',
  ].filter((p): p is string => typeof p === 'string');
}

/** Named volumes mounted with --mount that bind a host path: only the Engine knows how a volume was made. */
async function hostPathVolumes(engine: Engine, host: Dockerode.HostConfig): Promise<string[]> {
  const named = (host.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Source);
  const volumes = await Promise.all(
    named.map((m) =>
      engine.volumeOptions(m.Source).then(
        (options) => bindsHostPath(options),
        () => false, // not there yet: the Engine creates it empty, holding nothing of the host
      ),
    ),
  );
  return volumes.some(Boolean) ? ['host mounts'] : [];
}

interface Attachment {
  network: string;
  config: Dockerode.EndpointSettings;
}

/** Each network with the static IP and the aliases the container had there (not the short-id alias Docker adds itself). */
function attachments(info: Dockerode.ContainerInspectInfo): Attachment[] {
  const shortId = info.Id.slice(0, 12);
  return Object.entries(info.NetworkSettings.Networks ?? {}).map(([network, e]) => {
    const aliases = ((e.Aliases ?? []) as string[]).filter((a) => a !== shortId);
    return {
      network,
      config: {
        ...(e.IPAMConfig && (e.IPAMConfig.IPv4Address || e.IPAMConfig.IPv6Address) ? { IPAMConfig: e.IPAMConfig } : {}),
        ...(aliases.length ? { Aliases: aliases } : {}),
      },
    };
  });
}

/** The bindings a container publishes now, in the API's shape. */
export function currentPorts(info: Dockerode.ContainerInspectInfo): PortBindingInput[] {
  return Object.entries(info.HostConfig.PortBindings ?? {}).flatMap(([key, list]) => {
    const [port = '0', protocol = 'tcp'] = key.split('/');
    return ((list ?? []) as { HostIp: string; HostPort: string }[]).map((b) => ({
      hostIp: b.HostIp || '0.0.0.0',
      hostPort: Number(b.HostPort),
      containerPort: Number(port),
      protocol: protocol as PortBindingInput['protocol'],
    }));
  });
}

export async function remapPorts(engine: Engine, topology: Topology, ref: string, ports: PortBindingInput[]): Promise<Done> {
  // The container itself is no holder: it gives its old ports up.
  const others = { ...topology, containers: topology.containers.filter((c) => c.id !== ref && c.name !== ref && !c.id.startsWith(ref)) };
  const fail = (err: unknown) => engineError(err, engine.endpoint, portHint(others, ports));
  const info = await engine.inspectContainerDocument(ref).catch((err: unknown) => {
    throw fail(err);
  });
  // By id from here on: once renamed, the name belongs to the replacement.
  const original = info.Id;
  const refused = [
    ...privileges(info.HostConfig, Object.keys(info.NetworkSettings.Networks ?? {})),
    ...(await hostPathVolumes(engine, info.HostConfig)),
  ];
  if (refused.length) {
    throw new ApiError(
      403,
      'privileged_container',
      `${info.Name.slice(1)} runs with ${[...new Set(refused)].join(', ')}: settings that let a container reach into the host, which Portolan does not grant, so it will not recreate it with them.`,
      `Change its ports with the docker CLI: ${ports.map((p) => `-p ${publishFlag(p)}`).join(' ') || 'no -p'}.`,
    );
  }
  const name = info.Name.replace(/^\//, '');
  const wasRunning = info.State.Running;
  const nets = attachments(info);
  const [first, ...rest] = nets;
  const { exposed, bindings } = portBindings(ports);
  const parked = `${name}-portolan-old`;

  // Someone else may stop it first: that is what was wanted.
  if (wasRunning)
    await engine.stopContainer(original, 5).catch((err: unknown) => {
      if (!alreadyDone(err, 'stop')) throw fail(err);
    });
  await engine.renameContainer(original, parked);
  let replacement: string | null = null;
  try {
    replacement = await engine.createContainer({
      name,
      ...info.Config,
      // A hostname Docker derived from the old id would name the wrong container.
      Hostname: info.Config.Hostname === info.Id.slice(0, 12) ? '' : info.Config.Hostname,
      ExposedPorts: { ...(info.Config.ExposedPorts ?? {}), ...exposed },
      HostConfig: { ...info.HostConfig, PortBindings: bindings },
      // The API creates a container on one network; the others are joined before it starts.
      NetworkingConfig: first ? { EndpointsConfig: { [first.network]: first.config } } : undefined,
    });
    for (const a of rest) await engine.connectNetwork(a.network, replacement, a.config);
    if (wasRunning) await engine.startContainer(replacement);
    await engine.removeContainer(original);
  } catch (err) {
    // Put the original back as it was, then say what the Engine said.
    if (replacement) await engine.removeContainer(replacement).catch(() => undefined);
    await engine.renameContainer(original, name).catch(() => undefined);
    if (wasRunning) await engine.startContainer(original).catch(() => undefined);
    throw fail(err);
  }
  const run = runCommand({
    image: info.Config.Image,
    name,
    network: first?.network,
    ports,
    ...(info.Config.User ? { user: info.Config.User } : {}),
    // Without it the line would run the image's default command instead of this container's.
    ...(info.Config.Cmd?.length ? { command: info.Config.Cmd } : {}),
  });
  return {
    command: portsCommand(name, ports, run),
    id: replacement,
    /** The container it replaced, gone now. */
    replaced: info.Id,
    before: currentPorts(info),
    after: ports,
    networks: nets.map((n) => n.network),
  };
}
