import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { Container, EngineInfo, Network, Service, SwarmNode, Task } from '../../lib/topology';
import type { ContainerSecurity } from '../../lib/audit';
import { toContainer, toEngineInfo, toNetwork, toSecurity, type RawInfo, type RawVersion } from './mapping';
import { isCurrentTask, toService, toSwarm, toSwarmNode, toTask, type RawNode, type RawService, type RawTask } from './swarmMapping';

/** A Docker event as /events sends it. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
  /** `swarm` for the cluster's own events (a manager's nodes, services and swarm networks), `local` for the rest. */
  scope?: string;
}

/** What a swarm manager knows of the cluster. */
export interface Swarm {
  nodes: SwarmNode[];
  services: Service[];
  tasks: Task[];
}

export type EngineEnv = Record<string, string | undefined>;

/** Builds dockerode's options the way the docker CLI reads its environment. */
export function connectionFrom(env: EngineEnv): { options: Docker.DockerOptions; endpoint: string } {
  const host = env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length) || '/var/run/docker.sock';
    return { options: { socketPath }, endpoint: `unix://${socketPath}` };
  }
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    throw new Error(`DOCKER_HOST=${host} is not an address the docker CLI understands: use unix:///path, tcp://host:port or ssh://user@host.`);
  }
  if (url.protocol === 'ssh:') {
    return {
      options: { protocol: 'ssh', host: url.hostname, port: Number(url.port || 22), username: decodeURIComponent(url.username) || undefined },
      endpoint: host,
    };
  }
  if (url.protocol !== 'tcp:') {
    throw new Error(`DOCKER_HOST=${host}: Portolan speaks to unix://, tcp:// and ssh:// engines.`);
  }
  const tls = Boolean(env.DOCKER_TLS_VERIFY) && env.DOCKER_TLS_VERIFY !== '0';
  const options: Docker.DockerOptions = { host: url.hostname, port: Number(url.port || (tls ? 2376 : 2375)), protocol: tls ? 'https' : 'http' };
  if (tls) {
    const certs = env.DOCKER_CERT_PATH || path.join(os.homedir(), '.docker');
    options.ca = fs.readFileSync(path.join(certs, 'ca.pem'));
    options.cert = fs.readFileSync(path.join(certs, 'cert.pem'));
    options.key = fs.readFileSync(path.join(certs, 'key.pem'));
  }
  return { options, endpoint: host };
}

/** The only code that talks to Docker. Everything it returns is already a lib type. */
export class Engine {
  readonly docker: Docker;
  readonly endpoint: string;

  constructor(env: EngineEnv = process.env) {
    const { options, endpoint } = connectionFrom(env);
    this.docker = new Docker(options);
    this.endpoint = endpoint;
  }

  async info(): Promise<EngineInfo> {
    const [info, version] = await Promise.all([this.docker.info() as Promise<RawInfo>, this.docker.version() as Promise<RawVersion>]);
    return toEngineInfo(info, version, this.endpoint);
  }

  async networks(): Promise<Network[]> {
    return (await this.docker.listNetworks()).map(toNetwork);
  }

  /** null when the network no longer exists. */
  async network(id: string): Promise<Network | null> {
    // GET /networks/ with no id answers the list of all networks, not one.
    if (!id) throw new Error('a network to inspect needs an id or a name');
    return orNullWhenGone(async () => toNetwork(await this.docker.getNetwork(id).inspect()));
  }

  /** The Engine's own inspect document, for people who want the raw JSON. */
  async inspectNetwork(ref: string): Promise<unknown> {
    return this.docker.getNetwork(ref).inspect();
  }

  async containerIds(): Promise<string[]> {
    return (await this.docker.listContainers({ all: true })).map((c) => c.Id);
  }

  /** null when the container no longer exists. */
  async container(id: string): Promise<Container | null> {
    return (await this.inspectContainer(id))?.container ?? null;
  }

  /** One inspect, read twice: the picture's container and what the security lens needs. */
  async inspectContainer(id: string): Promise<{ container: Container; security: ContainerSecurity } | null> {
    return orNullWhenGone(async () => {
      const raw = await this.docker.getContainer(id).inspect();
      return { container: toContainer(raw), security: toSecurity(raw) };
    });
  }

  /** Nodes, services and their current tasks: only a manager answers. */
  async swarm(): Promise<Swarm> {
    const [nodes, services, tasks] = await Promise.all([
      this.docker.listNodes() as Promise<RawNode[]>,
      this.docker.listServices() as Promise<RawService[]>,
      this.docker.listTasks() as Promise<RawTask[]>,
    ]);
    return toSwarm(nodes, services, tasks);
  }

  /** null when the node has left the swarm. */
  async swarmNode(id: string): Promise<SwarmNode | null> {
    if (!id) throw new Error('a swarm node to inspect needs an id');
    return orNullWhenGone(async () => toSwarmNode((await this.docker.getNode(id).inspect()) as RawNode));
  }

  /** One service and its current tasks, read together; null when the service is gone. */
  async service(id: string): Promise<{ service: Service; tasks: Task[] } | null> {
    if (!id) throw new Error('a service to inspect needs an id');
    return orNullWhenGone(async () => {
      const [raw, rawTasks] = await Promise.all([
        this.docker.getService(id).inspect() as Promise<RawService>,
        this.docker.listTasks({ filters: { service: [id] } }) as Promise<RawTask[]>,
      ]);
      // The filter also takes a name or an id prefix: keep exactly this service's tasks.
      const tasks = rawTasks
        .filter((t) => t.ServiceID === raw.ID)
        .map(toTask)
        .filter(isCurrentTask);
      return { service: toService(raw, tasks), tasks };
    });
  }

  /** One stream of the events the picture follows; the caller owns its lifetime. A manager adds its swarm's nodes and services. */
  async events(): Promise<Readable> {
    return (await this.docker.getEvents({ filters: { type: ['network', 'container', 'image', 'service', 'node'] } })) as unknown as Readable;
  }
}

async function orNullWhenGone<T>(inspect: () => Promise<T>): Promise<T | null> {
  try {
    return await inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}
