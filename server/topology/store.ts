import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { dequal } from 'dequal/lite';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { ACTIVITY_KEPT, describeEvent, HealthCheckExecs, type DockerEvent } from '../../lib/activity';
import { auditOf, type ContainerAudit, type ContainerSecurity } from '../../lib/audit';
import { diffKind, diffTopology, applyOps } from '../../lib/patch';
import {
  byName,
  emptyEngine,
  findByRef,
  type Container,
  type Network,
  type Activity,
  type EngineStatus,
  type PatchOp,
  type Service,
  type SwarmNode,
  type Task,
  type Topology,
  type TopologyKind,
  type TopologyPatch,
  type TopologySnapshot,
} from '../../lib/topology';
import type { Engine, Swarm } from '../engine/engine';
import { isUnreachable, unreachableHint } from '../engine/errors';
import { log as rootLog } from '../log';
import { eventLines } from './eventLines';
import { InspectQueue, type Delivery, type Job } from './inspectQueue';
import { RecentActivity } from './recentActivity';
import { MapLayouts, type LayoutChanges } from './sharedLayout';
import { gatewayOps } from '../../lib/gateways';
import { publishedBindings } from '../../lib/graph/elements';
import { containerNodeId } from '../../lib/graph/ids';
import { isSettled, ServiceFollowUp } from './serviceFollowUp';
import { ownContainerId } from '../ownContainer';

/** Container events that change nothing Portolan shows. */
const QUIET_CONTAINER_ACTIONS = /^(exec_|attach|detach|resize|top|export|commit|copy|archive-path|extract-to-dir|kill)/;

/**
 * Events about one container that arrive within this window cost one inspect
 * (`docker run` sends create, connect and start). A network's own events come
 * one at a time (create, destroy): they wait for nothing.
 */
const COALESCE_MS = 15;
/** Re-inspects in flight at once: a slow one (a container busy starting) holds up only its own object. */
const INSPECT_CONCURRENCY = 16;
/** Pauses before retrying a failed re-inspect; after the last, the store resyncs. */
const RETRY_MS = [100, 500, 2000];
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
/** After this long without an engine, "reconnecting" becomes "unreachable". */
const UNREACHABLE_AFTER_MS = 15_000;

type Work = 'inspect' | 'remove';
type Key = `${TopologyKind}:${string}`;
/** A service is read with its tasks: the Engine tells nothing of tasks on their own. */
type ServiceRead = { service: Service; tasks: Task[] };
type Inspected = Network | Container | SwarmNode | ServiceRead | null;

/** The label the Engine puts on a task's container, and repeats in that container's events. */
const SERVICE_LABEL = 'com.docker.swarm.service.id';
const NO_SWARM: Swarm = { nodes: [], services: [], tasks: [] };

export interface StoreEvents {
  patch: [TopologyPatch];
  snapshot: [TopologySnapshot];
  status: [EngineStatus];
  activity: [Activity];
  /** Every Engine event as it arrives, before any inspect: what the lessons read execs from. */
  event: [DockerEvent];
  /** The Engine events whose reads were just applied: how long each waited, from its arrival to the patch (ms). */
  applied: [number[]];
  /** Every container's audit, after a change that changed it: computed once, whatever the number of viewers. */
  audit: [AuditReport];
}

/** The audit at a revision of the picture: what `audit` announces and viewers are sent on connect. */
export interface AuditReport {
  revision: number;
  containers: ContainerAudit[];
}

/** What an action of Portolan's changed, by id or name: the store reads it again. */
export interface Changed {
  containers?: readonly string[];
  networks?: readonly string[];
}

/**
 * The one live picture of the Engine: a full sync, then one /events stream
 * whose events re-inspect only the objects they name. Every applied change
 * bumps the revision and is announced as a patch.
 */
