import type http from 'node:http';
import https from 'node:https';
import { PassThrough, type Readable } from 'node:stream';
import Docker from 'dockerode';
import { ConfigError } from '../config';
import type { Container, EngineInfo, Network, Service, SwarmNode, Task } from '../../lib/topology';
import type { ContainerSecurity } from '../../lib/audit';
import { repositoryAndTag } from '../../lib/imageReference';
import type { EngineEnv } from './contexts';
import type { Connection } from './endpoint';
import { defaultEngine, type EngineSpec } from './engineSpecs';
import { toContainer, toEngineInfo, toNetwork, toHealthCheck, toSecurity, type RawInfo, type RawVersion } from './mapping';
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
  /** Private: every Engine request goes through a method here that says what it does (DESIGN.md: the one door). */
  private readonly docker: Docker;
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

  /** The Engine's own inspect document, for people who want the raw JSON and for the actions that read its IPAM. */
  async inspectNetwork(ref: string): Promise<Docker.NetworkInspectInfo> {
    return this.docker.getNetwork(ref).inspect();
  }

  async containerIds(): Promise<string[]> {
    return (await this.docker.listContainers({ all: true })).map((c) => c.Id);
  }

  /** null when the container no longer exists. */
  async container(id: string): Promise<Container | null> {
    return (await this.inspectContainer(id))?.container ?? null;
  }

  /** One inspect, read three times: the picture's container, what the security lens needs, and its health check's command. */
  async inspectContainer(id: string): Promise<{ container: Container; security: ContainerSecurity; healthCheck: string | null } | null> {
    return orNullWhenGone(async () => {
      const raw = await this.docker.getContainer(id).inspect();
      return { container: toContainer(raw), security: toSecurity(raw), healthCheck: toHealthCheck(raw) };
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

  /** Networks, in the Engine's own shape, and only those the filters name (`{ label: ['k=v'] }`). */
  async listNetworks(filters: Record<string, string[]>): Promise<Docker.NetworkInspectInfo[]> {
    return this.docker.listNetworks({ filters });
  }

  /** Every container, stopped ones included, in the Engine's summary shape; only those the filters name when given. */
  async listContainers(filters?: Record<string, string[]>): Promise<Docker.ContainerInfo[]> {
    return this.docker.listContainers({ all: true, ...(filters ? { filters } : {}) });
  }

  /** The Engine's own inspect document of a container: what the actions read to recreate or repair it. */
  async inspectContainerDocument(ref: string): Promise<Docker.ContainerInspectInfo> {
    return this.docker.getContainer(ref).inspect();
  }

  async createNetwork(options: Docker.NetworkCreateOptions): Promise<string> {
    return (await this.docker.createNetwork(options)).id;
  }

  async removeNetwork(ref: string): Promise<void> {
    await this.docker.getNetwork(ref).remove();
  }

  /** `docker network prune`: the names of the networks it removed. */
  async pruneNetworks(): Promise<string[]> {
    const result = (await this.docker.pruneNetworks()) as { NetworksDeleted?: string[] | null };
    return result.NetworksDeleted ?? [];
  }

  async connectNetwork(ref: string, container: string, endpoint: Docker.EndpointSettings = {}): Promise<void> {
    await this.docker.getNetwork(ref).connect({ Container: container, EndpointConfig: endpoint });
  }

  /** Without `force` the request carries no Force at all. */
  async disconnectNetwork(ref: string, container: string, force?: boolean): Promise<void> {
    await this.docker.getNetwork(ref).disconnect({ Container: container, ...(force === undefined ? {} : { Force: force }) });
  }

  /** Creates a container and answers its id; it does not start it. */
  async createContainer(options: Docker.ContainerCreateOptions): Promise<string> {
    return (await this.docker.createContainer(options)).id;
  }

  async startContainer(ref: string): Promise<void> {
    await this.docker.getContainer(ref).start();
  }

  /** `seconds`: how long the container has to stop before it is killed. */
  async stopContainer(ref: string, seconds: number): Promise<void> {
    await this.docker.getContainer(ref).stop({ t: seconds });
  }

  async restartContainer(ref: string, seconds: number): Promise<void> {
    await this.docker.getContainer(ref).restart({ t: seconds });
  }

  async renameContainer(ref: string, name: string): Promise<void> {
    await this.docker.getContainer(ref).rename({ name });
  }

  /** Removes it even when it runs (`docker rm -f`); `volumes` removes its anonymous volumes too (`-v`). */
  async removeContainer(ref: string, { volumes = false }: { volumes?: boolean } = {}): Promise<void> {
    await this.docker.getContainer(ref).remove({ force: true, ...(volumes ? { v: true } : {}) });
  }

  /**
   * Runs `cmd` in a running container, collecting stdout and stderr as one text, and answers its exit code.
   * After `timeoutMs` the output stream is closed and the answer says so; the command may still run.
   */
  async exec(ref: string, cmd: string[], timeoutMs: number): Promise<{ exitCode: number; output: string; timedOut: boolean }> {
    const exec = await this.docker.getContainer(ref).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    let output = '';
    let timedOut = false;
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    this.docker.modem.demuxStream(stream, sink, sink);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timedOut = true;
        stream.destroy();
        resolve();
      }, timeoutMs);
      stream.on('end', () => {
        clearTimeout(timer);
        resolve();
      });
      stream.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const { ExitCode } = await exec.inspect();
    return { exitCode: ExitCode ?? -1, output, timedOut };
  }

  /** The options a volume was created with (`-o type=none -o o=bind …`). */
  async volumeOptions(name: string): Promise<Record<string, string> | null | undefined> {
    return ((await this.docker.getVolume(name).inspect()) as { Options?: Record<string, string> | null }).Options;
  }

  /** Local images in the Engine's summary shape, dangling layers left out. */
  async listImages(): Promise<Docker.ImageInfo[]> {
    return this.docker.listImages({ all: false });
  }

  async inspectImage(ref: string): Promise<Docker.ImageInspectInfo> {
    return this.docker.getImage(ref).inspect();
  }

  /** `docker tag SOURCE REPOSITORY:TAG`. */
  async tagImage(source: string, repository: string, tag: string | undefined): Promise<void> {
    await this.docker.getImage(source).tag({ repo: repository, tag });
  }

  /** `docker rmi IMAGE`, never forced: the Engine's list of what it untagged and deleted. */
  async removeImage(image: string): Promise<{ Untagged?: string; Deleted?: string }[]> {
    return (await this.docker.getImage(image).remove({ force: false, noprune: false })) as { Untagged?: string; Deleted?: string }[];
  }

  /**
   * Pulls or pushes an image and calls `onLine` with each progress line the Engine streams; resolves when the
   * stream ends. Aborting `signal` ends the request, and with it the Engine's pull or push.
   */
  async transferImage(kind: 'pull' | 'push', image: string, signal: AbortSignal | undefined, onLine: (line: unknown) => void): Promise<void> {
    const stream = (await (kind === 'pull' ? this.docker.pull(image, { abortSignal: signal }) : this.pushRequest(image, signal))) as Readable;
    await new Promise<void>((resolve, reject) =>
      this.docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve()), onLine),
    );
  }

  private pushRequest(image: string, signal: AbortSignal | undefined) {
    const { repository, tag } = repositoryAndTag(image);
    // An empty X-Registry-Auth: Portolan sends no credentials, and 20.10 refuses a push without the header.
    return this.docker.getImage(repository).push({ tag, authconfig: {}, abortSignal: signal });
  }

  /** A swarm service's inspect document, with its spec's version: the one an update must name. */
  async inspectService(ref: string): Promise<unknown> {
    return this.docker.getService(ref).inspect();
  }

  async updateService(id: string, version: number, spec: Record<string, unknown>): Promise<void> {
    await this.docker.getService(id).update({ ...spec, version });
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
