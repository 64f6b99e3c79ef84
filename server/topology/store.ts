import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { describeEvent, type DockerEvent } from '../../lib/activity';
import { auditOf, type ContainerAudit, type ContainerSecurity } from '../../lib/audit';
import { diffTopology, sameValue, applyOps } from '../../lib/patch';
import {
  byName,
  emptyEngine,
  type Container,
  type Activity,
  type EngineStatus,
  type PatchOp,
  type Topology,
  type TopologyKind,
  type TopologyPatch,
  type TopologySnapshot,
} from '../../lib/topology';
import type { Engine } from '../engine/engine';
import { isUnreachable, unreachableHint } from '../engine/errors';
import { eventLines } from './eventLines';
import { SharedLayout } from './sharedLayout';
import { publishedBindings } from '../../lib/graph/elements';
import { containerNodeId } from '../../lib/graph/ids';

/** Container events that change nothing Portolan shows. */
const QUIET_CONTAINER_ACTIONS = /^(exec_|attach|detach|resize|top|export|commit|copy|archive-path|extract-to-dir|kill)/;

/** Events about one object that arrive within this window cost one inspect. */
const COALESCE_MS = 15;
const INSPECT_CONCURRENCY = 8;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
/** After this long without an engine, "reconnecting" becomes "unreachable". */
const UNREACHABLE_AFTER_MS = 15_000;

type Work = 'inspect' | 'remove';
type Key = `${TopologyKind}:${string}`;

export interface StoreEvents {
  patch: [TopologyPatch];
  snapshot: [TopologySnapshot];
  status: [EngineStatus];
  activity: [Activity];
  /** Every Engine event as it arrives, before any inspect: what the lessons read execs from. */
  event: [DockerEvent];
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
  private pending = new Map<Key, Work>();
  private pendingEvents: DockerEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private syncing = true;
  private stopped = false;
  private stream: Readable | null = null;
  private wake: (() => void) | null = null;
  private activitySeq = 0;
  private lostSince: number | null = null;
  private securities = new Map<string, ContainerSecurity>();
  private audits = new Map<string, ContainerAudit>();
  /** Port mappings each container is set to publish, by graph node id: kept with its security inputs, read by the arrangement. */
  private plannedPorts = new Map<string, number>();
  private layout: SharedLayout;

  constructor(private readonly engine: Engine) {
    super();
    this.topology = { engine: emptyEngine(engine.endpoint), networks: [], containers: [] };
    this.engineStatus = { status: 'reconnecting', endpoint: engine.endpoint, detail: 'Connecting to the Docker Engine…' };
    this.layout = new SharedLayout(this.topology);
  }

  snapshot(): TopologySnapshot {
    return { epoch: this.epoch, revision: this.revision, topology: this.topology, layout: this.layout.current() };
  }