export class TopologyStore extends EventEmitter<StoreEvents> {
  readonly epoch = randomUUID();
  private revision = 0;
  private topology: Topology;
  private engineStatus: EngineStatus;
  private readonly queue: InspectQueue<Key, Work, DockerEvent, Inspected>;
  private syncing = true;
  private resyncing: Promise<void> | null = null;
  private stopped = false;
  private stream: Readable | null = null;
  private wake: (() => void) | null = null;
  private activitySeq = 0;
  private readonly recent = new RecentActivity(ACTIVITY_KEPT);
  private lostSince: number | null = null;
  private securities = new Map<string, ContainerSecurity>();
  private readonly healthChecks = new HealthCheckExecs();
  private audits = new Map<string, ContainerAudit>();
  /** `audits` sorted by name, kept until an audit changes: every viewer and every GET reads the same list. */
  private auditList: ContainerAudit[] | null = [];
  /** An audit changed since the last `audit` announcement. */
  private auditChanged = false;
  /** Port mappings each container is set to publish, by graph node id: kept with its security inputs, read by the arrangement. */
  private plannedPorts = new Map<string, number>();
  private layouts: MapLayouts;
  private readonly followUp = new ServiceFollowUp((id) => this.queue.add(`service:${id}`, 'inspect'));
  /** The last full sync found a manager that could not list its swarm: the next swarm event reads it all again. */
  private swarmUnread = false;

  constructor(
    private readonly engine: Engine,
    private readonly log: Logger = rootLog,
  ) {
    super();
    this.topology = { engine: emptyEngine(engine.endpoint), networks: [], containers: [], nodes: [], services: [], tasks: [] };
    this.engineStatus = { status: 'reconnecting', endpoint: engine.endpoint, detail: 'Connecting to the Docker Engine…' };
    this.layouts = new MapLayouts(this.topology);
    this.queue = new InspectQueue({
      concurrency: INSPECT_CONCURRENCY,
      coalesceMs: (key) => (key.startsWith('container:') ? COALESCE_MS : 0),
      retryMs: RETRY_MS,
      inspect: (key, work) => this.inspect(key, work),
      deliver: (results) => this.deliver(results),
      failed: (job, err, retryInMs) => this.inspectFailed(job, err, retryInMs),
    });
    // Nothing is inspected before the first full sync.
    void this.queue.pause();
  }

  snapshot(): TopologySnapshot {
    return { epoch: this.epoch, revision: this.revision, topology: this.topology, ...this.layouts.current() };
  }

  /** The last activity lines, newest first: a viewer who arrives now sees what happened before it came. */
  recentActivity(): Activity[] {
    return this.recent.newestFirst();
  }

  /** Re-layout for every viewer: a new arrangement, announced as a patch that changes nothing else. */
  relayout(): TopologyPatch {
    const patch: TopologyPatch = {
      epoch: this.epoch,
      from: this.revision,
      to: this.revision + 1,
      ops: [],
      ...this.layouts.reset(this.topology, this.plannedPorts),
    };
    this.revision = patch.to;
    this.emit('patch', patch);
    return patch;
  }

  status(): EngineStatus {
    return this.engineStatus;
  }

  /** Connects and keeps the picture live until stop(); never throws. */
  start(): void {
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stream?.destroy();
    this.wake?.();
    this.followUp.stop();
    this.queue.stop();
    await this.resyncing;
  }

  /** Resolves once the store is connected and has applied everything the Engine has said so far. */
  async settled(): Promise<void> {
    while (!this.stopped && (this.syncing || !this.queue.idle())) await new Promise((r) => setTimeout(r, 10));
  }

