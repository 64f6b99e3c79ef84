import type http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import { ConfigError } from '../config';
import type { Container, EngineInfo, Network, Service, SwarmNode, Task } from '../../lib/topology';
import type { ContainerSecurity } from '../../lib/audit';
import type { EngineEnv } from './contexts';
import type { Connection } from './endpoint';
import { defaultEngine, type EngineSpec } from './engineSpecs';
import { toContainer, toEngineInfo, toNetwork, toSecurity, type RawInfo, type RawVersion } from './mapping';
import { operationOf, outcomeOf, type EngineRequest } from './requests';
import { SshAgent } from './sshDial';
import { isCurrentTask, toService, toSwarm, toSwarmNode, toTask, type RawNode, type RawService, type RawTask } from './swarmMapping';

export type { EngineEnv } from './contexts';
export type UsableEngineSpec = Extract<EngineSpec, { connection: Connection }>;
/** docker-modem takes an http.Agent of the caller's; @types/dockerode does not list it. */
type DockerOptions = Docker.DockerOptions & { agent?: http.Agent };

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

/** Builds dockerode's options the way the docker CLI reads its environment; a setting it cannot use is a ConfigError. */
export function connectionFrom(env: EngineEnv): { options: DockerOptions; endpoint: string } {
  const spec = defaultEngine(env);
  if (spec.error !== undefined) throw new ConfigError(spec.error);
  return { options: dockerOptions(spec.connection), endpoint: spec.endpoint };
}

/**
 * dockerode's options for a connection. An ssh engine is reached through the
 * system's ssh, one child per HTTP connection (sshDial.ts), never through
 * docker-modem's own ssh client, which ignores ~/.ssh.
 */
export function dockerOptions(connection: Connection): DockerOptions {
  switch (connection.kind) {
    case 'unix':
      return { socketPath: connection.socketPath };
    case 'ssh':
      // The host name only names the agent's pool: every connection is an ssh child, whatever it says.
      return { protocol: 'http', host: 'docker', port: 80, agent: new SshAgent(connection) };
    case 'tcp': {
      const { host, port, tls } = connection;
      if (!tls) return { protocol: 'http', host, port };
      const material = { ...(tls.ca ? { ca: tls.ca } : {}), ...(tls.cert ? { cert: tls.cert } : {}), ...(tls.key ? { key: tls.key } : {}) };
      return { protocol: 'https', host, port, ...material, agent: new https.Agent({ ...material, rejectUnauthorized: tls.verify, keepAlive: true }) };
    }
  }
}

/** The only code that talks to Docker. Everything it returns is already a lib type. */
export class Engine {
  readonly docker: Docker;
  readonly endpoint: string;
  /** The engine's name in PORTOLAN_ENGINES, or its docker context's (`default` for DOCKER_HOST). */
  readonly name: string;
  /** What to put after `docker` to reach this engine: `--context NAME`, or `-H ENDPOINT` and its TLS files. */
  readonly dockerFlags: readonly string[];
  private readonly agent: http.Agent | undefined;
  private readonly requestListeners: ((request: EngineRequest) => void)[] = [];

  /** From the environment, as the docker CLI reads it, or from one engine spec that could be configured. */
  constructor(from: EngineEnv | UsableEngineSpec = process.env) {
    const spec = isSpec(from) ? from : defaultEngine(from);
    if (spec.error !== undefined) throw new ConfigError(spec.error);
    const options = dockerOptions(spec.connection);
    this.docker = new Docker(options);
    this.endpoint = spec.endpoint;
    this.name = spec.name;
    this.dockerFlags = spec.dockerFlags;
    this.agent = options.agent;
    // Every request dockerode makes goes through the modem's dial: each is told once it has its answer.
    const modem = this.docker.modem;
    const dial = modem.dial.bind(modem);
    modem.dial = (request, callback) =>
      dial(request, (err, data) => {
        if (this.requestListeners.length) {
          const told = { operation: operationOf(request.method ?? 'GET', request.path ?? ''), outcome: outcomeOf(err) };
          for (const listener of this.requestListeners) listener(told);
        }
        callback?.(err, data);
      });
  }

  /** Tells of each request made to the Engine once it has its answer (for metrics); a stream is told once, when it opens. */
  onRequest(listener: (request: EngineRequest) => void): void {
    this.requestListeners.push(listener);
  }

  /** Ends the connections held open for the next request (for ssh: the ssh children). */
  close(): void {
    this.agent?.destroy();
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

function isSpec(from: EngineEnv | UsableEngineSpec): from is UsableEngineSpec {
  // Environment values are strings; a spec's connection is an object.
  return typeof (from as { connection?: unknown }).connection === 'object';
}

async function orNullWhenGone<T>(inspect: () => Promise<T>): Promise<T | null> {
  try {
    return await inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}