  /** Re-layout for every viewer: a new arrangement, announced as a patch that changes nothing else. */
  relayout(): TopologyPatch {
    const patch: TopologyPatch = {
      epoch: this.epoch,
      from: this.revision,
      to: this.revision + 1,
      ops: [],
      layout: this.layout.reset(this.topology, this.plannedPorts),
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
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flushing;
  }

  /** Resolves once the store is connected and has applied everything the Engine has said so far. */
  async settled(): Promise<void> {
    while (this.syncing || this.pending.size > 0 || this.flushing) {
      await (this.flushing ?? new Promise((r) => setTimeout(r, 10)));
    }
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
        await this.fullSync();
        this.syncing = false;
        attempt = 0;
        this.lostSince = null;
        this.setStatus({ status: 'connected', endpoint: this.engine.endpoint });
        this.scheduleFlush();
        await ended;
        if (this.stopped) return;
        this.lostSince = Date.now();
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
        this.setStatus({ status: neverConnected || longGone ? 'unreachable' : 'reconnecting', endpoint: this.engine.endpoint, detail });
      }
      this.syncing = true;
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
    this.pendingEvents.push(event);
    const action = event.Action.split(':')[0] ?? '';
    if (event.Type === 'network') {
      if (action === 'connect' || action === 'disconnect') {
        const container = event.Actor.Attributes?.container;
        if (container) this.pending.set(`container:${container}`, 'inspect');
      } else {
        this.pending.set(`network:${event.Actor.ID}`, action === 'destroy' ? 'remove' : 'inspect');
      }
    } else if (event.Type === 'container' && !QUIET_CONTAINER_ACTIONS.test(action)) {
      this.pending.set(`container:${event.Actor.ID}`, action === 'destroy' ? 'remove' : 'inspect');
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.flushing || this.syncing || this.stopped) return;
    if (this.pending.size === 0 && this.pendingEvents.length === 0) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        this.scheduleFlush();
      });
    }, COALESCE_MS);
  }

  /** Re-inspects what the pending events named and publishes the difference as one patch. */
  private async flush(): Promise<void> {
    const work = [...this.pending];
    const events = this.pendingEvents;
    this.pending = new Map();
    this.pendingEvents = [];
    const ops: PatchOp[] = [];
    try {
      await forEachLimited(work, INSPECT_CONCURRENCY, async ([key, what]) => {
        const [kind, id] = splitKey(key);
        const value = what === 'remove' ? null : kind === 'network' ? await this.engine.network(id) : await this.inspectContainer(id);
        const current = kind === 'network' ? this.topology.networks.find((n) => n.id === id) : this.topology.containers.find((c) => c.id === id);
        if (value === null) {
          if (kind === 'container') this.forget(id);
          if (current) ops.push({ op: 'remove', kind, id });
        } else if (!current || !sameValue(current, value)) {
          ops.push({ op: 'upsert', kind, value } as PatchOp);
        }
      });
    } catch {
      // The Engine went away mid-flush; its stream ends too and run() resyncs everything.
      return;
    }
    this.commit(ops);
    for (const event of events) this.emit('activity', describeEvent(event, this.topology, `${this.epoch}:${++this.activitySeq}`));
  }

  private async fullSync(): Promise<void> {
    const [engine, networks, ids] = await Promise.all([this.engine.info(), this.engine.networks(), this.engine.containerIds()]);
    const containers = (await mapLimited(ids, INSPECT_CONCURRENCY, (id) => this.inspectContainer(id))).filter((c) => c !== null);
    const present = new Set(containers.map((c) => c.id));
    for (const id of this.audits.keys()) if (!present.has(id)) this.forget(id);
    const fresh = applyOps({ engine, networks: [], containers: [] }, [
      ...networks.map((value): PatchOp => ({ op: 'upsert', kind: 'network', value })),
      ...containers.map((value): PatchOp => ({ op: 'upsert', kind: 'container', value })),
    ]);
    await this.flushing;
    // Events seen during the sync are already reflected; only later ones need inspecting.
    this.pending.clear();
    this.pendingEvents = [];
    const engineChanged = !sameValue(this.topology.engine, fresh.engine);
    const ops = diffTopology(this.topology, fresh);
    if (engineChanged) {
      this.topology = fresh;
      this.layout = new SharedLayout(fresh);
      this.revision++;
      this.emit('snapshot', this.snapshot());
    } else {
      this.commit(ops);
    }
  }

  /** Every container's security findings, kept live with the picture. */
  audit(): ContainerAudit[] {
    return [...this.audits.values()].sort(byName);
  }

  /**
   * Inspects one container for the picture and re-audits it, only when what
   * the audit reads has changed: an event costs one audit at most, of that container.
   */
  private async inspectContainer(id: string): Promise<Container | null> {
    const inspected = await this.engine.inspectContainer(id);
    if (!inspected) return null;
    if (!sameValue(this.securities.get(inspected.container.id), inspected.security)) {
      this.securities.set(inspected.container.id, inspected.security);
      this.audits.set(inspected.container.id, auditOf(inspected.security));
      const node = containerNodeId(inspected.container.id);
      const planned = publishedBindings(inspected.security.ports).length;
      if (planned) this.plannedPorts.set(node, planned);
      else this.plannedPorts.delete(node);
    }
    return inspected.container;
  }

  /** The shared arrangement after this change; a picture it cannot place is logged and the map keeps its last arrangement. */
  private followLayout() {
    try {
      return this.layout.follow(this.topology, this.plannedPorts);
    } catch (err) {
      console.error('portolan: the shared map arrangement could not follow this change; keeping the last one', err);
      return null;
    }
  }

  private forget(id: string): void {
    this.securities.delete(id);
    this.audits.delete(id);
    this.plannedPorts.delete(containerNodeId(id));
  }

  private commit(ops: PatchOp[]): void {
    if (ops.length === 0) return;
    this.topology = applyOps(this.topology, ops);
    const layout = this.followLayout();
    const patch: TopologyPatch = { epoch: this.epoch, from: this.revision, to: this.revision + 1, ops, ...(layout ? { layout } : {}) };
    this.revision = patch.to;
    this.emit('patch', patch);
  }

  private setStatus(status: EngineStatus): void {
    if (sameValue(status, this.engineStatus)) return;
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

function splitKey(key: Key): [TopologyKind, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i) as TopologyKind, key.slice(i + 1)];
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  await forEachLimited(
    items.map((item, i) => [item, i] as const),
    limit,
    async ([item, i]) => {
      out[i] = await fn(item);
    },
  );
  return out;
}