  /**
   * Reads again what an action of Portolan's changed, and resolves once the
   * picture (and every viewer, through a patch) has it. The Engine sends no
   * event for some changes it makes: connecting a container that is not running.
   */
  refresh(changed: Changed): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const keys: Key[] = [
      ...(changed.containers ?? []).map((ref): Key => `container:${findByRef(this.topology.containers, ref)?.id ?? ref}`),
      ...(changed.networks ?? []).map((ref): Key => `network:${findByRef(this.topology.networks, ref)?.id ?? ref}`),
    ];
    return Promise.all(keys.map((key) => new Promise<void>((resolve) => this.queue.add(key, 'inspect', undefined, resolve)))).then(() => undefined);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        // Open the stream before listing, so nothing that happens during the sync is missed.
        const stream = await this.engine.events();
        this.stream = stream;
        const ended = new Promise<void>((resolve) => {
          stream.once('end', resolve);
          stream.once('close', resolve);
          stream.once('error', () => resolve());
        });
        this.syncing = true;
        void this.consume(stream);
        // A resync of the store's own may be under way: one sync at a time, or an older list could land last.
        await this.resyncing;
        this.syncing = true;
        await this.fullSync();
        this.syncing = false;
        attempt = 0;
        this.lostSince = null;
        this.setStatus({ status: 'connected', endpoint: this.engine.endpoint });
        this.queue.resume();
        await ended;
        if (this.stopped) return;
        this.lostSince = Date.now();
        this.log.warn({ endpoint: this.engine.endpoint }, 'engine event stream ended; reconnecting and resyncing');
        this.setStatus({
          status: 'reconnecting',
          endpoint: this.engine.endpoint,
          detail: 'The event stream from the Docker Engine ended; reconnecting.',
        });
      } catch (err) {
        this.stream?.destroy();
        if (this.stopped) return;
        this.lostSince ??= Date.now();
        const neverConnected = this.topology.engine.id === '';
        const longGone = Date.now() - this.lostSince > UNREACHABLE_AFTER_MS;
        const detail = isUnreachable(err) ? unreachableHint(this.engine.endpoint, err) : `The Docker Engine failed: ${(err as Error).message}`;
        this.log.warn({ err, endpoint: this.engine.endpoint, attempt }, 'engine connection failed; retrying');
        this.setStatus({ status: neverConnected || longGone ? 'unreachable' : 'reconnecting', endpoint: this.engine.endpoint, detail });
      }
      this.syncing = true;
      await this.queue.pause();
      await this.sleep(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)] ?? 4000);
    }
  }

  private async consume(stream: Readable): Promise<void> {
    try {
      for await (const event of eventLines<DockerEvent>(stream)) this.onEvent(event);
    } catch {
      // The stream's end is handled by run(): it resyncs the whole picture.
    }
  }

  private onEvent(event: DockerEvent): void {
    this.emit('event', event);
    const action = event.Action.split(':')[0] ?? '';
    let target: [Key, Work] | null = null;
    // An event that names no object ("network prune", "container prune") has nothing to inspect: an empty id
    // would ask the Engine for /networks/, its whole list, and put a network with no id in the picture.
    if (!event.Actor?.ID && !event.Actor?.Attributes?.container) {
      this.announce([event]);
      return;
    }
    if (event.Type === 'network') {
      if (action === 'connect' || action === 'disconnect') {
        const container = event.Actor.Attributes?.container;
        if (container) target = [`container:${container}`, 'inspect'];
      } else {
        // An overlay destroyed on this node (its last local task gone) may live on in the swarm: ask before removing it.
        const gone = action === 'destroy' && event.Actor.Attributes?.type !== 'overlay';
        target = [`network:${event.Actor.ID}`, gone ? 'remove' : 'inspect'];
      }
    } else if (event.Type === 'container' && !QUIET_CONTAINER_ACTIONS.test(action)) {
      target = [`container:${event.Actor.ID}`, action === 'destroy' ? 'remove' : 'inspect'];
      // A task's container on the manager's own node: its task changed too, and no swarm event will say so.
      // (A worker runs such containers too, but cannot answer for their service.)
      const service = event.Actor.Attributes?.[SERVICE_LABEL];
      if (service && (action === 'start' || action === 'die') && this.topology.engine.swarm.manager) this.follow(service);
    } else if (event.Type === 'service') {
      target = [`service:${event.Actor.ID}`, 'inspect'];
      this.followUp.start(event.Actor.ID);
    } else if (event.Type === 'node') {
      // The services on it are followed once its new state is in the picture (deliver): a read of them before
      // that would still count the node as down, not wait for its tasks, and call the service settled.
      target = [`node:${event.Actor.ID}`, action === 'remove' ? 'remove' : 'inspect'];
    }
    // Only a manager sends swarm events: an engine the picture holds for no manager has just become one,
    // and a manager that could not list its swarm at the last sync can now.
    if ((event.Type === 'service' || event.Type === 'node') && (!this.topology.engine.swarm.manager || this.swarmUnread)) this.resync();
    if (target) this.queue.add(target[0], target[1], event);
    else this.announce([event]);
  }

  /** Reads the service now and then until it settles. */
  private follow(serviceId: string): void {
    this.followUp.start(serviceId);
    this.queue.add(`service:${serviceId}`, 'inspect');
  }

  /** The services read again now and then until they settle (for tests and logs). */
  followedServices(): string[] {
    return this.followUp.followed();
  }

  /**
   * Another engine Portolan watches is a node of this manager's swarm, and a task's container started or died
   * there: the manager says nothing of it (it sends no task events), so read that service until it settles.
   */
  taskSeenOnNode(nodeId: string, serviceId: string): void {
    const { nodes, services } = this.topology;
    if (!nodes.some((n) => n.id === nodeId) || !services.some((s) => s.id === serviceId)) return;
    this.follow(serviceId);
  }

  /** The services whose tasks a change of this node may move: those with a task there, global ones, and any still unsettled. */
  private servicesTouchedBy(nodeId: string): string[] {
    const { services, tasks, nodes } = this.topology;
    const onNode = new Set(tasks.filter((t) => t.nodeId === nodeId).map((t) => t.serviceId));
    return services.filter((s) => onNode.has(s.id) || s.mode === 'global' || !isSettled(s, tasks, nodes)).map((s) => s.id);
  }

  private async inspect(key: Key, work: Work): Promise<Inspected> {
    if (work === 'remove') return null;
    const [kind, id] = splitKey(key);
    switch (kind) {
      case 'network':
        return this.engine.network(id);
      case 'node':
        return this.engine.swarmNode(id);
      case 'service':
        return this.engine.service(id);
      default:
        return this.inspectContainer(id);
    }
  }

  /** Results that came in together become one patch; then their events are told in words, against the picture that has them. */
  private deliver(results: Delivery<Key, Work, DockerEvent, Inspected>[]): void {
    const ops: PatchOp[] = [];
    const changed = new Map<string, Inspected>();
    // The last read of each service in this batch, applied after the loop: its tasks are diffed once.
    const services = new Map<string, ServiceRead | null>();
    let swarmChanged = false;
    const nodesMoved: string[] = [];
    for (const { job, result } of results) {
      const [kind, ref] = splitKey(job.key);
      if (kind === 'node' && job.events.some(movesTasks)) nodesMoved.push(ref);
      if (kind === 'service') {
        services.set(ref, result as ServiceRead | null);
        continue;
      }
      const object = result as Network | Container | SwarmNode | null;
      const id = object?.id ?? this.idOf(kind, ref);
      const current = changed.has(`${kind}:${id}`) ? changed.get(`${kind}:${id}`) : this.listOf(kind).find((o) => o.id === id);
      changed.set(`${kind}:${id}`, object);
      if (kind === 'network') swarmChanged ||= ingressCameOrWent(current as Network | null | undefined, object as Network | null);
      if (object === null) {
        if (kind === 'container') this.forget(id);
        if (current) ops.push({ op: 'remove', kind, id });
      } else if (!current || !dequal(current, object)) {
        ops.push({ op: 'upsert', kind, value: object } as PatchOp);
      }
    }
    for (const [id, read] of services) ops.push(...this.serviceOps(id, read));
    this.commit(ops);
    this.announceAudit();
    for (const service of new Set(nodesMoved.flatMap((id) => this.servicesTouchedBy(id)))) this.follow(service);
    for (const [id, read] of services) {
      if (read) this.followUp.observed(id, isSettled(read.service, this.topology.tasks, this.topology.nodes));
      else this.followUp.forget(id);
    }
    if (swarmChanged) this.resync();
    this.announce(results.flatMap(({ job }) => job.events));
    const now = performance.now();
    this.emit(
      'applied',
      results.flatMap(({ job }) => job.events.map(() => now - job.since)),
    );
    if (this.log.isLevelEnabled('debug')) {
      for (const { job } of results)
        this.log.debug(
          {
            key: job.key,
            events: job.events.length,
            waitedMs: Math.round((job.startedAt ?? now) - job.since),
            inspectMs: Math.round(now - (job.startedAt ?? now)),
          },
          're-inspected',
        );
    }
  }

  /** The full id a key names: an action of Portolan's may name a network or a container by name or short id. */
  private idOf(kind: TopologyKind, ref: string): string {
    if (kind === 'network') return findByRef(this.topology.networks, ref)?.id ?? ref;
    if (kind === 'container') return findByRef(this.topology.containers, ref)?.id ?? ref;
    return ref;
  }

  private listOf(kind: TopologyKind): readonly { id: string }[] {
    return kind === 'network' ? this.topology.networks : kind === 'node' ? this.topology.nodes : this.topology.containers;
  }

  /** A service as it is now and exactly its current tasks: the ones it no longer has are removed. */
  private serviceOps(id: string, read: ServiceRead | null): PatchOp[] {
    const service = this.topology.services.find((s) => s.id === id);
    const tasks = this.topology.tasks.filter((t) => t.serviceId === id);
    return [...diffKind('service', service ? [service] : [], read ? [read.service] : []), ...diffKind('task', tasks, read?.tasks ?? [])];
  }

  /** A failed re-inspect is retried with what was pending; once it keeps failing, the whole picture is read again. */
  private inspectFailed(job: Job<Key, Work, DockerEvent>, err: unknown, retryInMs: number | null): void {
    const line = { err, key: job.key, events: job.events.length, failures: job.failures };
    if (retryInMs !== null) {
      this.log.warn({ ...line, retryInMs }, 're-inspect failed; retrying');
      return;
    }
    this.log.error(line, 're-inspect keeps failing; resyncing the whole picture');
    this.announce(job.events);
    this.resync();
  }

  /** Reads the whole picture again while the event stream stays open. */
  private resync(): void {
    if (this.syncing || this.stopped) return;
    this.syncing = true;
    this.resyncing = this.queue
      .pause()
      .then(() => this.fullSync())
      .then(
        () => {
          this.syncing = false;
          this.queue.resume();
        },
        (err: unknown) => {
          // run() sees the stream end and reconnects, resyncing again.
          this.log.error({ err }, 'resync failed; reconnecting to the engine');
          this.stream?.destroy();
        },
      )
      .finally(() => {
        this.resyncing = null;
      });
  }

  private announce(events: readonly DockerEvent[]): void {
    for (const event of events) {
      if (this.healthChecks.isQuiet(event)) continue;
      const activity = describeEvent(event, this.topology, `${this.epoch}:${++this.activitySeq}`);
      this.recent.add(activity);
      this.emit('activity', activity);
    }
  }

  private async fullSync(): Promise<void> {
    const started = performance.now();
    await this.queue.pause();
    // Only a manager knows the swarm; any other engine is asked nothing more.
    const engineAndSwarm = this.engine.info().then(async (engine) => ({ engine, swarm: engine.swarm.manager ? await this.readSwarm() : NO_SWARM }));
    const [{ engine, swarm }, networks, ids] = await Promise.all([engineAndSwarm, this.engine.networks(), this.engine.containerIds()]);
    const containers = (await pLimit(INSPECT_CONCURRENCY).map(ids, (id) => this.inspectContainer(id))).filter((c) => c !== null);
    const present = new Set(containers.map((c) => c.id));
    for (const id of this.audits.keys()) if (!present.has(id)) this.forget(id);
    const fresh = applyOps({ engine, networks: [], containers: [], nodes: [], services: [], tasks: [] }, [
      ...networks.map((value): PatchOp => ({ op: 'upsert', kind: 'network', value })),
      ...containers.map((value): PatchOp => ({ op: 'upsert', kind: 'container', value })),
      ...swarm.nodes.map((value): PatchOp => ({ op: 'upsert', kind: 'node', value })),
      ...swarm.services.map((value): PatchOp => ({ op: 'upsert', kind: 'service', value })),
      ...swarm.tasks.map((value): PatchOp => ({ op: 'upsert', kind: 'task', value })),
    ]);
    // Events that came during the sync stay queued: the sync may have read their object before they happened.
    const engineChanged = !dequal(this.topology.engine, fresh.engine);
    const ops = diffTopology(this.topology, fresh);
    if (engineChanged) {
      this.topology = fresh;
      this.layouts = new MapLayouts(fresh);
      this.revision++;
      this.emit('snapshot', this.snapshot());
    } else {
      this.commit(ops);
    }
    this.announceAudit();
    // Services caught on their way somewhere are followed until they get there; the rest need nothing.
    this.followUp.stop();
    for (const service of this.topology.services) if (!isSettled(service, this.topology.tasks, this.topology.nodes)) this.follow(service.id);
    this.log.info(
      {
        revision: this.revision,
        networks: networks.length,
        containers: containers.length,
        ...(engine.swarm.manager ? { nodes: swarm.nodes.length, services: swarm.services.length, tasks: swarm.tasks.length } : {}),
        changes: ops.length,
        ms: Math.round(performance.now() - started),
      },
      'full sync',
    );
  }

  /**
   * The swarm as the manager sees it. A manager that cannot answer for its
   * swarm (no leader while a majority of managers is away) still shows its
   * own networks and containers: the swarm part stays empty until a swarm event says it can answer.
   */
  private async readSwarm(): Promise<Swarm> {
    try {
      const swarm = await this.engine.swarm();
      this.swarmUnread = false;
      return swarm;
    } catch (err) {
      if (isUnreachable(err)) throw err;
      this.swarmUnread = true;
      this.log.warn({ err }, 'the swarm manager did not list its nodes, services and tasks; the map shows this engine without them');
      return NO_SWARM;
    }
  }

  /** Every container's security findings, kept live with the picture. */
  audit(): ContainerAudit[] {
    this.auditList ??= [...this.audits.values()].sort(byName);
    return this.auditList;
  }

  /** The audit with the revision it belongs to. */
  auditReport(): AuditReport {
    return { revision: this.revision, containers: this.audit() };
  }

  /** Tells viewers the audit once per change that changed it, after the patch that shows that change. */
  private announceAudit(): void {
    if (!this.auditChanged) return;
    this.auditChanged = false;
    this.emit('audit', this.auditReport());
  }

  private auditsChanged(): void {
    this.auditList = null;
    this.auditChanged = true;
  }

  /**
   * Inspects one container for the picture and re-audits it, only when what
   * the audit reads has changed: an event costs one audit at most, of that container.
   */
  private async inspectContainer(id: string): Promise<Container | null> {
    const inspected = await this.engine.inspectContainer(id);
    if (!inspected) return null;
    this.healthChecks.check(inspected.container.id, inspected.healthCheck);
    if (!dequal(this.securities.get(inspected.container.id), inspected.security)) {
      this.securities.set(inspected.container.id, inspected.security);
      this.audits.set(inspected.container.id, auditOf(inspected.security, { self: inspected.container.id === ownContainerId() }));
      this.auditsChanged();
      const node = containerNodeId(inspected.container.id);
      const planned = publishedBindings(inspected.security.ports).length;
      if (planned) this.plannedPorts.set(node, planned);
      else this.plannedPorts.delete(node);
    }
    return inspected.container;
  }

  /** The shared arrangements after this change; a picture they cannot place is logged and the map keeps its last arrangement. */
  private followLayout(): LayoutChanges {
    try {
      return this.layouts.follow(this.topology, this.plannedPorts);
    } catch (err) {
      this.log.error({ err }, 'the shared map arrangement could not follow this change; keeping the last one');
      return {};
    }
  }

  private forget(id: string): void {
    this.securities.delete(id);
    this.healthChecks.forget(id);
    if (this.audits.delete(id)) this.auditsChanged();
    this.plannedPorts.delete(containerNodeId(id));
  }

  private commit(changes: PatchOp[]): void {
    if (changes.length === 0) return;
    let ops = changes;
    this.topology = applyOps(this.topology, ops);
    // A gateway the IPAM left out, read from the endpoints on that network, travels in the same patch.
    const gateways = gatewayOps(this.topology, ops);
    if (gateways.length) {
      ops = [...ops, ...gateways];
      this.topology = applyOps(this.topology, gateways);
    }
    const patch: TopologyPatch = { epoch: this.epoch, from: this.revision, to: this.revision + 1, ops, ...this.followLayout() };
    this.revision = patch.to;
    this.emit('patch', patch);
  }

  private setStatus(status: EngineStatus): void {
    if (dequal(status, this.engineStatus)) return;
    this.engineStatus = status;
    this.emit('status', status);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/** An ingress network that comes or goes is a swarm begun or left on this engine: `docker swarm init` or `leave`. */
function ingressCameOrWent(before: Network | null | undefined, after: Network | null): boolean {
  return Boolean(before) !== Boolean(after) && Boolean(before?.ingress || after?.ingress);
}

/** A node event that can move tasks: the node came, went, changed state or availability (drained, paused). */
function movesTasks(event: DockerEvent): boolean {
  const attrs = event.Actor.Attributes ?? {};
  return event.Action !== 'update' || 'state.new' in attrs || 'availability.new' in attrs;
}

function splitKey(key: Key): [TopologyKind, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i) as TopologyKind, key.slice(i + 1)];
}
