import { io, type Socket } from 'socket.io-client';
import type { ImageProgress } from '../../lib/imageProgress';
import { applyPatch } from '../../lib/patch';
import type { LessonView } from '../../lib/lessons/view';
import type { AuditPush, ClientToServer, ServerToClient } from '../../lib/realtime';
import { waitFor } from './docker';
import type { Activity, EngineStatus, EngineSummary, TopologyPatch, TopologySnapshot } from '../../lib/topology';

/** A socket.io viewer of Portolan that keeps its own copy of the picture, as the browser does. */
export class Feed {
  readonly socket: Socket<ServerToClient, ClientToServer>;
  snapshot: TopologySnapshot | null = null;
  readonly patches: TopologyPatch[] = [];
  readonly statuses: EngineStatus[] = [];
  readonly activity: Activity[] = [];
  /** What activity:recent said on connect: the lines before this viewer came, newest first. */
  recentActivity: Activity[] | null = null;
  /** Each lesson's latest progress, as lesson:progress delivered it. */
  readonly lessons = new Map<string, LessonView>();
  /** Every image:progress event, in the order it came. */
  readonly imageProgress: ImageProgress[] = [];
  resyncs = 0;
  /** The last `engines` list the server sent. */
  engines: EngineSummary[] | null = null;
  /** Every audit the server pushed, in the order it came: the first on connect. */
  readonly audits: AuditPush[] = [];
  /** Each engine's latest snapshot, when following several (`{ engines: 'all' }`), by engine name. */
  readonly snapshots = new Map<string, TopologySnapshot>();

  /** `query`: the handshake's, e.g. `{ engine: 'lab' }` or `{ engines: 'all' }`. */
  constructor(url: string, origin = url, query: Record<string, string> = {}) {
    this.socket = io(url, { transports: ['websocket'], extraHeaders: { Origin: origin }, reconnection: true, forceNew: true, query });
    this.socket.on('topology:snapshot', (s) => {
      this.snapshot = s;
      if (s.engine) this.snapshots.set(s.engine, s);
    });
    this.socket.on('engines', (list) => {
      this.engines = list;
    });
    this.socket.on('engine:status', (s) => this.statuses.push(s));
    this.socket.on('activity', (a) => this.activity.push(a));
    this.socket.on('activity:recent', (recent) => {
      this.recentActivity = recent;
    });
    this.socket.on('lesson:progress', (l) => void this.lessons.set(l.id, l));
    this.socket.on('image:progress', (p) => void this.imageProgress.push(p));
    this.socket.on('audit', (a) => void this.audits.push(a));
    this.socket.on('topology:patch', (p) => {
      this.patches.push(p);
      // Following several engines, each keeps its own picture; `snapshot` is the last engine's to send one.
      const own = p.engine ? this.snapshots.get(p.engine) : undefined;
      if (own) {
        const result = applyPatch(own, p);
        if (result.applied) this.snapshots.set(p.engine!, result.snapshot);
      }
      if (this.snapshot?.engine !== undefined && this.snapshot.engine !== p.engine) return;
      if (!this.snapshot) return;
      const result = applyPatch(this.snapshot, p);
      if (result.applied) this.snapshot = result.snapshot;
      else if (result.reason !== 'stale') void this.resync();
    });
  }

  async resync(): Promise<TopologySnapshot> {
    this.resyncs++;
    const snapshot = await this.socket.timeout(5000).emitWithAck('topology:resync');
    this.snapshot = snapshot;
    return snapshot;
  }

  /** Resolves when connected and holding a snapshot; rejects with the server's reason if refused. */
  ready(timeoutMs = 10_000): Promise<TopologySnapshot> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot from Portolan in time')), timeoutMs);
      const check = () => {
        if (this.snapshot) {
          clearTimeout(timer);
          resolve(this.snapshot);
        }
      };
      this.socket.on('topology:snapshot', check);
      this.socket.on('connect_error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      check();
    });
  }

  /** The events of one pull or push, once its last (done) one has come. */
  async imageOperation(operation: string, timeoutMs = 60_000): Promise<ImageProgress[]> {
    const events = () => this.imageProgress.filter((p) => p.operation === operation);
    await waitFor(`image operation ${operation} to end`, () => events().some((p) => p.done), timeoutMs, 50);
    return events();
  }

  close(): void {
    this.socket.disconnect();
  }
}
