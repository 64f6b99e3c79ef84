'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ACTIVITY_KEPT } from '../../lib/activity';
import type { ContainerAudit } from '../../lib/audit';
import type { ImageProgress } from '../../lib/imageProgress';
import { applyPatch } from '../../lib/patch';
import type { LessonView } from '../../lib/lessons/view';
import type { ClientToServer, ServerToClient } from '../../lib/realtime';
import type { Activity, EngineStatus, EngineSummary, TopologySnapshot } from '../../lib/topology';
import { currentEngine, showsAllEngines } from './engineParam';

export type FeedStatus = 'connecting' | 'live' | 'offline';

export interface LiveTopology {
  snapshot: TopologySnapshot | null;
  engine: EngineStatus | null;
  /** Whether this browser is connected to the Portolan server itself. */
  feed: FeedStatus;
  activity: Activity[];
  /** The newest line that happened before this page connected (null: none): the lines above it came live. */
  earlier: string | null;
  /** Each lesson's progress, the same for every viewer, by lesson id. */
  lessons: Record<string, LessonView>;
  /** Each pull and push seen since this page opened, by operation id: its latest progress. */
  transfers: Record<string, ImageProgress>;
  /** Every engine Portolan watches, with its status; the page shows one of them, or all (`?engines=all`). */
  engines: EngineSummary[];
  /** On the map of every engine: each engine's picture and status, by its name (empty otherwise). */
  pictures: Record<string, TopologySnapshot>;
  statuses: Record<string, EngineStatus>;
  /** The shown engine's audit as the server pushes it with each revision that changes it (null until the first push). */
  audit: ContainerAudit[] | null;
  /** On the map of every engine: each engine's audit, by its name. */
  audits: Record<string, ContainerAudit[]>;
}

/**
 * The browser's copy of the server's picture: a snapshot on connect, then
 * patches; a gap or a new server epoch asks for a fresh snapshot.
 */
export function useLiveTopology(): LiveTopology {
  const [state, setState] = useState<LiveTopology>({
    snapshot: null,
    engine: null,
    feed: 'connecting',
    activity: [],
    earlier: null,
    lessons: {},
    transfers: {},
    engines: [],
    pictures: {},
    statuses: {},
    audit: null,
    audits: {},
  });

  useEffect(() => (showsAllEngines() ? followEveryEngine(setState) : followOneEngine(setState)), []);

  return state;
}

type SetState = (update: (s: LiveTopology) => LiveTopology) => void;

/** What every page hears whatever it follows: the feed itself, the engines, lessons and pulls. */
function listenCommon(socket: Socket<ServerToClient, ClientToServer>, setState: SetState): void {
  socket.on('connect', () => setState((s) => ({ ...s, feed: 'live' })));
  socket.on('disconnect', () => setState((s) => ({ ...s, feed: 'offline' })));
  socket.on('connect_error', () => setState((s) => ({ ...s, feed: 'offline' })));
  socket.on('engines', (engines) => setState((s) => ({ ...s, engines })));
  socket.on('activity', (a) => setState((s) => ({ ...s, activity: [a, ...s.activity].slice(0, ACTIVITY_KEPT) })));
  socket.on('lesson:progress', (lesson) => setState((s) => ({ ...s, lessons: { ...s.lessons, [lesson.id]: lesson } })));
  // Kept by id even before this page's own request answers: a fast failure can arrive first.
  socket.on('image:progress', (p) => setState((s) => ({ ...s, transfers: { ...s.transfers, [p.operation]: p } })));
}

/**
 * The map of every engine: one feed carries each engine's snapshot, patches and status, named by the engine. Each
 * engine's patches apply to its own picture, and a gap in one engine's revisions asks that engine's picture again.
 */
function followEveryEngine(setState: SetState): () => void {
  const socket: Socket<ServerToClient, ClientToServer> = io({ transports: ['websocket'], query: { engines: 'all' } });
  const current = new Map<string, TopologySnapshot>();
  const resyncing = new Set<string>();
  const adopt = (engine: string, snapshot: TopologySnapshot) => {
    current.set(engine, snapshot);
    setState((s) => ({ ...s, pictures: { ...s.pictures, [engine]: snapshot } }));
  };
  const resync = (engine: string) => {
    if (resyncing.has(engine)) return;
    resyncing.add(engine);
    socket.emit('topology:resync', engine, (snapshot) => {
      resyncing.delete(engine);
      adopt(engine, snapshot);
    });
  };
  listenCommon(socket, setState);
  socket.on('topology:snapshot', (snapshot) => snapshot.engine && adopt(snapshot.engine, snapshot));
  socket.on('topology:patch', (patch) => {
    const engine = patch.engine;
    if (!engine) return;
    const picture = current.get(engine);
    if (!picture || resyncing.has(engine)) return resync(engine);
    const result = applyPatch(picture, patch);
    if (result.applied) adopt(engine, result.snapshot);
    else if (result.reason !== 'stale') resync(engine);
  });
  socket.on('engine:status', (status) => status.engine && setState((s) => ({ ...s, statuses: { ...s.statuses, [status.engine!]: status } })));
  socket.on('audit', ({ engine, containers }) => setState((s) => ({ ...s, audits: { ...s.audits, [engine]: containers } })));
  // Each engine sends its own history on connect: the page keeps one list, newest first.
  socket.on('activity:recent', (recent) =>
    setState((s) => {
      const merged = [...new Map([...s.activity, ...recent].map((a) => [`${a.engine ?? ''}:${a.id}`, a])).values()]
        .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
        .slice(0, ACTIVITY_KEPT);
      return { ...s, activity: merged, earlier: merged[0]?.id ?? null };
    }),
  );
  return () => {
    socket.disconnect();
  };
}

/** One engine's map: the first engine's, or the one the address names. */
function followOneEngine(setState: SetState): () => void {
  const engine = currentEngine();
  const socket: Socket<ServerToClient, ClientToServer> = io({ transports: ['websocket'], query: engine ? { engine } : {} });
  let current: TopologySnapshot | null = null;
  let resyncing = false;

  const adopt = (snapshot: TopologySnapshot) => {
    current = snapshot;
    setState((s) => ({ ...s, snapshot }));
  };
  const resync = () => {
    if (resyncing) return;
    resyncing = true;
    socket.emit('topology:resync', (snapshot) => {
      resyncing = false;
      adopt(snapshot);
    });
  };

  listenCommon(socket, setState);
  socket.on('topology:snapshot', adopt);
  socket.on('topology:patch', (patch) => {
    if (!current || resyncing) return resync();
    const result = applyPatch(current, patch);
    if (result.applied) adopt(result.snapshot);
    else if (result.reason !== 'stale') resync();
  });
  socket.on('engine:status', (status) => setState((s) => ({ ...s, engine: status })));
  socket.on('audit', ({ containers }) => setState((s) => ({ ...s, audit: containers })));
  // The server's history replaces this page's: every viewer, and this one after a reconnect, reads the same lines.
  socket.on('activity:recent', (recent) => setState((s) => ({ ...s, activity: recent, earlier: recent[0]?.id ?? null })));
  return () => {
    socket.disconnect();
  };
}
