'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ACTIVITY_KEPT } from '../../lib/activity';
import type { ImageProgress } from '../../lib/imageProgress';
import { applyPatch } from '../../lib/patch';
import type { LessonView } from '../../lib/lessons/view';
import type { ClientToServer, ServerToClient } from '../../lib/realtime';
import type { Activity, EngineStatus, EngineSummary, TopologySnapshot } from '../../lib/topology';
import { currentEngine } from './engineParam';

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
  /** Every engine Portolan watches, with its status; the page shows one of them. */
  engines: EngineSummary[];
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
  });

  useEffect(() => {
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

    socket.on('connect', () => setState((s) => ({ ...s, feed: 'live' })));
    socket.on('disconnect', () => setState((s) => ({ ...s, feed: 'offline' })));
    socket.on('connect_error', () => setState((s) => ({ ...s, feed: 'offline' })));
    socket.on('topology:snapshot', adopt);
    socket.on('topology:patch', (patch) => {
      if (!current || resyncing) return resync();
      const result = applyPatch(current, patch);
      if (result.applied) adopt(result.snapshot);
      else if (result.reason !== 'stale') resync();
    });
    socket.on('engine:status', (status) => setState((s) => ({ ...s, engine: status })));
    socket.on('engines', (engines) => setState((s) => ({ ...s, engines })));
    socket.on('activity', (a) => setState((s) => ({ ...s, activity: [a, ...s.activity].slice(0, ACTIVITY_KEPT) })));
    // The server's history replaces this page's: every viewer, and this one after a reconnect, reads the same lines.
    socket.on('activity:recent', (recent) => setState((s) => ({ ...s, activity: recent, earlier: recent[0]?.id ?? null })));
    socket.on('lesson:progress', (lesson) => setState((s) => ({ ...s, lessons: { ...s.lessons, [lesson.id]: lesson } })));
    // Kept by id even before this page's own request answers: a fast failure can arrive first.
    socket.on('image:progress', (p) => setState((s) => ({ ...s, transfers: { ...s.transfers, [p.operation]: p } })));
    return () => {
      socket.disconnect();
    };
  }, []);

  return state;
}
