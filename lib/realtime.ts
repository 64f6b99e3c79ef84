import type { ContainerAudit } from './audit';
import type { ImageProgress } from './imageProgress';
import type { LessonView } from './lessons/view';
import type { Activity, EngineStatus, EngineSummary, TopologyPatch, TopologySnapshot } from './topology';

/** The socket.io contract of DESIGN.md, shared by the server and every client. */
export interface ServerToClient {
  'topology:snapshot': (snapshot: TopologySnapshot) => void;
  'topology:patch': (patch: TopologyPatch) => void;
  'engine:status': (status: EngineStatus) => void;
  activity: (activity: Activity) => void;
  /** The last activity lines, newest first (at most ACTIVITY_KEPT), on connect: what happened before this viewer came. */
  'activity:recent': (recent: Activity[]) => void;
  /** A lesson's progress changed (and each lesson's on connect). */
  'lesson:progress': (lesson: LessonView) => void;
  /** A pull or push moved on, at most ten times a second per operation, and once more when it ends (and each running one's on connect). */
  'image:progress': (progress: ImageProgress) => void;
  /** Every engine Portolan watches, with its status: on connect and whenever one's status changes. */
  engines: (engines: EngineSummary[]) => void;
  /** Every container's audit (GET /api/audit's `containers`): on connect, and after each revision that changed it. */
  audit: (audit: AuditPush) => void;
}

/** The engine's audit as of `revision`, named by its engine like every other payload. */
export interface AuditPush {
  engine: string;
  revision: number;
  containers: ContainerAudit[];
}

export interface ClientToServer {
  /** A fresh snapshot of the engine followed (or of the one named, when following several). */
  'topology:resync': (engineOrAck: string | ((snapshot: TopologySnapshot) => void), ack?: (snapshot: TopologySnapshot) => void) => void;
}
